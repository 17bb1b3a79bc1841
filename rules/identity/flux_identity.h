// What the identity rules (PL401-PL406) share: which credentials are Flux's,
// and which subjects Flux's tokens carry.
#pragma once

#include <string>
#include <vector>

#include "rules/engine/graph.h"

namespace patless {

inline constexpr std::string_view kFluxSubject = "system:serviceaccount:flux-system:source-controller";
inline constexpr std::string_view kTokenAudience = "api://AzureADTokenExchange";

// Meant for Flux on the extension's cluster: its issuer is that cluster's, or
// its subject mentions flux-system.
bool meant_for_flux(const FederatedCredential& f, const FluxExtension& e, const Graph& graph);

// A credential that may be meant for Flux: meant_for_flux, or its issuer and
// subject are not both known.
bool maybe_for_flux(const FederatedCredential& f, const FluxExtension& e, const Graph& graph);

// The subjects Flux's tokens can carry (rules/engine/scan_facts.h) in the graph,
// or when it is a part of a scan, in the whole scan.
FluxSubjects flux_subjects(const Graph& graph);
// In the graph alone.
FluxSubjects own_flux_subjects(const Graph& graph);

// One identity may serve several workloads, and Flux on several clusters, with a
// credential for each. Whether a credential of e's identity other than `f` may be
// Flux's on e's cluster: its issuer is that cluster's or not known to be another's,
// and its subject is one of Flux's, unknown, or in flux-system (a typo PL402
// reports). Then `f` may be another's credential.
bool flux_covered_by_other(const FederatedCredential& f, const FluxExtension& e, const Graph& graph,
                           const FluxSubjects& subjects);

// Whether `f` is the credential of another microsoft.flux extension that runs as
// e's identity: it trusts the issuer of that extension's cluster, which is surely
// not e's. One identity for Flux on several clusters needs a credential on each:
// that one is right, and e's is what is missing.
bool serves_other_flux(const FederatedCredential& f, const FluxExtension& e, const Graph& graph);

// Whether a subject is exactly the ServiceAccount of another Flux controller in
// flux-system (image-reflector-controller, kustomize-controller, ...). One identity
// often serves several: the Azure docs give the image-reflector-controller a
// credential on the identity the extension's azureClientId names.
bool names_other_flux_controller(std::string_view subject);

// Whether a subject is written for the source-controller in Flux's own namespace
// (a typo there is Flux's): it mentions flux-system and is no other controller's.
inline bool names_flux_system(const FederatedCredential& f) {
  const std::string* subject = f.subject.string();
  return subject && subject->find("flux-system") != std::string::npos && !names_other_flux_controller(*subject);
}

// microsoft.flux extensions whose workloadIdentity.azureClientId reads the
// clientId of an identity in the scan.
std::vector<const FluxExtension*> workload_identity_extensions(const Graph& graph);

}  // namespace patless
