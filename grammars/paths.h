// Path spelling shared by the scan, the deployments graph and kustomize
// linking: documents are keyed by their lexically normal path, so that
// "a/./b/../c.bicep" and "a/c.bicep" are the same file without touching disk.
#pragma once

#include <filesystem>
#include <string>

namespace patless {

inline std::string normal_path(const std::filesystem::path& p) { return p.lexically_normal().string(); }

// A path written inside `file` (a module, a linked template, a kustomize
// resource), relative to the file's directory, normalised.
inline std::string beside(const std::filesystem::path& file, const std::filesystem::path& relative) {
  return normal_path(file.parent_path() / relative);
}

}  // namespace patless
