// PL103: gitRepository.provider must be exactly Azure, Generic or GitHub.
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

constexpr std::string_view kProviders[] = {"Azure", "Generic", "GitHub"};

class ProviderValueRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL103", "provider-value", Level::Warning, "BA",
                            "gitRepository.provider is not exactly one of Azure, Generic, GitHub.", "correctness",
                            false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxConfiguration& c : graph.flux_configurations()) {
      const std::string* p = c.provider.string();
      if (!p) continue;  // absent, unknown, or not a string
      std::string_view same_but_case;
      bool exact = false;
      for (std::string_view k : kProviders) {
        exact = exact || *p == k;
        if (iequals(*p, k)) same_but_case = k;
      }
      if (exact) continue;
      std::string message = "gitRepository.provider '" + *p +
                            "' is not one of 'Azure', 'Generic', 'GitHub', the values the fluxConfigurations API defines";
      if (same_but_case.empty()) {
        out.report(finding_at(c, c.provider.range, "properties.gitRepository.provider",
                              message + ": Flux does not use workload identity with it."));
        continue;
      }
      message += "; they are case-sensitive: write '";
      message += same_but_case;
      message += "'.";
      Finding f = finding_at(c, c.provider.range, "properties.gitRepository.provider", std::move(message));
      add_written_elsewhere(f, c, c.provider, "the provider");
      if (c.provider.written && c.provider.written->kind == Value::Kind::String) {  // a literal here: rewrite it
        std::string quoted = c.doc->format == Format::Arm ? "\"" : "'";
        quoted += same_but_case;
        quoted += c.doc->format == Format::Arm ? "\"" : "'";
        f.fix = Fix{"Write provider '" + std::string(same_but_case) + "'", c.doc->path,
                    {Replacement{c.provider.range, quoted}}};
      }
      out.report(std::move(f));
    }
  }
};

PATLESS_REGISTER_RULE(ProviderValueRule);

}  // namespace
}  // namespace patless
