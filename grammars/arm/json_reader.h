// JSON with comments → Value tree with exact source ranges, through nlohmann's SAX parser.
#pragma once

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "grammars/model.h"
#include "grammars/source_text.h"

namespace patless {

struct JsonReadResult {
  std::optional<Value> root;  // empty when the text is not valid JSON
  std::optional<ParseError> error;
  std::vector<Comment> comments;
  bool pruned_unsafely = false;  // the pruner said so: read again without it
};

// Tells read_json, as it reads, which values not to build: the parts its caller
// would drop unread (arm_reader.cpp: most of an ARM template's resources outside
// the chain). Skipped values are still read, counted and checked as JSON.
class JsonPruner {
 public:
  enum class Action { Build, Skip, Replace };
  virtual ~JsonPruner() = default;
  // A container opens: the value of `key` in the innermost object, or an array
  // item (key null). Not called inside a skipped value.
  virtual void enter(const std::string* key, bool object) = 0;
  virtual void leave() = 0;
  // `key` comes next in the innermost object; its text ends at `key_end`.
  virtual Action before_value(const std::string& key, size_t key_end) = 0;
  // A value built for `key` in the innermost object (key null in an array).
  virtual void value(const std::string* key, const Value& v) = 0;
  // What an Action::Replace value, which spans `range`, is built as.
  virtual Value replacement(const SourceRange& range) = 0;
  // Whether what was skipped may have been read after all (read again, whole).
  virtual bool unsafe() const = 0;
  // read_json reads the text again from its start, with the same pruner.
  virtual void restart() = 0;
};

// Where nlohmann's lexer ends a `//` comment: at a line feed, and at a CR alone
// too (the CR of a CRLF, and a line as old Macs wrote it), and at a NUL.
inline bool ends_line_comment(char c) {
  return c == '\n' || c == '\r' || c == '\0';
}
// The offset of what ends the `//` comment that starts at `at` (the lexer takes
// it too), or the text's size when the text ends first.
inline size_t line_comment_end(std::string_view bytes, size_t at) {
  size_t end = at + 2;
  while (end < bytes.size() && !ends_line_comment(bytes[end])) ++end;
  return std::min(end, bytes.size());
}

// Reads JSON that may carry `//` and `/* */` comments (as ARM templates may).
// Nesting deeper than limits::kMaxNesting is an error, not a stack overflow.
JsonReadResult read_json(const SourceText& src, JsonPruner* pruner = nullptr);

// read_json with every byte nlohmann reads tracked: how read_json reads what
// nlohmann does not take as it is (a line break inside a string). read_json
// otherwise finds the tokens between nlohmann's events; tests compare the two.
JsonReadResult read_json_tracked(const SourceText& src, JsonPruner* pruner = nullptr);

}  // namespace patless
