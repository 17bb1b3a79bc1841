// Finds the files to lint under the paths given on the command line.
#pragma once

#include <string>
#include <vector>

#include "cli/path_list.h"

namespace patless {

// Why a file named is skipped when its name is none patless reads.
inline constexpr const char* kNotLintableName = "not a Bicep, ARM JSON or YAML file name";

struct Discovery {
  PathList files;                    // sorted, unique
  std::vector<std::string> skipped;  // "path: reason" for what was passed over
  std::vector<std::string> missing;  // command-line paths that do not exist
};

// Walks directories (not through symbolic links to directories, so no loop),
// skipping VCS, dependency and build folders; keeps files whose names patless
// reads (.bicep, .bicepparam, .json, .jsonc, .yaml, .yml). A file named
// explicitly is kept whatever its folder. What has such a name but is no file
// (a named pipe, a device, a link to nothing) is skipped, with the reason.
// Lists directories on `threads` threads.
Discovery discover(const std::vector<std::string>& paths, unsigned threads = 1);

}  // namespace patless
