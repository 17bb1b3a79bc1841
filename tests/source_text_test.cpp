// Byte offsets to lines and code-point columns: every offset of texts built to
// cross the index's blocks in the middle of multi-byte characters, against a
// count made here one byte at a time.
#include "grammars/source_text.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>

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
