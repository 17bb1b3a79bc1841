// Reading a file's bytes, and its text as the readers take it.
#pragma once

#include <functional>
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

// A file's text a window at a time, read into `buffer` (reused from file to
// file: memory stays that of a window, and the window stays in the processor's
// cache while it is searched). `each(window, from, to)` is called with windows
// of about kWindowBytes; each starts with up to kWindowContext bytes of what
// came before, so that what is found at offsets [from, to) can be read with
// the bytes around it: up to kWindowContext before, kWindowMargin after (or
// the file's end). The [from, to) ranges cover the file once, in order. A
// UTF-16 file is decoded (grammars/text_encoding.h) and given whole, as one
// window. False (with `error`) when the file cannot be read, as read_file.
inline constexpr size_t kWindowBytes = 64 * 1024;
inline constexpr size_t kWindowContext = 1024;
inline constexpr size_t kWindowMargin = 64;
bool read_text_in_windows(const std::string& path, std::string& buffer, std::string& error, size_t max_bytes,
                          const std::function<void(std::string_view window, size_t from, size_t to)>& each);

}  // namespace patless
