// What joins a scan's documents into parts (rules/engine/parts.h): families of
// documents that deploy, import, parameterise or build one another, and what
// each family's Flux syncs.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "grammars/model.h"
#include "rules/engine/link_source.h"

namespace patless {

class Graph;

// Groups of indices, joined two at a time (union-find).
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
// template). Kustomizations: what they build (files, and directories with all
// below them) and their patch files. Each group in scan order.
std::vector<std::vector<size_t>> deployment_families(const LinkSource& docs);

// What the Flux of each family syncs, to join the families of the objects it
// may apply or patch (graph_installations.cpp, graph_flux_patches.cpp). A Flux
// Kustomization's spec.path is relative to its repository's root: the graph
// places it at directories that end with it, so every such directory is
// joined. An installation of a bare source-controller Deployment applies its directory.
class FluxReach {
 public:
  // What family `family`'s graph syncs.
  void add(const Graph& graph, size_t family);
  // Joins the families (`family_of` each document of `links`) that what was added reaches.
  void join(const LinkSource& links, const std::vector<size_t>& family_of, Joined& joined) const;

 private:
  std::map<std::string, std::vector<size_t>, std::less<>> synced_;  // sync path → the families it is in
  std::set<std::string, std::less<>> last_names_;                   // their last names
  std::vector<std::pair<std::string, size_t>> homes_;
};

}  // namespace patless
