// The identity chain as a picture: what is wired to what, and where a rule
// says it breaks. Built from the graph the rules ran on and their findings;
// cli/graph_report.cpp draws it as text, Mermaid or Graphviz DOT.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "rules/engine/finding.h"
#include "rules/engine/graph.h"

namespace patless {

struct ChainNode {
  enum class Kind {
    Cluster, Extension, Configuration, Identity, Credential, ServiceAccount, GitRepository, Repository, Issuer,
    Unknown,  // a link whose other end patless cannot know (a parameter, a runtime value)
    Missing,  // the other end of a link a rule reports as absent (PL203, PL401)
  };
  Kind kind = Kind::Unknown;
  std::string label;                 // "AKS cluster 'aks-prod'"
  std::vector<std::string> details;  // "provider: Azure", "subject: ..."
  std::string path;                  // where it is written; empty for synthesised nodes
  uint32_t line = 0;
  std::string registry;              // written in a registry module or template spec: its reference
  std::vector<std::string> rules;    // rules reporting on the node itself
  // The files whose module declarations, deployments or parameter files deploy it.
  std::vector<std::string> deployed_from;
};

struct ChainEdge {
  enum class State { Ok, Broken, Unknown };
  size_t from = 0, to = 0;
  std::string label;  // scope, parent, client id of, federated for, issuer of, pulls, runs as
  State state = State::Ok;
  std::vector<std::string> rules;  // for Broken
};

struct ChainView {
  std::vector<ChainNode> nodes;
  std::vector<ChainEdge> edges;
};

// Only the parts linked to Flux (an extension, a flux configuration, a GitRepository):
// other clusters and identities of a repository are not the chain. Suppressed
// findings are left out: the picture shows what a check reports.
ChainView build_chain_view(const Graph& graph, const std::vector<Finding>& findings);

// The picture as a tree hung from the clusters: a link labelled parent,
// federated for, pulls or runs as points down, from `from` to `to`; the others
// (scope, client id of, issuer of) point up. What runs on a cluster, the
// identity an extension runs as, its credentials, whom they trust and what is
// pulled.
struct ChainTree {
  // Each node's children, with the link to each, in link order.
  std::vector<std::vector<std::pair<const ChainEdge*, size_t>>> children;
  // Hung below another node. A credential names its issuer's cluster, which
  // stays a root of its own.
  std::vector<bool> has_parent;
};
ChainTree chain_tree(const ChainView& view);

// The trees of `view` (from each cluster, and from what no cluster reaches) that
// hold a node for which `keep` holds, with the clusters their credentials name
// as issuers: what `patless graph FILE` draws of a repository.
ChainView trees_holding(const ChainView& view, const std::function<bool(const ChainNode&)>& keep);

// Whether a rule reports on the chain the graph draws (PL1xx to PL5xx).
bool is_chain_rule(std::string_view rule_id);

}  // namespace patless
