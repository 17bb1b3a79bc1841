#include "grammars/yaml/yaml_reader.h"

#include <yaml-cpp/yaml.h>

#include "grammars/limits.h"
#include "grammars/source_text.h"
#include "grammars/yaml/kustomize_patches.h"
#include "grammars/yaml/load_all.h"
#include "grammars/yaml/yaml_convert.h"

namespace patless {
namespace {

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

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The text yaml-cpp reads: without a BOM that starts a line after the first,
// as concatenated files leave them (`cat a.yaml b.yaml`, each saved with one).
// YAML allows one before each document, and the scanners of libyaml and
// go-yaml (kubectl's, kustomize's) skip a BOM in column 0 between tokens;
// yaml-cpp reads it as text: the key `\uFEFFapiVersion`, or before `---` an
// error. Where each was is kept for the converter to map positions back.
std::string without_later_boms(std::string_view bytes, size_t content_start, std::vector<size_t>& removed) {
  size_t at = bytes.find("\n\xEF\xBB\xBF");
  if (at == std::string_view::npos) return std::string(bytes);
  std::string text;
  text.reserve(bytes.size());
  size_t from = 0;
  for (; at != std::string_view::npos; at = bytes.find("\n\xEF\xBB\xBF", at + 1)) {
    text.append(bytes, from, at + 1 - from);
    removed.push_back(text.size() - content_start);
    from = at + 1 + kBom.size();
  }
  text.append(bytes, from);
  return text;
}

}  // namespace

bool looks_like_kubernetes(std::string_view bytes) {
  if (bytes.find("kind") == std::string_view::npos) return false;
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // a BOM
  // JSON is YAML too: a file that is one JSON object may indent its keys.
  size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && bytes[first] == '{')
    return bytes.find("apiVersion") != std::string_view::npos;
  // An object's apiVersion is a key of its document's top-level mapping: at the
  // start of a line, or in a flow mapping `{…}` that starts a line. An
  // apiVersion deeper in (Helm values, recorded HTTP bodies) makes no object.
  for (size_t at = bytes.find("apiVersion"); at != std::string_view::npos; at = bytes.find("apiVersion", at + 1)) {
    size_t line = bytes.rfind('\n', at);
    line = line == std::string_view::npos ? 0 : line + 1;
    std::string_view before = bytes.substr(line, at - line);
    if (before.starts_with(kBom)) before.remove_prefix(kBom.size());  // see without_later_boms
    if (before.empty() || before == "\"" || before == "'" || bytes[line] == '{') return true;
  }
  return false;
}

namespace {

// The objects some rule reads (see read_yaml).
bool read_by_rules(const std::string& api, const std::string& kind, const YAML::Node& node) {
  if (api.find("fluxcd.io") != std::string::npos || api.find("kustomize.config.k8s.io") != std::string::npos)
    return true;
  if (names_flux_instance(api, kind)) return true;
  if (kind == "ServiceAccount") return true;
  if (kind != "Deployment") return false;
  const YAML::Node meta = node["metadata"];
  if (!meta || !meta.IsMap()) return true;  // cannot tell: read it
  const YAML::Node name = meta["name"];
  return !name || !name.IsScalar() || name.Scalar() == "source-controller";
}

}  // namespace

std::optional<Document> read_yaml(std::string path, std::string_view bytes, bool only_what_rules_read) {
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
  YamlConverter converter(src);
  YamlLoad loaded = load_all_yaml(without_later_boms(bytes, src.content_start(), converter.removed_boms));
  std::vector<YAML::Node>& nodes = loaded.documents;
  if (loaded.error) {
    size_t at = converter.file_offset(loaded.error->first);
    std::string message = "YAML error: " + loaded.error->second;
    SourceRange where = src.range(at, std::min(at + 1, bytes.size()));
    std::string_view line = src.line(where.start_line);
    if (!line.empty() && line[0] == '\t') message += " (the line is indented with a tab; YAML indents with spaces)";
    doc.errors.push_back({message, where});
    return doc;
  }
  // Reported once per file, at the first duplicate key (of the objects read).
  bool duplicate_reported = false;
  // kustomize decodes the first document of a kustomization file, the kustomization.
  const YAML::Node kustomization =
      is_kustomization_file(doc.path) && !nodes.empty() ? nodes.front() : YAML::Node(YAML::NodeType::Undefined);
  // One object; false when a limit stops the file.
  auto read_object = [&](const YAML::Node& node) -> bool {
    if (!node.IsMap()) return true;
    const YAML::Node api = node["apiVersion"], kind = node["kind"];
    if ((api && !api.IsScalar()) || (kind && !kind.IsScalar())) return true;
    std::string api_version = api ? api.Scalar() : std::string(), kind_name = kind ? kind.Scalar() : std::string();
    if (node.is(kustomization)) {  // what kustomize takes them to be (is_kustomization_file)
      if (kind_name.empty()) kind_name = "Kustomization";
      if (api_version.empty())
        api_version = kind_name == "Component" ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1";
    } else if (!api || !kind) {
      return true;
    }
    if (only_what_rules_read && !read_by_rules(api_version, kind_name, node)) return true;
    K8sObject obj;
    obj.root = converter.convert(node, 0);
    if (converter.limit_hit) {
      doc.errors.push_back({"nesting deeper than " + std::to_string(limits::kMaxNesting) +
                                " levels or too many nodes (alias expansion): the document is not read",
                            *converter.limit_hit});
      return false;
    }
    obj.api_version = std::move(api_version);
    obj.kind = std::move(kind_name);
    if (converter.duplicate_key && !duplicate_reported) {
      // kustomize refuses a resource with one (kubernetes-sigs/kustomize#3480), but
      // reads its own kustomization file keeping one of the two.
      doc.errors.push_back({"YAML error: key '" + converter.duplicate_key->key +
                                "' appears twice in one mapping; YAML requires unique keys, and " +
                                (obj.is_kustomization() ? "kustomize silently uses only one of them"
                                                        : "kustomize (so Flux) rejects the file"),
                            converter.duplicate_key->key_range});
      duplicate_reported = true;
    }
    obj.range = obj.root.range;
    if (const Value* meta = obj.root.get("metadata")) {
      obj.name = scalar_at(*meta, "name");
      obj.namespace_ = scalar_at(*meta, "namespace");
    }
    if (obj.is_kustomization()) read_inline_patches(src, obj, doc);
    if (obj.is_flux_instance()) read_flux_instance_patches(src, obj, doc);
    doc.objects.push_back(std::move(obj));
    return true;
  };
  for (const YAML::Node& node : nodes) {
    // A List (`kind: List`, or any kind ending in List, with `items`), as `kubectl get -o yaml`
    // writes it: kustomize, so Flux, applies its items.
    const YAML::Node kind = node.IsMap() ? node["kind"] : YAML::Node();
    const YAML::Node items = node.IsMap() ? node["items"] : YAML::Node();
    if (kind && kind.IsScalar() && kind.Scalar().ends_with("List") && items && items.IsSequence()) {
      bool more = true;
      for (const YAML::Node& item : items)
        if (!(more = read_object(item))) break;
      if (!more) break;
      continue;
    }
    if (!read_object(node)) break;
  }
  return doc;
}

}  // namespace patless
