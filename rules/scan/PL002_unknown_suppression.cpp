// PL002: a suppression that names no patless rule. Reported by the suppression
// pass (rules/engine/suppressions.cpp), which runs after every rule.
#include "rules/engine/rule.h"

namespace patless {
namespace {

class UnknownSuppressionRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL002", "unknown-suppression", Level::Warning, "BAY",
                            "A suppression comment that names a rule id that does not exist.", "maintainability",
                            false};
    return m;
  }
  void check(const Graph&, Emitter&) const override {}
};

PATLESS_REGISTER_RULE(UnknownSuppressionRule);

}  // namespace
}  // namespace patless
