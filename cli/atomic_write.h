// Writes a file so that readers see either the old or the whole new content.
#pragma once

#include <string>
#include <string_view>

namespace patless {

// Writes to a temporary file beside `path`, flushes it, renames it over
// `path`. On failure the old file is untouched and `error` says why.
bool write_file_atomically(const std::string& path, std::string_view content, std::string& error);

}  // namespace patless
