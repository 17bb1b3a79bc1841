// Multi-document Kubernetes YAML → Document of K8sObjects, through yaml-cpp.
#pragma once

#include <optional>
#include <string_view>

#include "grammars/model.h"

namespace patless {

// Cheap test on raw bytes: could this YAML hold a Kubernetes object? Files
// without a top-level `apiVersion` (at the start of a line) and a `kind`
// (pipelines, Helm values, recorded HTTP traffic) are never parsed.
bool looks_like_kubernetes(std::string_view bytes);

// Reads every document; those with a string apiVersion and kind become
// K8sObjects. Returns nullopt for a file that is not read at all (Go/Helm
// templates, which are not YAML until rendered). With `only_what_rules_read`,
// only Flux and kustomize objects, ServiceAccounts and the source-controller's
// Deployment become objects: the CRDs of a gotk-components.yaml and an
// application's manifests are parsed (PL001) but not converted.
std::optional<Document> read_yaml(std::string path, std::string_view bytes, bool only_what_rules_read = false);

}  // namespace patless
