#include "rules/identity/flux_identity.h"

#include <algorithm>

#include "rules/engine/flux_paths.h"

namespace patless {

bool meant_for_flux(const FederatedCredential& f, const FluxExtension& e, const Graph& graph) {
  if (f.issuer_cluster && e.cluster && f.issuer_cluster == graph.canonical(e.cluster)) return true;
  return names_flux_system(f);
}

bool flux_covered_by_other(const FederatedCredential& f, const FluxExtension& e, const Graph& graph,
                           const FluxSubjects& subjects) {
  const ClusterNode* cluster = e.cluster ? graph.canonical(e.cluster) : nullptr;
  for (const FederatedCredential* g : e.identity->credentials) {
    if (g == &f) continue;
    bool issuer = !g->issuer_cluster || !cluster || graph.may_be_same(g->issuer_cluster, cluster);
    const std::string* subject = g->subject.string();
    if (issuer && (!g->subject.known() || (subject && subjects.matches(*subject)) || names_flux_system(*g)))
      return true;
  }
  return false;
}

bool serves_other_flux(const FederatedCredential& f, const FluxExtension& e, const Graph& graph) {
  const ClusterNode* cluster = e.cluster ? graph.canonical(e.cluster) : nullptr;
  if (!f.issuer_cluster || !cluster || graph.may_be_same(f.issuer_cluster, cluster)) return false;
  for (const FluxExtension* other : workload_identity_extensions(graph))
    if (other != &e && other->identity == e.identity && other->cluster &&
        graph.canonical(other->cluster) == f.issuer_cluster)
      return true;
  return false;
}

bool maybe_for_flux(const FederatedCredential& f, const FluxExtension& e, const Graph& graph) {
  if (meant_for_flux(f, e, graph)) return true;
  bool issuer_known = f.issuer_cluster || f.issuer.known();
  return !issuer_known || !f.subject.known();
}

bool names_other_flux_controller(std::string_view subject) {
  constexpr std::string_view kPrefix = "system:serviceaccount:flux-system:";
  if (!subject.starts_with(kPrefix)) return false;
  subject.remove_prefix(kPrefix.size());
  for (std::string_view controller : {"kustomize-controller", "helm-controller", "notification-controller",
                                      "image-reflector-controller", "image-automation-controller", "source-watcher"})
    if (subject == controller) return true;
  return false;
}

FluxSubjects flux_subjects(const Graph& graph) {
  return graph.scan_facts() ? graph.scan_facts()->subjects : own_flux_subjects(graph);
}

FluxSubjects own_flux_subjects(const Graph& graph) {
  FluxSubjects out;
  out.exact.emplace_back(kFluxSubject);
  // A Flux Kustomization's spec.targetNamespace moves what it applies.
  for (const ObjectNode& o : graph.objects()) {
    if (!is_flux_kustomization(*o.object)) continue;
    const Value* target = o.get({"spec", "targetNamespace"});
    if (target && target->kind == Value::Kind::String) out.moved_to.push_back(target->text);
    if (target && target->kind == Value::Kind::Opaque) out.any = true;
  }
  for (const ObjectNode& o : graph.objects()) {
    if (!o.is_flux_git_repository()) continue;
    const Value* sa = o.get({"spec", "serviceAccountName"});
    bool named = sa && sa->kind == Value::Kind::String;
    if (o.unknown_patch) out.any = true;  // a patch patless cannot read may name one
    if (!named && !(sa && sa->kind == Value::Kind::Opaque)) continue;
    const Value* ns = o.get({"metadata", "namespace"});
    if ((ns && ns->kind == Value::Kind::Opaque) || o.kustomize_namespace_unknown) {
      out.any = true;
      continue;
    }
    out.moved_names.push_back(named ? sa->text : std::string());
    std::vector<std::string> namespaces = o.kustomize_namespaces;
    namespaces.push_back(ns && ns->kind == Value::Kind::String && !ns->text.empty() ? ns->text : "default");
    for (const std::string& n : namespaces) {
      std::string prefix = "system:serviceaccount:" + n + ":";
      if (named) out.exact.push_back(prefix + sa->text);
      else out.prefixes.push_back(std::move(prefix));
    }
  }
  // fluxConfigurations 2026-07-01-preview: a source's objectLevelIdentity runs as a
  // ServiceAccount in the configuration's namespace, named by serviceAccountName or
  // by the agent (a name patless cannot know).
  for (const FluxConfiguration& c : graph.flux_configurations()) {
    for (std::string_view source : {"gitRepository", "ociRepository", "bucket", "azureBlob"}) {
      if (c.object_level_identity(source).absent()) continue;
      Lookup ns = c.get({"properties", "namespace"});
      Lookup sa = c.object_level_identity(source, "serviceAccountName");
      if (!ns.absent() && !ns.string()) {
        out.any = true;
        continue;
      }
      std::string prefix = "system:serviceaccount:" + (ns.string() ? *ns.string() : std::string("default")) + ":";
      if (sa.string())
        out.exact.push_back(prefix + *sa.string());
      else
        out.prefixes.push_back(std::move(prefix));
    }
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
