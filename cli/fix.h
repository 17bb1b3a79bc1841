// --fix and --diff: the fixes of a scan's findings, applied to the files.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/text_encoding.h"
#include "rules/engine/finding.h"

namespace patless {

struct FileFix {
  std::string path;
  std::string original, fixed;  // the text, in UTF-8 as the readers read it
  // The file's own: the fixed text is written back in it (the file's bytes are
  // encode_from_utf8(fixed, encoding)).
  TextEncoding encoding = TextEncoding::Utf8;
  size_t fixes = 0;  // findings fixed
};

// The fixes of unsuppressed findings, file by file. Edits are applied from the
// end of the file, overlapping ones are skipped (the next run picks them up),
// and inserted line breaks follow the file's own (LF or CRLF). A BOM and every
// byte outside the edits stay as they are. A UTF-16 file is fixed in its text
// and written back in UTF-16; one that is not valid UTF-16 throughout is not
// fixed (writing it back would change more than the edits).
// A file whose text is no longer the one the findings were made from is not
// fixed either: the edits' offsets would land elsewhere.
std::vector<FileFix> plan_fixes(const std::vector<Finding>& findings, std::vector<std::string>& errors);

// A unified diff (hunks with 3 lines of context) from `original` to `fixed`,
// which `patch -p0` and `git apply` take.
void write_unified_diff(std::ostream& out, const FileFix& fix);

// What Fix::text_hash and Document::text_hash hold for a text.
inline uint64_t text_hash(std::string_view text) {
  return std::hash<std::string_view>{}(text);
}

}  // namespace patless
