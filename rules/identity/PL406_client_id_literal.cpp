// PL406: a literal client id cannot be traced to an identity and its federated credentials.
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

bool is_guid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex) return false;
  }
  return true;
}

class ClientIdLiteralRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL406", "client-id-literal", Level::Note, "BA",
                            "workloadIdentity.azureClientId is a literal GUID: the wiring cannot be verified.",
                            "maintainability", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxExtension& e : graph.flux_extensions()) {
      if (!e.client_id || e.client_id->kind != Value::Kind::String || !is_guid(e.client_id->text)) continue;
      if (e.client_id_elsewhere()) continue;  // a caller's value: it may pass the identity it has
      out.report(finding_at(e, e.client_id->range, "properties.configurationSettings.workloadIdentity.azureClientId",
                            "workloadIdentity.azureClientId is the literal GUID '" + e.client_id->text +
                                "': patless cannot check that identity's federated credentials, and the value goes "
                                "stale when the identity is recreated. Use uami.properties.clientId."));
    }
  }
};

PATLESS_REGISTER_RULE(ClientIdLiteralRule);

}  // namespace
}  // namespace patless
