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

// The subjects Flux's tokens can carry: the source-controller's, and
// `system:serviceaccount:<namespace>:<name>` of each object-level
// GitRepository (spec.serviceAccountName) in the scan.
std::vector<std::string> flux_subjects(const Graph& graph);

// microsoft.flux extensions whose workloadIdentity.azureClientId reads the
// clientId of an identity in the scan.
std::vector<const FluxExtension*> workload_identity_extensions(const Graph& graph);

}  // namespace patless
