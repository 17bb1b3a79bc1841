// UTF-16 files read as UTF-8 text with the same code points, and written back.
#include "grammars/text_encoding.h"

#include <catch2/catch.hpp>
#include <string>

using patless::decode_to_utf8;
using patless::encode_from_utf8;
using patless::TextEncoding;

namespace {

std::string bytes(std::initializer_list<unsigned char> list) {
  return std::string(list.begin(), list.end());
}

}  // namespace

TEST_CASE("a UTF-16 file with a byte order mark is read as UTF-8 with UTF-8's", "[encoding]") {
  // "a: é€😀\r\n" — one, two, three and four UTF-8 bytes; the last a surrogate pair.
  const std::string utf8 =
      "\xEF\xBB\xBF"
      "a: \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\r\n";
  std::string le =
      bytes({0xFF, 0xFE, 'a', 0, ':', 0, ' ', 0, 0xE9, 0, 0xAC, 0x20, 0x3D, 0xD8, 0x00, 0xDE, '\r', 0, '\n', 0});
  std::string be =
      bytes({0xFE, 0xFF, 0, 'a', 0, ':', 0, ' ', 0, 0xE9, 0x20, 0xAC, 0xD8, 0x3D, 0xDE, 0x00, 0, '\r', 0, '\n'});
  const std::string le_file = le, be_file = be;
  CHECK(decode_to_utf8(le) == TextEncoding::Utf16LE);
  CHECK(le == utf8);
  CHECK(decode_to_utf8(be) == TextEncoding::Utf16BE);
  CHECK(be == utf8);
  CHECK(encode_from_utf8(utf8, TextEncoding::Utf16LE) == le_file);
  CHECK(encode_from_utf8(utf8, TextEncoding::Utf16BE) == be_file);
}

TEST_CASE("what is no UTF-16 character becomes one U+FFFD, a column as it was", "[encoding]") {
  const std::string replacement = "\xEF\xBF\xBD";
  // A lone high surrogate before 'x', a lone low one, and an odd last byte.
  std::string text = bytes({0xFF, 0xFE, 0x00, 0xD8, 'x', 0, 0x00, 0xDC, 'y', 0, 'z'});
  CHECK(decode_to_utf8(text) == TextEncoding::Utf16LE);
  CHECK(text == "\xEF\xBB\xBF" + replacement + "x" + replacement + "y" + replacement);
  // A high surrogate as the last unit.
  std::string last = bytes({0xFE, 0xFF, 0, 'x', 0xD8, 0x00});
  CHECK(decode_to_utf8(last) == TextEncoding::Utf16BE);
  CHECK(last == "\xEF\xBB\xBFx" + replacement);
}

TEST_CASE("anything without UTF-16's mark is left as it is", "[encoding]") {
  for (std::string text :
       {std::string(), std::string("\xFF"), std::string("{\"a\": 1}"), std::string("\xEF\xBB\xBFparam x string\n"),
        // UTF-32LE's mark starts with UTF-16LE's: not UTF-16 text that starts with U+0000.
        bytes({0xFF, 0xFE, 0, 0, 'a', 0, 0, 0})}) {
    const std::string before = text;
    CHECK(decode_to_utf8(text) == TextEncoding::Utf8);
    CHECK(text == before);
  }
}

TEST_CASE("bytes that are no UTF-8 are written to UTF-16 as U+FFFD", "[encoding]") {
  // A lone continuation byte, a truncated sequence, an overlong form, an encoded surrogate.
  const std::string utf8 =
      "a\x80"
      "b\xE2\x82"
      "c\xC0\xAF"
      "d\xED\xA0\x80";
  std::string le = encode_from_utf8(utf8, TextEncoding::Utf16LE);
  std::string expected;
  for (char16_t unit : {u'a', u'\uFFFD', u'b', u'\uFFFD', u'\uFFFD', u'c', u'\uFFFD', u'\uFFFD', u'd', u'\uFFFD',
                        u'\uFFFD', u'\uFFFD'}) {
    expected += static_cast<char>(unit & 0xFF);
    expected += static_cast<char>(unit >> 8);
  }
  CHECK(le == expected);
  CHECK(encode_from_utf8(utf8, TextEncoding::Utf8) == utf8);
}
