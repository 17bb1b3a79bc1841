// PL301 and PL302 check one boolean cluster setting each, the same way.
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>

#include "rules/engine/graph.h"
#include "rules/engine/rule.h"

namespace patless {

// A Kubernetes minor version from which AKS turns a setting on by itself in the
// clusters it creates (not in clusters that exist already).
struct OnInNewClustersFrom {
  unsigned major, minor;
};

// Reports every declared cluster that Flux workload identity depends on whose
// setting at `path` is known not to be `true`, or is missing from a cluster that
// is not AKS Automatic (which has both settings on without writing them). A
// missing setting that AKS may turn on itself (`default_on`, unless the cluster's
// kubernetesVersion is known to be older) is a warning: it depends on whether
// AKS creates the cluster or it exists already, which the code does not say.
void check_cluster_setting(const Graph& graph, Emitter& out, std::initializer_list<std::string_view> path,
                           std::string_view setting, std::string_view why,
                           std::optional<OnInNewClustersFrom> default_on = std::nullopt);

}  // namespace patless
