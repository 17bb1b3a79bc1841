// Reports streamed into a file are written whole or not at all (cli/atomic_write.h).
#include "cli/atomic_write.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

fs::path fresh_dir() {
  fs::path dir = fs::temp_directory_path() / ("patless-atomic-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return (std::stringstream() << in.rdbuf()).str();
}

// 200 KB, more than the stream's buffer several times over.
void write_lines(std::ostream& out) {
  for (int i = 0; i < 10000; ++i) out << "line " << i << " of a long report\n";
}

}  // namespace

TEST_CASE("a report streamed into a file is the same as one written from memory", "[cli]") {
  const fs::path dir = fresh_dir();
  std::ostringstream expected;
  write_lines(expected);
  std::string error;
  REQUIRE(patless::write_file_atomically((dir / "streamed.txt").string(), write_lines, error));
  CHECK(error.empty());
  CHECK(read_all(dir / "streamed.txt") == expected.str());
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // no temporary file left
  fs::remove_all(dir);
}

TEST_CASE("a report whose stream fails half-way leaves the old file and no temporary one", "[cli]") {
  const fs::path dir = fresh_dir();
  { std::ofstream(dir / "report.txt") << "old"; }
  // Files may grow to 50 KB: the 64 KB buffer's first write fails (EFBIG, the signal ignored).
  rlimit before{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &before) == 0);
  auto old_handler = ::signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 50 * 1024;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  std::string error;
  const bool written = patless::write_file_atomically((dir / "report.txt").string(), write_lines, error);
  ::setrlimit(RLIMIT_FSIZE, &before);
  ::signal(SIGXFSZ, old_handler);
  CHECK_FALSE(written);
  CHECK(error.find("cannot write " + (dir / "report.txt").string() + ": File too large") == 0);
  CHECK(read_all(dir / "report.txt") == "old");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}
