// The pre-commit selection's cache (cli/selection_cache.h): what it keeps is
// found again only under the stamp it was kept with, and a cache that is not
// intact, of another version or of another working directory is not read.
#include "cli/selection_cache.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/read_text.h"

namespace fs = std::filesystem;

namespace {

constexpr int64_t kNow = 1'800'000'000'000'000'000;  // 2027: later than any stamp below

fs::path temp_dir() {
  fs::path p =
      fs::temp_directory_path() / ("patless-cache-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  fs::create_directories(p);
  return p;
}

patless::FileStamp stamp(uint64_t inode, int64_t modified) {
  patless::FileStamp s;
  s.device = 2049;
  s.inode = inode;
  s.size = 1234;
  s.modified_ns = modified;
  s.changed_ns = modified + 5;
  return s;
}

patless::SelectionFacts facts(std::vector<std::string> targets, bool cluster) {
  patless::SelectionFacts f;
  f.cluster = cluster;
  f.client_id = !cluster;
  f.targets = std::move(targets);
  return f;
}

}  // namespace

TEST_CASE("the selection cache finds what it kept under the stamp it kept it with", "[cache]") {
  fs::path dir = temp_dir() / "cache";
  std::string error;
  {
    patless::SelectionCache cache = patless::SelectionCache::load(dir.string(), "/repo", kNow);
    CHECK(cache.size() == 0);
    cache.put("infra/main.bicep", stamp(1, 1000), facts({"infra/aks.bicep", "infra/flux.bicep"}, false));
    cache.put("infra/aks.bicep", stamp(2, 2000), facts({}, true));
    cache.put("infra/\n odd name\xC3\xA9.bicep", stamp(3, 3000), facts({"a"}, false));
    // Changed less than kRacySeconds before the run: not kept.
    cache.put("infra/new.bicep", stamp(4, kNow - 1'000'000'000), facts({}, true));
    REQUIRE(cache.save(error));
  }
  CHECK(read_text(dir / ".gitignore") == "# Made by patless: its cache.\n*\n");
  CHECK(read_text(dir / "CACHEDIR.TAG").rfind("Signature: 8a477f597d28d172789f06886806bc55\n", 0) == 0);
  patless::SelectionCache cache = patless::SelectionCache::load(dir.string(), "/repo", kNow);
  CHECK(cache.size() == 3);
  const patless::SelectionFacts* main = cache.find("infra/main.bicep", stamp(1, 1000));
  REQUIRE(main);
  CHECK(*main == facts({"infra/aks.bicep", "infra/flux.bicep"}, false));
  REQUIRE(cache.find("infra/aks.bicep", stamp(2, 2000)));
  CHECK(cache.find("infra/aks.bicep", stamp(2, 2000))->cluster);
  CHECK(cache.find("infra/\n odd name\xC3\xA9.bicep", stamp(3, 3000)));
  CHECK_FALSE(cache.find("infra/new.bicep", stamp(4, kNow - 1'000'000'000)));
  // Any part of the stamp changed: not found.
  for (auto change : std::vector<void (*)(patless::FileStamp&)>{
           [](patless::FileStamp& s) { ++s.device; }, [](patless::FileStamp& s) { ++s.inode; },
           [](patless::FileStamp& s) { ++s.size; }, [](patless::FileStamp& s) { ++s.modified_ns; },
           [](patless::FileStamp& s) { ++s.changed_ns; }}) {
    patless::FileStamp s = stamp(1, 1000);
    change(s);
    CHECK_FALSE(cache.find("infra/main.bicep", s));
  }
  CHECK_FALSE(cache.find("infra/other.bicep", stamp(1, 1000)));
  // Files no longer listed leave it.
  cache.keep_only({"infra/aks.bicep"});
  CHECK(cache.size() == 1);
  // Another working directory's paths mean other files.
  CHECK(patless::SelectionCache::load(dir.string(), "/elsewhere", kNow).size() == 0);
  // The .gitignore is put back when the cache is written again without it.
  fs::remove(dir / ".gitignore");
  cache.put("infra/other.bicep", stamp(5, 5000), facts({}, true));
  REQUIRE(cache.save(error));
  CHECK(read_text(dir / ".gitignore") == "# Made by patless: its cache.\n*\n");
  fs::remove_all(dir.parent_path());
}

TEST_CASE("a selection cache cut short or changed is not read, and is written again", "[cache]") {
  fs::path dir = temp_dir();
  std::string error;
  patless::SelectionCache cache = patless::SelectionCache::load(dir.string(), "/repo", kNow);
  cache.put("a.bicep", stamp(1, 1000), facts({"b.bicep", "c.json"}, false));
  cache.put("b.bicep", stamp(2, 1000), facts({}, true));
  const std::string bytes = cache.serialized();
  const fs::path file = dir / patless::SelectionCache::kFileName;
  auto loaded_from = [&](const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
    return patless::SelectionCache::load(dir.string(), "/repo", kNow);
  };
  REQUIRE(loaded_from(bytes).size() == 2);
  // Every length short of the whole, and every byte changed.
  for (size_t n = 0; n < bytes.size(); ++n) {
    INFO("first " << n << " bytes");
    CHECK(loaded_from(bytes.substr(0, n)).size() == 0);
  }
  for (size_t at = 0; at < bytes.size(); ++at) {
    INFO("byte " << at << " changed");
    std::string changed = bytes;
    changed[at] = static_cast<char>(changed[at] ^ 0x5A);
    CHECK(loaded_from(changed).size() == 0);
  }
  // What was not read is written again, though nothing was put in it: an
  // intact empty cache.
  patless::SelectionCache broken = loaded_from(bytes.substr(0, bytes.size() / 2));
  REQUIRE(broken.save(error));
  CHECK(read_text(file) == patless::SelectionCache::load((dir / "none").string(), "/repo", kNow).serialized());
  fs::remove_all(dir);
}
