// PL202: a version pin that auto-upgrade ignores, or a release train that cannot apply.
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class ExtensionVersionPinningRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL202", "extension-version-pinning", Level::Error, "BA",
                            "microsoft.flux version set while autoUpgradeMinorVersion is not false: the pin is not "
                            "honoured.",
                            "correctness", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxExtension& e : graph.flux_extensions()) {
      Lookup version = e.get({"properties", "version"});
      Lookup auto_upgrade = e.get({"properties", "autoUpgradeMinorVersion"});
      Lookup train = e.get({"properties", "releaseTrain"});
      bool pinned = version.known() && version.value.kind != Value::Kind::Null;
      bool upgrade_on = auto_upgrade.absent() || (auto_upgrade.known() && auto_upgrade.value.text == "true");
      bool upgrade_off = auto_upgrade.known() && auto_upgrade.value.text == "false";
      if (pinned && upgrade_on) {
        std::string why = auto_upgrade.absent() ? "autoUpgradeMinorVersion is not set and defaults to true"
                                                : "autoUpgradeMinorVersion is true";
        out.report(finding_at(e, version.range, "properties.version",
                              "microsoft.flux version " + version.value.text + " is not honoured: " + why +
                                  ". Set autoUpgradeMinorVersion: false to pin the version."));
      }
      if (upgrade_off && train.known() && train.value.kind == Value::Kind::String) {
        out.report(finding_at(e, train.range, "properties.releaseTrain",
                              "releaseTrain '" + train.value.text +
                                  "' has no effect while autoUpgradeMinorVersion is false.",
                              Level::Warning));
      }
    }
  }
};

PATLESS_REGISTER_RULE(ExtensionVersionPinningRule);

}  // namespace
}  // namespace patless
