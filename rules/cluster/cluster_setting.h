// PL301 and PL302 check one boolean cluster setting each, the same way.
#pragma once

#include <initializer_list>
#include <string_view>

#include "rules/engine/graph.h"
#include "rules/engine/rule.h"

namespace patless {

// Reports every declared cluster that Flux workload identity depends on whose
// setting at `path` is known not to be `true`, or is missing from a cluster that
// is not AKS Automatic (which has both settings on without writing them). A
// missing setting that AKS turns on itself in the clusters it creates on Kubernetes
// `on_in_new_clusters_from` ("1.34") or later is a warning, unless the cluster's
// kubernetesVersion is known to be older: it depends on whether AKS creates the
// cluster or it exists already, which the code does not say.
void check_cluster_setting(const Graph& graph, Emitter& out, std::initializer_list<std::string_view> path,
                           std::string_view setting, std::string_view why,
                           std::string_view on_in_new_clusters_from = {});

}  // namespace patless
