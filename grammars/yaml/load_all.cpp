#include "grammars/yaml/load_all.h"

#include <yaml-cpp/eventhandler.h>

#include <sstream>

#include "grammars/limits.h"

namespace patless {
namespace {

// The offset of a ',' that starts a line (after indentation) in block context,
// or npos. Quoted scalars, flow collections, comments and block scalars (`|`,
// `>`) are skipped.
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
        if (quote == '\'' && i + 1 < s.size() && s[i + 1] == '\'') ++i;  // '' inside '...'
        else quote = 0;
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

// Counts the events of one document; remembers where a null-only document began.
class DocumentProbe : public YAML::EventHandler {
 public:
  size_t events = 0, nulls = 0;
  YAML::Mark start;
  void OnDocumentStart(const YAML::Mark& mark) override {
    events = nulls = 0;
    start = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {
    ++events;
    ++nulls;
  }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override { ++events; }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    ++events;
  }
  void OnMapEnd() override {}
};

// The stuck loop, seen from outside: the parser keeps producing documents that
// hold a single null at the same place. Events only, nothing built: a first
// pass that ends either way, cheaply. Returns the stuck position, or nullopt.
std::optional<size_t> stuck_at(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentProbe probe;
  size_t same = 0;
  int last_pos = -1;
  try {
    for (size_t documents = 0; parser.HandleNextDocument(probe); ++documents) {
      bool empty_here = probe.events == 1 && probe.nulls == 1 && probe.start.pos == last_pos;
      same = empty_here ? same + 1 : 0;
      last_pos = probe.start.pos;
      if (same > 16 || documents > limits::kMaxNodesVisited)
        return probe.start.pos >= 0 ? static_cast<size_t>(probe.start.pos) : 0;
    }
  } catch (const YAML::Exception&) {
    // A plain syntax error: the real load reports it with its position.
  }
  return std::nullopt;
}

}  // namespace

YamlLoad load_all_yaml(const std::string& text) {
  YamlLoad out;
  if (size_t at = stray_flow_entry(text); at != std::string_view::npos) {
    out.error = {{at, "unexpected ',' at the start of a line (a flow entry outside [...] or {...})"}};
    return out;
  }
  if (auto at = stuck_at(text)) {
    out.error = {{*at, "unexpected token: the YAML parser cannot go on from here"}};
    return out;
  }
  try {
    out.documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    out.error = {{e.mark.pos >= 0 ? static_cast<size_t>(e.mark.pos) : 0, e.msg}};
  }
  return out;
}

}  // namespace patless
