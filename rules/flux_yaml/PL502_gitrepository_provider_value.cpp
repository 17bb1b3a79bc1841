// PL502: spec.provider outside the CRD's lowercase enum.
#include <array>

#include "grammars/ascii.h"
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

constexpr std::array<std::string_view, 4> kProviders = {"generic", "aws", "azure", "github"};

class GitRepositoryProviderValueRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL502", "gitrepository-provider-value", Level::Error, "Y",
                            "A GitRepository spec.provider that is not one of generic, aws, azure, github (the CRD "
                            "rejects it).",
                            "correctness", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const ObjectNode& o : graph.objects()) {
      if (!o.is_flux_git_repository() || o.unknown_patch) continue;
      const Value* provider = o.get({"spec", "provider"});
      if (!provider || provider->kind == Value::Kind::Null || provider->kind == Value::Kind::Opaque) continue;
      const std::string& p = provider->text;
      bool valid = provider->kind == Value::Kind::String;
      if (valid) {
        valid = false;
        for (std::string_view k : kProviders) valid = valid || p == k;
      }
      if (valid) continue;
      std::string message = o.title() + " has spec.provider '" + p +
                            "', which the GitRepository CRD rejects: it must be one of generic, aws, azure, github";
      for (std::string_view k : kProviders)
        if (iequals(p, k) && p != k) message += " (lowercase: '" + std::string(k) + "')";
      out.report(finding_at(o, provider->range, "spec.provider", message + ".", Level::None, provider));
    }
  }
};

PATLESS_REGISTER_RULE(GitRepositoryProviderValueRule);

}  // namespace
}  // namespace patless
