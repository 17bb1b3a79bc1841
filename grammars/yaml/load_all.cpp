#include "grammars/yaml/load_all.h"

#include <chrono>
#include <future>
#include <memory>
#include <thread>

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

}  // namespace

YamlLoad load_all_yaml(const std::string& text) {
  YamlLoad out;
  if (size_t at = stray_flow_entry(text); at != std::string_view::npos) {
    out.error = {{at, "unexpected ',' at the start of a line (a flow entry outside [...] or {...})"}};
    return out;
  }
  // On a helper thread with a deadline: a parser that never returns must not hang the scan.
  auto task = std::make_shared<std::packaged_task<std::vector<YAML::Node>()>>(
      [copy = text] { return YAML::LoadAll(copy); });
  std::future<std::vector<YAML::Node>> result = task->get_future();
  std::thread([task] { (*task)(); }).detach();
  if (result.wait_for(std::chrono::microseconds(limits::kParseTimeoutMicros)) != std::future_status::ready) {
    out.error = {{0, "the YAML parser did not finish in time (yaml-cpp does not terminate on this input)"}};
    return out;
  }
  try {
    out.documents = result.get();
  } catch (const YAML::Exception& e) {
    out.error = {{e.mark.pos >= 0 ? static_cast<size_t>(e.mark.pos) : 0, e.msg}};
  }
  return out;
}

}  // namespace patless
