// PL102: an Azure DevOps repository pulled without provider 'Azure' needs a PAT or SSH key.
#include "rules/engine/facts.h"
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class AzureDevOpsProviderRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL102", "azure-devops-provider", Level::Error, "BA",
                            "An Azure DevOps gitRepository.url without provider 'Azure' can only authenticate with a "
                            "PAT or SSH key.",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxConfiguration& c : graph.flux_configurations()) {
      const std::string* url = c.url.string();
      if (!url) continue;
      RepoUrlKind kind = classify_repo_url(*url);
      if (!is_azure_devops(kind)) continue;
      bool missing = c.provider.absent();
      bool generic = c.provider.string() && *c.provider.string() == "Generic";
      if (!missing && !generic) continue;  // Azure, unknown, or a miscased value (PL103's)
      if (is_azure_devops_https(kind)) {
        std::string message =
            missing ? "gitRepository.url '" + *url + "' is an Azure DevOps repository but no provider is set: " +
                          "Flux can only pull it with a PAT or SSH secret. Set provider: 'Azure' to use workload identity."
                    : "gitRepository.provider is 'Generic' for the Azure DevOps repository '" + *url +
                          "': Flux can only pull it with a PAT or SSH secret. Use provider: 'Azure' for workload identity.";
        SourceRange at = missing ? c.url.range : c.provider.range;
        out.report(finding_at(c, at, "properties.gitRepository.provider", std::move(message)));
      } else if (missing) {
        out.report(finding_at(c, c.url.range, "properties.gitRepository.provider",
                              "gitRepository.url '" + *url +
                                  "' pulls from Azure DevOps over SSH: the SSH key is a long-lived secret. Workload "
                                  "identity needs the HTTPS URL with provider: 'Azure'.",
                              Level::Warning));
      }
    }
  }
};

PATLESS_REGISTER_RULE(AzureDevOpsProviderRule);

}  // namespace
}  // namespace patless
