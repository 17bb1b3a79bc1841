// PL003: a suppression that suppressed nothing. Reported by the suppression
// pass (rules/engine/suppressions.cpp), which runs after every rule.
#include "rules/engine/rule.h"

namespace patless {
namespace {

class UnusedSuppressionRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL003", "unused-suppression", Level::Note, "BAY",
                            "A suppression comment with valid rule ids that suppressed nothing.", "maintainability",
                            false};
    return m;
  }
  void check(const Graph&, Emitter&) const override {}
};

PATLESS_REGISTER_RULE(UnusedSuppressionRule);

}  // namespace
}  // namespace patless
