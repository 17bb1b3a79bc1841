#include "grammars/yaml/yaml_reader.h"

#include "grammars/limits.h"
#include "grammars/source_text.h"
#include "grammars/yaml/kustomize_patches.h"
#include "grammars/yaml/yaml_documents.h"

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
// error. Where each was is kept to map positions back. Empty when there is none:
// yaml-cpp then reads the bytes as they are.
std::string without_later_boms(std::string_view bytes, size_t content_start, std::vector<size_t>& removed) {
  size_t at = bytes.find("\n\xEF\xBB\xBF");
  if (at == std::string_view::npos) return {};
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

// A scalar node's value (yaml-cpp's IsScalar): a null is none.
const Value* scalar(const Value* v) {
  return v && v->kind != Value::Kind::Null && v->kind != Value::Kind::Object && v->kind != Value::Kind::Array ? v
                                                                                                              : nullptr;
}

// Whether `object` is a Kubernetes object: a string apiVersion and kind. Nullopt
// while its members so far cannot tell, and never once it is `complete`.
std::optional<bool> is_object(const Value& object, bool complete) {
  const Value* api = object.get("apiVersion");
  const Value* kind = object.get("kind");
  if ((api && !scalar(api)) || (kind && !scalar(kind))) return false;
  if (!api || !kind) return complete ? std::optional(false) : std::nullopt;
  return true;
}

// The objects some rule reads (see read_yaml); nullopt while `object`'s members
// so far cannot tell, and never once it is `complete`.
std::optional<bool> read_by_rules(const Value& object, bool complete) {
  if (std::optional<bool> object_is = is_object(object, complete); object_is != true) return object_is;
  const Value* api = object.get("apiVersion");
  const Value* kind = object.get("kind");
  if (api->text.find("fluxcd.io") != std::string::npos ||
      api->text.find("kustomize.config.k8s.io") != std::string::npos)
    return true;
  if (names_flux_instance(api->text, kind->text)) return true;
  if (kind->text == "ServiceAccount") return true;
  if (kind->text != "Deployment") return false;
  const Value* meta = object.get("metadata");
  if (!meta) return complete ? std::optional(true) : std::nullopt;  // cannot tell: read it
  if (meta->kind != Value::Kind::Object) return true;               // cannot tell: read it
  const Value* name = meta->get("name");
  return !name || !scalar(name) || name->text == "source-controller";
}

// Whether a document may hold objects: one with a string kind and apiVersion, or
// a List (`kind: List`, or any kind ending in List, with `items`), as `kubectl get
// -o yaml` writes it, whose items kustomize, so Flux, applies. Nullopt while its
// members so far cannot tell, and never once it is `complete`.
std::optional<bool> may_hold_objects(const Value& root, bool only_what_rules_read, bool complete) {
  const Value* kind = root.get("kind");
  if (kind && scalar(kind) && kind->text.ends_with("List")) return true;
  return only_what_rules_read ? read_by_rules(root, complete) : is_object(root, complete);
}

// A document, kept until the whole text is known to be YAML.
struct KeptDocument {
  Value root;
  std::optional<SourceRange> limit_hit;
  std::optional<Member> duplicate_key;
  bool kustomization = false;  // the first document of a kustomization file
};

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
  std::vector<size_t> removed_boms;
  std::string without_boms = without_later_boms(bytes, src.content_start(), removed_boms);
  std::string_view text = removed_boms.empty() ? bytes : std::string_view(without_boms);
  YamlDocuments documents(src, std::move(removed_boms));
  // kustomize decodes the first document of a kustomization file, the kustomization.
  const bool kustomization_file = is_kustomization_file(doc.path);
  std::vector<KeptDocument> kept;
  size_t taken = 0;
  auto keep = [&](const Value& root) -> std::optional<bool> {
    if (kustomization_file && taken == 0) return true;
    return may_hold_objects(root, only_what_rules_read, false);
  };
  auto take = [&](YamlDocument& d) {
    bool first = taken++ == 0;
    if (d.dropped || d.root.kind != Value::Kind::Object ||
        (!(kustomization_file && first) && !*may_hold_objects(d.root, only_what_rules_read, true))) {
      documents.refund(d);
      return;
    }
    kept.push_back({std::move(d.root), d.limit_hit, std::move(d.duplicate_key), kustomization_file && first});
  };
  if (std::optional<YamlError> error = documents.read(text, take, keep)) {
    std::string message = "YAML error: " + error->message;
    SourceRange where = src.range(error->offset, std::min(error->offset + 1, bytes.size()));
    std::string_view line = src.line(where.start_line);
    if (!line.empty() && line[0] == '\t') message += " (the line is indented with a tab; YAML indents with spaces)";
    doc.errors.push_back({message, where});
    return doc;
  }
  // Reported once per file, at the first duplicate key (of the objects read).
  bool duplicate_reported = false;
  // One object; false when a limit stops the file.
  auto read_object = [&](Value& node, const KeptDocument& from, bool kustomization) -> bool {
    if (node.kind != Value::Kind::Object) return true;
    const Value* api = node.get("apiVersion");
    const Value* kind = node.get("kind");
    if ((api && !scalar(api)) || (kind && !scalar(kind))) return true;
    std::string api_version = api ? api->text : std::string(), kind_name = kind ? kind->text : std::string();
    if (kustomization) {  // what kustomize takes them to be (is_kustomization_file)
      if (kind_name.empty()) kind_name = "Kustomization";
      if (api_version.empty())
        api_version = kind_name == "Component" ? "kustomize.config.k8s.io/v1alpha1" : "kustomize.config.k8s.io/v1beta1";
    } else if (!api || !kind) {
      return true;
    }
    if (only_what_rules_read && !kustomization && !*read_by_rules(node, true)) return true;
    if (from.limit_hit) {
      doc.errors.push_back({"nesting deeper than " + std::to_string(limits::kMaxNesting) +
                                " levels or too many nodes (alias expansion): the document is not read",
                            *from.limit_hit});
      return false;
    }
    K8sObject obj;
    obj.root = std::move(node);
    obj.api_version = std::move(api_version);
    obj.kind = std::move(kind_name);
    if (from.duplicate_key && !duplicate_reported) {
      // kustomize refuses a resource with one (kubernetes-sigs/kustomize#3480), but
      // reads its own kustomization file keeping one of the two.
      doc.errors.push_back({"YAML error: key '" + from.duplicate_key->key +
                                "' appears twice in one mapping; YAML requires unique keys, and " +
                                (obj.is_kustomization() ? "kustomize silently uses only one of them"
                                                        : "kustomize (so Flux) rejects the file"),
                            from.duplicate_key->key_range});
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
  for (KeptDocument& d : kept) {
    // A List (`kind: List`, or any kind ending in List, with `items`), as `kubectl get -o yaml`
    // writes it: kustomize, so Flux, applies its items.
    const Value* kind = scalar(d.root.get("kind"));
    Value* items = const_cast<Value*>(d.root.get("items"));
    if (kind && kind->text.ends_with("List") && items && items->kind == Value::Kind::Array) {
      bool more = true;
      for (Value& item : items->items)
        if (!(more = read_object(item, d, false))) break;
      if (!more) break;
      continue;
    }
    if (!read_object(d.root, d, d.kustomization)) break;
  }
  return doc;
}

}  // namespace patless
