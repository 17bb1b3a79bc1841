// What patless needs of git: the repository a file is in, and where git runs
// hooks from.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace patless {

// git's standard output for `args`, run in `dir` (`git -C dir ...`) directly,
// without a shell, and without its last line break; nothing when git is missing
// or fails (its own message goes to standard error).
std::optional<std::string> git_output(const std::filesystem::path& dir, const std::vector<std::string>& args);

// The top level of the git repository `file` is in, symbolic links resolved, or
// empty: the nearest directory above it with a `.git`, found on the file system
// as git finds it. Without running git: no GIT_DIR that git gives the hooks of a
// worktree misleads it, and a checkout another user owns (mounted into a
// container), which git refuses to work in, is found too.
std::string git_top_level(const std::filesystem::path& file);
// The same for a directory: the repository it is in (or whose top it is).
std::string git_top_level_of_directory(const std::filesystem::path& directory);

// `text` as one word of a POSIX shell command: in single quotes, each of its own
// written '\''.
std::string shell_quoted(std::string_view text);

}  // namespace patless
