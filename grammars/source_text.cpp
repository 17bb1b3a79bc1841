#include "grammars/source_text.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

namespace patless {

SourceText::SourceText(std::string_view bytes) : bytes_(bytes) {
  bom_ = bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xEF &&
         static_cast<unsigned char>(bytes[1]) == 0xBB && static_cast<unsigned char>(bytes[2]) == 0xBF;
  // Eight bytes at a time: where the line feeds are, and whether a line has a
  // byte >= 0x80. (memchr per line was most of this: template lines are short.)
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL, kLows = ~kHighs;
  const char* const data = bytes.data();
  const size_t size = bytes.size();
  uint64_t high = 0;  // the high bits of the current line's bytes so far
  auto end_line = [&](size_t newline) {
    ascii_lines_.push_back((high & kHighs) == 0);
    line_starts_.push_back(static_cast<uint32_t>(newline + 1));
    high = 0;
  };
  line_starts_.push_back(0);
  size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= size; i += 8) {
      uint64_t word;
      std::memcpy(&word, data + i, 8);
      const uint64_t t = word ^ (kOnes * '\n');
      uint64_t feeds = ~(((t & kLows) + kLows) | t | kLows);  // the high bit of each '\n' byte, exactly
      uint64_t rest = word & kHighs;
      for (; feeds; feeds &= feeds - 1) {
        const unsigned bit = static_cast<unsigned>(std::countr_zero(feeds));  // 8 * byte + 7
        const uint64_t below = bit == 63 ? ~0ULL : (1ULL << (bit + 1)) - 1;
        high |= rest & below;
        rest &= ~below;
        end_line(i + bit / 8);
      }
      high |= rest;
    }
  }
  for (; i < size; ++i) {
    if (data[i] == '\n')
      end_line(i);
    else
      high |= static_cast<unsigned char>(data[i]) & 0x80;
  }
  ascii_lines_.push_back((high & kHighs) == 0);
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
  auto on = [&](size_t line) {
    return line_starts_[line] <= offset && (line + 1 == line_starts_.size() || offset < line_starts_[line + 1]);
  };
  if (on(cursor_)) return cursor_;
  if (cursor_ + 1 < line_starts_.size() && on(cursor_ + 1)) return ++cursor_;
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return cursor_ = static_cast<size_t>(it - line_starts_.begin()) - 1;
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
