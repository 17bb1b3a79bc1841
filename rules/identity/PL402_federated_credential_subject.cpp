// PL402: Flux's federated credential must name the source-controller's service account exactly.

#include "rules/engine/report.h"
#include "rules/engine/rule.h"
#include "rules/identity/flux_identity.h"

namespace patless {
namespace {

class FederatedCredentialSubjectRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL402", "federated-credential-subject", Level::Error, "BA",
                            "Flux's federated credential has a subject other than "
                            "system:serviceaccount:flux-system:source-controller.",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    const FluxSubjects subjects = flux_subjects(graph);
    for (const FluxExtension* e : workload_identity_extensions(graph)) {
      for (const FederatedCredential* f : e->identity->credentials) {
        const std::string* subject = f->subject.string();
        if (!subject || !meant_for_flux(*f, *e, graph)) continue;
        if (subjects.matches(*subject)) continue;
        // Another workload's credential on an identity that has Flux's too.
        if (!names_flux_system(*f) && flux_covered_by_other(*f, *e, graph, subjects)) continue;
        std::string message = "Federated credential subject '" + *subject + "' is not '" + std::string(kFluxSubject) +
                              "'";
        if (iequals(*subject, kFluxSubject)) message += " (subjects are case-sensitive)";
        message += ": the source-controller's token does not match it, and Azure refuses the exchange.";
        Finding finding = finding_at(*f, f->subject.range, "properties.subject", std::move(message));
        add_written_elsewhere(finding, *f, f->subject, "the subject");
        finding.related.push_back(related(*e, "the microsoft.flux extension that runs as this identity"));
        out.report(std::move(finding));
      }
    }
  }
};

PATLESS_REGISTER_RULE(FederatedCredentialSubjectRule);

}  // namespace
}  // namespace patless
