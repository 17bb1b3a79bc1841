#include "cli/repository_paths.h"

#include "cli/git.h"

namespace patless {
namespace {

namespace fs = std::filesystem;

// A reported path below the working directory: the usual case, placed without
// a file system call.
bool below_working_directory(const std::string& path) {
  return !path.empty() && path[0] != '/' && path.rfind("../", 0) != 0 && path != "..";
}

// "a/b" for a path below `base`; nothing for `base` itself or what is outside it.
std::optional<std::string> inside(const fs::path& path, const fs::path& base) {
  std::string below = path.lexically_relative(base).generic_string();
  if (below.empty() || below == "." || below == ".." || below.starts_with("../")) return std::nullopt;
  return below;
}

}  // namespace

RepositoryPaths::RepositoryPaths(const std::string& working_directory, const std::string& repository_root)
    : cwd_(working_directory), base_(repository_root.empty() ? working_directory : repository_root) {
  if (auto below = inside(cwd_, base_)) prefix_ = *below + "/";
  root_ = base_.string();
  if (root_.empty() || root_.back() != '/') root_ += '/';
}

RepositoryPaths RepositoryPaths::here() {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  return RepositoryPaths(cwd.string(), git_top_level_of_directory(cwd));
}

std::optional<std::string> RepositoryPaths::below_root(const std::string& path) const {
  if (below_working_directory(path)) return prefix_ + path;
  return inside(fs::path(absolute(path)), base_);
}

std::string RepositoryPaths::absolute(const std::string& path) const {
  return (cwd_ / path).lexically_normal().string();
}

}  // namespace patless
