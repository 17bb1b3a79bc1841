// Path spelling shared by the scan, the deployments graph and kustomize
// linking: documents are keyed by their lexically normal path, so that
// "a/./b/../c.bicep" and "a/c.bicep" are the same file without touching disk.
#pragma once

#include <filesystem>
#include <string>

namespace patless {

inline std::string normal_path(const std::filesystem::path& p) { return p.lexically_normal().string(); }

}  // namespace patless
