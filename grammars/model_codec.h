// A Document as compact bytes and back: what lets a scan put the models of the
// parts it is not linting aside (rules/engine/parts.h) instead of parsing their
// files again. Bytes that do not decode whole (cut short, changed, of another
// version) give nothing: decoding never trusts them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "grammars/model.h"

namespace patless {

// Appends the document, nested documents included.
void encode(const Document& document, std::string& out);

// The document `bytes` holds, exactly as encoded; nullopt unless they are one
// document's encoding, whole.
std::optional<Document> decode_document(std::string_view bytes);

}  // namespace patless
