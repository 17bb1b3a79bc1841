#include "grammars/read_document.h"

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

std::optional<Document> read_document(const std::string& path, std::string_view bytes) {
  switch (file_kind(path)) {
    case FileKind::Bicep: return read_bicep(path, bytes, Format::Bicep);
    case FileKind::BicepParams: return read_bicep(path, bytes, Format::BicepParams);
    case FileKind::Json:
      if (!looks_like_arm(bytes)) return std::nullopt;
      return read_arm(path, bytes);
    case FileKind::Yaml:
      if (!looks_like_kubernetes(bytes)) return std::nullopt;
      return read_yaml(path, bytes);
    case FileKind::Other: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace patless
