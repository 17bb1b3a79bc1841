// A scan's documents in parts that are linted one at a time with the findings
// they have linted all together: the step towards a scan whose memory is that of
// its largest part, not of the whole repository (README, "Performance").
//
// A part joins the documents of a deployment (modules, linked, nested and
// imported templates, parameter files) with those of every deployment that
// looks for a cluster or identity by a name it has, or has one it looks for
// (an `existing` one, a resource ID, a credential's parent); two that only
// declare one name are apart. Kubernetes objects are in a part with the
// kustomizations that build them and the Flux that may apply or patch them
// (its Flux Kustomizations' spec.path, wherever patless may place it); all of
// them are one part when a single installation applies what nothing places.
// What one part changes in another's findings without a link is a scan-wide
// fact (rules/engine/scan_facts.h). The links are in rules/engine/part_links.h.
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "grammars/model.h"
#include "rules/engine/finding.h"
#include "rules/engine/link_source.h"
#include "rules/engine/rule.h"
#include "rules/engine/scan_facts.h"

namespace patless {

// The documents at the indices given, whole, in that order: copies, or decoded
// from where a scan put them aside.
using LoadDocuments = std::function<std::vector<Document>(const std::vector<size_t>&)>;

struct LintParts {
  // Each the indices of its documents in scan order, in the order of their first document.
  std::vector<std::vector<size_t>> parts;
  ScanFacts facts;  // of all of them
};

// The parts. `links` has what each document deploys, imports, uses and is (a
// document, or an outline of one that keeps its modules, linked templates,
// imports, `using`, `extends` and kustomize paths); `load` gives the documents
// of a deployment whole, to learn the names it links by and its facts.
LintParts lint_parts(const LinkSource& links, const LoadDocuments& load);

// run_rules over each part's documents alone, with the scan's facts: the
// findings of run_rules over all of them together.
std::vector<Finding> run_rules_by_part(const LintParts& parts, const LoadDocuments& load,
                                       const RuleOptions* options = nullptr);

// A copy whose nested documents point at its own deployment resources, not the original's.
Document copy_of(const Document& document);

// A LoadDocuments that copies from `documents`.
LoadDocuments copies_of(std::span<const Document> documents);

}  // namespace patless
