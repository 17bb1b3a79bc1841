// PL504: provider azure and a secretRef together: basic auth and a bearer token collide.
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class GitRepositoryAzureSecretRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL504", "gitrepository-azure-secret", Level::Warning, "Y",
                            "provider: azure together with spec.secretRef (basic auth and bearer token collide).",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const ObjectNode& o : graph.objects()) {
      if (!o.uses_azure_provider() || o.unknown_patch) continue;
      const Member* secret = o.member({"spec", "secretRef"});
      if (!secret || secret->value.kind == Value::Kind::Null) continue;
      const std::string* name = o.string({"spec", "secretRef", "name"});
      out.report(finding_at(o, secret->key_range, "spec.secretRef",
                            o.title() + " has provider: azure and spec.secretRef" +
                                (name ? " '" + *name + "'" : std::string()) +
                                ": a username and password in the secret collide with the workload identity token. "
                                "Remove the secretRef and the PAT behind it.",
                            Level::None, &secret->value));
    }
  }
};

PATLESS_REGISTER_RULE(GitRepositoryAzureSecretRule);

}  // namespace
}  // namespace patless
