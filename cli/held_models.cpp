#include "cli/held_models.h"

#include "grammars/model_codec.h"

namespace patless {

void HeldModels::resize(size_t n) {
  documents_.resize(n);
  aside_.resize(n);
}

void HeldModels::hold(size_t i, Document document) {
  aside_[i].reset();
  documents_[i] = std::make_unique<Document>(std::move(document));
}

void HeldModels::hold_aside(size_t i, Aside aside, const Document& outline) {
  documents_[i].reset();
  auto held = std::make_unique<Encoded>(Encoded{std::move(aside), {}});
  encode(outline, held->outline);
  held->outline.shrink_to_fit();
  aside_[i] = std::move(held);
}

void HeldModels::drop(size_t i) {
  documents_[i].reset();
  aside_[i].reset();
}

const Document* HeldModels::get(size_t i, std::optional<Document>& scratch) const {
  if (documents_[i]) return documents_[i].get();
  if (!aside_[i]) return nullptr;
  // The bytes are this scan's own encoding: they decode.
  scratch = decode_document(aside_[i]->outline);
  return scratch ? &*scratch : nullptr;
}

void HeldModels::change(size_t i, const std::function<bool(Document&)>& change) {
  if (documents_[i]) {
    change(*documents_[i]);
    return;
  }
  if (!aside_[i]) return;
  std::optional<Document> outline = decode_document(aside_[i]->outline);
  if (!outline || !change(*outline)) return;
  std::string& bytes = aside_[i]->outline;
  bytes.clear();
  encode(*outline, bytes);
  bytes.shrink_to_fit();
}

std::optional<Document> HeldModels::take(size_t i) {
  std::optional<Document> out;
  if (documents_[i])
    out = std::move(*documents_[i]);
  else if (aside_[i])
    out = decode_document(aside_[i]->outline);
  drop(i);
  return out;
}

std::string HeldModels::take_outline(size_t i) {
  std::string out = aside_[i] ? std::move(aside_[i]->outline) : std::string();
  drop(i);
  return out;
}

}  // namespace patless
