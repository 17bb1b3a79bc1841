// Bicep (.bicep, .bicepparam) → Document, through the tree-sitter-bicep grammar.
#pragma once

#include <string_view>

#include "grammars/model.h"

namespace patless {

// Reads one Bicep or Bicep-parameters file. Never throws on bad input: a file
// the grammar cannot read gets a ParseError at its first error. With
// `outline_outside_chain`, a template whose top-level statements declare no
// resource of the chain's types and no module, with no parse error and no
// suppression comment, comes back as an outline (Document::outline) without
// its model being built.
Document read_bicep(std::string path, std::string_view bytes, Format format, bool outline_outside_chain = false);

}  // namespace patless
