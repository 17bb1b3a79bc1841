// Runs every registered rule over a graph.
#pragma once

#include <vector>

#include "rules/engine/finding.h"
#include "rules/engine/rule.h"

namespace patless {

class Graph;

// Findings of all rules, sorted by file, position and rule id. A rule that
// throws yields one internal-error finding (PL000) and the others still run.
// `options` are the rules' options from the configuration.
std::vector<Finding> run_rules(const Graph& graph, const RuleOptions* options = nullptr);

}  // namespace patless
