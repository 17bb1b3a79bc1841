// Bicep (.bicep, .bicepparam) → Document, through the tree-sitter-bicep grammar.
#pragma once

#include <string_view>

#include "grammars/model.h"

namespace patless {

// Reads one Bicep or Bicep-parameters file. Never throws on bad input: a file
// the grammar cannot read gets a ParseError at its first error.
Document read_bicep(std::string path, std::string_view bytes, Format format);

}  // namespace patless
