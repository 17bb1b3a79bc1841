// What a rule reports.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "grammars/model.h"

namespace patless {

// SARIF levels, ordered by severity; None only as a fail-level.
enum class Level { None = 0, Note = 1, Warning = 2, Error = 3 };
const char* level_name(Level l);
std::optional<Level> parse_level(std::string_view s);

struct Replacement {
  SourceRange range;  // bytes to delete (empty range = insertion point)
  std::string text;   // text to insert
};

struct Fix {
  std::string description;
  std::string path;
  std::vector<Replacement> replacements;
  // Of the text the replacements' offsets are in (Document::text_hash); 0: not known.
  uint64_t text_hash = 0;
};

struct RelatedLocation {
  std::string path;
  SourceRange range;
  std::string message;
  // A module declaration or linked deployment that deploys the file the finding
  // is in: which deployment produced it, not a part of what it is about (unlike
  // a parameter file, whose values are all it has).
  bool deployer = false;
  // A deployment by passes of a loop ("deployed by module 'envs[1]'"): the passes
  // that made the finding, of how many (0: no loop, or one patless cannot count),
  // and the module's symbol (empty: an ARM deployment's copy). Findings merged at
  // one place merge these notes, one a loop (merge_passes, rules/engine/report.h).
  std::vector<size_t> passes = {};
  size_t loop_passes = 0;
  std::string loop_module = {};
};

struct Finding {
  std::string rule_id;
  Level level = Level::None;  // None: the rule's default level
  std::string message;
  std::string path;
  SourceRange range;
  std::vector<RelatedLocation> related;
  // Logical identity for partialFingerprints: resource identity + property path,
  // never a line number, so a finding keeps its fingerprint when lines move.
  std::string logical_location;
  // Of the findings at this place that were merged into this one (other
  // deployments, other passes of a loop: rules/engine/run_rules.cpp), the logical
  // locations that differ from its own: the graph draws it on each of them.
  std::vector<std::string> merged_locations;
  std::optional<Fix> fix;
  // Set when an in-source suppression covers the finding: the reason written
  // after the rule ids (may be empty). Suppressed findings stay in SARIF.
  std::optional<std::string> suppressed;
  // Against a baseline (--baseline): "new" or "unchanged"; empty without one.
  std::string baseline;
};

// Whether a file `in` accepts takes part in f through a related place: a value it
// sets, a cluster it declares, the deployment its parameters make. A module
// declaration that only deploys f's file does not count: a commit to main.bicep
// is not stopped by what its modules already had (cli/app.cpp, cli/scan.cpp).
template <typename In>
bool related_place_in(const Finding& f, In&& in) {
  return std::any_of(f.related.begin(), f.related.end(),
                     [&](const RelatedLocation& l) { return !l.deployer && in(l.path); });
}

}  // namespace patless
