// Kustomize inline patches (graph_patches.cpp), for the parts of the graph
// that build objects themselves.
#pragma once

#include <cstdint>
#include <string_view>

#include "grammars/model.h"

namespace patless {

// Applies `p` to an object's root (strategic merge, or JSON patch operations);
// what it writes is tagged with `origin` (see Value::origin).
void apply_patch(Value& root, const KustomizePatch& p, uint8_t origin);

// Whether a kustomize target pattern (kind, name, namespace: a regular
// expression that must match all of `text`) matches; an empty one matches anything.
bool pattern_matches(std::string_view pattern, std::string_view text);

// Whether `p`'s target (kind, name, namespace, label and annotation selectors) matches
// object `o`, whose root is `root` as patched so far.
bool patch_targets(const KustomizePatch& p, const K8sObject& o, const Value& root);

}  // namespace patless
