// PL101: fluxConfigurations apiVersion too old for the gitRepository provider.
#include "grammars/ascii.h"
#include "rules/engine/facts.h"
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

constexpr std::string_view kAzureProviderApi = "2024-11-01";   // first with gitRepository.provider
constexpr std::string_view kGitHubProviderApi = "2025-04-01";  // adds provider GitHub

class FluxConfigApiVersionRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL101", "flux-config-api-version", Level::Error, "BA",
                            "fluxConfigurations apiVersion older than 2024-11-01, which has no gitRepository.provider "
                            "for workload identity.",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxConfiguration& c : graph.flux_configurations()) {
      if (!c.resource->api_version) continue;
      // OCI and Blob sources have workload identity settings of their own.
      if (!c.git_source()) continue;
      const std::string& version = *c.resource->api_version;
      bool github = c.provider.string() && *c.provider.string() == "GitHub";
      std::string_view needed = github ? kGitHubProviderApi : kAzureProviderApi;
      if (compare_api_versions(version, needed) >= 0) continue;

      Level level = Level::Error;
      std::string why;
      if (github) {
        why = "provider 'GitHub' needs it";
      } else if (c.provider.known() && c.provider.value.kind != Value::Kind::Null) {
        why = "gitRepository.provider needs it";
      } else {
        bool known_not_ado = c.url.string() && !is_azure_devops(classify_repo_url(*c.url.string()));
        if (known_not_ado) {
          level = Level::Warning;
          why = "it is the first that can authenticate with workload identity (gitRepository.provider)";
        } else {
          why = "it is the first that can pull from Azure DevOps with workload identity (gitRepository.provider: 'Azure')";
        }
      }
      Finding f = finding_at(c, c.resource->api_version_range, "apiVersion",
                             "fluxConfigurations apiVersion " + version + " is older than " + std::string(needed) +
                                 ": " + why + ".",
                             level);
      f.fix = Fix{"Use apiVersion " + std::string(needed), c.doc->path,
                  {Replacement{c.resource->api_version_range, std::string(needed)}}};
      out.report(std::move(f));
    }
  }
};

PATLESS_REGISTER_RULE(FluxConfigApiVersionRule);

}  // namespace
}  // namespace patless
