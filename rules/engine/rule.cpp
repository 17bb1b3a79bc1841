#include "rules/engine/rule.h"

#include <algorithm>

namespace patless {
namespace {

std::vector<const Rule*>& registry() {
  static std::vector<const Rule*> rules;
  return rules;
}

}  // namespace

RuleRegistration::RuleRegistration(const Rule& rule) {
  auto& rules = registry();
  rules.insert(std::upper_bound(rules.begin(), rules.end(), &rule,
                                [](const Rule* a, const Rule* b) { return a->meta().id < b->meta().id; }),
               &rule);
}

const std::vector<const Rule*>& all_rules() { return registry(); }

const Rule* find_rule(std::string_view id) {
  for (const Rule* r : registry())
    if (r->meta().id == id) return r;
  return nullptr;
}

const char* level_name(Level l) {
  switch (l) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Note: return "note";
    case Level::None: return "none";
  }
  return "none";
}

std::optional<Level> parse_level(std::string_view s) {
  if (s == "error") return Level::Error;
  if (s == "warning") return Level::Warning;
  if (s == "note") return Level::Note;
  if (s == "none") return Level::None;
  return std::nullopt;
}

}  // namespace patless
