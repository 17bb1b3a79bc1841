// Discovery (cli/discover.h) on several threads: the same files and reasons as
// on one, and no more directories open than the tree is deep.
#include "cli/discover.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

bool same(const patless::Discovery& a, const patless::Discovery& b) {
  return a.files == b.files && a.skipped == b.skipped && a.missing == b.missing;
}

}  // namespace

TEST_CASE("discovery on several threads finds what it finds on one", "[discover]") {
  const std::string testdata = std::string(PATLESS_SOURCE_DIR) + "/testdata";
  patless::Discovery one = patless::discover({testdata}, 1);
  REQUIRE(one.files.size() > 300);
  for (unsigned threads : {2u, 3u, 8u}) {
    INFO(threads << " threads");
    CHECK(same(patless::discover({testdata}, threads), one));
  }
}

TEST_CASE("a wide tree is walked with a directory open per level, not per directory found", "[discover][hostile]") {
  std::string name = "patless-wide-";  // appended: GCC 12 warns of "literal" + to_string() (its bug 105651)
  name += std::to_string(::getpid());
  name += '-';
  name += std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
  fs::path dir = fs::temp_directory_path() / name;
  for (int i = 0; i < 1500; ++i) {
    fs::path leaf = dir / std::to_string(i) / "e" / "f";
    fs::create_directories(leaf);
    std::ofstream(leaf / "main.bicep") << "param x string\n";
  }
  // 1,500 directories wait in the first one at once; 40 descriptors are enough
  // when only the directories they wait in stay open.
  struct rlimit before {};
  REQUIRE(::getrlimit(RLIMIT_NOFILE, &before) == 0);
  struct rlimit low = before;
  low.rlim_cur = 40;
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &low) == 0);
  patless::Discovery wide = patless::discover({dir.string()}, 4);
  REQUIRE(::setrlimit(RLIMIT_NOFILE, &before) == 0);
  CHECK(wide.files.size() == 1500);
  CHECK(wide.skipped.empty());
  CHECK(same(wide, patless::discover({dir.string()}, 1)));
  fs::remove_all(dir);
}

TEST_CASE("discovery lists paths as strings sort, each once, across directories and roots", "[discover]") {
  std::string name = "patless-order-";
  name += std::to_string(::getpid());
  const fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  // '-' < '.' < '/': a directory's files sort among the files of the directories beside them.
  const std::vector<std::string> relative = {"a/b.yaml",        "a/b/c.yaml", "a/c.yaml",     "a/b-x/d.yaml",
                                             "a/\xc3\xa9.yaml", "A.yaml",     "a/b/c/z.json", "main.bicep"};
  for (const std::string& r : relative) {
    fs::create_directories((dir / r).parent_path());
    std::ofstream(dir / r) << "x: 1\n";
  }
  const std::string root = dir.string();
  // The root, a directory inside it and a file inside that again: each file once.
  const patless::Discovery found = patless::discover({root, root + "/a/b", root + "/a/b/c.yaml"}, 2);
  std::vector<std::string> expected;
  for (const std::string& r : relative) expected.push_back(root + "/" + r);
  std::sort(expected.begin(), expected.end());
  CHECK(found.files.strings() == expected);
  CHECK(found.skipped.empty());
  fs::remove_all(dir);
}
