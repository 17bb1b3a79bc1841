#include "grammars/yaml/yaml_reader.h"

#include <yaml-cpp/yaml.h>

#include "grammars/limits.h"
#include "grammars/source_text.h"

namespace patless {
namespace {

class YamlConverter {
 public:
  explicit YamlConverter(const SourceText& src) : src_(src) {}

  std::optional<SourceRange> limit_hit;

  // yaml-cpp marks are byte offsets that do not count a BOM.
  size_t offset_of(const YAML::Mark& m) const {
    if (m.pos < 0) return src_.bytes().size();
    return static_cast<size_t>(m.pos) + src_.content_start();
  }

  // yaml-cpp gives only where a scalar starts; find where it ends in the source.
  SourceRange scalar_range(size_t start, const std::string& value) const {
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

  Value convert(const YAML::Node& n, int depth) {
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

 private:
  const SourceText& src_;
  size_t budget_ = limits::kMaxNodesVisited;

  // Quoted scalars are strings; plain ones are typed the way Kubernetes reads them.
  static Value::Kind scalar_kind(const YAML::Node& n) {
    if (n.Tag() != "?") return Value::Kind::String;
    const std::string& s = n.Scalar();
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
};

std::string scalar_at(const Value& root, std::string_view key) {
  const Value* v = root.get(key);
  return v && v->is_literal_scalar() ? v->text : std::string();
}

// Whole-line `#` comments (suppression comments stand on their own line).
void collect_comments(const SourceText& src, Document& doc) {
  for (uint32_t line = 1; line <= src.line_count(); ++line) {
    std::string_view text = src.line(line);
    size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos || text[first] != '#') continue;
    size_t start = static_cast<size_t>(text.data() - src.bytes().data()) + first;
    doc.comments.push_back({std::string(text.substr(first)), src.range(start, start + text.size() - first)});
  }
}

}  // namespace

bool looks_like_kubernetes(std::string_view bytes) {
  return bytes.find("apiVersion") != std::string_view::npos && bytes.find("kind") != std::string_view::npos;
}

std::optional<Document> read_yaml(std::string path, std::string_view bytes) {
  if (bytes.find("{{") != std::string_view::npos && bytes.find("}}") != std::string_view::npos)
    return std::nullopt;  // a Go/Helm template, not YAML until rendered
  Document doc;
  doc.path = std::move(path);
  doc.format = Format::Yaml;
  SourceText src(bytes);
  collect_comments(src, doc);
  if (bytes.find('\0') != std::string_view::npos) {
    size_t at = bytes.find('\0');
    doc.errors.push_back({"the file contains a NUL byte: not a YAML text file", src.range(at, at + 1)});
    return doc;
  }
  std::vector<YAML::Node> nodes;
  try {
    nodes = YAML::LoadAll(std::string(bytes));
  } catch (const YAML::Exception& e) {
    size_t at = e.mark.pos >= 0 ? static_cast<size_t>(e.mark.pos) + src.content_start() : 0;
    at = std::min(at, bytes.size());
    std::string message = "YAML error: " + e.msg;
    SourceRange where = src.range(at, std::min(at + 1, bytes.size()));
    std::string_view line = src.line(where.start_line);
    if (!line.empty() && line[0] == '\t') message += " (the line is indented with a tab; YAML indents with spaces)";
    doc.errors.push_back({message, where});
    return doc;
  }
  YamlConverter converter(src);
  for (const YAML::Node& node : nodes) {
    if (!node.IsMap()) continue;
    const YAML::Node api = node["apiVersion"], kind = node["kind"];
    if (!api || !kind || !api.IsScalar() || !kind.IsScalar()) continue;
    K8sObject obj;
    obj.root = converter.convert(node, 0);
    if (converter.limit_hit) {
      doc.errors.push_back({"nesting deeper than " + std::to_string(limits::kMaxNesting) +
                                " levels or too many nodes (alias expansion): the document is not read",
                            *converter.limit_hit});
      break;
    }
    obj.api_version = api.Scalar();
    obj.kind = kind.Scalar();
    obj.range = obj.root.range;
    if (const Value* meta = obj.root.get("metadata")) {
      obj.name = scalar_at(*meta, "name");
      obj.namespace_ = scalar_at(*meta, "namespace");
    }
    doc.objects.push_back(std::move(obj));
  }
  return doc;
}

}  // namespace patless
