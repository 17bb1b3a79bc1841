// The chain's picture as trees (rules/engine/chain_view.h): what hangs below
// each cluster, and the trees a set of files is in.
#include <cstdint>
#include <utility>
#include <vector>

#include "rules/engine/chain_view.h"

namespace patless {

ChainTree chain_tree(const ChainView& view) {
  ChainTree tree{std::vector<std::vector<std::pair<const ChainEdge*, size_t>>>(view.nodes.size()),
                 std::vector<bool>(view.nodes.size(), false)};
  for (const ChainEdge& e : view.edges) {
    bool down = e.label == "parent" || e.label == "federated for" || e.label == "pulls" || e.label == "runs as";
    size_t parent = down ? e.from : e.to, child = down ? e.to : e.from;
    tree.children[parent].emplace_back(&e, child);
    if (view.nodes[parent].kind != ChainNode::Kind::Credential) tree.has_parent[child] = true;
  }
  return tree;
}

ChainView trees_holding(const ChainView& view, const std::function<bool(const ChainNode&)>& keep) {
  const size_t n = view.nodes.size();
  using Kind = ChainNode::Kind;
  const ChainTree hung = chain_tree(view);
  // Each tree: its root and what hangs below it, down to (not into) other clusters.
  std::vector<uint8_t> kept(n), in_tree(n);
  auto take_tree = [&](size_t root) {
    std::vector<size_t> tree{root}, pending{root};
    std::vector<uint8_t> seen(n);
    seen[root] = 1;
    bool holds = false;
    while (!pending.empty()) {
      size_t at = pending.back();
      pending.pop_back();
      holds = holds || keep(view.nodes[at]);
      for (auto [link, c] : hung.children[at])
        if (!seen[c] && view.nodes[c].kind != Kind::Cluster) {
          seen[c] = 1;
          tree.push_back(c);
          pending.push_back(c);
        }
    }
    for (size_t i : tree) in_tree[i] = 1;
    if (!holds) return;
    for (size_t i : tree) {
      kept[i] = 1;
      for (auto [link, c] : hung.children[i])  // the issuers its credentials name
        if (view.nodes[c].kind == Kind::Cluster) kept[c] = 1;
    }
  };
  for (size_t i = 0; i < n; ++i)
    if (view.nodes[i].kind == Kind::Cluster) take_tree(i);
  for (size_t i = 0; i < n; ++i)
    if (!in_tree[i] && !hung.has_parent[i]) take_tree(i);

  ChainView out;
  std::vector<size_t> index(n);
  for (size_t i = 0; i < n; ++i)
    if (kept[i]) {
      index[i] = out.nodes.size();
      out.nodes.push_back(view.nodes[i]);
    }
  for (const ChainEdge& e : view.edges)
    if (kept[e.from] && kept[e.to]) {
      ChainEdge link = e;
      link.from = index[e.from];
      link.to = index[e.to];
      out.edges.push_back(std::move(link));
    }
  return out;
}

}  // namespace patless
