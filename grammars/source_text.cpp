#include "grammars/source_text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace patless {

SourceText::SourceText(std::string_view bytes) : bytes_(bytes) {
  bom_ = bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
         static_cast<unsigned char>(bytes[1]) == 0xBB && static_cast<unsigned char>(bytes[2]) == 0xBF;
  if (bytes.empty()) {  // memchr is not to be given the null pointer of an empty view
    line_starts_.push_back(0);
    ascii_lines_.push_back(1);
    return;
  }
  // A line at a time: memchr finds its end, and its bytes are tested eight at a time.
  const char* const end = bytes.data() + bytes.size();
  for (const char* line = bytes.data();;) {
    const char* newline = static_cast<const char*>(std::memchr(line, '\n', static_cast<size_t>(end - line)));
    const char* stop = newline ? newline : end;
    uint64_t high = 0;
    const char* p = line;
    for (; stop - p >= 8; p += 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      high |= word;
    }
    for (; p < stop; ++p) high |= static_cast<unsigned char>(*p);
    line_starts_.push_back(static_cast<uint32_t>(line - bytes.data()));
    ascii_lines_.push_back((high & 0x8080808080808080ULL) == 0);
    if (!newline) break;
    line = newline + 1;
  }
  if (std::find(ascii_lines_.begin(), ascii_lines_.end(), 0) == ascii_lines_.end()) return;
  code_points_before_.reserve(bytes.size() / kBlock + 1);
  uint32_t count = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i % kBlock == 0) code_points_before_.push_back(count);
    count += starts_code_point(bytes[i]);
  }
}

size_t SourceText::code_points_before(size_t offset) const {
  size_t block = offset / kBlock;
  if (block >= code_points_before_.size()) block = code_points_before_.size() - 1;
  size_t count = code_points_before_[block];
  for (size_t i = block * kBlock; i < offset; ++i) count += starts_code_point(bytes_[i]);
  return count;
}

size_t SourceText::line_index(size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<size_t>(it - line_starts_.begin()) - 1;
}

std::pair<uint32_t, uint32_t> SourceText::position(size_t offset) const {
  offset = std::min(offset, bytes_.size());
  return position_on(line_index(offset), offset);
}

std::pair<uint32_t, uint32_t> SourceText::position_on(size_t line_index, size_t offset) const {
  size_t start = line_starts_[line_index];
  if (line_index == 0 && bom_) start = std::min<size_t>(3, offset);
  if (ascii_lines_[line_index] && !(line_index == 0 && bom_))  // most lines: a byte is a code point
    return {static_cast<uint32_t>(line_index + 1), static_cast<uint32_t>(offset - start + 1)};
  // A line that is not ASCII (so code_points_before_ is built), or the BOM's line.
  if (code_points_before_.empty())
    return {static_cast<uint32_t>(line_index + 1), static_cast<uint32_t>(offset - start + 1)};
  return {static_cast<uint32_t>(line_index + 1),
          static_cast<uint32_t>(code_points_before(offset) - code_points_before(start) + 1)};
}

SourceRange SourceText::range(size_t start_offset, size_t end_offset) const {
  SourceRange r;
  if (end_offset < start_offset) end_offset = start_offset;
  start_offset = std::min(start_offset, bytes_.size());
  end_offset = std::min(end_offset, bytes_.size());
  // Most ranges are of a token, on one line: that line is looked up once.
  const size_t start_line = line_index(start_offset);
  const bool same_line = start_line + 1 == line_starts_.size() || end_offset < line_starts_[start_line + 1];
  auto [sl, sc] = position_on(start_line, start_offset);
  auto [el, ec] = position_on(same_line ? start_line : line_index(end_offset), end_offset);
  r.start_line = sl;
  r.start_column = sc;
  r.end_line = el;
  r.end_column = ec;
  r.start_offset = static_cast<uint32_t>(start_offset);
  r.end_offset = static_cast<uint32_t>(end_offset);
  return r;
}

std::string_view SourceText::line(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  size_t start = line_starts_[line - 1];
  if (line == 1 && bom_) start = 3;
  size_t end = line < line_starts_.size() ? line_starts_[line] - 1 : bytes_.size();
  if (end > start && bytes_[end - 1] == '\r') --end;
  return bytes_.substr(start, end - start);
}

size_t SourceText::offset_of(uint32_t line, uint32_t column) const {
  if (line == 0 || line > line_starts_.size()) return bytes_.size();
  size_t i = line_starts_[line - 1];
  if (line == 1 && bom_) i = 3;
  for (uint32_t c = 1; c < column && i < bytes_.size() && bytes_[i] != '\n'; ++c) {
    ++i;  // step over one code point: its lead byte, then its continuation bytes
    while (i < bytes_.size() && !starts_code_point(bytes_[i])) ++i;
  }
  return i;
}

}  // namespace patless
