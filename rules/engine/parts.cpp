#include "rules/engine/parts.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <tuple>

#include "grammars/paths.h"
#include "rules/engine/deployments.h"
#include "rules/engine/graph.h"
#include "rules/engine/run_rules.h"
#include "rules/engine/scan_facts.h"

namespace patless {
namespace {

class Joined {
 public:
  explicit Joined(size_t n) : up_(n) { std::iota(up_.begin(), up_.end(), 0); }
  size_t root(size_t x) {
    while (up_[x] != x) x = up_[x] = up_[up_[x]];
    return x;
  }
  void join(size_t a, size_t b) {
    a = root(a);
    b = root(b);
    if (a != b) up_[std::max(a, b)] = std::min(a, b);  // the first document stays the root
  }
  // The groups, each in scan order, in the order of their first member.
  std::vector<std::vector<size_t>> groups() {
    std::vector<std::vector<size_t>> out;
    std::vector<size_t> group_of(up_.size());
    for (size_t i = 0; i < up_.size(); ++i) {
      size_t r = root(i);
      if (r == i) {
        group_of[i] = out.size();
        out.emplace_back();
      }
      out[group_of[r]].push_back(i);
    }
    return out;
  }

 private:
  std::vector<size_t> up_;
};

// Deployments: what a document deploys, imports or is the parameters of (an
// ARM parameters file: every template of its directory, or with --params every
// template); Kubernetes objects: all in one.
std::vector<std::vector<size_t>> deployment_families(std::span<const Document> docs) {
  std::map<std::string, size_t> by_path;
  std::map<std::string, std::vector<size_t>> templates_in;
  Joined families(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    // Two documents of one path (which the graph's tables each take one of) stay together.
    if (auto [at, first] = by_path.emplace(normal_path(docs[i].path), i); !first) families.join(i, at->second);
    if (is_template(docs[i])) templates_in[directory_of(docs[i].path)].push_back(i);
  }
  std::optional<size_t> yaml;
  for (size_t i = 0; i < docs.size(); ++i) {
    const Document& d = docs[i];
    auto join_path = [&](const std::string& normal) {
      if (auto it = by_path.find(normal); it != by_path.end()) families.join(i, it->second);
    };
    for (const std::string& f : deployed_files(d)) join_path(f);
    for (const std::string& f : imported_files(d)) join_path(f);
    if (!d.using_path.empty()) join_path(beside(d.path, d.using_path));
    if (!d.extends_path.empty()) join_path(beside(d.path, d.extends_path));
    if (d.format == Format::ArmParams) {
      if (d.given_as_parameters) {
        for (size_t j = 0; j < docs.size(); ++j)
          if (is_template(docs[j])) families.join(i, j);
      } else if (auto it = templates_in.find(directory_of(d.path)); it != templates_in.end()) {
        for (size_t j : it->second) families.join(i, j);
      }
    }
    if (d.format == Format::Yaml) {
      if (yaml) families.join(i, *yaml);
      yaml = i;
    }
  }
  return families.groups();
}

// A copy's nested documents point at the original's deployment resources: at its own instead.
void rebase_nested(Document& copy, const Document& original) {
  for (size_t k = 0; k < copy.nested.size(); ++k) {
    if (const Resource* in = original.nested[k].nested_in)
      copy.nested[k].nested_in = &copy.resources[static_cast<size_t>(in - original.resources.data())];
    rebase_nested(copy.nested[k], original.nested[k]);
  }
}

}  // namespace

LintParts lint_parts(std::span<const Document> links, const LoadDocuments& load) {
  const std::vector<std::vector<size_t>> families = deployment_families(links);
  // A family's graph alone tells the names its nodes declare and look for: a
  // name some family looks for joins every family that has it. A family alone in
  // its part has that graph's facts too.
  Joined joined(families.size());
  std::vector<ScanFacts> own_facts(families.size());
  std::map<std::string, std::pair<std::vector<size_t>, bool>> with_name;  // the families, and whether one looks
  for (size_t k = 0; k < families.size(); ++k) {
    const std::vector<Document> docs = load(families[k]);
    const Graph graph(docs);
    own_facts[k] = ScanFacts::of(graph);
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
  LintParts out;
  for (const std::vector<size_t>& family_group : joined.groups()) {
    std::vector<size_t>& g = out.parts.emplace_back();
    for (size_t k : family_group) g.insert(g.end(), families[k].begin(), families[k].end());
    std::sort(g.begin(), g.end());
    if (family_group.size() == 1) {
      out.facts.add(own_facts[family_group.front()]);
    } else {  // linked, its nodes may be more than each family's alone
      const std::vector<Document> docs = load(g);
      out.facts.add(ScanFacts::of(Graph(docs)));
    }
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
