// JSON read byte by byte as nlohmann's lexer reads it (comments ignored), at
// memory speed: nlohmann's lexer takes each byte through an input adapter and
// copies every string byte into a token buffer, which was most of the time a
// template took to read. What nlohmann would reject, this gives up on, and the
// caller lets nlohmann read the text, to report it nlohmann's way.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grammars/arm/json_skip.h"

namespace patless {

// The tokens of JSON text one at a time, each check accepting exactly what
// nlohmann's lexer (3.11) accepts, or less (a control character in a string:
// read_json reads such text another way). Every method starts at `pos`; true
// moves `pos` past what it read.
class JsonScanner {
 public:
  JsonScanner(std::string_view bytes, std::vector<std::pair<size_t, size_t>>& comments)
      : p_(bytes.data()), n_(bytes.size()), comments_(comments) {}

  size_t pos = 0;
  bool at_end() const { return pos >= n_; }
  char here() const { return p_[pos]; }

  // Blanks and comments, the comments kept; false at a comment nlohmann does
  // not take. A `//` comment may run to the end of the text only when
  // `may_end`: after the root value, not inside it.
  bool blank(bool may_end = false);
  // At a string's opening quote: to just past its closing one. `escaped` says
  // whether it held an escape.
  bool string(bool& escaped);
  bool word(std::string_view w);
  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? that a double holds:
  // nlohmann reads a number past 64 bits as one, and takes no infinity.
  bool number();

 private:
  const char* p_;
  size_t n_;
  std::vector<std::pair<size_t, size_t>>& comments_;

  bool escape();
  int code_unit(size_t at) const;
  bool digits();
  bool finite(size_t start) const;
};

// The text of a string token that JsonScanner::string() took (quotes
// included), its escapes read as nlohmann reads them.
std::string json_string_value(std::string_view token, bool escaped);

// Where the token of each event is, as read_json's value builder asks it
// (the interface of its TokenFinder): scan_json() sets it before each event.
class ScannedTokens {
 public:
  explicit ScannedTokens(std::string_view bytes) : bytes_(bytes) {}
  std::vector<std::pair<size_t, size_t>> comments;
  std::pair<size_t, size_t> token;
  // Where the container the handler passed over closes, once it has.
  std::optional<size_t> passed_to;

  std::pair<size_t, size_t> string() const { return token; }
  std::pair<size_t, size_t> literal() const { return token; }
  size_t open() const { return token.first; }
  size_t close() const { return token.first; }
  // Called by the handler in the event that opens the container at `open`:
  // scan_json goes on at its closing bracket when skip_json_container passes
  // over it (its end event comes next); otherwise it reads the inside.
  bool pass_over(size_t open, JsonSkipLimits& limits) {
    passed_to = skip_json_container(bytes_, open, limits, comments);
    return passed_to.has_value();
  }

