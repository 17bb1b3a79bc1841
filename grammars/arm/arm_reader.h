// ARM JSON templates and parameter files → Document.
#pragma once

#include <optional>
#include <string_view>

#include "grammars/model.h"

namespace patless {

// Cheap test on raw bytes: does this .json file name an ARM template or
// parameters $schema (a policy definition's deployment template names one too)?
// Files that do not (package.json, tsconfig.json, ...) are never parsed.
bool looks_like_arm(std::string_view bytes);

// Reads an ARM template (resources as array or symbolic-name object, nested
// child resources), an ARM parameters file, or an Azure Policy definition whose
// deployIfNotExists deploys a template (read as a nested deployment). Returns
// nullopt for valid JSON that is none of these. With `outline_outside_chain`, a valid template whose
// text names no type of the chain, no templateLink and no suppression comment
// comes back as an outline (Document::outline), checked by a parse that builds
// nothing: compiled Bicep modules (main.json) run to megabytes. The parts of a
// template the Document drops are not built (`prune` false builds them, for the
// tests that compare).
std::optional<Document> read_arm(std::string path, std::string_view bytes, bool outline_outside_chain = false,
                                 bool prune = true);

}  // namespace patless
