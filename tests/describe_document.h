// A Document, or what read_json returned, written out field by field, every
// range to the byte offset: two readings of one file compare as text
// (tests/arm_pruning_test.cpp, tests/json_reader_test.cpp, the fuzz_arm target).
#pragma once

#include <optional>
#include <string>

#include "grammars/arm/json_reader.h"
#include "grammars/model.h"

namespace patless::testing {

inline std::string describe(const patless::SourceRange& r) {
  return std::to_string(r.start_line) + ":" + std::to_string(r.start_column) + "-" + std::to_string(r.end_line) + ":" +
         std::to_string(r.end_column) + "@" + std::to_string(r.start_offset) + "-" + std::to_string(r.end_offset);
}

inline std::string describe(const patless::Value& v) {
  std::string out = std::to_string(static_cast<int>(v.kind)) + "'" + v.text + "'" + describe(v.range) +
                    (v.spread ? "s" : "") + (v.safe ? "?" : "") + (v.grouped ? "g" : "") + std::to_string(v.origin) +
                    (v.shared ? "&" : "");
  if (!v.items.empty()) {
    out += "[";
    for (const patless::Value& i : v.items) out += describe(i) + ",";
    out += "]";
  }
  if (!v.members.empty()) {
    out += "{";
    for (const patless::Member& m : v.members)
      out += (m.spread ? "..." : "") + m.key + describe(m.key_range) + "=" + describe(m.value) + ",";
    out += "}";
  }
  return out;
}

inline std::string describe(const std::optional<patless::Value>& v) {
  return v ? describe(*v) : "-";
}

inline std::string describe(const patless::Document& d) {
  std::string out = d.path + " " + std::to_string(static_cast<int>(d.format)) + (d.outline ? " outline" : "") +
                    (d.outer_expressions ? " outer" : "") + (d.nested_in ? " in " + d.nested_in->symbol : "") + "\n";
  for (const patless::Resource& r : d.resources)
    out += "resource " + r.symbol + " " + r.type + "@" + r.api_version.value_or("-") + " " + describe(r.type_range) +
           describe(r.api_version_range) + describe(r.range) + describe(r.head_range) +
           (r.existing ? " existing" : "") + (r.conditional ? " if " + describe(r.condition) : "") +
           (r.loop ? " for " + describe(r.loop_over) : "") + " parent " + r.parent_symbol + " " + describe(r.body) +
           "\n";
  for (const patless::Parameter& p : d.parameters)
    out += "param " + p.name + describe(p.range) + " " + p.type + (p.nullable ? "?" : "") + " " +
           describe(p.default_value) + "\n";
  for (const patless::Variable& v : d.variables) out += "var " + v.name + describe(v.range) + describe(v.value) + "\n";
  for (const patless::Output& o : d.outputs) out += "output " + o.name + describe(o.range) + describe(o.value) + "\n";
  for (const patless::Comment& c : d.comments) out += "comment " + c.text + describe(c.range) + "\n";
  for (const patless::ParseError& e : d.errors) out += "error " + e.message + describe(e.range) + "\n";
  for (const patless::Document& n : d.nested) out += "nested {\n" + describe(n) + "}\n";
  return out;
}

// What read_json returned: two ways of reading compare as text
// (tests/json_reader_test.cpp, the fuzz_arm target).
inline std::string describe(const patless::JsonReadResult& r) {
  std::string out = describe(r.root);
  for (const patless::Comment& c : r.comments) out += "\n#" + c.text + describe(c.range);
  if (r.error) out += "\n!" + r.error->message + describe(r.error->range);
  return out + (r.pruned_unsafely ? "\nunsafe" : "");
}

}  // namespace patless::testing
