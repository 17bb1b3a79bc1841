#include "grammars/yaml/yaml_convert.h"

namespace patless {

Value YamlConverter::convert(const YAML::Node& n, int depth) {
  Value v;
  size_t start = offset_of(n.Mark());
  if (depth > limits::kMaxNesting || budget_ == 0) {
    if (!limit_hit) limit_hit = src_.range(start, start + 1);
    v.kind = Value::Kind::Opaque;
    return v;
  }
  --budget_;
  switch (n.Type()) {
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      v.range = scalar_range(start, s);
      v.kind = scalar_kind(n);
      v.text = s;
      break;
    }
    case YAML::NodeType::Sequence:
      v.kind = Value::Kind::Array;
      v.range = src_.range(start, start + 1);
      for (const auto& item : n) {
        v.items.push_back(convert(item, depth + 1));
        if (limit_hit) break;
      }
      break;
    case YAML::NodeType::Map:
      v.kind = Value::Kind::Object;
      v.range = src_.range(start, start + 1);
      for (const auto& kv : n) {
        Member m;
        if (kv.first.IsScalar()) {
          m.key = kv.first.Scalar();
          m.key_range = scalar_range(offset_of(kv.first.Mark()), m.key);
        } else {
          m.key_range = src_.range(offset_of(kv.first.Mark()), offset_of(kv.first.Mark()) + 1);
        }
        m.value = convert(kv.second, depth + 1);
        if (kv.second.IsNull() || !m.value.range.valid()) m.value.range = m.key_range;
        v.members.push_back(std::move(m));
        if (limit_hit) break;
      }
      break;
    default:
      v.kind = Value::Kind::Null;
      break;
  }
  return v;
}

SourceRange YamlConverter::scalar_range(size_t start, const std::string& value) const {
  std::string_view b = src_.bytes();
  if (start >= b.size()) return src_.range(b.size(), b.size());
  char c = b[start];
  size_t i = start + 1;
  if (c == '"') {
    while (i < b.size() && b[i] != '"') i += b[i] == '\\' ? 2 : 1;
    return src_.range(start, std::min(i + 1, b.size()));
  }
  if (c == '\'') {
    while (i < b.size()) {
      if (b[i] == '\'') {
        if (i + 1 < b.size() && b[i + 1] == '\'') {
          i += 2;
          continue;
        }
        break;
      }
      ++i;
    }
    return src_.range(start, std::min(i + 1, b.size()));
  }
  if (b.compare(start, value.size(), value) == 0 && c != '|' && c != '>')
    return src_.range(start, start + value.size());
  // Block scalar or folded plain scalar: its first line.
  size_t end = b.find_first_of("\r\n", start);
  if (end == std::string_view::npos) end = b.size();
  return src_.range(start, end);
}

Value::Kind YamlConverter::scalar_kind(const YAML::Node& n) {
  const std::string& s = n.Scalar();
  // Flux post-build substitution (${cluster_name}, ${VAR:=default}) or envsubst
  // fills it in later: its value is unknown here.
  if (s.find("${") != std::string::npos) return Value::Kind::Opaque;
  if (n.Tag() != "?") return Value::Kind::String;
  if (s == "true" || s == "false" || s == "True" || s == "False" || s == "TRUE" || s == "FALSE")
    return Value::Kind::Bool;
  if (s == "null" || s == "~" || s == "Null" || s == "NULL" || s.empty()) return Value::Kind::Null;
  bool number = !s.empty();
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (!((c >= '0' && c <= '9') || c == '.' || ((c == '-' || c == '+') && i == 0))) number = false;
  }
  return number ? Value::Kind::Number : Value::Kind::String;
}

}  // namespace patless
