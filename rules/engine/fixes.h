// Edits that fixes are made of, written the way each format writes them.
#pragma once

#include <optional>
#include <string_view>

#include "rules/engine/finding.h"

namespace patless {

// Adds `key: value` to `object` right after its member `after`, on a line of
// its own with the same indentation (Bicep, YAML), or after it on the same line
// (ARM JSON). `value` is written as a string literal of the format. Nullopt
// when the object is written on one line, where a new line would not fit, or
// when either is YAML shared with other places (Value::shared), or when the
// object already has `key` (set to null, which counts as not set).
std::optional<Replacement> insert_member_after(const Document& doc, const Value& object, const Member& after,
                                               std::string_view key, std::string_view value);

// A string literal of the document's format replacing `at`.
Replacement replace_string(const Document& doc, const SourceRange& at, std::string_view value);

}  // namespace patless
