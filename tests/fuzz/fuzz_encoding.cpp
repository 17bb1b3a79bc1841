// libFuzzer target: UTF-16 files read as UTF-8 and written back (--fix). Any
// bytes: what decoding makes is UTF-8 that encodes back and decodes again to
// itself, and a valid UTF-16 file (as encoding makes one) comes back byte for byte.
#include <cstdint>
#include <string>

#include "grammars/text_encoding.h"

using patless::TextEncoding;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::string text = input;
  const TextEncoding encoding = patless::decode_to_utf8(text);
  if (encoding == TextEncoding::Utf8) {
    if (text != input) __builtin_trap();  // not UTF-16: left as it is
    return 0;
  }
  const std::string file = patless::encode_from_utf8(text, encoding);
  std::string again = file;
  if (patless::decode_to_utf8(again) != encoding || again != text) __builtin_trap();
  if (patless::encode_from_utf8(again, encoding) != file) __builtin_trap();
  // A file that was valid UTF-16 is exactly what encoding its text gives.
  bool valid = size % 2 == 0 && text.find("\xEF\xBF\xBD") == std::string::npos;
  if (valid && file != input) __builtin_trap();
  return 0;
}
