// What Flux syncs where: a Flux Kustomization's spec.path is relative to the
// root of the repository it comes from, which patless places against the
// directories of the scan (graph_installations.cpp, graph_flux_patches.cpp).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "grammars/paths.h"
#include "rules/engine/graph.h"

namespace patless {

inline bool is_flux_kustomization(const K8sObject& o) {
  return o.kind == "Kustomization" && o.api_version.starts_with("kustomize.toolkit.fluxcd.io/");
}

// Whether `path` is directory `dir` or below it (normal paths).
inline bool under(const std::string& path, const std::string& dir) {
  if (dir.empty()) return !path.starts_with("/") && !path.starts_with("../");
  return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/' || dir == "/");
}

// `relative` below `root` ("" is the current directory).
inline std::string join(const std::string& root, const std::string& relative) {
  if (root.empty()) return relative;
  if (relative.empty()) return root;
  return root == "/" ? root + relative : root + "/" + relative;
}

// A Flux Kustomization's spec.path, relative to its repository's root without
// "./" or a trailing '/'; nullopt when it is not a plain path inside the
// repository or is the root itself (which patless cannot place).
inline std::optional<std::string> sync_path(const ObjectNode& o) {
  const std::string* p = o.string({"spec", "path"});
  if (!p || p->empty()) return std::nullopt;
  std::string s = normal_path(std::filesystem::path(*p).relative_path());
  while (!s.empty() && s.back() == '/') s.pop_back();
  if (s.empty() || s == "." || s == ".." || s.starts_with("../")) return std::nullopt;
  return s;
}

// The GitRepository a Flux Kustomization syncs from ("" when not written).
inline std::string source_of(const ObjectNode& o) {
  const std::string* name = o.string({"spec", "sourceRef", "name"});
  return name ? *name : std::string();
}

}  // namespace patless
