// PL404: Flux's federated credential must have exactly the token-exchange audience.
#include "rules/engine/report.h"
#include "rules/engine/rule.h"
#include "rules/identity/flux_identity.h"

namespace patless {
namespace {

class FederatedCredentialAudienceRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL404", "federated-credential-audience", Level::Error, "BA",
                            "Flux's federated credential audiences are not exactly ['api://AzureADTokenExchange'].",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    const FluxSubjects subjects = flux_subjects(graph);
    for (const FluxExtension* e : workload_identity_extensions(graph)) {
      for (const FederatedCredential* f : e->identity->credentials) {
        if (!meant_for_flux(*f, *e, graph)) continue;
        // Another workload's credential on an identity that has Flux's too: its audience is its own.
        const std::string* subject = f->subject.string();
        if (subject && !subjects.matches(*subject) && !names_flux_system(*f) &&
            flux_covered_by_other(*f, *e, graph, subjects))
          continue;
        const Lookup& a = f->audiences;
        std::string message;
        SourceRange at = a.range;
        if (a.absent()) {
          message = "Federated credential has no audiences: Flux's token is issued for '" +
                    std::string(kTokenAudience) + "'.";
          at = missing_property_range(*f, a);
        } else if (a.known() && !exactly_token_exchange(a.value)) {
          message = "Federated credential audiences are " + shown_audiences(a.value) + ", not ['" +
                    std::string(kTokenAudience) + "']: Azure refuses Flux's token.";
        } else {
          continue;
        }
        Finding finding = finding_at(*f, at, "properties.audiences", std::move(message));
        add_written_elsewhere(finding, *f, a, "the audiences");
        finding.related.push_back(related(*e, "the microsoft.flux extension that runs as this identity"));
        out.report(std::move(finding));
      }
    }
  }

 private:
  static bool exactly_token_exchange(const Value& v) {
    if (v.kind != Value::Kind::Array || v.spread) return true;  // a spread: not known to be wrong
    for (const Value& item : v.items)
      if (is_unknown(item)) return true;
    return v.items.size() == 1 && v.items[0].kind == Value::Kind::String && v.items[0].text == kTokenAudience;
  }
  // The audiences as written, each quoted: report.h's shown() would say "an array".
  static std::string shown_audiences(const Value& v) {
    if (v.kind != Value::Kind::Array) return v.kind == Value::Kind::String ? "'" + v.text + "'" : "not a list";
    std::string s = "[";
    for (size_t i = 0; i < v.items.size(); ++i) {
      if (i) s += ", ";
      s += "'" + v.items[i].text + "'";
    }
    return s + "]";
  }
};

PATLESS_REGISTER_RULE(FederatedCredentialAudienceRule);

}  // namespace
}  // namespace patless
