// Path spelling shared by the scan, the deployments graph and kustomize
// linking: documents are keyed by their lexically normal path, so that
// "a/./b/../c.bicep" and "a/c.bicep" are the same file without touching disk.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace patless {

// No ".", ".." or empty segment and no trailing '/': how discover() spells every
// path it finds. Such a path is its own normal form.
inline bool looks_normal(std::string_view s) {
  if (s.empty() || s.back() == '/') return false;
  for (size_t start = 0;;) {
    size_t end = s.find('/', start);
    std::string_view segment = s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if ((segment.empty() && start != 0) || segment == "." || segment == "..") return false;
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

inline std::string normal_path(const std::filesystem::path& p) { return p.lexically_normal().string(); }
// Thousands of times per scan: a path that is already normal skips building a std::filesystem::path.
inline std::string normal_path(const std::string& s) {
  return looks_normal(s) ? s : normal_path(std::filesystem::path(s));
}

// The normal path of the directory a file is in ("" for a bare file name).
inline std::string directory_of(const std::string& file) {
  if (!looks_normal(file)) return normal_path(std::filesystem::path(file).parent_path());
  size_t slash = file.rfind('/');
  if (slash == std::string::npos) return {};
  return slash == 0 ? "/" : file.substr(0, slash);
}

// A path written inside `file` (a module, a linked template, a kustomize
// resource), relative to the file's directory, normalised. Thousands of times
// per scan: plain names skip std::filesystem.
inline std::string beside(const std::string& file, std::string_view relative) {
  std::string_view r = relative;
  while (r.starts_with("./")) r.remove_prefix(2);
  if (r.empty() || r[0] == '/' || !looks_normal(file) || !looks_normal(r))
    return normal_path(std::filesystem::path(file).parent_path() / std::filesystem::path(relative));
  std::string dir = directory_of(file);
  if (dir.empty()) return std::string(r);
  if (dir != "/") dir += '/';
  dir += r;
  return dir;
}

}  // namespace patless
