#include "grammars/read_document.h"

#include "grammars/arm/arm_reader.h"
#include "grammars/bicep/bicep_reader.h"
#include "grammars/yaml/yaml_reader.h"

namespace patless {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

}  // namespace

FileKind file_kind(std::string_view path) {
  if (ends_with(path, ".bicep")) return FileKind::Bicep;
  if (ends_with(path, ".bicepparam")) return FileKind::BicepParams;
  if (ends_with(path, ".json") || ends_with(path, ".jsonc")) return FileKind::Json;
  if (ends_with(path, ".yaml") || ends_with(path, ".yml")) return FileKind::Yaml;
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
