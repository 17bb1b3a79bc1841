// `patless check FILE...` and `patless graph FILE...` inside a repository (a
// pre-commit run): the files named, with the repository around them read as
// context, and their places written as the user wrote the files.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/scan.h"

namespace patless {

class NamedFiles {
 public:
  // Points `scan` at the repository around `paths` (`root`, or their git top
  // level) with them as its focus. Nothing when no path is given, one is not a
  // regular file, or no repository is found: the paths are scanned as they are.
  static std::optional<NamedFiles> focus(const std::vector<std::string>& paths, const std::string& root,
                                         ScanOptions& scan);

  // The scan's `path` as the user named it, or null when it is not a file named.
  const std::string* as_named(const std::string& path) const;
  bool named(const std::string& path) const { return as_named(path) != nullptr; }
  // The scan's `path` (spelled from the repository's root) as the user writes
  // it: a named file as named; another from the current directory, or absolute
  // when the files were named so.
  std::string display(const std::string& path) const;
  const std::filesystem::path& root() const { return root_; }
  size_t size() const { return spelled_.size(); }
  // The files named outside root(), as named: not in the scan. Read together,
  // two repositories would mix their clusters and identities.
  const std::vector<std::string>& outside() const { return outside_; }

 private:
  std::filesystem::path root_;
  std::map<std::string, std::string> spelled_;  // canonical path → as the user wrote it
  std::filesystem::path cwd_;                   // canonical
  bool absolute_ = false;
  std::vector<std::string> outside_;
};

}  // namespace patless
