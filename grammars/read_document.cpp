#include "grammars/read_document.h"

#include <algorithm>

#include "grammars/arm/arm_reader.h"
#include "grammars/ascii.h"
#include "grammars/bicep/bicep_reader.h"
#include "grammars/yaml/yaml_reader.h"

namespace patless {
FileKind file_kind(std::string_view path) {
  if (iends_with(path, ".bicep")) return FileKind::Bicep;
  if (iends_with(path, ".bicepparam")) return FileKind::BicepParams;
  if (iends_with(path, ".json") || iends_with(path, ".jsonc")) return FileKind::Json;
  if (iends_with(path, ".yaml") || iends_with(path, ".yml") || is_kustomization_file(path)) return FileKind::Yaml;
  return FileKind::Other;
}

namespace {

// A deployment that names a template file (templateLink.relativePath) links
// this document to another; an inline one is looked into (Document::nested).
bool links_template(const Resource& r) {
  const Value* props = r.body.get("properties");
  return props && props->get("templateLink");
}

}  // namespace

bool outside_chain(const Document& d) {
  if (d.format != Format::Bicep && d.format != Format::Arm) return false;
  if (!d.errors.empty() || !d.modules.empty()) return false;
  for (const Resource& r : d.resources)
    if (links_chain(r.type, r.existing, links_template(r))) return false;
  // Compiled modules (main.json) nest a deployment per module: outside the chain when all of them are.
  if (!std::all_of(d.nested.begin(), d.nested.end(), [](const Document& n) { return outside_chain(n); }))
    return false;
  // A suppression comment is checked (PL002, PL003) wherever it is.
  return std::none_of(d.comments.begin(), d.comments.end(),
                      [](const Comment& c) { return may_suppress(c.text); });
}

std::optional<Document> read_document(const std::string& path, std::string_view bytes, Detail detail) {
  switch (file_kind(path)) {
    case FileKind::Bicep: return read_bicep(path, bytes, Format::Bicep, detail == Detail::ChainOnly);
    case FileKind::BicepParams: return read_bicep(path, bytes, Format::BicepParams);
    case FileKind::Json: {
      if (!looks_like_arm(bytes)) return std::nullopt;
      std::optional<Document> doc = read_arm(path, bytes, detail == Detail::ChainOnly);
      if (doc && !doc->outline && detail == Detail::ChainOnly && outside_chain(*doc)) {
        // The text named the chain's types in passing (a parameter's description).
        return outline_of(std::move(doc->path), doc->format);
      }
      return doc;
    }
    case FileKind::Yaml:
      if (!looks_like_kubernetes(bytes) && !is_kustomization_file(path)) return std::nullopt;
      return read_yaml(path, bytes, detail == Detail::ChainOnly);
    case FileKind::Other: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace patless
