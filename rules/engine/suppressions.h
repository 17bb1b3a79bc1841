// In-source suppressions (RULES.md, "Suppression syntax"):
//   // patless-disable-next-line PL102 PL301 reason text     (Bicep, JSONC)
//   #disable-next-line PL102                                 (Bicep's own form)
//   # patless-disable-next-line PL501 reason text            (YAML)
//   patless-disable-file PL101 PL102                         (as a file's first comment)
// A next-line comment covers findings that start on the next line that is not
// a comment; right above a resource, an ARM resource object or a YAML document
// it covers everything inside that declaration.
#pragma once

#include <span>
#include <vector>

#include "grammars/model.h"
#include "rules/engine/finding.h"

namespace patless {

// Marks the findings that suppressions cover (Finding::suppressed), and adds
// PL002 (a suppression naming an unknown rule, with the nearest id) and PL003
// (a suppression that suppressed nothing).
void apply_suppressions(std::span<const Document> documents, std::vector<Finding>& findings);

// The registered rule id nearest to `id` (edit distance), for did-you-mean.
std::string nearest_rule_id(std::string_view id);

// Levenshtein distance, for did-you-mean suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace patless
