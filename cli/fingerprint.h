// Stable identities for findings, for SARIF partialFingerprints and baselines.
#pragma once

#include <string>
#include <vector>

#include "cli/repository_paths.h"
#include "rules/engine/finding.h"

namespace patless {

// One fingerprint per finding, for SARIF partialFingerprints and --baseline: a
// hash of the rule id and the logical location (the resource's type and name,
// or the Kubernetes object's kind, namespace and name, and the property), never
// a line or column, with an occurrence count where those repeat. Findings about
// a file rather than a resource (PL001, PL002, PL003) hash the file's path too,
// from the repository's top (the same wherever in the repository patless ran).
// So a fingerprint survives inserted lines, reformatting, and moving a resource
// to another file.
std::vector<std::string> fingerprints(const std::vector<Finding>& findings, const RepositoryPaths& paths);

}  // namespace patless
