// Runs every registered rule over a graph.
#pragma once

#include <vector>

#include "rules/engine/finding.h"

namespace patless {

class Graph;

// Findings of all rules, sorted by file, position and rule id. A rule that
// throws yields one internal-error finding (PL000) and the others still run.
std::vector<Finding> run_rules(const Graph& graph);

}  // namespace patless
