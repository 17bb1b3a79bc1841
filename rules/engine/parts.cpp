#include "rules/engine/parts.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "rules/engine/graph.h"
#include "rules/engine/part_links.h"
#include "rules/engine/run_rules.h"
#include "rules/engine/scan_facts.h"

namespace patless {
namespace {

// A copy's nested documents point at the original's deployment resources: at its own instead.
void rebase_nested(Document& copy, const Document& original) {
  for (size_t k = 0; k < copy.nested.size(); ++k) {
    if (const Resource* in = original.nested[k].nested_in)
      copy.nested[k].nested_in = &copy.resources[static_cast<size_t>(in - original.resources.data())];
    rebase_nested(copy.nested[k], original.nested[k]);
  }
}

// Whether the scan's one installation is placed (FluxInstallation::placed): in
// the graph of its family and those joined with it, which hold what places it.
bool only_installation_placed(const std::vector<std::vector<size_t>>& families, const std::vector<ScanFacts>& facts,
                              Joined& joined, const LoadDocuments& load, const ScanFacts& linking) {
  size_t k = 0;
  while (facts[k].flux_installations == 0) ++k;
  std::vector<size_t> g;
  for (size_t j = 0; j < families.size(); ++j)
    if (joined.root(j) == joined.root(k)) g.insert(g.end(), families[j].begin(), families[j].end());
  std::sort(g.begin(), g.end());
  const std::vector<Document> docs = load(g);
  const Graph graph(docs, &linking);
  return !graph.flux_installations().empty() && graph.flux_installations().front().placed;
}

}  // namespace

LintParts lint_parts(const LinkSource& links, const LoadDocuments& load) {
  const std::vector<std::vector<size_t>> families = deployment_families(links);
  // A family's graph alone tells the names its nodes declare and look for, and
  // what its Flux syncs. A name some family looks for joins every family that
  // has it; a sync path, every family with objects there.
  Joined joined(families.size());
  std::vector<ScanFacts> own_facts(families.size());
  std::vector<bool> has_objects(families.size());
  std::map<std::string, std::pair<std::vector<size_t>, bool>> with_name;  // the families, and whether one looks
  FluxReach reach;
  ScanFacts linking;  // what links objects across parts: Graph needs it to build a part as the scan does
  for (size_t k = 0; k < families.size(); ++k) {
    const std::vector<Document> docs = load(families[k]);
    const Graph graph(docs);
    own_facts[k] = ScanFacts::of(graph);
    linking.flux_installations += own_facts[k].flux_installations;
    linking.patches_anywhere.insert(linking.patches_anywhere.end(), own_facts[k].patches_anywhere.begin(),
                                    own_facts[k].patches_anywhere.end());
    has_objects[k] = !graph.objects().empty();
    reach.add(graph, k);
    for (const std::string& name : graph.declared_names()) with_name[name].first.push_back(k);
    for (const std::string& name : graph.sought_names()) {
      auto& [having, sought] = with_name[name];
      if (having.empty() || having.back() != k) having.push_back(k);
      sought = true;
    }
  }
  for (const auto& [name, families_with] : with_name)
    if (families_with.second)
      for (size_t k : families_with.first) joined.join(k, families_with.first.front());
  std::vector<size_t> family_of(links.size());
  for (size_t k = 0; k < families.size(); ++k)
    for (size_t i : families[k]) family_of[i] = k;
  reach.join(links, family_of, joined);
  // The only installation, when no sync path places it, applies what no other
  // claims: all objects are one part. Its part has what places it.
  if (linking.flux_installations == 1 && !only_installation_placed(families, own_facts, joined, load, linking)) {
    std::optional<size_t> first;
    for (size_t k = 0; k < families.size(); ++k) {
      if (!has_objects[k]) continue;
      if (first) joined.join(k, *first);
      first = k;
    }
  }

  LintParts out;
  for (const std::vector<size_t>& family_group : joined.groups()) {
    std::vector<size_t>& g = out.parts.emplace_back();
    for (size_t k : family_group) g.insert(g.end(), families[k].begin(), families[k].end());
    std::sort(g.begin(), g.end());
    // A family alone has its own graph's facts, unless the scan changes how its objects are built.
    const size_t k = family_group.front();
    const bool alone =
        family_group.size() == 1 &&
        (!has_objects[k] ||
         (own_facts[k].patches_anywhere.size() == linking.patches_anywhere.size() &&
          (own_facts[k].flux_installations == 0 || own_facts[k].flux_installations == linking.flux_installations)));
    ScanFacts facts;
    if (alone) {
      facts = std::move(own_facts[k]);
    } else {
      const std::vector<Document> docs = load(g);
      facts = ScanFacts::of(Graph(docs, &linking));
    }
    if (facts.first_unapplied_azure_repository)  // from the part's index to the scan's
      facts.first_unapplied_azure_repository->document = g[facts.first_unapplied_azure_repository->document];
    out.facts.add(facts);
  }
  return out;
}

std::vector<Finding> run_rules_by_part(const LintParts& parts, const LoadDocuments& load, const RuleOptions* options) {
  std::vector<Finding> out;
  for (const std::vector<size_t>& p : parts.parts) {
    const std::vector<Document> docs = load(p);
    const Graph graph(docs, &parts.facts);
    for (Finding& f : run_rules(graph, options)) out.push_back(std::move(f));
  }
  // run_rules's order; findings at one place are of one document, so of one part.
  auto place = [](const Finding& f) {
    return std::tie(f.path, f.range.start_line, f.range.start_column, f.range.end_line, f.range.end_column, f.rule_id);
  };
  std::stable_sort(out.begin(), out.end(), [&](const Finding& a, const Finding& b) { return place(a) < place(b); });
  return out;
}

Document copy_of(const Document& document) {
  Document copy = document;
  rebase_nested(copy, document);
  return copy;
}

LoadDocuments copies_of(std::span<const Document> documents) {
  return [documents](const std::vector<size_t>& indices) {
    std::vector<Document> out;
    out.reserve(indices.size());
    for (size_t i : indices) out.push_back(copy_of(documents[i]));
    return out;
  };
}

}  // namespace patless
