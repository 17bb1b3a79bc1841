// .patless.yaml: per-rule levels and options, excluded paths, the default
// fail level. Found from the scanned root up to its repository's top, or given
// with --config.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/engine/finding.h"
#include "rules/engine/rule.h"

namespace patless {

struct Config {
  std::string path;                       // the file read, empty when none
  std::optional<Level> fail_level;        // `fail-level`, None for `none`
  std::vector<std::string> exclude;       // globs, relative to the file's directory
  std::map<std::string, std::optional<Level>> levels;  // rule id → level; nullopt: `off`
  RuleOptions options;                    // rule id → option → value
};

// Reads a configuration file. A key, rule id, level or option patless does not
// know is an error (with a did-you-mean): a mistyped setting must not pass silently.
std::optional<Config> load_config(const std::string& path, std::string& error);

// The .patless.yaml that applies to a scan of `directory`: its own, or inside a
// git repository the nearest one above it up to the repository's top (a scan
// of a subdirectory keeps the repository's settings), as a path from
// `directory` ("../../.patless.yaml"); empty when there is none.
std::string find_config(const std::filesystem::path& directory);

// The file `patless init` writes: every setting, commented.
std::string starter_config();

// Whether `path` (relative, '/'-separated) matches `glob`: `**` any run of
// directories, `*` any run of characters but '/', `?` one character but '/'.
bool glob_match(std::string_view glob, std::string_view path);

}  // namespace patless
