// PL507: Flux kinds on API versions that Flux 2.7 and 2.8 no longer serve.
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

struct RemovedApi {
  std::string_view api_version, removed_in, replacement;
};

// fluxcd.io blog, Flux v2.7.0 and v2.8.0; microsoft.flux 1.23.0 removed them all.
constexpr RemovedApi kRemoved[] = {
    {"source.toolkit.fluxcd.io/v1beta1", "2.7", "source.toolkit.fluxcd.io/v1"},
    {"kustomize.toolkit.fluxcd.io/v1beta1", "2.7", "kustomize.toolkit.fluxcd.io/v1"},
    {"helm.toolkit.fluxcd.io/v2beta1", "2.7", "helm.toolkit.fluxcd.io/v2"},
    {"image.toolkit.fluxcd.io/v1beta1", "2.7", "image.toolkit.fluxcd.io/v1"},
    {"notification.toolkit.fluxcd.io/v1beta1", "2.7", "notification.toolkit.fluxcd.io/v1"},
    {"source.toolkit.fluxcd.io/v1beta2", "2.8", "source.toolkit.fluxcd.io/v1"},
    {"kustomize.toolkit.fluxcd.io/v1beta2", "2.8", "kustomize.toolkit.fluxcd.io/v1"},
    {"helm.toolkit.fluxcd.io/v2beta2", "2.8", "helm.toolkit.fluxcd.io/v2"},
};

// Source kinds whose v1 schema is v1beta2's without these fields: the fix is
// safe when the object uses none of them.
struct SafeFix {
  std::string_view kind;
  std::initializer_list<std::string_view> dropped;
};
const SafeFix kSafeSourceFixes[] = {
    {"GitRepository", {"gitImplementation", "accessFrom"}},
    {"HelmRepository", {"accessFrom"}},
    {"Bucket", {"accessFrom"}},
};

class RemovedFluxApiRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL507", "removed-flux-api", Level::Error, "Y",
                            "A Flux kind on an API version removed in Flux 2.7 or 2.8.", "correctness", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const ObjectNode& o : graph.objects()) {
      for (const RemovedApi& r : kRemoved) {
        if (o.object->api_version != r.api_version) continue;
        const Value* api = o.get({"apiVersion"});
        if (!api) break;
        Finding f = finding_at(o, api->range, "apiVersion",
                               o.object->kind + " '" + o.object->name + "' uses " + std::string(r.api_version) +
                                   ", which Flux " + std::string(r.removed_in) +
                                   " and microsoft.flux 1.23.0 no longer serve: the object is rejected on upgrade. "
                                   "Move to " + std::string(r.replacement) + ".",
                               Level::None, api);
        if (!api->shared && fix_is_safe(o, r)) {
          f.fix = Fix{"Use apiVersion " + std::string(r.replacement), o.path_of(*api),
                      {Replacement{api->range, std::string(r.replacement)}}};
        }
        out.report(std::move(f));
        break;
      }
    }
  }

 private:
  static bool fix_is_safe(const ObjectNode& o, const RemovedApi& r) {
    if (r.api_version != "source.toolkit.fluxcd.io/v1beta2") return false;
    for (const SafeFix& s : kSafeSourceFixes) {
      if (o.object->kind != s.kind) continue;
      for (std::string_view field : s.dropped)
        if (o.get({"spec", field})) return false;
      return true;
    }
    return false;
  }
};

PATLESS_REGISTER_RULE(RemovedFluxApiRule);

}  // namespace
}  // namespace patless
