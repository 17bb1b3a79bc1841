// PL303: a managedClusters apiVersion too old to have the OIDC issuer or workload identity.
#include "rules/engine/facts.h"
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

constexpr std::string_view kOidcIssuer = "2022-09-01";        // oidcIssuerProfile.enabled
constexpr std::string_view kWorkloadIdentity = "2023-02-01";  // securityProfile.workloadIdentity.enabled

class ClusterApiVersionRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL303", "cluster-api-version", Level::Error, "BA",
                            "A Flux cluster's managedClusters apiVersion is older than 2022-09-01 (no OIDC issuer) or "
                            "2023-02-01 (no workload identity).",
                            "correctness", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const ClusterNode& cluster : graph.clusters()) {
      if (!cluster.declared() || !cluster.resource->api_version) continue;
      const ResourceNode* dependent = flux_dependent(cluster);
      if (!dependent) continue;
      const std::string& v = *cluster.resource->api_version;
      // Preview versions carried both settings before the GA thresholds: only GA versions are known to lack them.
      if (v.find("-preview") != std::string::npos) continue;
      std::string message = "managedClusters apiVersion " + v + " is older than ";
      if (compare_api_versions(v, kOidcIssuer) < 0) {
        message += std::string(kOidcIssuer) + ", the first with oidcIssuerProfile: this cluster cannot issue the "
                   "tokens Flux workload identity needs.";
      } else if (compare_api_versions(v, kWorkloadIdentity) < 0) {
        message += std::string(kWorkloadIdentity) + ", the first with securityProfile.workloadIdentity: this "
                   "cluster cannot turn workload identity on for Flux.";
      } else {
        continue;
      }
      Finding f = finding_at(cluster, cluster.resource->api_version_range, "apiVersion", std::move(message));
      f.related.push_back(related(*dependent, "what needs workload identity on this cluster"));
      out.report(std::move(f));
    }
  }
};

PATLESS_REGISTER_RULE(ClusterApiVersionRule);

}  // namespace
}  // namespace patless
