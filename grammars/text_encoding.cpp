#include "grammars/text_encoding.h"

namespace patless {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

void append_utf16(std::string& out, char16_t unit, bool little_endian) {
  char low = static_cast<char>(unit & 0xFF), high = static_cast<char>(unit >> 8);
  out += little_endian ? low : high;
  out += little_endian ? high : low;
}

bool is_high_surrogate(char32_t u) {
  return u >= 0xD800 && u <= 0xDBFF;
}
bool is_low_surrogate(char32_t u) {
  return u >= 0xDC00 && u <= 0xDFFF;
}

}  // namespace

char32_t next_code_point(std::string_view utf8, size_t i, size_t& length) {
  length = utf8_sequence(utf8, i);
  if (length == 0) {
    length = 1;
    return kReplacement;
  }
  const unsigned char lead_bits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t c = static_cast<unsigned char>(utf8[i]) & lead_bits[length];
  for (size_t k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

const char* encoding_name(TextEncoding e) {
  switch (e) {
    case TextEncoding::Utf8:
      return "UTF-8";
    case TextEncoding::Utf16LE:
      return "UTF-16LE";
    case TextEncoding::Utf16BE:
      return "UTF-16BE";
  }
  return "UTF-8";
}

TextEncoding encoding_of(std::string_view bytes) {
  if (bytes.size() < 2) return TextEncoding::Utf8;
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  if (byte(0) == 0xFE && byte(1) == 0xFF) return TextEncoding::Utf16BE;
  if (byte(0) != 0xFF || byte(1) != 0xFE) return TextEncoding::Utf8;
  // FF FE 00 00 is UTF-32's mark, not UTF-16 text that starts with U+0000.
  return bytes.size() >= 4 && byte(2) == 0 && byte(3) == 0 ? TextEncoding::Utf8 : TextEncoding::Utf16LE;
}

TextEncoding decode_to_utf8(std::string& bytes) {
  const TextEncoding encoding = encoding_of(bytes);
  if (encoding == TextEncoding::Utf8) return encoding;
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  const bool little = encoding == TextEncoding::Utf16LE;
  const auto unit = [&](size_t k) -> char32_t {
    return little ? byte(k) | (byte(k + 1) << 8) : (byte(k) << 8) | byte(k + 1);
  };
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  size_t i = 0;  // the mark itself is U+FEFF, written as UTF-8's
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t u = unit(i);
    if (is_high_surrogate(u) && i + 3 < bytes.size() && is_low_surrogate(unit(i + 2))) {
      append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (unit(i + 2) - 0xDC00));
      i += 2;
    } else {
      append_utf8(out, is_high_surrogate(u) || is_low_surrogate(u) ? kReplacement : u);
    }
  }
  if (i < bytes.size()) append_utf8(out, kReplacement);  // an odd last byte
  bytes = std::move(out);
  return encoding;
}

std::string encode_from_utf8(std::string_view utf8, TextEncoding encoding) {
  if (encoding == TextEncoding::Utf8) return std::string(utf8);
  const bool little = encoding == TextEncoding::Utf16LE;
  std::string out;
  out.reserve(utf8.size() * 2);
  for (size_t i = 0, length = 1; i < utf8.size(); i += length) {
    char32_t c = next_code_point(utf8, i, length);
    if (c >= 0x10000) {
      append_utf16(out, static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10)), little);
      append_utf16(out, static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF)), little);
    } else {
      append_utf16(out, static_cast<char16_t>(c), little);
    }
  }
  return out;
}

}  // namespace patless
