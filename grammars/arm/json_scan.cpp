#include "grammars/arm/json_scan.h"

#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "grammars/arm/json_reader.h"
#include "grammars/text_encoding.h"

namespace patless {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

// The high bit of each byte of `w` below `n` (n <= 0x80); the lowest one is
// exact, those above it may not be, which is all a scan to the first needs.
constexpr uint64_t bytes_below(uint64_t w, uint64_t n) {
  return (w - kOnes * n) & ~w & kHighs;
}
constexpr uint64_t bytes_equal(uint64_t w, uint64_t c) {
  return bytes_below(w ^ (kOnes * c), 1);
}

// The bytes where a string's scan stops, eight at a time: a quote, a
// backslash, a control character, a byte of a multi-byte character.
constexpr uint64_t string_stops(uint64_t w) {
  return bytes_equal(w, '"') | bytes_equal(w, '\\') | bytes_below(w, 0x20) | (w & kHighs);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int code_unit_of(std::string_view hex) {
  int value = 0;
  for (char c : hex) value = value * 16 + hex_digit(c);
  return value;
}

}  // namespace

bool JsonScanner::blank(bool may_end) {
  while (pos < n_) {
    const char c = p_[pos];
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      ++pos;
      // Indentation: eight spaces at a time.
      for (uint64_t w; pos + 8 <= n_ && (std::memcpy(&w, p_ + pos, 8), w == kOnes * ' ');) pos += 8;
      continue;
    }
    if (c != '/') return true;
    if (pos + 1 >= n_) return false;
    if (p_[pos + 1] == '/') {
      const size_t end = line_comment_end(std::string_view(p_, n_), pos);
      if (end >= n_ && !may_end) return false;  // the text ends inside the value
      comments_.emplace_back(pos, end);
      pos = std::min(end + 1, n_);
    } else if (p_[pos + 1] == '*') {
      size_t close = std::string_view(p_, n_).find("*/", pos + 2);
      if (close == std::string_view::npos || std::memchr(p_ + pos, '\0', close - pos)) return false;
      comments_.emplace_back(pos, close + 2);
      pos = close + 2;
    } else {
      return false;
    }
  }
  return true;
}

bool JsonScanner::string(bool& escaped) {
  ++pos;
  for (;;) {
    if constexpr (std::endian::native == std::endian::little) {
      for (; pos + 8 <= n_; pos += 8) {
        uint64_t w;
        std::memcpy(&w, p_ + pos, 8);
        if (uint64_t stops = string_stops(w)) {
          pos += static_cast<size_t>(std::countr_zero(stops)) / 8;
          break;
        }
      }
    }
    if (pos >= n_) return false;
    const auto c = static_cast<unsigned char>(p_[pos]);
    if (c == '"') {
      ++pos;
      return true;
    }
    if (c == '\\') {
      escaped = true;
      if (!escape()) return false;
    } else if (c >= 0x80) {
      // Well-formed UTF-8, as nlohmann checks it (the Unicode Standard's table 3-7).
      const size_t length = utf8_sequence(std::string_view(p_, n_), pos);
      if (length == 0) return false;
      pos += length;
    } else if (c < 0x20) {
      return false;  // read_json reads such text another way
    } else {
      ++pos;
    }
  }
}

// At a backslash in a string.
bool JsonScanner::escape() {
  if (pos + 1 >= n_) return false;
  switch (p_[pos + 1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      pos += 2;
      return true;
    case 'u':
      break;
    default:
      return false;
  }
  const int first = code_unit(pos + 2);
  pos += 6;
  if (first >= 0xDC00 && first <= 0xDFFF) return false;  // a low surrogate first
  if (first < 0xD800 || first > 0xDBFF) return first >= 0;
  if (pos + 1 >= n_ || p_[pos] != '\\' || p_[pos + 1] != 'u') return false;
  const int second = code_unit(pos + 2);
  pos += 6;
  return second >= 0xDC00 && second <= 0xDFFF;
}

// The four hex digits at `at`, or -1.
int JsonScanner::code_unit(size_t at) const {
  if (at + 4 > n_) return -1;
  for (size_t i = at; i < at + 4; ++i)
    if (hex_digit(p_[i]) < 0) return -1;
  return code_unit_of(std::string_view(p_ + at, 4));
}

bool JsonScanner::word(std::string_view w) {
  if (n_ - pos < w.size() || std::memcmp(p_ + pos, w.data(), w.size()) != 0) return false;
  pos += w.size();
  return true;
}

bool JsonScanner::number() {
  const size_t start = pos;
  if (p_[pos] == '-') ++pos;
  if (pos >= n_ || !is_digit(p_[pos])) return false;
  if (p_[pos++] != '0')
    while (pos < n_ && is_digit(p_[pos])) ++pos;
  if (pos < n_ && p_[pos] == '.') {
    ++pos;
    if (!digits()) return false;
  }
  if (pos < n_ && (p_[pos] == 'e' || p_[pos] == 'E')) {
    ++pos;
    if (pos < n_ && (p_[pos] == '+' || p_[pos] == '-')) ++pos;
    if (!digits()) return false;
    return finite(start);
  }
  // Without an exponent, only more digits than a double's range has can overflow.
  return pos - start < 300 || finite(start);
}

// One digit or more: past the last.
bool JsonScanner::digits() {
  if (pos >= n_ || !is_digit(p_[pos])) return false;
  while (pos < n_ && is_digit(p_[pos])) ++pos;
  return true;
}

bool JsonScanner::finite(size_t start) const {
  const std::string number(p_ + start, pos - start);
  return std::isfinite(std::strtod(number.c_str(), nullptr));
}

std::string json_string_value(std::string_view token, bool escaped) {
  const std::string_view body = token.substr(1, token.size() - 2);
  if (!escaped) return std::string(body);
  std::string out;
  out.reserve(body.size());
  for (size_t i = 0; i < body.size();) {
    const size_t backslash = body.find('\\', i);
    out.append(body.substr(i, backslash == std::string_view::npos ? body.npos : backslash - i));
    if (backslash == std::string_view::npos) break;
    const char e = body[backslash + 1];
    i = backslash + 2;
    switch (e) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        uint32_t cp = static_cast<uint32_t>(code_unit_of(body.substr(i, 4)));
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {  // a high surrogate, its low one next (the scan checked)
          const auto low = static_cast<uint32_t>(code_unit_of(body.substr(i + 2, 4)));
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        append_utf8(out, static_cast<char32_t>(cp));
        break;
      }
      default:
        out += e;  // '"', '\\', '/'
    }
  }
  return out;
}

}  // namespace patless
