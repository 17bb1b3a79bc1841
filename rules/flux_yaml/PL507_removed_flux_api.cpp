// PL507: Flux kinds on API versions that Flux no longer serves.
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

struct RemovedApi {
  std::string_view api_version, removed_in, replacement;
  // Still served by the microsoft.flux extension (1.23.0 runs Flux 2.7.5): deprecated there, not removed.
  bool extension_serves = false;
};

// fluxcd.io blog, Flux v2.7.0, v2.8.0 and v2.9.0; Azure Arc docs, "Flux (GitOps)
// extension release notes": 1.23.0 runs Flux 2.7.5 and removed the 2.7 and 2.8 ones.
constexpr RemovedApi kRemoved[] = {
    {"source.toolkit.fluxcd.io/v1beta1", "2.7", "source.toolkit.fluxcd.io/v1"},
    {"kustomize.toolkit.fluxcd.io/v1beta1", "2.7", "kustomize.toolkit.fluxcd.io/v1"},
    {"helm.toolkit.fluxcd.io/v2beta1", "2.7", "helm.toolkit.fluxcd.io/v2"},
    {"image.toolkit.fluxcd.io/v1beta1", "2.7", "image.toolkit.fluxcd.io/v1"},
    {"notification.toolkit.fluxcd.io/v1beta1", "2.7", "notification.toolkit.fluxcd.io/v1"},
    {"source.toolkit.fluxcd.io/v1beta2", "2.8", "source.toolkit.fluxcd.io/v1"},
    {"kustomize.toolkit.fluxcd.io/v1beta2", "2.8", "kustomize.toolkit.fluxcd.io/v1"},
    {"helm.toolkit.fluxcd.io/v2beta2", "2.8", "helm.toolkit.fluxcd.io/v2"},
    {"image.toolkit.fluxcd.io/v1beta2", "2.9", "image.toolkit.fluxcd.io/v1", true},
    {"notification.toolkit.fluxcd.io/v1beta2", "2.9", "notification.toolkit.fluxcd.io/v1", true},
};

// The notification API's v1 has only Receiver: Alert and Provider are served
// from v1beta3 (fluxcd/notification-controller api/; the extension's notes say the same).
std::string_view replacement_for(const RemovedApi& r, std::string_view kind) {
  if (r.api_version.rfind("notification.toolkit.fluxcd.io/", 0) == 0 && (kind == "Alert" || kind == "Provider"))
    return "notification.toolkit.fluxcd.io/v1beta3";
  return r.replacement;
}

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
    static const RuleMeta m{"PL507",
                            "removed-flux-api",
                            Level::Error,
                            "Y",
                            "A Flux kind on an API version that Flux 2.7, 2.8 or 2.9 removed.",
                            "correctness",
                            false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const ObjectNode& o : graph.objects()) {
      for (const RemovedApi& r : kRemoved) {
        if (o.object->api_version != r.api_version) continue;
        const Value* api = o.get({"apiVersion"});
        if (!api) break;
        std::string removed_in(r.removed_in);
        std::string why = r.extension_serves
                              ? ", which Flux " + removed_in + " removed: Flux " + removed_in +
                                    " rejects the object; microsoft.flux 1.23.0 (Flux 2.7.5) still serves it, "
                                    "deprecated, until the extension moves to Flux " +
                                    removed_in + ". "
                              : ", which Flux " + removed_in +
                                    " and microsoft.flux 1.23.0 no longer serve: the object is rejected on upgrade. ";
        Finding f = finding_at(o, api->range, "apiVersion",
                               o.title() + " uses " + std::string(r.api_version) + why + "Move to " +
                                   std::string(replacement_for(r, o.object->kind)) + ".",
                               r.extension_serves ? Level::Warning : Level::None, api);
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
