// PL403: Flux's federated credential must trust the issuer of the cluster Flux runs on.
#include "rules/engine/report.h"
#include "rules/engine/rule.h"
#include "rules/identity/flux_identity.h"

namespace patless {
namespace {

class FederatedCredentialIssuerRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL403", "federated-credential-issuer", Level::Error, "BA",
                            "Flux's federated credential trusts another cluster's OIDC issuer, or a literal URL.",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    const FluxSubjects subjects = flux_subjects(graph);
    for (const FluxExtension* e : workload_identity_extensions(graph)) {
      const ClusterNode* cluster = graph.canonical(e->cluster);
      if (!cluster) continue;
      for (const FederatedCredential* f : e->identity->credentials) {
        if (!meant_for_flux(*f, *e, graph)) continue;
        // One identity for Flux on several clusters: the credential for another cluster,
        // beside one that may be this cluster's.
        if (f->issuer_cluster && !graph.may_be_same(f->issuer_cluster, cluster) &&
            !flux_covered_by_other(*f, *e, graph, subjects)) {
          // The credential of Flux on another cluster, as the same identity: right there, and
          // this cluster's own is what is missing. Said so, lest it be "fixed" for this one.
          std::string message =
              "Federated credential issuer is the OIDC issuer of cluster " + f->issuer_cluster->quoted_name();
          message += serves_other_flux(*f, *e, graph)
                         ? ", right for Flux there, but Flux also runs as this identity on cluster " +
                               cluster->quoted_name() +
                               ", which no credential of the identity trusts: Azure refuses its tokens there. Keep "
                               "this one and add a credential with the issuer of cluster " +
                               cluster->quoted_name() + "."
                         : ", but Flux runs on cluster " + cluster->quoted_name() + ": Azure refuses its tokens.";
          Finding finding = finding_at(*f, f->issuer.range, "properties.issuer", std::move(message));
          add_written_elsewhere(finding, *f, f->issuer, "the issuer");
          finding.related.push_back(related(*cluster, "the cluster the microsoft.flux extension is on"));
          finding.related.push_back(related(*f->issuer_cluster, "the cluster whose issuer the credential trusts"));
          out.report(std::move(finding));
        } else if (!f->issuer_cluster && f->issuer.string()) {
          Finding finding = finding_at(*f, f->issuer.range, "properties.issuer",
                                       "Federated credential issuer is the literal URL '" + *f->issuer.string() +
                                           "': it breaks silently when cluster " + cluster->quoted_name() +
                                           " is rebuilt. Use its properties.oidcIssuerProfile.issuerURL.",
                                       Level::Warning);
          add_written_elsewhere(finding, *f, f->issuer, "the issuer");
          finding.related.push_back(related(*cluster, "the cluster the microsoft.flux extension is on"));
          out.report(std::move(finding));
        }
      }
    }
  }
};

PATLESS_REGISTER_RULE(FederatedCredentialIssuerRule);

}  // namespace
}  // namespace patless
