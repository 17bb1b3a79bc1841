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
  if (iends_with(path, ".yaml") || iends_with(path, ".yml")) return FileKind::Yaml;
  return FileKind::Other;
}

bool outside_chain(const Document& d) {
  if (d.format != Format::Bicep && d.format != Format::Arm) return false;
  if (!d.errors.empty() || !d.modules.empty() || !d.nested.empty()) return false;
  if (std::any_of(d.resources.begin(), d.resources.end(), [](const Resource& r) { return is_chain_type(r.type); }))
    return false;
  // A suppression comment is checked (PL002, PL003) wherever it is.
  return std::none_of(d.comments.begin(), d.comments.end(),
                      [](const Comment& c) { return c.text.find("disable-") != std::string::npos; });
}

std::optional<Document> read_document(const std::string& path, std::string_view bytes, Detail detail) {
  switch (file_kind(path)) {
    case FileKind::Bicep: return read_bicep(path, bytes, Format::Bicep, detail == Detail::ChainOnly);
    case FileKind::BicepParams: return read_bicep(path, bytes, Format::BicepParams);
    case FileKind::Json: {
      if (!looks_like_arm(bytes)) return std::nullopt;
      std::optional<Document> doc = read_arm(path, bytes);
      if (doc && detail == Detail::ChainOnly && outside_chain(*doc)) {
        Document outline;
        outline.path = std::move(doc->path);
        outline.format = doc->format;
        outline.outline = true;
        return outline;
      }
      return doc;
    }
    case FileKind::Yaml:
      if (!looks_like_kubernetes(bytes)) return std::nullopt;
      return read_yaml(path, bytes);
    case FileKind::Other: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace patless
