// A scan's documents in parts that are linted one at a time with the findings
// they have linted all together: the step towards a scan whose memory is that of
// its largest part, not of the whole repository (README, "Performance").
//
// A part joins the documents of a deployment (modules, linked, nested and
// imported templates, parameter files) with those of every deployment that
// looks for a cluster or identity by a name it has, or has one it looks for
// (an `existing` one, a resource ID, a credential's parent); two that only
// declare one name are apart. Every Kubernetes object is in one part.
// What one part changes in another's findings without a link is a scan-wide
// fact (rules/engine/scan_facts.h).
#pragma once

#include <span>
#include <vector>

#include "grammars/model.h"
#include "rules/engine/finding.h"
#include "rules/engine/rule.h"

namespace patless {

// Puts the documents in parts, part after part, each in scan order; returns
// where each part starts, then the end.
std::vector<size_t> arrange_in_parts(std::vector<Document>& documents);

// run_rules over each part of documents arranged so, with the scan's facts: the
// findings of run_rules over all of them together.
std::vector<Finding> run_rules_by_part(std::span<const Document> arranged, const std::vector<size_t>& starts,
                                       const RuleOptions* options = nullptr);

}  // namespace patless
