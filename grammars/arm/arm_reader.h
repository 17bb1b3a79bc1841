// ARM JSON templates and parameter files → Document.
#pragma once

#include <optional>
#include <string_view>

#include "grammars/model.h"

namespace patless {

// Cheap test on raw bytes: does this .json file declare an ARM template or
// parameters $schema? Files that do not (package.json, tsconfig.json, ...) are
// never parsed.
bool looks_like_arm(std::string_view bytes);

// Reads an ARM template (resources as array or symbolic-name object, nested
// child resources) or an ARM parameters file. Returns nullopt for valid JSON
// that is not an ARM file.
std::optional<Document> read_arm(std::string path, std::string_view bytes);

}  // namespace patless
