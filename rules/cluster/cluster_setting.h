// PL301 and PL302 check one boolean cluster setting each, the same way.
#pragma once

#include <initializer_list>
#include <string_view>

#include "rules/engine/graph.h"
#include "rules/engine/rule.h"

namespace patless {

// Reports every declared cluster that Flux workload identity depends on whose
// setting at `path` is known not to be `true`, or is missing from a cluster that
// is not AKS Automatic (which has both settings on without writing them).
void check_cluster_setting(const Graph& graph, Emitter& out, std::initializer_list<std::string_view> path,
                           std::string_view setting, std::string_view why);

}  // namespace patless
