// Inline kustomize patches: the YAML inside `patch: |` strings, read with
// ranges that point into the kustomization file.
#pragma once

#include "grammars/model.h"
#include "grammars/source_text.h"

namespace patless {

// Reads the inline patches of one kustomization object (kustomize.config.k8s.io)
// into doc.patches; a patch that is not valid YAML becomes a ParseError.
// Patches given as file paths are not read here.
void read_inline_patches(const SourceText& file, const K8sObject& kustomization, Document& doc);

}  // namespace patless
