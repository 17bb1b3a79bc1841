#include "rules/engine/scan_facts.h"

#include <algorithm>

#include "rules/engine/graph.h"
#include "rules/flux_yaml/alerts.h"
#include "rules/identity/flux_identity.h"

namespace patless {
namespace {

void add_new(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const std::string& s : from)
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

}  // namespace

bool FluxSubjects::matches(const std::string& subject) const {
  if (any || std::find(exact.begin(), exact.end(), subject) != exact.end()) return true;
  if (std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) { return subject.starts_with(p); }))
    return true;
  for (const std::string& ns : moved_to) {
    std::string prefix = "system:serviceaccount:" + ns + ":";
    if (!subject.starts_with(prefix)) continue;
    std::string_view name = std::string_view(subject).substr(prefix.size());
    for (const std::string& n : moved_names)
      if (n.empty() || n == name) return true;
  }
  return false;
}

void FluxSubjects::add(const FluxSubjects& other) {
  add_new(exact, other.exact);
  add_new(prefixes, other.prefixes);
  add_new(moved_to, other.moved_to);
  add_new(moved_names, other.moved_names);
  any = any || other.any;
}

ScanFacts ScanFacts::of(const Graph& part) {
  ScanFacts out;
  for (const FluxExtension& e : part.flux_extensions())
    out.flux_extension_on_unknown_cluster = out.flux_extension_on_unknown_cluster || !e.cluster;
  // An extension that may be Flux's on an `existing` cluster of unknown name may be on any cluster
  // (Graph::may_be_same).
  for (const ClusterNode* c : part.maybe_flux_extension_clusters()) {
    c = part.canonical(c);
    out.flux_extension_on_unknown_cluster = out.flux_extension_on_unknown_cluster || !c || (!c->declared() && !c->name);
    out.maybe_flux_extension_on_existing_cluster =
        out.maybe_flux_extension_on_existing_cluster || (c && !c->declared());
  }
  // Another part's credential cannot trust the issuer of this part's clusters
  // (a cluster and what links to it are in one part): what is left of maybe_for_flux.
  for (const FederatedCredential& f : part.federated_credentials())
    if (!f.identity && (names_flux_system(f) || !(f.issuer_cluster || f.issuer.known()) || !f.subject.known()))
      out.unlinked_credential_may_be_flux = true;
  out.subjects = own_flux_subjects(part);
  out.flux_installations = part.flux_installations().size();
  out.patches_anywhere = part.patches_anywhere();
  const Alerts alerts(part);
  out.alert_in_scan = alerts.any();
  out.unapplied_alert = alerts.any_unapplied();
  if (const ObjectNode* first = alerts.first_unapplied_azure())
    out.first_unapplied_azure_repository = place_of(part, *first);
  return out;
}

void ScanFacts::add(const ScanFacts& other) {
  flux_extension_on_unknown_cluster = flux_extension_on_unknown_cluster || other.flux_extension_on_unknown_cluster;
  maybe_flux_extension_on_existing_cluster =
      maybe_flux_extension_on_existing_cluster || other.maybe_flux_extension_on_existing_cluster;
  unlinked_credential_may_be_flux = unlinked_credential_may_be_flux || other.unlinked_credential_may_be_flux;
  subjects.add(other.subjects);
  flux_installations += other.flux_installations;
  patches_anywhere.insert(patches_anywhere.end(), other.patches_anywhere.begin(), other.patches_anywhere.end());
  alert_in_scan = alert_in_scan || other.alert_in_scan;
  unapplied_alert = unapplied_alert || other.unapplied_alert;
  if (other.first_unapplied_azure_repository &&
      (!first_unapplied_azure_repository ||
       *other.first_unapplied_azure_repository < *first_unapplied_azure_repository))
    first_unapplied_azure_repository = other.first_unapplied_azure_repository;
}

}  // namespace patless
