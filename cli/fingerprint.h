// Stable identities for findings, for SARIF partialFingerprints and baselines.
#pragma once

#include <string>
#include <vector>

#include "rules/engine/finding.h"

namespace patless {

// One fingerprint per finding: a hash of rule id, file and logical location
// (never a line number), with an occurrence count where those repeat.
std::vector<std::string> fingerprints(const std::vector<Finding>& findings);

}  // namespace patless
