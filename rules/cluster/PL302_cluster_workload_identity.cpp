// PL302: Flux workload identity needs the cluster's workload identity webhook.
#include "rules/cluster/cluster_setting.h"

namespace patless {
namespace {

class ClusterWorkloadIdentityRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL302", "cluster-workload-identity", Level::Error, "BA",
                            "An AKS cluster that runs microsoft.flux without "
                            "securityProfile.workloadIdentity.enabled: true.",
                            "security authentication", true};
    return m;
  }
  void check(const Graph& graph, Emitter& out) const override {
    check_cluster_setting(graph, out, {"properties", "securityProfile", "workloadIdentity", "enabled"},
                          "properties.securityProfile.workloadIdentity.enabled",
                          "without the workload identity webhook the source-controller gets no Azure token, so Flux "
                          "cannot pull with provider 'Azure'. Set it to true.");
  }
};

PATLESS_REGISTER_RULE(ClusterWorkloadIdentityRule);

}  // namespace
}  // namespace patless
