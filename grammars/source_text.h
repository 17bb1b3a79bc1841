// File bytes plus a line index: turns byte offsets into 1-based line/column.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "grammars/model.h"

namespace patless {

// Whether a byte starts a code point: it is no UTF-8 continuation byte.
inline bool starts_code_point(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

// Not to be shared by threads: lookups move a cursor (a reader's tokens come in
// the file's order, so the next one is on the same line or the next).
class SourceText {
 public:
  explicit SourceText(std::string_view bytes);

  std::string_view bytes() const { return bytes_; }
  bool has_bom() const { return bom_; }
  // Offset of the first byte after a UTF-8 BOM (0 or 3).
  uint32_t content_start() const { return bom_ ? 3 : 0; }

  SourceRange range(size_t start_offset, size_t end_offset) const;
  // Line (1-based) and column (1-based, in code points) of a byte offset.
  std::pair<uint32_t, uint32_t> position(size_t offset) const;
  // The text of a 1-based line, without its line break.
  std::string_view line(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  // Byte offset of a 1-based line and 1-based code-point column.
  size_t offset_of(uint32_t line, uint32_t column) const;

 private:
  std::string_view bytes_;
  std::vector<uint32_t> line_starts_;
  std::vector<uint8_t> ascii_lines_;  // 1 when a line has no byte >= 0x80: columns are byte counts
  // With any byte >= 0x80 in the file: the code points before every kBlock-th
  // byte, so that a column on a long line that is not ASCII (a minified
  // template with one accented word) costs a block's walk, not the line's.
  static constexpr size_t kBlock = 256;
  std::vector<uint32_t> code_points_before_;
  bool bom_ = false;
  mutable size_t cursor_ = 0;  // the line of the last lookup

  // Code points in bytes_[0, offset).
  size_t code_points_before(size_t offset) const;
  // The 0-based line `offset` is on, and its position there.
  size_t line_index(size_t offset) const;
  std::pair<uint32_t, uint32_t> position_on(size_t line_index, size_t offset) const;
};

}  // namespace patless
