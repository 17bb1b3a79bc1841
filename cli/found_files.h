// What discovery (cli/discover.h) found, as each file's directory prefix
// (shared by the files in it) and name, until they are sorted into a PathList:
// a repository's paths as strings would take 110 bytes each.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cli/path_list.h"

namespace patless {

class FoundFiles {
 public:
  // A directory's prefix ("" or "dir/"), for the files added after it.
  void directory(std::string prefix);
  // A file of the last directory given: its path is that prefix and `name`.
  void add(std::string_view name);
  // Takes what `other` found; files added after are still of this one's last directory.
  void take(FoundFiles&& other);
  // Sorted (as strings sort), each once.
  PathList sorted();

 private:
  struct File {
    uint32_t directory, name_at, name_size;
  };
  std::string_view name(const File& f) const { return std::string_view(names_).substr(f.name_at, f.name_size); }
  std::vector<std::string> prefixes_;
  std::string names_;
  std::vector<File> files_;
  uint32_t directory_ = 0;
};

}  // namespace patless
