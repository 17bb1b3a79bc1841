// PL501: a Flux GitRepository on Azure DevOps without provider azure needs a PAT or SSH key.
#include "rules/engine/facts.h"
#include "rules/engine/fixes.h"
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

class GitRepositoryProviderRule : public Rule {
 public:
  static std::optional<Fix> fix(const ObjectNode& o, bool missing);

  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL501", "gitrepository-provider", Level::Error, "Y",
                            "A Flux GitRepository with an Azure DevOps URL and no spec.provider: azure.",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const ObjectNode& o : graph.objects()) {
      if (!o.is_flux_git_repository() || o.unknown_patch) continue;
      const Value* url = o.get({"spec", "url"});
      // A ${variable} in the URL is fine when the host is written out (classify_repo_url).
      if (!url || (url->kind != Value::Kind::String && url->kind != Value::Kind::Opaque)) continue;
      RepoUrlKind kind = classify_repo_url(url->text);
      if (!is_azure_devops(kind)) continue;
      const Value* provider = o.get({"spec", "provider"});
      bool missing = !provider || provider->kind == Value::Kind::Null;
      bool generic = provider && provider->kind == Value::Kind::String && provider->text == "generic";
      if (!missing && !generic) continue;  // azure, or a misspelling (PL502's)
      if (is_azure_devops_https(kind)) {
        std::string message =
            missing ? o.title() + " pulls the Azure DevOps repository '" + url->text +
                          "' without spec.provider: Flux can only authenticate with a PAT or SSH secret. Set "
                          "provider: azure to use workload identity."
                    : o.title() + " sets spec.provider: generic for the Azure DevOps "
                          "repository '" + url->text + "': Flux can only authenticate with a PAT or SSH secret. Use "
                          "provider: azure for workload identity.";
        const Value* at = missing ? url : provider;
        Finding f = finding_at(o, at->range, "spec.provider", std::move(message), Level::None, at);
        f.fix = fix(o, missing);
        out.report(std::move(f));
      } else if (missing) {
        out.report(finding_at(o, url->range, "spec.provider",
                              o.title() + " pulls from Azure DevOps over SSH ('" +
                                  url->text + "'): the SSH key is a long-lived secret. Workload identity needs the "
                                  "HTTPS URL with provider: azure.",
                              Level::Warning, url));
      }
    }
  }
};

// Adds `provider: azure` after the URL, or rewrites `generic`, where the
// object's own file writes them (not a kustomize patch).
std::optional<Fix> GitRepositoryProviderRule::fix(const ObjectNode& o, bool missing) {
  const Member* spec = o.object->root.member("spec");
  if (!spec || spec->value.kind != Value::Kind::Object) return std::nullopt;
  std::optional<Replacement> edit;
  if (missing) {
    const Member* url = spec->value.member("url");
    if (url && o.get({"spec", "url"}) == &url->value)
      edit = insert_member_after(*o.doc, spec->value, *url, "provider", "azure");
  } else if (const Member* provider = spec->value.member("provider");
             provider && o.get({"spec", "provider"})->origin == 0 && !provider->value.shared) {
    edit = replace_string(*o.doc, provider->value.range, "azure");
  }
  if (!edit) return std::nullopt;
  return Fix{"Use provider: azure (workload identity)", o.doc->path, {std::move(*edit)}};
}

PATLESS_REGISTER_RULE(GitRepositoryProviderRule);

}  // namespace
}  // namespace patless
