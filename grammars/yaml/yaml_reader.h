// Multi-document Kubernetes YAML → Document of K8sObjects, through yaml-cpp.
#pragma once

#include <optional>
#include <string_view>

#include "grammars/model.h"

namespace patless {

// Cheap test on raw bytes: could this YAML hold a Kubernetes object? Files
// without both `apiVersion` and `kind` (pipelines, Helm values) are never parsed.
bool looks_like_kubernetes(std::string_view bytes);

// Reads every document; those with a string apiVersion and kind become
// K8sObjects. Returns nullopt for a file that is not read at all (Go/Helm
// templates, which are not YAML until rendered).
std::optional<Document> read_yaml(std::string path, std::string_view bytes);

}  // namespace patless
