#include "grammars/yaml/yaml_convert.h"

#include <unordered_set>

namespace patless {

namespace {

// `<<: *base` (or `<<: [*a, *b]`): YAML's merge key, which Kubernetes' and
// kustomize's YAML libraries apply and yaml-cpp does not. A quoted "<<" is an
// ordinary key.
bool is_merge(const YAML::Node& key, const YAML::Node& value) {
  if (!key.IsScalar() || key.Scalar() != "<<") return false;
  if (key.Tag() != "?" && key.Tag() != "tag:yaml.org,2002:merge") return false;
  if (value.IsMap()) return true;
  if (!value.IsSequence()) return false;
  for (const auto& item : value)
    if (!item.IsMap()) return false;
  return true;
}

// Whether `key` is already a key of `object`: a scan of a small mapping, a set
// for a large one, so that a mapping of a million keys stays linear.
bool seen_before(const Value& object, const std::string& key, std::unordered_set<std::string>& seen) {
  constexpr size_t kScan = 32;
  if (object.members.size() < kScan) {
    for (const Member& e : object.members)
      if (e.key == key) return true;
    return false;
  }
  if (seen.empty())
    for (const Member& e : object.members) seen.insert(e.key);
  return !seen.insert(key).second;
}

}  // namespace

Value YamlConverter::convert(const YAML::Node& n, int depth, bool shared) {
  Value v;
  bool anchored = false;
  size_t start = skip_properties(offset_of(n.Mark()), anchored);
  v.shared = shared = shared || anchored;
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
      v.items.reserve(n.size());  // models are kept: no slack from doubling
      for (const auto& item : n) {
        v.items.push_back(convert(item, depth + 1, shared));
        if (limit_hit) break;
      }
      break;
    case YAML::NodeType::Map: {
      v.kind = Value::Kind::Object;
      v.range = src_.range(start, start + 1);
      std::vector<YAML::Node> merged;
      std::unordered_set<std::string> seen;  // the keys so far, for a large mapping
      v.members.reserve(n.size());
      for (const auto& kv : n) {
        if (is_merge(kv.first, kv.second)) {
          merged.push_back(kv.second);
          continue;
        }
        Member m;
        bool key_anchored = false;
        size_t key_start = skip_properties(offset_of(kv.first.Mark()), key_anchored);
        if (kv.first.IsScalar()) {
          m.key = kv.first.Scalar();
          m.key_range = scalar_range(key_start, m.key);
        } else {
          m.key_range = src_.range(key_start, key_start + 1);
        }
        if (!duplicate_key && kv.first.IsScalar() && seen_before(v, m.key, seen)) {
          duplicate_key = Member{};
          duplicate_key->key = m.key;
          duplicate_key->key_range = m.key_range;
        }
        m.value = convert(kv.second, depth + 1, shared);
        if (kv.second.IsNull() || !m.value.range.valid()) m.value.range = m.key_range;
        v.members.push_back(std::move(m));
        if (limit_hit) break;
      }
      for (const auto& source : merged) {
        if (limit_hit) break;
        merge_into(v, source, depth);
      }
      break;
    }
    default:
      v.kind = Value::Kind::Null;
      break;
  }
  return v;
}

// The mapping's own keys win over merged ones, and in `<<: [*a, *b]` a's keys
// win over b's, as YAML's merge key is specified.
void YamlConverter::merge_into(Value& object, const YAML::Node& source, int depth) {
  std::unordered_set<std::string> keys;
  for (const auto& m : object.members) keys.insert(m.key);
  auto add = [&](const YAML::Node& map) {
    Value from = convert(map, depth + 1, true);
    for (auto& m : from.members)
      if (keys.insert(m.key).second) object.members.push_back(std::move(m));
  };
  if (source.IsMap()) return add(source);
  for (const auto& map : source) {
    add(map);
    if (limit_hit) return;
  }
}

// A node's Mark is where its properties start (`&anchor`, `!tag`, in either
// order); the value's range starts after them, so that a fix that rewrites the
// value keeps the anchor its aliases need.
size_t YamlConverter::skip_properties(size_t start, bool& anchored) const {
  std::string_view b = src_.bytes();
  size_t i = start;
  while (i < b.size() && (b[i] == '&' || b[i] == '!')) {
    anchored = anchored || b[i] == '&';
    size_t j = i + 1;
    if (b[i] == '!' && j < b.size() && b[j] == '<') {
      j = b.find('>', j);
      if (j == std::string_view::npos) return start;
      ++j;
    }
    while (j < b.size() && b[j] != ' ' && b[j] != '\t' && b[j] != '\r' && b[j] != '\n') ++j;
    // Whitespace, line breaks and comments may stand between the properties and the value.
    while (j < b.size()) {
      if (b[j] == ' ' || b[j] == '\t' || b[j] == '\r' || b[j] == '\n') {
        ++j;
      } else if (b[j] == '#' && (b[j - 1] == ' ' || b[j - 1] == '\t' || b[j - 1] == '\n')) {
        while (j < b.size() && b[j] != '\n') ++j;
      } else {
        break;
      }
    }
    if (j >= b.size()) return start;
    i = j;
  }
  return i;
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
