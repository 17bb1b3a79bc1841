// Where a reported file is in its repository. The reports name files as the
// user typed them, relative to the working directory; CI systems place a
// report's files from the repository's top level (GitHub's annotations and
// code scanning, Azure DevOps), wherever in the repository patless ran.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace patless {

class RepositoryPaths {
 public:
  // `repository_root` empty (outside a repository): the working directory stands for it.
  RepositoryPaths(const std::string& working_directory, const std::string& repository_root);

  // The current directory and the git repository around it.
  static RepositoryPaths here();

  // `path` relative to the root, '/'-separated, without "./"; nothing when the
  // file is outside the root.
  std::optional<std::string> below_root(const std::string& path) const;

  // `path` absolute, normalised.
  std::string absolute(const std::string& path) const;

  const std::string& root() const { return root_; }  // absolute, ending in '/'

 private:
  std::filesystem::path cwd_, base_;
  std::string prefix_;  // the working directory below the root ("infra/"), or empty
  std::string root_;
};

}  // namespace patless
