// PL201: a pinned microsoft.flux version too old for workload identity.
#include "rules/engine/facts.h"
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

constexpr std::string_view kMinimumVersion = "1.13.0";         // first on Flux 2.4 (provider: azure)
constexpr std::string_view kAzureDevOpsWorkloadIdentity = "1.14.1";  // release note: Azure DevOps WI on AKS

class FluxExtensionVersionRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL201", "flux-extension-version", Level::Error, "BA",
                            "A pinned microsoft.flux extension version below 1.13.0, the first on Flux 2.4 with "
                            "provider azure.",
                            "security authentication", true, "min_version"};
    return m;
  }

  std::optional<std::string> invalid_option(std::string_view name, std::string_view value) const override {
    // A value compare_versions() cannot read would make every comparison unknown: the rule would never fire.
    if (name == "min_version" && (value.empty() || !compare_versions(value, value)))
      return "is not a version like 1.14.1";
    return std::nullopt;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxExtension& e : graph.flux_extensions()) {
      Lookup version = e.get({"properties", "version"});
      Lookup auto_upgrade = e.get({"properties", "autoUpgradeMinorVersion"});
      // The version is only honoured with auto-upgrade off (otherwise PL202 speaks).
      if (!version.string() || !(auto_upgrade.known() && auto_upgrade.value.text == "false")) continue;
      const std::string& v = *version.string();
      const std::string minimum = out.option("min_version").value_or(std::string(kMinimumVersion));
      auto below_minimum = compare_versions(v, minimum);
      if (!below_minimum) continue;
      if (*below_minimum < 0) {
        Finding f =
            finding_at(e, version.range, "properties.version",
                       "microsoft.flux version " + v + " is older than " + minimum +
                           (minimum == kMinimumVersion
                                ? ": Flux before 2.4 cannot authenticate with workload identity (provider: azure)."
                                : ", the minimum this repository's .patless.yaml sets."));
        add_written_elsewhere(f, e, version, "the version");
        out.report(std::move(f));
        continue;
      }
      auto below_ado = compare_versions(v, kAzureDevOpsWorkloadIdentity);
      if (!below_ado || *below_ado >= 0 || !e.cluster) continue;
      for (const FluxConfiguration* c : e.cluster->configurations) {
        if (!c->surely_azure()) continue;
        Finding f = finding_at(e, version.range, "properties.version",
                               "microsoft.flux version " + v + " is older than " +
                                   std::string(kAzureDevOpsWorkloadIdentity) +
                                   ", the first release documented to pull from Azure DevOps with workload identity.",
                               Level::Warning);
        add_written_elsewhere(f, e, version, "the version");
        f.related.push_back(related(*c, "flux configuration with provider 'Azure'"));
        out.report(std::move(f));
        break;
      }
    }
  }
};

PATLESS_REGISTER_RULE(FluxExtensionVersionRule);

}  // namespace
}  // namespace patless
