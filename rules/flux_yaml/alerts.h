// Which Alerts tell someone that an Azure-provider GitRepository failed, and
// which self-managed Flux applies them (PL509, and its scan-wide facts in
// rules/engine/scan_facts.h).
#pragma once

#include <map>
#include <vector>

#include "rules/engine/graph.h"

namespace patless {

class Alerts {
 public:
  explicit Alerts(const Graph& graph);
  // Whether `o` is an Alert that may receive GitRepository error events, applied
  // by `flux` or by no installation (it may reach any by a path patless does not
  // follow); with `flux` null, by any or none.
  bool watches(const ObjectNode& o, const FluxInstallation* flux) const;
  bool applied(const ObjectNode& o) const { return applied_by_.count(&o) > 0; }
  // An Alert of the graph watches, and one that no installation applies does.
  bool any() const;
  bool any_unapplied() const;
  // The first Azure-provider GitRepository that no installation applies; null when none.
  const ObjectNode* first_unapplied_azure() const;

 private:
  const Graph& graph_;
  std::map<const ObjectNode*, std::vector<const FluxInstallation*>> applied_by_;
};

// A GitRepository whose provider patless knows to be azure (no unreadable patch).
bool surely_azure(const ObjectNode& o);

// Where `o` is in its graph's documents (ScanFacts::first_unapplied_azure_repository).
ObjectPlace place_of(const Graph& graph, const ObjectNode& o);

}  // namespace patless
