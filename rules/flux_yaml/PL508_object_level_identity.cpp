// PL508: object-level workload identity needs a feature gate on the source-controller.
#include <set>

#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

constexpr std::string_view kGate = "ObjectLevelWorkloadIdentity=true";

// Whether a --feature-gates value ("A=true,B=false") turns the gate on: its
// value is read as Go's strconv.ParseBool reads it, and the last one written counts.
bool turns_gate_on(std::string_view gates) {
  bool on = false;
  while (!gates.empty()) {
    size_t comma = gates.find(',');
    std::string_view gate = gates.substr(0, comma);
    gates = comma == std::string_view::npos ? std::string_view() : gates.substr(comma + 1);
    while (!gate.empty() && gate.front() == ' ') gate.remove_prefix(1);
    while (!gate.empty() && gate.back() == ' ') gate.remove_suffix(1);
    if (!gate.starts_with("ObjectLevelWorkloadIdentity=")) continue;
    std::string_view v = gate.substr(gate.find('=') + 1);
    on = v == "true" || v == "True" || v == "TRUE" || v == "t" || v == "T" || v == "1";
  }
  return on;
}

// Whether the built source-controller Deployment has the gate in its args (or may have).
bool gate_enabled(const Value* deployment) {
  return container_flag(deployment, "--feature-gates", turns_gate_on);
}

class ObjectLevelIdentityRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL508", "object-level-identity", Level::Warning, "Y",
                            "spec.serviceAccountName on a GitRepository while the source-controller lacks "
                            "--feature-gates=ObjectLevelWorkloadIdentity=true.",
                            "correctness authentication", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    // With the microsoft.flux extension the controller's arguments are not in the scan.
    std::set<const ObjectNode*> reported;  // a GitRepository two installations serve is reported once
    for (const FluxInstallation& flux : graph.flux_installations()) {
      if (flux.unknown_patch || flux.object_level_identity || gate_enabled(flux.deployment)) continue;
      for (const ObjectNode* o : flux.repositories) {
        if (o->unknown_patch) continue;
        const Value* sa = o->get({"spec", "serviceAccountName"});
        if (!sa || sa->kind != Value::Kind::String || sa->text.empty() || !reported.insert(o).second) continue;
        Finding f = finding_at(*o, sa->range, "spec.serviceAccountName",
                               o->title() + " sets serviceAccountName '" + sa->text +
                                   "', but the source-controller runs without --feature-gates=" + std::string(kGate) +
                                   ": the controller does not take the service account's identity, so the pull fails.",
                               Level::None, sa);
        f.related.push_back({flux.installer->doc->path, flux.installer->object->range,
                             flux.installer->object->is_flux_instance()
                                 ? "the FluxInstance that installs Flux (spec.cluster.objectLevelWorkloadIdentity: true sets the gate)"
                                 : "the kustomization that installs Flux"});
        out.report(std::move(f));
      }
    }
  }
};

PATLESS_REGISTER_RULE(ObjectLevelIdentityRule);

}  // namespace
}  // namespace patless
