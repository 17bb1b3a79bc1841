// PL503: spec.provider exists only in GitRepository source.toolkit.fluxcd.io/v1.
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

constexpr std::string_view kV1 = "source.toolkit.fluxcd.io/v1";

class GitRepositoryProviderApiRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL503", "gitrepository-provider-api", Level::Error, "Y",
                            "spec.provider on a GitRepository whose apiVersion is not source.toolkit.fluxcd.io/v1.",
                            "correctness", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const ObjectNode& o : graph.objects()) {
      if (!o.is_flux_git_repository() || o.object->api_version == kV1 || o.unknown_patch) continue;
      const Value* provider = o.get({"spec", "provider"});
      const Value* api = o.get({"apiVersion"});
      if (!provider || provider->kind == Value::Kind::Null || !api) continue;
      if (is_unknown(*api)) continue;  // `source.toolkit.fluxcd.io/${version}`: substituted at apply time
      Finding f = finding_at(o, api->range, "apiVersion",
                             o.title() + " is " + o.object->api_version +
                                 ", which has no spec.provider: the API server drops or rejects it, and Flux pulls "
                                 "without workload identity. Use apiVersion: " + std::string(kV1) + ".",
                             Level::None, api);
      f.related.push_back({o.path_of(*provider), provider->range, "the provider this API version does not know"});
      out.report(std::move(f));
    }
  }
};

PATLESS_REGISTER_RULE(GitRepositoryProviderApiRule);

}  // namespace
}  // namespace patless