 private:
  std::string_view bytes_;
};

// The JSON grammar over JsonScanner's tokens, which scan_json and
// skip_json_container share. It reads from `scan.pos`, inside the containers
// whose brackets `open` holds (none: a root value), until that value or the
// innermost of those containers is read, `scan.pos` then just past it. `visit`
// is told of each token, and stops the walk by returning false:
//   value()                        before each value
//   open(c, at, depth, passed_to)  a container opens at `at` ('{' or '['),
//                                  inside `depth` others; setting passed_to
//                                  to its closing bracket passes over it
//   close(c, at)                   a container closes at `at`
//   key(at, end, escaped)          a member's name, quotes included
//   string(at, end, escaped)       a string value, quotes included
//   literal(c, at, end)            true ('t'), false ('f'), null ('n') or a number
// False when the text is not JSON there, or `visit` stopped the walk.
template <typename Visit>
bool walk_json(JsonScanner& scan, std::vector<char>& open, Visit& visit) {
  enum class Next { Value, FirstMember, FirstItem, Member, CommaOrClose };
  auto inside = [&] { return open.back() == '{' ? Next::FirstMember : Next::FirstItem; };
  auto closing = [&] { return open.back() == '{' ? '}' : ']'; };
  const size_t until = std::max<size_t>(open.size(), 1);  // the walk ends when fewer are open
  Next next = open.empty() ? Next::Value : inside();
  for (;;) {
    if (!scan.blank() || scan.at_end()) return false;
    const size_t at = scan.pos;
    const char c = scan.here();
    bool closes = false;
    switch (next) {
      case Next::FirstMember:
      case Next::FirstItem:
        closes = c == closing();
        if (!closes) {
          next = next == Next::FirstMember ? Next::Member : Next::Value;
          continue;
        }
        break;
      case Next::Member: {
        bool escaped = false;
        if (c != '"' || !scan.string(escaped) || !visit.key(at, scan.pos, escaped) || !scan.blank() || scan.at_end() ||
            scan.here() != ':')
          return false;
        ++scan.pos;
        next = Next::Value;
        continue;
      }
      case Next::Value:
        if (!visit.value()) return false;
        if (c == '{' || c == '[') {
          std::optional<size_t> passed_to;
          if (!visit.open(c, at, open.size(), passed_to)) return false;
          open.push_back(c);
          if (!passed_to) {
            ++scan.pos;
            next = inside();
            continue;
          }
          scan.pos = *passed_to;  // the closing bracket: read below
          closes = true;
          break;
        }
        if (c == '"') {
          bool escaped = false;
          if (!scan.string(escaped) || !visit.string(at, scan.pos, escaped)) return false;
        } else {
          const bool read = c == 't'   ? scan.word("true")
                            : c == 'f' ? scan.word("false")
                            : c == 'n' ? scan.word("null")
                                       : scan.number();
          if (!read || !visit.literal(c, at, scan.pos)) return false;
        }
        next = Next::CommaOrClose;
        break;
      case Next::CommaOrClose:
        if (c == ',') {
          ++scan.pos;
          next = open.back() == '{' ? Next::Member : Next::Value;
          continue;
        }
        if (c != closing()) return false;
        closes = true;
        break;
    }
    if (closes) {
      if (!visit.close(open.back(), scan.pos)) return false;
      open.pop_back();
      ++scan.pos;
      next = Next::CommaOrClose;
    }
    if (open.size() < until) return true;
  }
}

// Calls on `sax` the events nlohmann's sax_parse (strict, comments ignored)
// would, in order, for text nlohmann takes with no control character in a
// string; each token is in `tokens` when its event comes. A number's event
// carries no value: patless keeps a number's text, from its token. False when
// the text is anything else, or an event says to stop: the events called so
// far are then to be dropped, and the text read by nlohmann.
template <typename Sax>
bool scan_json(std::string_view bytes, Sax& sax, ScannedTokens& tokens) {
  struct Events {
    std::string_view bytes;
    Sax& sax;
    ScannedTokens& tokens;
    std::string text;
    bool value() { return true; }
    bool open(char c, size_t at, size_t, std::optional<size_t>& passed_to) {
      tokens.token = {at, at + 1};
      if (!(c == '{' ? sax.start_object(static_cast<size_t>(-1)) : sax.start_array(static_cast<size_t>(-1))))
        return false;
      passed_to = std::exchange(tokens.passed_to, std::nullopt);
      return true;
    }
    bool close(char c, size_t at) {
      tokens.token = {at, at + 1};
      return c == '{' ? sax.end_object() : sax.end_array();
    }
    bool key(size_t at, size_t end, bool escaped) {
      tokens.token = {at, end};
      text = json_string_value(bytes.substr(at, end - at), escaped);
      return sax.key(text);
    }
    bool string(size_t at, size_t end, bool escaped) {
      tokens.token = {at, end};
      text = json_string_value(bytes.substr(at, end - at), escaped);
      return sax.string(text);
    }
    bool literal(char c, size_t at, size_t end) {
      tokens.token = {at, end};
      return c == 't' || c == 'f' ? sax.boolean(c == 't') : c == 'n' ? sax.null() : sax.number_integer(0);
    }
  };
  JsonScanner scan(bytes, tokens.comments);
  if (bytes.starts_with("\xEF\xBB\xBF")) scan.pos = 3;  // nlohmann skips a BOM
  std::vector<char> open;
  Events events{bytes, sax, tokens, {}};
  if (!walk_json(scan, open, events)) return false;
  // Only blanks and comments may follow the root value, up to the end or a
  // NUL: nlohmann takes a NUL for the end of the text (of a C string).
  return scan.blank(/*may_end=*/true) && (scan.at_end() || scan.here() == '\0');
}

}  // namespace patless
