// Writes a file so that readers see either the old or the whole new content.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace patless {

enum class Links {
  Follow,   // a symbolic link stays and the file it points at is written (reports, fixes)
  Replace,  // the link itself is replaced (a hook that --force replaces)
};

// Writes to a temporary file beside the file, flushes it, renames it over the
// file, which keeps its permissions and, where allowed, its owner. On failure
// the old file is untouched and `error` says why. What is not a file (a named
// pipe, /dev/stdout, /dev/null) is written to as it is: a rename would put a
// file in its place.
bool write_file_atomically(const std::string& path, std::string_view content, std::string& error,
                           Links links = Links::Follow);

// The same, with the content written by `write` into a stream on the temporary
// file: a report of thousands of findings is not held in memory whole first.
bool write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write, std::string& error,
                           Links links = Links::Follow);

}  // namespace patless
