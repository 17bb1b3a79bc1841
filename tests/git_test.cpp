// git_top_level() finds the repository a file is in as git does, from the file
// system alone; shell_quoted() makes one shell word of any text.
#include "cli/git.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>

namespace fs = std::filesystem;

TEST_CASE("git_top_level is the nearest directory above a file with a .git git would stop at", "[git]") {
  fs::path top =
      fs::temp_directory_path() / ("patless-git-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  top = fs::weakly_canonical(top);
  fs::create_directories(top / "repo/.git");
  std::ofstream(top / "repo/.git/HEAD") << "ref: refs/heads/main\n";
  fs::create_directories(top / "repo/infra/modules");
  CHECK(patless::git_top_level(top / "repo/infra/modules/id.bicep") == (top / "repo").string());
  CHECK(patless::git_top_level(top / "repo/main.bicep") == (top / "repo").string());
  // A worktree or a submodule: .git is a file naming the repository's directory.
  fs::create_directories(top / "repo/vendor/sub");
  std::ofstream(top / "repo/vendor/sub/.git") << "gitdir: ../../.git/modules/sub\n";
  CHECK(patless::git_top_level(top / "repo/vendor/sub/x.yaml") == (top / "repo/vendor/sub").string());
  // Neither: a directory named .git without HEAD, a file of other text.
  fs::create_directories(top / "repo/build/.git");
  std::ofstream(top / "repo/infra/.git") << "not a repository\n";
  CHECK(patless::git_top_level(top / "repo/build/a.json") == (top / "repo").string());
  CHECK(patless::git_top_level(top / "repo/infra/a.json") == (top / "repo").string());
  // Relative names, and symbolic links resolved, as `git rev-parse --show-toplevel` gives it.
  fs::create_directory_symlink(top / "repo", top / "link");
  CHECK(patless::git_top_level(top / "link/infra/a.bicep") == (top / "repo").string());
  // Outside a repository: the walk ends at the root (empty, unless a directory
  // above the temporary one is a repository).
  fs::create_directories(top / "none");
  CHECK(patless::git_top_level(top / "none/a.bicep").find(top.string()) == std::string::npos);
  fs::remove_all(top);
}

TEST_CASE("shell_quoted makes one word of any text", "[git]") {
  CHECK(patless::shell_quoted("/usr/bin/patless") == "'/usr/bin/patless'");
  CHECK(patless::shell_quoted("/home/o'brien/bin/patless") == "'/home/o'\\''brien/bin/patless'");
  CHECK(patless::shell_quoted("") == "''");
}
