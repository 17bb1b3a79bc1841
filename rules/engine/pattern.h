// Regular expressions as kustomize matches a patch target's kind, name and
// namespace (Go's RE2 syntax, anchored at both ends), in time linear in the
// text: a pattern from the repository must never make a scan hang or overflow
// the stack, as a backtracking matcher can (`(a*)*b` against a long name).
#pragma once

#include <optional>
#include <string_view>

namespace patless {

// Whether `pattern` matches all of `text`; nullopt when the pattern uses syntax
// this matcher does not know (named classes, flags other than `(?i)`,
// backreferences Go rejects anyway) or is too large: then it may match.
std::optional<bool> full_match(std::string_view pattern, std::string_view text);

}  // namespace patless
