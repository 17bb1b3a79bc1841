// Reading a file's bytes, and its text as the readers take it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "grammars/limits.h"

namespace patless {

// Reads a whole file; false (with `error`) when it cannot, or when it is larger
// than `max_bytes`.
bool read_file(const std::string& path, std::string& bytes, std::string& error,
               size_t max_bytes = limits::kMaxFileBytes);
// read_file, and a UTF-16 file's text in UTF-8 (grammars/text_encoding.h): what the
// readers, the selection of a pre-commit run and the reports read.
bool read_text_file(const std::string& path, std::string& text, std::string& error,
                    size_t max_bytes = limits::kMaxFileBytes);

// read_text_file for files read one after another into the same `buffer`, as
// a view of it. The buffer keeps the size of the largest file it held: making
// a string longer first writes zeros over what it adds, and a repository's
// files in listing order (a small main.bicep, a large main.json) took zeros
// over nine tenths of their bytes that way.
std::optional<std::string_view> read_text_into(const std::string& path, std::string& buffer, std::string& error,
                                               size_t max_bytes = limits::kMaxFileBytes);

}  // namespace patless
