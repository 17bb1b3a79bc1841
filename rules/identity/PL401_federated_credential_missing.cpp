// PL401: the identity Flux runs as has no federated credential for Flux at all.
#include "rules/engine/report.h"
#include "rules/engine/rule.h"
#include "rules/identity/flux_identity.h"

namespace patless {
namespace {

// A credential whose identity patless cannot tell may be this extension's,
// unless it is surely another workload's (a GitHub Actions or pipeline
// credential: another issuer, another subject).
bool unlinked_credential_may_be_flux(const FluxExtension& e, const Graph& graph) {
  if (graph.scan_facts() && graph.scan_facts()->unlinked_credential_may_be_flux) return true;  // in another part
  if (graph.all_credentials_linked()) return false;
  for (const FederatedCredential& f : graph.federated_credentials())
    if (!f.identity && maybe_for_flux(f, e, graph)) return true;
  return false;
}

class FederatedCredentialMissingRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL401", "federated-credential-missing", Level::Error, "BA",
                            "The identity whose clientId the microsoft.flux extension uses has no federated credential "
                            "for Flux.",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxExtension* e : workload_identity_extensions(graph)) {
      if (unlinked_credential_may_be_flux(*e, graph)) continue;
      const IdentityNode& id = *e->identity;
      if (!id.declared()) continue;  // an existing identity's credentials live elsewhere
      // A registry module not restored (or a template spec) deployed with either may create it.
      if (graph.unread_deployment_near(e->scope) || graph.unread_deployment_near(id.scope)) continue;
      bool any = false;
      for (const FederatedCredential* f : id.credentials) any = any || maybe_for_flux(*f, *e, graph);
      if (any) continue;
      std::string name = id.quoted_name();
      // A client id a caller passes in the settings is reported where this extension writes them.
      SourceRange at = e->client_id->range;
      if (e->client_id_elsewhere()) {
        Lookup settings = e->get({"properties", "configurationSettings"});
        if (!settings.known()) settings = e->get({"properties", "configurationProtectedSettings"});
        at = settings.known() ? settings.range : e->resource->head_range;
      }
      Finding f = finding_at(*e, at, "properties.configurationSettings.workloadIdentity.azureClientId",
                             "Flux runs as identity " + name + ", which has no federated credential for " +
                                 std::string(kFluxSubject) + ": Azure refuses the source-controller's token.");
      if (e->client_id_elsewhere())
        f.related.push_back({e->client_id_scope->doc->path, e->client_id->range, "the client id, as written here"});
      f.related.push_back(related(id, "the identity, without a federated credential for Flux"));
      out.report(std::move(f));
    }
  }
};

PATLESS_REGISTER_RULE(FederatedCredentialMissingRule);

}  // namespace
}  // namespace patless
