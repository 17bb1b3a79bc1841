#include "rules/cluster/cluster_setting.h"

#include <optional>
#include <string>

#include "rules/engine/facts.h"
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

// properties.kubernetesVersion ('1.33', '1.33.2') is known to be older than `version`.
bool known_older(const ClusterNode& cluster, std::string_view version) {
  const Lookup written = cluster.get({"properties", "kubernetesVersion"});
  std::optional<int> order = written.string() ? compare_versions(*written.string(), version) : std::nullopt;
  return order && *order < 0;
}

}  // namespace

void check_cluster_setting(const Graph& graph, Emitter& out, std::initializer_list<std::string_view> path,
                           std::string_view setting, std::string_view why, std::string_view on_in_new_clusters_from) {
  for (const ClusterNode& cluster : graph.clusters()) {
    if (!cluster.declared()) continue;
    const ResourceNode* dependent = flux_dependent(cluster);
    if (!dependent) continue;
    Lookup l = cluster.get(path);
    if (l.state == Lookup::State::Unknown) continue;
    if (l.known() && l.value.kind == Value::Kind::Bool && l.value.text == "true") continue;
    if (l.absent() && may_preconfigure(cluster)) continue;
    std::string name = cluster.quoted_name();
    bool may_default_on =
        l.absent() && !on_in_new_clusters_from.empty() && !known_older(cluster, on_in_new_clusters_from);
    std::string message;
    if (may_default_on)
      message = "AKS cluster " + name + " does not set " + std::string(setting) +
                "; AKS turns it on itself only in a cluster it creates on Kubernetes " +
                std::string(on_in_new_clusters_from) + " or later, not in one that exists already: ";
    else if (l.absent())
      message = "AKS cluster " + name + " does not set " + std::string(setting) + ": ";
    else if (l.value.kind == Value::Kind::String)  // AKS decodes its body strictly: a string is no boolean
      message = "AKS cluster " + name + " sets " + std::string(setting) + " to the string '" + l.value.text +
                "', not a boolean, which AKS refuses: ";
    else
      message = "AKS cluster " + name + " sets " + std::string(setting) + " to " + shown(l.value) + ": ";
    message += std::string(why);
    SourceRange at = l.absent() ? missing_property_range(cluster, l) : l.range;
    Finding f = finding_at(cluster, at, setting, std::move(message), may_default_on ? Level::Warning : Level::None);
    add_written_elsewhere(f, cluster, l, "the setting");
    f.related.push_back(related(*dependent, dependent->resource->type.find("extensions") != std::string::npos
                                                ? "the microsoft.flux extension on this cluster"
                                                : "the flux configuration that uses workload identity"));
    out.report(std::move(f));
  }
}

}  // namespace patless
