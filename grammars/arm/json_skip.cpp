#include "grammars/arm/json_skip.h"

#include "grammars/arm/json_scan.h"

namespace patless {
namespace {

// What a container holds, token by token, within the limits.
class Skipper {
 public:
  Skipper(std::string_view bytes, JsonSkipLimits limits, std::vector<std::pair<size_t, size_t>>& comments)
      : p_(bytes.data()),
        scan_(bytes, comments),
        limits_(limits),
        comments_(comments),
        comments_before_(comments.size()) {}

  std::optional<size_t> container(size_t open) {
    std::optional<size_t> close = run(open);
    if (!close) comments_.resize(comments_before_);
    return close;
  }
  const JsonSkipLimits& limits() const { return limits_; }

 private:
  const char* p_;
  JsonScanner scan_;
  JsonSkipLimits limits_;
  std::vector<std::pair<size_t, size_t>>& comments_;
  size_t comments_before_;

  enum class Next { FirstMember, FirstItem, Member, Value, CommaOrClose };

  static char closing(char open) { return open == '{' ? '}' : ']'; }

  std::optional<size_t> run(size_t open) {
    std::vector<char> open_brackets{p_[open]};
    scan_.pos = open + 1;
    Next next = p_[open] == '{' ? Next::FirstMember : Next::FirstItem;
    bool escaped = false;
    for (;;) {
      if (!scan_.blank() || scan_.at_end()) return std::nullopt;
      const char c = scan_.here();
      if (next == Next::FirstMember || next == Next::FirstItem) {
        if (c != closing(open_brackets.back())) {
          next = next == Next::FirstMember ? Next::Member : Next::Value;
          continue;
        }
      } else if (next == Next::Member) {
        if (c != '"' || !scan_.string(escaped) || !scan_.blank() || scan_.at_end() || scan_.here() != ':')
          return std::nullopt;
        ++scan_.pos;
        next = Next::Value;
        continue;
      } else if (next == Next::Value) {
        if (limits_.budget == 0) return std::nullopt;
        --limits_.budget;
        if (c == '{' || c == '[') {
          if (open_brackets.size() >= limits_.room) return std::nullopt;
          open_brackets.push_back(c);
          ++scan_.pos;
          next = c == '{' ? Next::FirstMember : Next::FirstItem;
          continue;
        }
        const bool scalar = c == '"'   ? scan_.string(escaped)
                            : c == 't' ? scan_.word("true")
                            : c == 'f' ? scan_.word("false")
                            : c == 'n' ? scan_.word("null")
                                       : scan_.number();
        if (!scalar) return std::nullopt;
        next = Next::CommaOrClose;
        continue;
      } else {  // CommaOrClose
        if (c == ',') {
          ++scan_.pos;
          next = open_brackets.back() == '{' ? Next::Member : Next::Value;
          continue;
        }
        if (c != closing(open_brackets.back())) return std::nullopt;
      }
      // `c` closes the innermost container.
      if (open_brackets.size() == 1) return scan_.pos;
      open_brackets.pop_back();
      ++scan_.pos;
      next = Next::CommaOrClose;
    }
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
