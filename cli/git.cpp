#include "cli/git.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <string_view>

extern char** environ;

namespace patless {

namespace fs = std::filesystem;

namespace {

// The environment without what points git at one repository. git sets GIT_DIR
// and GIT_INDEX_FILE for the hooks it runs in a worktree; with them, git asked
// from infra/ calls infra/ the top level, and a pre-commit run there read only
// infra/ around the staged file. The repository is the one `dir` is in.
std::vector<char*> environment_without_repository() {
  static constexpr std::string_view kRepositoryVariables[] = {"GIT_DIR=",
                                                              "GIT_WORK_TREE=",
                                                              "GIT_INDEX_FILE=",
                                                              "GIT_COMMON_DIR=",
                                                              "GIT_OBJECT_DIRECTORY=",
                                                              "GIT_PREFIX=",
                                                              "GIT_ALTERNATE_OBJECT_DIRECTORIES="};
  std::vector<char*> out;
  for (char** e = environ; *e; ++e) {
    std::string_view entry = *e;
    bool drop = false;
    for (std::string_view v : kRepositoryVariables) drop = drop || entry.starts_with(v);
    if (!drop) out.push_back(*e);
  }
  out.push_back(nullptr);
  return out;
}

}  // namespace

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
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  std::vector<char*> environment = environment_without_repository();
  int spawned = ::posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environment.data());
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

std::string git_top_level(const fs::path& file) {
  std::error_code ec;
  fs::path dir = fs::absolute(file, ec).parent_path();
  return git_output(dir, {"rev-parse", "--show-toplevel"}).value_or("");
}

std::string shell_quoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace patless
