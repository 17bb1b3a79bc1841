// Byte offsets to lines and code-point columns: every offset of texts built to
// cross the index's blocks in the middle of multi-byte characters, against a
// count made here one byte at a time.
#include "grammars/source_text.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

namespace {

// Line and column of `offset`, counted from the start of `text`.
std::pair<uint32_t, uint32_t> counted(const std::string& text, size_t offset) {
  uint32_t line = 1, column = 1;
  size_t start = text.rfind("\xEF\xBB\xBF", 0) == 0 ? std::min<size_t>(3, offset) : 0;
  for (size_t i = start; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

void check_every_offset(const std::string& text) {
  patless::SourceText src(text);
  for (size_t offset = 0; offset <= text.size(); ++offset) {
    INFO("offset " << offset);
    REQUIRE(src.position(offset) == counted(text, offset));
  }
}

}  // namespace

TEST_CASE("columns on long lines that are not ASCII count code points, across the index's blocks", "[source]") {
  // A minified template: one line, with characters of two, three and four bytes
  // at every distance from a block's start.
  std::string line;
  const char* wide[] = {"\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};  // é € 😀
  for (int i = 0; line.size() < 3000; ++i) {
    line += std::string(static_cast<size_t>(i % 7), 'x');
    line += wide[i % 3];
  }
  check_every_offset(line);
  check_every_offset("\xEF\xBB\xBF" + line + "\r\n" + line + "\nascii only\n" + line);
  check_every_offset("ascii\n" + std::string(600, 'a') + "\n\xC3\xA9\n");
}

TEST_CASE("line breaks and characters that are not ASCII at every place in the eight-byte words read", "[source]") {
  // Lines of 0 to 17 bytes, with an é at each place in them or none, so that
  // line feeds and multi-byte characters fall on every byte of a word.
  std::string text;
  std::vector<std::string> lines;
  for (size_t length = 0; length < 18; ++length)
    for (size_t at = 0; at <= length + 1; ++at) {
      std::string line(length, 'a');
      if (at <= length) line.insert(at, "\xC3\xA9");
      lines.push_back(line);
      text += line + '\n';
    }
  check_every_offset(text);
  check_every_offset(text.substr(0, text.size() - 1));  // no line break at the end
  check_every_offset("");
  check_every_offset("\n\n\xC3\xA9");
  patless::SourceText src(text);
  REQUIRE(src.line_count() == lines.size() + 1);
  for (size_t i = 0; i < lines.size(); ++i) CHECK(src.line(static_cast<uint32_t>(i + 1)) == lines[i]);
  CHECK(src.line(static_cast<uint32_t>(lines.size() + 1)).empty());
}

TEST_CASE("lookups in any order find the same lines as in the file's order", "[source]") {
  // The line index keeps a cursor at the last line looked up: backwards, far
  // ahead, on the line after, the same offset twice, and ranges across lines.
  std::string text;
  for (int i = 0; i < 40; ++i) text += std::string(static_cast<size_t>(i % 5), 'a') + (i % 3 ? "\n" : "\xC3\xA9\n");
  patless::SourceText src(text);
  std::vector<size_t> order;
  for (size_t offset = text.size() + 1; offset-- > 0;) order.push_back(offset);  // backwards
  for (size_t step : {7u, 13u, 1u, 0u, 29u})
    for (size_t offset = 0; offset <= text.size(); offset += step ? step : 1) order.push_back(offset);
  for (size_t k = 0; k < 200; ++k) order.push_back((k * 37) % (text.size() + 1));
  for (size_t offset : order) {
    INFO("offset " << offset);
    REQUIRE(src.position(offset) == counted(text, offset));
  }
  for (size_t k = 0; k < 200; ++k) {
    size_t a = (k * 53) % (text.size() + 1), b = (k * 31) % (text.size() + 1);
    if (a > b) std::swap(a, b);
    patless::SourceRange r = src.range(a, b);
    INFO("range " << a << "-" << b);
    REQUIRE(std::make_pair(r.start_line, r.start_column) == counted(text, a));
    REQUIRE(std::make_pair(r.end_line, r.end_column) == counted(text, b));
  }
}
