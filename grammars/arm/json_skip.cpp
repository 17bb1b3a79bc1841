#include "grammars/arm/json_skip.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

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

// Each check below accepts exactly what nlohmann's lexer (3.11) accepts, or
// less; the scan gives up at the first thing it does not.
class Skipper {
 public:
  Skipper(std::string_view bytes, JsonSkipLimits limits, std::vector<std::pair<size_t, size_t>>& comments)
      : p_(bytes.data()), n_(bytes.size()), limits_(limits), comments_(comments), comments_before_(comments.size()) {}

  std::optional<size_t> container(size_t open) {
    std::optional<size_t> close = run(open);
    if (!close) comments_.resize(comments_before_);
    return close;
  }
  const JsonSkipLimits& limits() const { return limits_; }

 private:
  const char* p_;
  size_t n_;
  size_t pos_ = 0;
  JsonSkipLimits limits_;
  std::vector<std::pair<size_t, size_t>>& comments_;
  size_t comments_before_;

  enum class Next { FirstMember, FirstItem, Member, Value, CommaOrClose };

  static char closing(char open) { return open == '{' ? '}' : ']'; }

  std::optional<size_t> run(size_t open) {
    std::vector<char> open_brackets{p_[open]};
    pos_ = open + 1;
    Next next = p_[open] == '{' ? Next::FirstMember : Next::FirstItem;
    for (;;) {
      if (!blank() || pos_ >= n_) return std::nullopt;
      const char c = p_[pos_];
      if (next == Next::FirstMember || next == Next::FirstItem) {
        if (c != closing(open_brackets.back())) {
          next = next == Next::FirstMember ? Next::Member : Next::Value;
          continue;
        }
      } else if (next == Next::Member) {
        if (c != '"' || !string() || !blank() || pos_ >= n_ || p_[pos_] != ':') return std::nullopt;
        ++pos_;
        next = Next::Value;
        continue;
      } else if (next == Next::Value) {
        if (limits_.budget == 0) return std::nullopt;
        --limits_.budget;
        if (c == '{' || c == '[') {
          if (open_brackets.size() >= limits_.room) return std::nullopt;
          open_brackets.push_back(c);
          ++pos_;
          next = c == '{' ? Next::FirstMember : Next::FirstItem;
          continue;
        }
        const bool scalar = c == '"'   ? string()
                            : c == 't' ? word("true")
                            : c == 'f' ? word("false")
                            : c == 'n' ? word("null")
                                       : number();
        if (!scalar) return std::nullopt;
        next = Next::CommaOrClose;
        continue;
      } else {  // CommaOrClose
        if (c == ',') {
          ++pos_;
          next = open_brackets.back() == '{' ? Next::Member : Next::Value;
          continue;
        }
        if (c != closing(open_brackets.back())) return std::nullopt;
      }
      // `c` closes the innermost container.
      if (open_brackets.size() == 1) return pos_;
      open_brackets.pop_back();
      ++pos_;
      next = Next::CommaOrClose;
    }
  }

