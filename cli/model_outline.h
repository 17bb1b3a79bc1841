// What a scan that puts its models aside (cli/spill.h) keeps of each in memory:
// what the reading rounds (cli/file_models.h) and the parts (rules/engine/parts.h)
// ask of it, and what the scan changes in it (registry modules' paths); and the
// model, decoded, with those changes made again.
#pragma once

#include "grammars/model.h"

namespace patless {

// The model without what only linting reads: of its resources, the deployments
// that link a template, with their templateLink; its modules but their bodies and
// expressions; of its Kubernetes objects, the kustomizations' lists of what they
// build; its patches' targets and files; its nested templates, so outlined. Values,
// variables, outputs, parameters and comments go.
Document outline_of_model(const Document& model);

// Makes in `model` what the scan changed in its outline since: registry modules'
// and `using`'s paths and references, the reference a registry template
// carries, whether it was given as parameters.
void restore_outline(Document& model, const Document& outline);

}  // namespace patless
