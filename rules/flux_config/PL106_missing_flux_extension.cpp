// PL106: a flux configuration on a cluster the scan deploys, with no microsoft.flux extension on it.
#include <algorithm>

#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class MissingFluxExtensionRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL106", "missing-flux-extension", Level::Warning, "BA",
                            "A fluxConfiguration on a cluster the scan deploys that has no microsoft.flux extension.",
                            "correctness", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    // An extension whose cluster patless cannot tell (a module, a runtime
    // name) may be the one this cluster has.
    for (const FluxExtension& e : graph.flux_extensions())
      if (!e.cluster) return;
    // So may an extension whose type patless cannot tell (a parameter, a spread).
    const auto& maybe_flux = graph.maybe_flux_extension_clusters();
    if (std::find(maybe_flux.begin(), maybe_flux.end(), nullptr) != maybe_flux.end()) return;
    // The same of the rest of the scan, when the graph is a part of it.
    const ScanFacts* scan = graph.scan_facts();
    if (scan && scan->flux_extension_on_unknown_cluster) return;
    for (const FluxConfiguration& c : graph.flux_configurations()) {
      const ClusterNode* cluster = c.cluster;
      if (!cluster || !cluster->declared() || !cluster->extensions.empty()) continue;
      if (std::any_of(maybe_flux.begin(), maybe_flux.end(),
                      [&](const ClusterNode* m) { return graph.may_be_same(m, cluster); }))
        continue;
      if (scan && scan->maybe_flux_extension_on_existing_cluster && !cluster->name) continue;
      // A registry module not restored (or a template spec) deployed with either may install it.
      if (graph.unread_deployment_near(c.scope) || graph.unread_deployment_near(cluster->scope)) continue;
      std::string name = cluster->quoted_name();
      Lookup config_name = c.get({"name"});
      std::string config = config_name.string() ? "'" + *config_name.string() + "'" : c.resource->symbol;
      Finding f = finding_at(c, c.resource->head_range, "scope",
                             "Flux configuration " + config + " targets cluster " + name +
                                 ", which is declared here without a microsoft.flux extension: the configuration "
                                 "fails to deploy unless the extension is installed outside this code.");
      f.related.push_back(related(*cluster, "the cluster, declared without a microsoft.flux extension"));
      out.report(std::move(f));
    }
  }
};

PATLESS_REGISTER_RULE(MissingFluxExtensionRule);

}  // namespace
}  // namespace patless
