// libFuzzer target: the Bicep reader, its compatibility pass included.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "grammars/bicep/bicep_compat.h"
#include "grammars/bicep/bicep_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // The rewrite keeps every offset: same length, line breaks in place.
  auto g = patless::make_grammar_compatible(text, size % 2 == 1);
  if (g.text.size() != text.size()) std::abort();
  for (size_t i = 0; i < text.size(); ++i)
    if ((text[i] == '\n') != (g.text[i] == '\n')) std::abort();
  patless::read_bicep("fuzz.bicep", text, patless::Format::Bicep);
  patless::read_bicep("fuzz.bicep", text, patless::Format::Bicep, /*outline_outside_chain=*/true);
  patless::read_bicep("fuzz.bicepparam", text, patless::Format::BicepParams);
  return 0;
}
