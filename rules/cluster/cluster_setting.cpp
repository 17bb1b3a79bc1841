#include "rules/cluster/cluster_setting.h"

#include <cctype>
#include <string>

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

// properties.kubernetesVersion ('1.33', '1.33.2') is known to be older than `v`.
bool known_older(const ClusterNode& cluster, OnInNewClustersFrom v) {
  const Lookup version = cluster.get({"properties", "kubernetesVersion"});
  const std::string* text = version.string();
  if (!text) return false;
  unsigned major = 0, minor = 0;
  size_t i = 0, digits = 0;
  for (; i < text->size() && std::isdigit(static_cast<unsigned char>((*text)[i])); ++i, ++digits)
    major = major * 10 + static_cast<unsigned>((*text)[i] - '0');
  if (!digits || digits > 4 || i >= text->size() || (*text)[i] != '.') return false;
  digits = 0;
  for (++i; i < text->size() && std::isdigit(static_cast<unsigned char>((*text)[i])); ++i, ++digits)
    minor = minor * 10 + static_cast<unsigned>((*text)[i] - '0');
  if (!digits || digits > 4) return false;
  return major < v.major || (major == v.major && minor < v.minor);
}

}  // namespace

void check_cluster_setting(const Graph& graph, Emitter& out, std::initializer_list<std::string_view> path,
                           std::string_view setting, std::string_view why,
                           std::optional<OnInNewClustersFrom> default_on) {
  for (const ClusterNode& cluster : graph.clusters()) {
    if (!cluster.declared()) continue;
    const ResourceNode* dependent = flux_dependent(cluster);
    if (!dependent) continue;
    Lookup l = cluster.get(path);
    if (l.state == Lookup::State::Unknown) continue;
    if (l.known() && l.value.kind == Value::Kind::Bool && l.value.text == "true") continue;
    if (l.absent() && may_preconfigure(cluster)) continue;
    std::string name = cluster.quoted_name();
    bool may_default_on = l.absent() && default_on && !known_older(cluster, *default_on);
    std::string message;
    if (may_default_on)
      message = "AKS cluster " + name + " does not set " + std::string(setting) +
                "; AKS turns it on itself only in a cluster it creates on Kubernetes " +
                std::to_string(default_on->major) + "." + std::to_string(default_on->minor) +
                " or later, not in one that exists already: ";
    else if (l.absent())
      message = "AKS cluster " + name + " does not set " + std::string(setting) + ": ";
    else
      message = "AKS cluster " + name + " sets " + std::string(setting) + " to " +
                (l.value.text.empty() ? "null" : l.value.text) + ": ";
    message += std::string(why);
    SourceRange at = l.absent() ? missing_property_range(cluster, l) : l.range;
    Finding f = finding_at(cluster, at, setting, std::move(message), may_default_on ? Level::Warning : Level::None);
    f.related.push_back(related(*dependent, dependent->resource->type.find("extensions") != std::string::npos
                                                ? "the microsoft.flux extension on this cluster"
                                                : "the flux configuration that uses workload identity"));
    out.report(std::move(f));
  }
}

}  // namespace patless
