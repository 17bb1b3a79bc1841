// PL304: extensions need a managed-identity cluster, not a service-principal one.
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class ClusterManagedIdentityRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL304", "cluster-managed-identity", Level::Error, "BA",
                            "A Flux cluster without a managed identity (a service-principal cluster).",
                            "correctness", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const ClusterNode& cluster : graph.clusters()) {
      if (!cluster.declared()) continue;
      const ResourceNode* dependent = flux_dependent(cluster);
      if (!dependent) continue;
      Lookup identity = cluster.get({"identity"});
      Lookup type = cluster.get({"identity", "type"});
      std::string name = cluster.quoted_name();
      SourceRange at;
      std::string message;
      if (identity.absent() || (identity.known() && identity.value.kind == Value::Kind::Null)) {
        at = cluster.resource->head_range;
        message = "AKS cluster " + name + " has no identity: a service-principal cluster cannot run cluster "
                  "extensions such as microsoft.flux. Give it identity: { type: 'SystemAssigned' } or a "
                  "user-assigned identity.";
      } else if (type.string() && iequals(*type.string(), "None")) {
        at = type.range;
        message = "AKS cluster " + name + " sets identity.type 'None': a cluster without a managed identity "
                  "cannot run cluster extensions such as microsoft.flux.";
      } else {
        continue;
      }
      Finding f = finding_at(cluster, at, "identity", std::move(message));
      add_written_elsewhere(f, cluster, type, "the identity type");
      f.related.push_back(related(*dependent, "what needs the extension on this cluster"));
      out.report(std::move(f));
    }
  }
};

PATLESS_REGISTER_RULE(ClusterManagedIdentityRule);

}  // namespace
}  // namespace patless
