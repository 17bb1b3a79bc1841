// libFuzzer target: grammars/model_codec.h. Any bytes: decoding must never
// crash, hang or allocate past what the bytes can hold, and what decodes encodes
// to bytes that decode to the same. The same bytes read as a Bicep file, an ARM
// template and Flux YAML: each Document encodes to bytes that decode to it, and
// its encoding with a byte changed or cut short decodes safely.
#include <cstdint>
#include <string>

#include "grammars/model_codec.h"
#include "grammars/read_document.h"

namespace {

std::string encoded(const patless::Document& d) {
  std::string out;
  patless::encode(d, out);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (std::optional<patless::Document> d = patless::decode_document(bytes)) {
    const std::string once = encoded(*d);
    std::optional<patless::Document> again = patless::decode_document(once);
    if (!again || encoded(*again) != once) __builtin_trap();
  }
  for (const char* path : {"main.bicep", "azuredeploy.json", "flux/sync.yaml"}) {
    std::optional<patless::Document> read = patless::read_document(path, bytes);
    if (!read) continue;
    const std::string once = encoded(*read);
    std::optional<patless::Document> back = patless::decode_document(once);
    // Field for field: Document has no ==, nested documents point into their parents.
    if (!back || encoded(*back) != once || back->resources != read->resources || back->objects != read->objects)
      __builtin_trap();
    // Near-valid bytes: one byte of a real encoding changed, and the encoding cut short.
    std::string changed = once;
    changed[size % changed.size()] ^= static_cast<char>(1 + data[0] % 255);
    (void)patless::decode_document(changed);
    (void)patless::decode_document(std::string_view(once).substr(0, size % once.size()));
  }
  return 0;
}
