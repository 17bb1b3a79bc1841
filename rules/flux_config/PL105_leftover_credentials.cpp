// PL105: provider 'Azure' needs no secret; one left in the configuration is ignored at best.
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

// A value that holds a credential: a known non-empty string or a non-empty object.
// Null, '' and {} are how templates switch a credential off; unknown is not reported.
bool holds_something(const Lookup& l) {
  if (!l.known()) return false;
  const Value& v = l.value;
  if (v.kind == Value::Kind::String) return !v.text.empty();
  if (v.kind == Value::Kind::Object) return !v.members.empty();
  return false;
}

class LeftoverCredentialsRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL105", "leftover-credentials", Level::Warning, "BA",
                            "provider 'Azure' together with a PAT, SSH key or secret reference that workload identity "
                            "does not use.",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxConfiguration& c : graph.flux_configurations()) {
      if (!c.uses_azure_provider()) continue;
      for (std::string_view key : {"httpsUser", "localAuthRef", "sshKnownHosts"}) {
        Lookup l = c.get({"properties", "gitRepository", key});
        if (!holds_something(l)) continue;
        std::string property = "properties.gitRepository.";
        property += key;
        out.report(finding_at(c, l.key_range.valid() ? l.key_range : l.range, property,
                              "gitRepository." + std::string(key) + " is set although provider is 'Azure': "
                              "workload identity does not use it, and the secret behind it still has to be kept, "
                              "rotated and guarded. Remove it."));
      }
      for (std::string_view key : {"httpsKey", "sshPrivateKey"}) {
        Lookup l = c.get({"properties", "configurationProtectedSettings", key});
        if (!holds_something(l)) continue;
        std::string property = "properties.configurationProtectedSettings.";
        property += key;
        out.report(finding_at(c, l.key_range.valid() ? l.key_range : l.range, property,
                              "configurationProtectedSettings." + std::string(key) + " holds a " +
                                  (key == "httpsKey" ? "PAT" : "private SSH key") +
                                  " although provider is 'Azure': a long-lived secret that workload identity "
                                  "replaces. Remove it."));
      }
    }
  }
};

PATLESS_REGISTER_RULE(LeftoverCredentialsRule);

}  // namespace
}  // namespace patless
