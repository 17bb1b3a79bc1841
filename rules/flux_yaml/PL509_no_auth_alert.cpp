// PL509: token failures of Azure-provider GitRepositories should reach someone.
#include <algorithm>
#include <map>

#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

// An Alert that receives GitRepository error events: an eventSources entry of
// kind GitRepository or '*', and a severity of error or info (info includes errors).
bool alerts_on_git_repositories(const ObjectNode& o) {
  if (o.object->kind != "Alert" || o.object->api_version.rfind("notification.toolkit.fluxcd.io/", 0) != 0)
    return false;
  const std::string* severity = o.string({"spec", "eventSeverity"});
  if (severity && *severity != "error" && *severity != "info") return false;
  const Value* sources = o.get({"spec", "eventSources"});
  if (!sources || sources->kind != Value::Kind::Array) return false;
  for (const Value& s : sources->items) {
    const Value* kind = s.kind == Value::Kind::Object ? s.get("kind") : nullptr;
    if (kind && (kind->text == "GitRepository" || kind->text == "*" || kind->kind == Value::Kind::Opaque)) return true;
  }
  return false;
}

class NoAuthAlertRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL509", "no-auth-alert", Level::Note, "Y",
                            "Azure-provider GitRepositories, but no Alert on GitRepository error events.",
                            "observability", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    // Which self-managed Flux applies each object: an Alert another cluster's
    // Flux applies tells nobody about this one's GitRepositories. An Alert none
    // is seen to apply may reach any of them by a path patless does not follow.
    std::map<const ObjectNode*, std::vector<const FluxInstallation*>> applied_by;
    for (const FluxInstallation& flux : graph.flux_installations())
      for (const ObjectNode* o : flux.objects) applied_by[o].push_back(&flux);
    auto watches = [&](const ObjectNode& o, const FluxInstallation* flux) {
      // An Alert a patch patless cannot read may change could be the one.
      if (!alerts_on_git_repositories(o) && !(o.unknown_patch && o.object->kind == "Alert")) return false;
      auto it = applied_by.find(&o);
      return !flux || it == applied_by.end() || std::count(it->second.begin(), it->second.end(), flux);
    };
    auto azure = [](const ObjectNode& o) { return !o.unknown_patch && o.uses_azure_provider(); };
    for (const FluxInstallation& flux : graph.flux_installations()) {
      auto repo = std::find_if(flux.repositories.begin(), flux.repositories.end(), [&](auto* o) { return azure(*o); });
      if (repo == flux.repositories.end()) continue;
      if (std::any_of(graph.objects().begin(), graph.objects().end(), [&](const ObjectNode& o) { return watches(o, &flux); }))
        continue;
      report(**repo, "no Alert that its self-managed Flux applies", out);
    }
    // The others (the microsoft.flux extension's, or Flux not in the scan): any Alert.
    const ObjectNode* first = nullptr;
    for (const ObjectNode& o : graph.objects()) {
      if (watches(o, nullptr)) return;
      if (!first && azure(o) && !applied_by.count(&o)) first = &o;
    }
    if (first) report(*first, "no Alert in the scan", out);
  }

 private:
  static void report(const ObjectNode& repo, const std::string& missing, Emitter& out) {
    const Value* provider = repo.get({"spec", "provider"});
    out.report(finding_at(repo, provider->range, "spec.provider",
                          repo.title() + " uses provider: azure, but " + missing +
                              " watches GitRepository events: an expired federated credential or a missing role would "
                              "stop Flux without anyone being told.",
                          Level::None, provider));
  }
};

PATLESS_REGISTER_RULE(NoAuthAlertRule);

}  // namespace
}  // namespace patless
