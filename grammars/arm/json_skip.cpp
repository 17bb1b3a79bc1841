#include "grammars/arm/json_skip.h"

#include "grammars/arm/json_scan.h"

namespace patless {
namespace {

// Passes over every token, within the limits.
struct Skip {
  JsonSkipLimits limits;
  bool value() {
    if (limits.budget == 0) return false;
    --limits.budget;
    return true;
  }
  bool open(char, size_t, size_t depth, std::optional<size_t>&) const { return depth < limits.room; }
  bool close(char, size_t) const { return true; }
  bool key(size_t, size_t, bool) const { return true; }
  bool string(size_t, size_t, bool) const { return true; }
  bool literal(char, size_t, size_t) const { return true; }
};

}  // namespace

std::optional<size_t> skip_json_container(std::string_view bytes, size_t open, JsonSkipLimits& limits,
                                          std::vector<std::pair<size_t, size_t>>& comments) {
  if (open >= bytes.size() || (bytes[open] != '{' && bytes[open] != '[')) return std::nullopt;
  const size_t comments_before = comments.size();
  JsonScanner scan(bytes, comments);
  scan.pos = open + 1;
  std::vector<char> brackets{bytes[open]};
  Skip skip{limits};
  if (!walk_json(scan, brackets, skip)) {
    comments.resize(comments_before);
    return std::nullopt;
  }
  limits = skip.limits;
  return scan.pos - 1;  // the closing bracket
}

}  // namespace patless
