// Findings inside a registry module's or template spec's template (read from
// Bicep's module cache, outside the repository) are moved to where the
// repository deploys it.
#pragma once

#include <span>
#include <vector>

#include "grammars/model.h"
#include "rules/engine/finding.h"

namespace patless {

// A finding in a registry module's template goes to the reference of the module
// declaration that deploys it ("In registry module '<reference>': ...", or
// "In template spec ..."), the
// template's place becoming a related location; no fix edits Bicep's cache.
void move_registry_findings_to_modules(std::span<const Document> documents, std::vector<Finding>& findings);

}  // namespace patless
