// Whether a file takes part in a finding: the finding is in it, or has a related
// place in it. What a pre-commit run naming the file must report of a whole
// scan (tests/fixture_invariants_test.cpp, the fuzz_pipeline target). The
// binary leaves out places that only deploy the file (cli/app.cpp).
#pragma once

#include <string>

#include "rules/engine/finding.h"

namespace patless::testing {

inline bool takes_part(const Finding& f, const std::string& file) {
  if (f.path == file) return true;
  for (const RelatedLocation& r : f.related)
    if (r.path == file) return true;
  return false;
}

}  // namespace patless::testing
