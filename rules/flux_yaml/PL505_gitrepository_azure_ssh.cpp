// PL505: provider azure sends a token, which only works over HTTPS.
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class GitRepositoryAzureSshRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL505", "gitrepository-azure-ssh", Level::Error, "Y",
                            "provider: azure with an ssh:// or git@ URL.", "correctness authentication", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const ObjectNode& o : graph.objects()) {
      if (!o.uses_azure_provider() || o.unknown_patch) continue;
      const std::string* url = o.string({"spec", "url"});
      if (!url || !(url->starts_with("ssh://") || url->starts_with("git@"))) continue;
      const Value* url_value = o.get({"spec", "url"});
      out.report(finding_at(o, url_value->range, "spec.url",
                            o.title() + " has provider: azure and the SSH URL '" + *url +
                                "': the Azure token is sent over HTTPS only. Use "
                                "https://dev.azure.com/{org}/{project}/_git/{repo}.",
                            Level::None, url_value));
    }
  }
};

PATLESS_REGISTER_RULE(GitRepositoryAzureSshRule);

}  // namespace
}  // namespace patless
