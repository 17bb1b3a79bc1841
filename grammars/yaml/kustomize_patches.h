// Kustomize patches: the YAML inside `patch: |` strings, read with ranges that
// point into the kustomization file, and the paths of patch files.
#pragma once

#include "grammars/model.h"
#include "grammars/source_text.h"

namespace patless {

// Reads the patches of one kustomization object (kustomize.config.k8s.io) into
// doc.patches; an inline patch that is not valid YAML becomes a ParseError. A
// patch given as a file path is recorded with its path (KustomizePatch::file);
// the graph reads that file's objects.
void read_inline_patches(const SourceText& file, const K8sObject& kustomization, Document& doc);

// Reads a FluxInstance's spec.kustomize.patches (inline, as a kustomization's
// `patches`) into doc.patches, marked KustomizePatch::of_flux_instance.
void read_flux_instance_patches(const SourceText& file, const K8sObject& instance, Document& doc);

}  // namespace patless
