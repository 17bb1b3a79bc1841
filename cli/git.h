// What patless asks git: run directly, without a shell, so that no path (a
// repository in "/home/o'brien") changes the command.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace patless {

// git's standard output for `args`, run in `dir` (`git -C dir ...`), without its
// last line break; nothing when git is missing or fails. Its errors are dropped.
std::optional<std::string> git_output(const std::filesystem::path& dir, const std::vector<std::string>& args);

// The repository a file belongs to: `git rev-parse --show-toplevel` from its
// directory, or empty.
std::string git_top_level(const std::filesystem::path& file);

// `text` as one word of a POSIX shell command: in single quotes, each of its own
// written '\''.
std::string shell_quoted(std::string_view text);

}  // namespace patless