  // Passes over blanks and comments; false at a comment nlohmann does not take.
  bool blank() {
    while (pos_ < n_) {
      const char c = p_[pos_];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        ++pos_;
        // Indentation: eight spaces at a time.
        for (uint64_t w; pos_ + 8 <= n_ && (std::memcpy(&w, p_ + pos_, 8), w == kOnes * ' ');) pos_ += 8;
        continue;
      }
      if (c != '/') return true;
      if (pos_ + 1 >= n_) return false;
      if (p_[pos_ + 1] == '/') {
        const size_t end = line_comment_end(std::string_view(p_, n_), pos_);
        if (end >= n_) return false;  // the text ends inside the value
        comments_.emplace_back(pos_, end);
        pos_ = end + 1;
      } else if (p_[pos_ + 1] == '*') {
        size_t close = std::string_view(p_, n_).find("*/", pos_ + 2);
        if (close == std::string_view::npos || std::memchr(p_ + pos_, '\0', close - pos_)) return false;
        comments_.emplace_back(pos_, close + 2);
        pos_ = close + 2;
      } else {
        return false;
      }
    }
    return true;
  }

  // At a string's opening quote: to just past its closing one.
  bool string() {
    ++pos_;
    for (;;) {
      if constexpr (std::endian::native == std::endian::little) {
        for (; pos_ + 8 <= n_; pos_ += 8) {
          uint64_t w;
          std::memcpy(&w, p_ + pos_, 8);
          if (uint64_t stops = string_stops(w)) {
            pos_ += static_cast<size_t>(std::countr_zero(stops)) / 8;
            break;
          }
        }
      }
      if (pos_ >= n_) return false;
      const auto c = static_cast<unsigned char>(p_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        if (!escape()) return false;
      } else if (c >= 0x80) {
        // Well-formed UTF-8, as nlohmann checks it (the Unicode Standard's table 3-7).
        const size_t length = utf8_sequence(std::string_view(p_, n_), pos_);
        if (length == 0) return false;
        pos_ += length;
      } else if (c < 0x20) {
        return false;  // read_json reads such text another way
      } else {
        ++pos_;
      }
    }
  }

  // At a backslash in a string.
  bool escape() {
    if (pos_ + 1 >= n_) return false;
    switch (p_[pos_ + 1]) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
        pos_ += 2;
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    const int first = code_unit(pos_ + 2);
    pos_ += 6;
    if (first >= 0xDC00 && first <= 0xDFFF) return false;  // a low surrogate first
    if (first < 0xD800 || first > 0xDBFF) return first >= 0;
    if (pos_ + 1 >= n_ || p_[pos_] != '\\' || p_[pos_ + 1] != 'u') return false;
    const int second = code_unit(pos_ + 2);
    pos_ += 6;
    return second >= 0xDC00 && second <= 0xDFFF;
  }

  // The four hex digits at `at`, or -1.
  int code_unit(size_t at) const {
    if (at + 4 > n_) return -1;
    int value = 0;
    for (size_t i = at; i < at + 4; ++i) {
      const int d = hex_digit(p_[i]);
      if (d < 0) return -1;
      value = value * 16 + d;
    }
    return value;
  }

  bool word(std::string_view w) {
    if (n_ - pos_ < w.size() || std::memcmp(p_ + pos_, w.data(), w.size()) != 0) return false;
    pos_ += w.size();
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and finite as a double:
  // nlohmann reads a number past what 64 bits hold as a double, and takes no
  // infinity ("number overflow parsing '1e999'").
  bool number() {
    const size_t start = pos_;
    if (p_[pos_] == '-') ++pos_;
    if (pos_ >= n_ || !is_digit(p_[pos_])) return false;
    if (p_[pos_++] != '0')
      while (pos_ < n_ && is_digit(p_[pos_])) ++pos_;
    if (pos_ < n_ && p_[pos_] == '.') {
      ++pos_;
      if (!digits()) return false;
    }
    if (pos_ < n_ && (p_[pos_] == 'e' || p_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < n_ && (p_[pos_] == '+' || p_[pos_] == '-')) ++pos_;
      if (!digits()) return false;
      return finite(start);
    }
    // Without an exponent, only more digits than a double's range has can overflow.
    return pos_ - start < 300 || finite(start);
  }

  bool finite(size_t start) const {
    const std::string number(p_ + start, pos_ - start);
    return std::isfinite(std::strtod(number.c_str(), nullptr));
  }

  // One digit or more: past the last.
  bool digits() {
    if (pos_ >= n_ || !is_digit(p_[pos_])) return false;
    while (pos_ < n_ && is_digit(p_[pos_])) ++pos_;
    return true;
  }
};

}  // namespace

std::optional<size_t> skip_json_container(std::string_view bytes, size_t open, JsonSkipLimits& limits,
                                          std::vector<std::pair<size_t, size_t>>& comments) {
  if (open >= bytes.size() || (bytes[open] != '{' && bytes[open] != '[')) return std::nullopt;
  Skipper skipper(bytes, limits, comments);
  std::optional<size_t> close = skipper.container(open);
  if (close) limits = skipper.limits();
  return close;
}

}  // namespace patless
