// libFuzzer target: the ARM JSON reader (comments, positions) and its
// expression parser, with the template schema so that templates are read.
#include <cstdint>
#include <string>

#include "grammars/arm/arm_expression.h"
#include "grammars/arm/arm_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  patless::read_arm("fuzz.json", text);
  patless::read_arm("fuzz.json", text, /*outline_outside_chain=*/true);
  // The same bytes as one ARM expression string: "[...]".
  patless::arm_string_value("[" + text + "]", patless::SourceRange{1, 1, 1, 1, 0, 0});
  // And as the body of a template (the reader only reads JSON with the schema).
  std::string wrapped =
      "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", "
      "\"resources\": ";
  wrapped += text;
  wrapped += "}";
  patless::read_arm("fuzz.json", wrapped);
  patless::read_arm("fuzz.json", wrapped, /*outline_outside_chain=*/true);
  return 0;
}
