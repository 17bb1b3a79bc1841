#include "rules/cluster/cluster_setting.h"

#include "rules/engine/report.h"

namespace patless {
namespace {

// AKS Automatic (sku.name 'Automatic') comes with the OIDC issuer and workload
// identity on: a cluster that does not write them has them when it is Automatic,
// or may be when its SKU is not known.
bool may_preconfigure(const ClusterNode& cluster) {
  Lookup sku = cluster.get({"sku", "name"});
  if (sku.state == Lookup::State::Unknown) return true;
  const std::string* name = sku.string();
  return name && iequals(*name, "Automatic");
}

}  // namespace

void check_cluster_setting(const Graph& graph, Emitter& out, std::initializer_list<std::string_view> path,
                           std::string_view setting, std::string_view why) {
  for (const ClusterNode& cluster : graph.clusters()) {
    if (!cluster.declared()) continue;
    const ResourceNode* dependent = flux_dependent(cluster);
    if (!dependent) continue;
    Lookup l = cluster.get(path);
    if (l.state == Lookup::State::Unknown) continue;
    if (l.known() && l.value.kind == Value::Kind::Bool && l.value.text == "true") continue;
    if (l.absent() && may_preconfigure(cluster)) continue;
    std::string name = cluster.quoted_name();
    std::string message = l.absent() ? "AKS cluster " + name + " does not set " + std::string(setting) + ": "
                                     : "AKS cluster " + name + " sets " + std::string(setting) + " to " +
                                           (l.value.text.empty() ? "null" : l.value.text) + ": ";
    message += std::string(why);
    SourceRange at = l.absent() ? missing_property_range(cluster, l) : l.range;
    Finding f = finding_at(cluster, at, setting, std::move(message));
    f.related.push_back(related(*dependent, dependent->resource->type.find("extensions") != std::string::npos
                                                ? "the microsoft.flux extension on this cluster"
                                                : "the flux configuration that uses workload identity"));
    out.report(std::move(f));
  }
}

}  // namespace patless
