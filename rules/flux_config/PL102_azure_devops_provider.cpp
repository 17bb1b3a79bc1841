// PL102: an Azure DevOps repository pulled without provider 'Azure' needs a PAT or SSH key.
#include "rules/engine/facts.h"
#include "rules/engine/fixes.h"
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class AzureDevOpsProviderRule : public Rule {
 public:
  static std::optional<Fix> fix(const FluxConfiguration& c, bool missing);

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
        // fluxConfigurations 2026-07-01-preview: the configuration brings its own workload
        // identity (a ServiceAccount annotated with this client id), or passes spec.provider
        // to the GitRepository through additionalConfigurations; set or not known.
        if (!c.object_level_identity("gitRepository").absent() ||
            !c.get({"properties", "gitRepository", "additionalConfigurations", "provider"}).absent())
          continue;
        std::string message =
            missing ? "gitRepository.url '" + *url + "' is an Azure DevOps repository but no provider is set: " +
                          "Flux can only pull it with a PAT or SSH secret. Set provider: 'Azure' to use workload identity."
                    : "gitRepository.provider is 'Generic' for the Azure DevOps repository '" + *url +
                          "': Flux can only pull it with a PAT or SSH secret. Use provider: 'Azure' for workload identity.";
        SourceRange at = missing ? c.url.range : c.provider.range;
        Finding f = finding_at(c, at, "properties.gitRepository.provider", std::move(message));
        add_written_elsewhere(f, c, missing ? c.url : c.provider, missing ? "the URL" : "the provider");
        // On a legacy visualstudio.com URL the provider alone is not the whole fix (PL104).
        if (kind == RepoUrlKind::AzureDevOpsHttps) f.fix = fix(c, missing);
        out.report(std::move(f));
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

// Adds provider 'Azure' after the URL, or rewrites 'Generic', where the
// resource itself writes them; nothing when they come from elsewhere.
std::optional<Fix> AzureDevOpsProviderRule::fix(const FluxConfiguration& c, bool missing) {
  std::optional<Replacement> edit;
  if (!missing) {
    if (c.provider.written && c.provider.written->kind == Value::Kind::String)
      edit = replace_string(*c.doc, c.provider.range, "Azure");
  } else {
    const Value* props = c.resource->body.get("properties");
    const Value* repo = props ? props->get("gitRepository") : nullptr;
    const Member* url = repo && repo->kind == Value::Kind::Object && !repo->spread ? repo->member("url") : nullptr;
    if (url && c.url.written == &url->value) edit = insert_member_after(*c.doc, *repo, *url, "provider", "Azure");
  }
  if (!edit) return std::nullopt;
  return Fix{"Use provider 'Azure' (workload identity)", c.doc->path, {std::move(*edit)}};
}

PATLESS_REGISTER_RULE(AzureDevOpsProviderRule);

}  // namespace
}  // namespace patless
