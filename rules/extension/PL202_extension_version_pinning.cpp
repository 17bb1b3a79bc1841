// PL202: a version pin that auto-upgrade ignores, or a release train that cannot apply.
#include "rules/engine/fixes.h"
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class ExtensionVersionPinningRule : public Rule {
 public:
  // Turns auto-upgrade off where the resource writes it (`true` → `false`), or
  // adds `autoUpgradeMinorVersion: false` after the version it writes.
  static std::optional<Fix> fix(const FluxExtension& e, const Lookup& auto_upgrade) {
    const Value* props = e.resource->body.get("properties");
    if (!props || props->kind != Value::Kind::Object || props->spread) return std::nullopt;
    std::optional<Replacement> edit;
    if (auto_upgrade.known() && auto_upgrade.written && auto_upgrade.written->kind == Value::Kind::Bool) {
      edit = Replacement{auto_upgrade.range, "false"};
    } else if (auto_upgrade.absent()) {
      const Member* version = props->member("version");
      if (version) edit = insert_member_after(*e.doc, *props, *version, "autoUpgradeMinorVersion", "false");
      if (edit) {  // a boolean, not a string: drop the quotes insert_member_after adds
        for (char q : {'\'', '"'}) {
          std::string quoted = std::string(1, q) + "false" + std::string(1, q);
          if (size_t at = edit->text.rfind(quoted); at != std::string::npos) edit->text.replace(at, quoted.size(), "false");
        }
      }
    }
    if (!edit) return std::nullopt;
    return Fix{"Set autoUpgradeMinorVersion: false so that the version pin holds", e.doc->path, {std::move(*edit)}};
  }

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
        Finding f = finding_at(e, version.range, "properties.version",
                               "microsoft.flux version " + version.value.text + " is not honoured: " + why +
                                   ". Set autoUpgradeMinorVersion: false to pin the version.");
        add_written_elsewhere(f, e, version, "the version");
        add_written_elsewhere(f, e, auto_upgrade, "autoUpgradeMinorVersion");
        f.fix = fix(e, auto_upgrade);
        out.report(std::move(f));
      }
      if (upgrade_off && train.known() && train.value.kind == Value::Kind::String) {
        Finding f =
            finding_at(e, train.range, "properties.releaseTrain",
                       "releaseTrain '" + train.value.text + "' has no effect while autoUpgradeMinorVersion is false.",
                       Level::Warning);
        add_written_elsewhere(f, e, train, "the release train");
        add_written_elsewhere(f, e, auto_upgrade, "autoUpgradeMinorVersion");
        out.report(std::move(f));
      }
    }
  }
};

PATLESS_REGISTER_RULE(ExtensionVersionPinningRule);

}  // namespace
}  // namespace patless
