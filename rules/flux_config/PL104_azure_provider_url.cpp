// PL104: provider 'Azure' authenticates only over HTTPS to dev.azure.com/{org}/{project}/_git/{repo}.
#include "rules/engine/facts.h"
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class AzureProviderUrlRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL104", "azure-provider-url", Level::Error, "BA",
                            "provider 'Azure' with an SSH URL or an HTTPS URL that is not "
                            "https://dev.azure.com/{org}/{project}/_git/{repo}.",
                            "correctness authentication", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxConfiguration& c : graph.flux_configurations()) {
      if (!c.uses_azure_provider()) continue;
      const std::string* url = c.url.string();
      if (!url) continue;
      std::string quoted = "gitRepository.url '" + *url + "'";
      switch (classify_repo_url(*url)) {
        case RepoUrlKind::AzureDevOpsSsh:
          report(c, quoted + " is an SSH URL: provider 'Azure' gets a token, which Flux can only send over HTTPS. "
                             "Use https://dev.azure.com/{org}/{project}/_git/{repo}.",
                 out);
          break;
        case RepoUrlKind::VisualStudioHttps:
          report(c, quoted + " uses the legacy visualstudio.com host: the documented form for provider 'Azure' is "
                             "https://dev.azure.com/{org}/{project}/_git/{repo}.",
                 out, Level::Warning);
          break;
        case RepoUrlKind::Other:
          report(c, quoted + " is not an Azure DevOps repository, but provider 'Azure' only authenticates to Azure "
                             "DevOps (https://dev.azure.com/{org}/{project}/_git/{repo}).",
                 out);
          break;
        case RepoUrlKind::AzureDevOpsHttps:
          if (!has_git_path(*url))
            report(c, quoted + " is not a Git repository URL: the form is "
                               "https://dev.azure.com/{org}/{project}/_git/{repo}.",
                   out);
          break;
      }
    }
  }

 private:
  static void report(const FluxConfiguration& c, std::string message, Emitter& out, Level level = Level::None) {
    Finding f = finding_at(c, c.url.range, "properties.gitRepository.url", std::move(message), level);
    add_written_elsewhere(f, c, c.url, "the URL");
    out.report(std::move(f));
  }

  // `/{org}/{project}/_git/{repo}` or the short `/{org}/_git/{repo}` Azure DevOps also serves.
  static bool has_git_path(std::string_view raw) {
    const std::string lowered = ascii_lower(raw);
    std::string_view url = lowered;
    size_t host = url.find("dev.azure.com/");
    if (host == std::string_view::npos) return false;
    std::string_view path = url.substr(host + 14);
    size_t git = path.find("/_git/");
    if (git == std::string_view::npos || git == 0) return false;
    std::string_view repo = path.substr(git + 6);
    // `_git/{repo}/`: whether a trailing slash still clones is the server's and go-git's
    // business, not something patless knows.
    if (repo.ends_with('/')) repo.remove_suffix(1);
    return !repo.empty() && repo.find('/') == std::string_view::npos;
  }
};

PATLESS_REGISTER_RULE(AzureProviderUrlRule);

}  // namespace
}  // namespace patless
