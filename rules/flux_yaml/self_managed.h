// Self-managed Flux (bootstrapped with the flux CLI, not the microsoft.flux
// extension): what PL506 and PL508 look for in the scan.
#pragma once

#include "rules/engine/graph.h"

namespace patless {

// The kustomization that installs Flux (its resources list gotk-components.yaml),
// or else a source-controller Deployment; null when the scan has neither.
const ObjectNode* self_managed_flux(const Graph& graph);

}  // namespace patless
