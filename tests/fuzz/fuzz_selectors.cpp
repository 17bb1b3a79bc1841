// libFuzzer target: kustomize target patterns (Go RE2 syntax, a Pike VM) and
// label selectors, whose text comes from the repository. The first line is the
// pattern or selector; the rest, the name, or `key=value` labels a line.
#include <cstdint>
#include <string>

#include "grammars/model.h"
#include "rules/engine/label_selector.h"
#include "rules/engine/pattern.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t nl = input.find('\n');
  std::string_view first = input.substr(0, nl);
  std::string_view rest = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
  (void)patless::full_match(first, rest);

  patless::Value labels;
  labels.kind = patless::Value::Kind::Object;
  for (size_t at = 0; at < rest.size();) {
    size_t end = rest.find('\n', at);
    std::string_view line = rest.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    size_t eq = line.find('=');
    patless::Member m;
    m.key = std::string(line.substr(0, eq));
    m.value.kind = patless::Value::Kind::String;
    if (eq != std::string_view::npos) m.value.text = std::string(line.substr(eq + 1));
    labels.members.push_back(std::move(m));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  (void)patless::selector_matches(first, &labels);
  return 0;
}
