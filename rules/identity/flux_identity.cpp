#include "rules/identity/flux_identity.h"

namespace patless {

bool meant_for_flux(const FederatedCredential& f, const FluxExtension& e, const Graph& graph) {
  if (f.issuer_cluster && e.cluster && f.issuer_cluster == graph.canonical(e.cluster)) return true;
  const std::string* subject = f.subject.string();
  return subject && subject->find("flux-system") != std::string::npos;
}

bool maybe_for_flux(const FederatedCredential& f, const FluxExtension& e, const Graph& graph) {
  if (meant_for_flux(f, e, graph)) return true;
  bool issuer_known = f.issuer_cluster || f.issuer.known();
  return !issuer_known || !f.subject.known();
}

std::vector<std::string> flux_subjects(const Graph& graph) {
  std::vector<std::string> out{std::string(kFluxSubject)};
  for (const ObjectNode& o : graph.objects()) {
    if (!o.is_flux_git_repository()) continue;
    const std::string* sa = o.string({"spec", "serviceAccountName"});
    if (!sa) continue;
    std::string ns = o.object->namespace_.empty() ? "default" : o.object->namespace_;
    out.push_back("system:serviceaccount:" + ns + ":" + *sa);
  }
  return out;
}

std::vector<const FluxExtension*> workload_identity_extensions(const Graph& graph) {
  std::vector<const FluxExtension*> out;
  for (const FluxExtension& e : graph.flux_extensions())
    if (e.identity) out.push_back(&e);
  return out;
}

}  // namespace patless
