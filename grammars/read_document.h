// Picks the reader for a file by its name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "grammars/model.h"

namespace patless {

enum class FileKind { Bicep, BicepParams, Json, Yaml, Other };
FileKind file_kind(std::string_view path);

// Reads one file's bytes into a Document, or nullopt when the file is not
// something patless lints (a .json that is no ARM template, YAML with no
// Kubernetes object in it, a Helm template).
std::optional<Document> read_document(const std::string& path, std::string_view bytes);

}  // namespace patless
