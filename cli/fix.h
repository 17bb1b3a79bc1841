// --fix and --diff: the fixes of a scan's findings, applied to the files.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "rules/engine/finding.h"

namespace patless {

struct FileFix {
  std::string path;
  std::string original, fixed;
  size_t fixes = 0;  // findings fixed
};

// The fixes of unsuppressed findings, file by file. Edits are applied from the
// end of the file, overlapping ones are skipped (the next run picks them up),
// and inserted line breaks follow the file's own (LF or CRLF). A BOM and every
// byte outside the edits stay as they are.
std::vector<FileFix> plan_fixes(const std::vector<Finding>& findings, std::vector<std::string>& errors);

// A unified diff (hunks with 3 lines of context) from `original` to `fixed`,
// which `patch -p0` and `git apply` take.
void write_unified_diff(std::ostream& out, const FileFix& fix);

}  // namespace patless
