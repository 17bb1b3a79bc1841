// JSON with comments → Value tree with exact source ranges, through nlohmann's SAX parser.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "grammars/model.h"
#include "grammars/source_text.h"

namespace patless {

struct JsonReadResult {
  std::optional<Value> root;  // empty when the text is not valid JSON
  std::optional<ParseError> error;
  std::vector<Comment> comments;
};

// Reads JSON that may carry `//` and `/* */` comments (as ARM templates may).
// Nesting deeper than limits::kMaxNesting is an error, not a stack overflow.
JsonReadResult read_json(const SourceText& src);

}  // namespace patless
