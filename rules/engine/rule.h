// The rule interface and its self-registering registry.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/engine/finding.h"

namespace patless {

class Graph;

struct RuleMeta {
  std::string_view id;       // PLnnn, a contract: never renumbered
  std::string_view name;     // kebab-case
  Level level;               // default level
  std::string_view formats;  // letters of RULES.md: B (Bicep), A (ARM), Y (YAML)
  std::string_view summary;  // one sentence
  std::string_view tags;     // space-separated SARIF tags
  bool security = false;     // carries a SARIF security-severity
  std::string_view options = {};  // space-separated names of the options the rule reads (.patless.yaml)
};

// Rule options from the configuration: rule id → option → value.
using RuleOptions = std::map<std::string, std::map<std::string, std::string>, std::less<>>;

// Collects findings; stamps each with the running rule's id, and with its
// default level where the rule left the level at None.
class Emitter {
 public:
  explicit Emitter(const RuleOptions* options = nullptr) : options_(options) {}
  void set_rule(const RuleMeta* meta) { meta_ = meta; }
  // The running rule's option from the configuration, if set.
  std::optional<std::string> option(std::string_view name) const {
    if (!options_ || !meta_) return std::nullopt;
    auto rule = options_->find(meta_->id);
    if (rule == options_->end()) return std::nullopt;
    auto it = rule->second.find(std::string(name));
    if (it == rule->second.end()) return std::nullopt;
    return it->second;
  }
  void report(Finding f) {
    if (meta_) {
      f.rule_id = std::string(meta_->id);
      if (f.level == Level::None) f.level = meta_->level;
    }
    findings_.push_back(std::move(f));
  }
  std::vector<Finding>& findings() { return findings_; }

 private:
  const RuleOptions* options_ = nullptr;
  const RuleMeta* meta_ = nullptr;
  std::vector<Finding> findings_;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleMeta& meta() const = 0;
  virtual void check(const Graph& graph, Emitter& out) const = 0;
  // Why `value` is no value for the option `name` (read from .patless.yaml, so a
  // typo is an error there rather than a rule that silently never fires), or nothing.
  virtual std::optional<std::string> invalid_option(std::string_view /*name*/, std::string_view /*value*/) const {
    return std::nullopt;
  }
};

// Every rule, sorted by id.
const std::vector<const Rule*>& all_rules();
const Rule* find_rule(std::string_view id);
// The rule's Markdown doc (embedded from rules/<group>/PLnnn_name.md), or empty.
std::string_view rule_doc(std::string_view id);
// The doc's path in the repository, e.g. "rules/flux_config/PL101_flux_config_api_version.md".
std::string_view rule_doc_path(std::string_view id);

struct RuleRegistration {
  explicit RuleRegistration(const Rule& rule);
};

}  // namespace patless

// Registers a rule class from its own .cpp file; no other file changes.
#define PATLESS_REGISTER_RULE(RuleClass) \
  static const RuleClass kRuleInstance_##RuleClass; \
  static const ::patless::RuleRegistration kRuleRegistration_##RuleClass(kRuleInstance_##RuleClass)
