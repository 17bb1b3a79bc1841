// PL509: token failures of Azure-provider GitRepositories should reach someone.
#include <algorithm>

#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"
#include "rules/flux_yaml/alerts.h"

namespace patless {
namespace {

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
    // When the graph is a part of the scan, the rest of it is in its facts.
    const ScanFacts* scan = graph.scan_facts();
    const Alerts alerts(graph);
    const auto& objects = graph.objects();
    if (!scan || !scan->unapplied_alert) {
      for (const FluxInstallation& flux : graph.flux_installations()) {
        auto repo =
            std::find_if(flux.repositories.begin(), flux.repositories.end(), [](auto* o) { return surely_azure(*o); });
        if (repo == flux.repositories.end()) continue;
        if (std::any_of(objects.begin(), objects.end(), [&](const ObjectNode& o) { return alerts.watches(o, &flux); }))
          continue;
        report(**repo, "no Alert that its self-managed Flux applies", out);
      }
    }
    // The others (the microsoft.flux extension's, or Flux not in the scan): any Alert.
    if (scan ? scan->alert_in_scan : alerts.any()) return;
    const ObjectNode* first = alerts.first_unapplied_azure();
    if (!first) return;
    if (scan) {  // the scan's first, not only this part's
      const std::optional<ObjectPlace>& theirs = scan->first_unapplied_azure_repository;
      ObjectPlace mine = place_of(graph, *first);
      if (!theirs || theirs->path != mine.path || theirs->generated != mine.generated ||
          theirs->ordinal != mine.ordinal)
        return;
    }
    report(*first, "no Alert in the scan", out);
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
