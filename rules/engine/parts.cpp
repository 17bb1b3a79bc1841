#include "rules/engine/parts.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "grammars/paths.h"
#include "rules/engine/deployments.h"
#include "rules/engine/flux_paths.h"
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

// The documents at `path` and below it (as the graph's kustomize builds read a
// directory without a kustomization), from a map by normal path.
template <class F>
void at_and_below(const std::map<std::string, size_t>& by_path, const std::string& path, F&& each) {
  if (auto it = by_path.find(path); it != by_path.end()) each(it->second);
  std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  for (auto it = by_path.lower_bound(prefix); it != by_path.end() && it->first.starts_with(prefix); ++it)
    each(it->second);
}

// Deployments: what a document deploys, imports or is the parameters of (an
// ARM parameters file: every template of its directory, or with --params every
// template). Kustomizations: what they build (files, and directories with all
// below them) and their patch files. What Flux syncs joins them later (lint_parts).
std::vector<std::vector<size_t>> deployment_families(std::span<const Document> docs) {
  std::map<std::string, size_t> by_path;
  std::map<std::string, std::vector<size_t>> templates_in;
  Joined families(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    // Two documents of one path (which the graph's tables each take one of) stay together.
    if (auto [at, first] = by_path.emplace(normal_path(docs[i].path), i); !first) families.join(i, at->second);
    if (is_template(docs[i])) templates_in[directory_of(docs[i].path)].push_back(i);
  }
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
    if (d.format != Format::Yaml) continue;
    const std::string path = normal_path(d.path);
    auto join_below = [&](std::string_view entry) {
      at_and_below(by_path, beside(path, entry), [&](size_t j) { families.join(i, j); });
    };
    for (const K8sObject& o : d.objects)
      for (std::string_view entry : o.kustomize_paths()) join_below(entry);
    for (const KustomizePatch& p : d.patches)
      if (!p.file.empty() && !p.of_flux_instance) join_path(beside(path, p.file));
  }
  return families.groups();
}

// What the Flux of each family syncs, to join the families of the objects it
// may apply or patch (graph_installations.cpp, graph_flux_patches.cpp). A Flux
// Kustomization's spec.path is relative to its repository's root: the graph
// places it at directories that end with it, so every such directory is
// joined. An installation of a bare source-controller Deployment applies its directory.
class FluxReach {
 public:
  void add(const Graph& graph, size_t family) {
    for (const ObjectNode& n : graph.objects()) {
      if (is_flux_kustomization(*n.object)) {
        if (std::optional<std::string> s = sync_path(n)) {
          synced_[*s].push_back(family);
          size_t slash = s->rfind('/');
          last_names_.insert(slash == std::string::npos ? *s : s->substr(slash + 1));
        }
      } else if (n.object->kind == "Deployment" && n.object->name == "source-controller") {
        homes_.emplace_back(directory_of(normal_path(n.doc->path)), family);
      }
    }
  }

  void join(std::span<const Document> links, const std::vector<size_t>& family_of, Joined& joined) const {
    if (synced_.empty() && homes_.empty()) return;
    std::map<std::string, size_t> yaml;  // normal path → document
    for (size_t i = 0; i < links.size(); ++i)
      if (links[i].format == Format::Yaml) yaml.emplace(normal_path(links[i].path), i);
    for (const auto& [home, k] : homes_)
      for (auto it = yaml.lower_bound(home); it != yaml.end() && it->first.starts_with(home); ++it)
        if (under(it->first, home)) joined.join(k, family_of[it->second]);
    if (synced_.empty()) return;
    for (const auto& [path, document] : yaml) {
      const size_t family = family_of[document];
      // The file and each directory above it, with each of their tails at a '/'.
      for (std::string dir = path;;) {
        std::string_view d = dir;
        size_t last = d.rfind('/');
        if (last_names_.count(last == std::string_view::npos ? d : d.substr(last + 1))) {
          auto match = [&](std::string_view tail) {
            if (auto it = synced_.find(tail); it != synced_.end())
              for (size_t k : it->second) joined.join(k, family);
          };
          match(d);
          for (size_t slash = d.find('/'); slash != std::string_view::npos; slash = d.find('/', slash + 1))
            match(d.substr(slash + 1));
        }
        std::string up = directory_of(dir);
        if (dir.empty() || dir == "/" || up == dir) break;
        dir = std::move(up);
      }
    }
  }

 private:
  std::map<std::string, std::vector<size_t>, std::less<>> synced_;  // sync path → the families it is in
  std::set<std::string, std::less<>> last_names_;                   // their last names
  std::vector<std::pair<std::string, size_t>> homes_;
};

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

LintParts lint_parts(std::span<const Document> links, const LoadDocuments& load) {
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
    for (const KustomizePatch& p : graph.patches_anywhere()) linking.patches_anywhere.push_back(p);
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
