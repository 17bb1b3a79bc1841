#include "rules/engine/run_rules.h"

#include <algorithm>
#include <exception>
#include <tuple>

#include "rules/engine/graph.h"
#include "rules/engine/merged_message.h"
#include "rules/engine/registry_findings.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"
#include "rules/engine/suppressions.h"

namespace patless {

namespace {

constexpr size_t kMaxRelated = 10;

// One file deployed several times (modules, parameter files, a loop's passes)
// reports the same place once: the most severe finding, with the other
// deployments as related locations, up to kMaxRelated in all unless its own are
// more, and what the others name in its message (merged_message).
template <typename Place>
std::vector<Finding> merge_deployments(std::vector<Finding> sorted, Place place) {
  std::vector<Finding> out;
  std::vector<size_t> own;  // of each finding out: how many of its related locations are its own
  std::vector<std::vector<std::string>> messages;  // of each finding out: those of the findings merged into it
  for (Finding& f : sorted) {
    if (out.empty() || place(out.back()) != place(f)) {
      own.push_back(f.related.size());
      messages.emplace_back();
      out.push_back(std::move(f));
      continue;
    }
    Finding& kept = out.back();
    if (f.level > kept.level) {
      std::swap(kept, f);
      own.back() = kept.related.size();
    }
    messages.back().push_back(std::move(f.message));
    // What f stood for, the kept finding stands for too.
    f.merged_locations.push_back(std::move(f.logical_location));
    for (std::string& l : f.merged_locations) {
      std::vector<std::string>& merged = kept.merged_locations;
      if (l != kept.logical_location && std::find(merged.begin(), merged.end(), l) == merged.end())
        merged.push_back(std::move(l));
    }
    for (RelatedLocation& r : f.related) {
      bool known = false;
      for (RelatedLocation& k : kept.related) {
        if (same_loop(k, r)) {
          merge_passes(k, r);  // one note a loop, naming each pass that made the finding
          known = true;
        }
        known = known || same_note(k, r);
      }
      if (!known) kept.related.push_back(std::move(r));
    }
  }
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].related.resize(std::min(out[i].related.size(), std::max(own[i], kMaxRelated)));
    if (!messages[i].empty()) out[i].message = merged_message(out[i].message, messages[i]);
  }
  return out;
}

}  // namespace

std::vector<Finding> run_rules(const Graph& graph, const RuleOptions* options) {
  Emitter out(options);
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
  move_registry_findings_to_modules(graph.documents(), findings);
  apply_suppressions(graph.documents(), findings);
  auto place = [](const Finding& f) {
    return std::tie(f.path, f.range.start_line, f.range.start_column, f.range.end_line, f.range.end_column, f.rule_id);
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&](const Finding& a, const Finding& b) { return place(a) < place(b); });
  return merge_deployments(std::move(findings), place);
}

}  // namespace patless
