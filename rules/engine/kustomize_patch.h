// Kustomize inline patches (graph_patches.cpp), for the parts of the graph
// that build objects themselves.
#pragma once

#include <cstdint>

#include "grammars/model.h"

namespace patless {

// Applies `p` to an object's root (strategic merge, or JSON patch operations);
// what it writes is tagged with `origin` (see Value::origin).
void apply_patch(Value& root, const KustomizePatch& p, uint8_t origin);

// Whether `p`'s target (kind, name pattern, namespace, label selector) matches
// object `o`, whose root is `root` as patched so far.
bool patch_targets(const KustomizePatch& p, const K8sObject& o, const Value& root);

}  // namespace patless
