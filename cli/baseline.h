// --baseline previous.sarif: which findings are new, which were there before,
// and which of the old ones are gone (SARIF baselineState).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/repository_paths.h"
#include "rules/engine/finding.h"

namespace patless {

struct Baseline {
  std::map<std::string, std::string> results;  // patless/v1 fingerprint → the SARIF result (JSON text)
};

// Reads the results of a SARIF log that patless wrote.
std::optional<Baseline> load_baseline(const std::string& path, std::string& error);

// Sets each finding's `baseline` to "unchanged" or "new", and returns the
// baseline's results that no finding matches, as SARIF results (JSON text)
// with baselineState "absent".
std::vector<std::string> compare_with_baseline(const Baseline& baseline, std::vector<Finding>& findings,
                                               const RepositoryPaths& paths);

}  // namespace patless
