// PL509: token failures of Azure-provider GitRepositories should reach someone.
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

// An Alert that receives GitRepository error events: an eventSources entry of
// kind GitRepository or '*', and a severity of error or info (info includes errors).
bool alerts_on_git_repositories(const ObjectNode& o) {
  if (o.object->kind != "Alert" || o.object->api_version.rfind("notification.toolkit.fluxcd.io/", 0) != 0)
    return false;
  const std::string* severity = o.string({"spec", "eventSeverity"});
  if (severity && *severity != "error" && *severity != "info") return false;
  const Value* sources = o.get({"spec", "eventSources"});
  if (!sources || sources->kind != Value::Kind::Array) return false;
  for (const Value& s : sources->items) {
    const Value* kind = s.kind == Value::Kind::Object ? s.get("kind") : nullptr;
    if (kind && (kind->text == "GitRepository" || kind->text == "*" || kind->kind == Value::Kind::Opaque)) return true;
  }
  return false;
}

class NoAuthAlertRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL509", "no-auth-alert", Level::Note, "Y",
                            "Azure-provider GitRepositories, but no Alert on GitRepository error events.",
                            "observability", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    const ObjectNode* first = nullptr;
    for (const ObjectNode& o : graph.objects()) {
      // An Alert a patch patless cannot read may change could be the one.
      if (alerts_on_git_repositories(o) || (o.unknown_patch && o.object->kind == "Alert")) return;
      if (!first && !o.unknown_patch && o.uses_azure_provider()) first = &o;
    }
    if (!first) return;
    const Value* provider = first->get({"spec", "provider"});
    out.report(finding_at(*first, provider->range, "spec.provider",
                          "GitRepository '" + first->object->name + "' uses provider: azure, but no Alert in the scan "
                          "watches GitRepository events: an expired federated credential or a missing role would "
                          "stop Flux without anyone being told.",
                          Level::None, provider));
  }
};

PATLESS_REGISTER_RULE(NoAuthAlertRule);

}  // namespace
}  // namespace patless
