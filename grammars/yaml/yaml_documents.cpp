#include "grammars/yaml/yaml_documents.h"

#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <streambuf>

#include "grammars/limits.h"
#include "grammars/yaml/yaml_value_builder.h"

namespace patless {
namespace {

// The offset of a ',' that starts a line (after indentation) in block context,
// or npos. Quoted scalars, flow collections, comments and block scalars (`|`,
// `>`) are skipped. yaml-cpp 0.7 (Debian 12) never returns on a document that
// starts with one: its parser emits a null node without consuming the token,
// over and over.
size_t stray_flow_entry(std::string_view s) {
  int flow = 0;
  char quote = 0;
  bool line_start = true;
  size_t block_indent = std::string_view::npos;  // inside a block scalar: its parent's indentation
  size_t line_indent = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\n') {
      line_start = true;
      line_indent = 0;
      continue;
    }
    if (line_start) {
      if (c == ' ') {
        ++line_indent;
        continue;
      }
      line_start = false;
      if (block_indent != std::string_view::npos) {
        if (line_indent > block_indent || c == '\r') {  // still the block scalar's content
          size_t nl = s.find('\n', i);
          if (nl == std::string_view::npos) return std::string_view::npos;
          i = nl - 1;
          continue;
        }
        block_indent = std::string_view::npos;
      }
      if (!quote && flow == 0 && c == ',') return i;
    }
    if (quote) {
      if (c == quote) {
        if (quote == '\'' && i + 1 < s.size() && s[i + 1] == '\'')
          ++i;  // '' inside '...'
        else
          quote = 0;
      } else if (c == '\\' && quote == '"') {
        ++i;
      }
      continue;
    }
    if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
      size_t nl = s.find('\n', i);
      if (nl == std::string_view::npos) return std::string_view::npos;
      i = nl - 1;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++flow;
    } else if ((c == ']' || c == '}') && flow > 0) {
      --flow;
    } else if ((c == '|' || c == '>') && flow == 0) {
      // A block scalar indicator ends its line (after optional indicators and a comment).
      size_t j = i + 1;
      while (j < s.size() && (s[j] == '-' || s[j] == '+' || (s[j] >= '1' && s[j] <= '9'))) ++j;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      if (j >= s.size() || s[j] == '\n' || s[j] == '\r' || s[j] == '#') block_indent = line_indent;
    }
  }
  return std::string_view::npos;
}

// A std::istream's buffer over text, without copying it.
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view s) {
    char* p = const_cast<char*>(s.data());  // only read
    setg(p, p, p + s.size());
  }
};

}  // namespace

YamlDocuments::YamlDocuments(const SourceText& src, std::vector<size_t> removed_boms)
    : src_(src),
      removed_boms_(std::move(removed_boms)),
      budget_(std::clamp(src.bytes().size() * limits::kNodesPerYamlByte, limits::kMinNodesVisited,
                         limits::kMaxNodesVisited)) {}

size_t YamlDocuments::file_offset(size_t pos) const {
  size_t removed =
      static_cast<size_t>(std::upper_bound(removed_boms_.begin(), removed_boms_.end(), pos) - removed_boms_.begin());
  return std::min(pos + src_.content_start() + 3 * removed, src_.bytes().size());
}

std::optional<YamlError> YamlDocuments::read(std::string_view text, const std::function<void(YamlDocument&)>& take,
                                             const Keep& keep) {
  if (size_t at = stray_flow_entry(text); at != std::string_view::npos) {
    // An offset into the text, whose BOM yaml-cpp's offsets do not count.
    size_t pos = at - std::min<size_t>(at, src_.content_start());
    return YamlError{file_offset(pos), "unexpected ',' at the start of a line (a flow entry outside [...] or {...})"};
  }
  TextBuffer buffer(text);
  std::istream in(&buffer);
  YamlValueBuilder builder(src_, *this, budget_, keep);
  size_t same = 0;  // documents in a row that are one null at the same place
  int last_pos = -1;
  try {
    YAML::Parser parser(in);
    for (size_t documents = 0; parser.HandleNextDocument(builder); ++documents) {
      // yaml-cpp's parser can be stuck on a token it does not consume (a ',' right
      // after an anchor): it returns the same empty document forever.
      bool empty_here = builder.events == 1 && builder.nulls == 1 && builder.start_pos == last_pos;
      same = empty_here ? same + 1 : 0;
      last_pos = builder.start_pos;
      if (same > 16 || documents > limits::kMaxNodesVisited)
        return YamlError{file_offset(builder.start_pos >= 0 ? static_cast<size_t>(builder.start_pos) : 0),
                         "unexpected token: the YAML parser cannot go on from here"};
      take(builder.doc);
    }
  } catch (const YAML::Exception& e) {
    return YamlError{file_offset(e.mark.pos >= 0 ? static_cast<size_t>(e.mark.pos) : 0), e.msg};
  }
  return std::nullopt;
}

}  // namespace patless
