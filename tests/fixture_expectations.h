// Expected findings written inside fixtures, and their comparison with actual ones.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "rules/engine/finding.h"

namespace patless::testing {

inline const std::filesystem::path kRulesDir = std::filesystem::path(PATLESS_SOURCE_DIR) / "testdata" / "rules";

// Units of work under testdata/rules/PLnnn/: single files, or folders linted as one scan.
std::vector<std::filesystem::path> fixture_units();

// The fixture files of a unit (itself, or the files under the folder).
std::vector<std::string> files_of(const std::filesystem::path& unit);

// "path:line:col-endline:endcol RULE level", the form both sides are compared in.
std::string describe(const Finding& f);

// Reads the expectations of one fixture file:
//  - inline, on a comment line of its own: `// expect: PL102 error 12-40` (Bicep, JSON)
//    or `# expect: PL501 warning 8-61` (YAML): a finding of that rule and level on the
//    next line that is not itself an expectation, from column 12 to column 40
//    (exclusive); `12-5:3` ends on line 5, column 3;
//  - in a sidecar `<file>.expect`, for files that cannot carry comments:
//    one `PL001 error 3:5-3:6` a line.
std::vector<std::string> expectations_of(const std::string& path);

}  // namespace patless::testing
