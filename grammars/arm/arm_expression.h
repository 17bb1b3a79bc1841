// The ARM template expression language: "[concat(parameters('a'), '-x')]" → Value.
#pragma once

#include <string_view>

#include "grammars/model.h"

namespace patless {

// A JSON string value as ARM reads it: "[...]" is an expression, "[[..." is a
// literal starting with '[', anything else a literal. Every resulting node
// carries `range` (the JSON string's range). Function names are lower-cased
// (ARM's are case-insensitive). An expression that does not parse is Opaque.
Value arm_string_value(std::string_view text, const SourceRange& range);

}  // namespace patless
