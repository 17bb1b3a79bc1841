// PL301: Flux workload identity needs the cluster's OIDC issuer.
#include "rules/cluster/cluster_setting.h"

namespace patless {
namespace {

class ClusterOidcIssuerRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL301", "cluster-oidc-issuer", Level::Error, "BA",
                            "An AKS cluster that runs microsoft.flux without oidcIssuerProfile.enabled: true.",
                            "security authentication", true};
    return m;
  }
  void check(const Graph& graph, Emitter& out) const override {
    check_cluster_setting(graph, out, {"properties", "oidcIssuerProfile", "enabled"},
                          "properties.oidcIssuerProfile.enabled",
                          "without the OIDC issuer no federated credential can trust the cluster's service-account "
                          "tokens, so Flux cannot use workload identity. Set it to true.",
                          "1.34");  // AKS docs, "Create an OpenID Connect issuer on AKS"
  }
};

PATLESS_REGISTER_RULE(ClusterOidcIssuerRule);

}  // namespace
}  // namespace patless
