#include "cli/git.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

extern char** environ;

namespace patless {

namespace fs = std::filesystem;

std::optional<std::string> git_output(const fs::path& dir, const std::vector<std::string>& args) {
  std::vector<std::string> words = {"git", "-C", dir.string()};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  int spawned = ::posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  std::string out;
  if (spawned == 0) {
    char buffer[4096];
    for (;;) {
      ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      out.append(buffer, static_cast<size_t>(n));
    }
  }
  ::close(pipe_fds[0]);
  if (spawned != 0) return std::nullopt;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  if (!out.empty() && out.back() == '\n') out.pop_back();
  if (!out.empty() && out.back() == '\r') out.pop_back();
  return out;
}

namespace {

// A `.git` git would stop at: a repository's directory (it holds HEAD), or the
// `gitdir: ...` file of a worktree or submodule.
bool is_git_entry(const fs::path& dot_git) {
  std::error_code ec;
  if (fs::is_directory(dot_git, ec)) return fs::exists(dot_git / "HEAD", ec);
  if (!fs::is_regular_file(dot_git, ec)) return false;
  std::ifstream in(dot_git);
  std::string head(7, '\0');
  in.read(head.data(), 7);
  return in && head == "gitdir:";
}

}  // namespace

std::string git_top_level(const fs::path& file) {
  std::error_code ec;
  fs::path absolute = fs::absolute(file, ec);
  return ec ? "" : git_top_level_of_directory(absolute.parent_path());
}

std::string git_top_level_of_directory(const fs::path& directory) {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(fs::absolute(directory, ec), ec);
  if (ec) return "";
  for (;;) {
    if (is_git_entry(dir / ".git")) return dir.string();
    if (!dir.has_relative_path()) return "";
    dir = dir.parent_path();
  }
}

std::string shell_quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace patless
