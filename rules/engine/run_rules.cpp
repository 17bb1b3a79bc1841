#include "rules/engine/run_rules.h"

#include <algorithm>
#include <exception>
#include <tuple>

#include "rules/engine/graph.h"
#include "rules/engine/rule.h"

namespace patless {

std::vector<Finding> run_rules(const Graph& graph) {
  Emitter out;
  for (const Rule* rule : all_rules()) {
    out.set_rule(&rule->meta());
    try {
      rule->check(graph, out);
    } catch (const std::exception& e) {
      out.set_rule(nullptr);
      Finding f;
      f.rule_id = "PL000";
      f.level = Level::Error;
      f.message = "Internal error in rule " + std::string(rule->meta().id) + ": " + e.what() +
                  ". Please report it; the other rules ran.";
      f.logical_location = std::string(rule->meta().id);
      out.report(std::move(f));
    }
  }
  auto& findings = out.findings();
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.path, a.range.start_line, a.range.start_column, a.rule_id) <
           std::tie(b.path, b.range.start_line, b.range.start_column, b.rule_id);
  });
  return std::move(findings);
}

}  // namespace patless
