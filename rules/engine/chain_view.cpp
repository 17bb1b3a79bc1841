#include "rules/engine/chain_view.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <set>
#include <tuple>

#include "rules/engine/report.h"

namespace patless {
namespace {

using Kind = ChainNode::Kind;
using State = ChainEdge::State;

std::string quoted(const std::string& s) { return "'" + s + "'"; }

// A resource's name when it is known, else its symbol.
std::string name_of(const ResourceNode& n) {
  Lookup name = n.get({"name"});
  return name.string() ? *name.string() : n.resource->symbol;
}

std::string value_text(const Lookup& l) {
  if (l.absent()) return "(not set)";
  if (!l.known()) return "(unknown)";
  if (l.value.kind == Value::Kind::String) return l.value.text;
  if (l.value.kind == Value::Kind::Array) {
    std::string out;
    for (const Value& v : l.value.items) out += (out.empty() ? "" : ", ") + (v.kind == Value::Kind::String ? v.text : "?");
    return out;
  }
  return l.value.text;
}

// The member that holds a configuration's source when it is not Git (an OCI
// repository, a bucket, a blob container), by its sourceKind.
const char* other_source(const FluxConfiguration& c) {
  const std::string* k = c.source_kind.string();
  if (!k || c.git_source()) return nullptr;
  if (iequals(*k, "OCIRepository")) return "ociRepository";
  if (iequals(*k, "Bucket")) return "bucket";
  if (iequals(*k, "AzureBlob")) return "azureBlob";
  return nullptr;
}

class Builder {
 public:
  Builder(const Graph& graph) : graph_(graph) {}

  ChainView build(const std::vector<Finding>& findings) {
    add_resources();
    add_objects();
    merge_alike_deployments();
    record_deployed_from();
    for (const Finding& f : findings)
      if (!f.suppressed && is_chain_rule(f.rule_id)) mark(f);
    keep_flux_components();
    return std::move(view_);
  }

 private:
  const Graph& graph_;
  ChainView view_;
  std::vector<SourceRange> ranges_;                  // of each node, where it is written
  std::vector<std::string> identities_;              // of each resource's node: what findings name it by
  // A deployment, as the findings made in it name it (add_deployment): its
  // parameter file, the modules above it, the loop passes it is made in.
  using Deployment = std::vector<RelatedLocation>;
  // Of each resource's node, the deployments that make it: one, or those of the
  // nodes merge_alike_deployments() made one.
  std::vector<std::vector<Deployment>> deployments_;
  // (path, offset, the deployment that made it or null) → node
  std::map<std::tuple<std::string, uint32_t, const Scope*>, size_t> written_;
  std::map<std::string, size_t> named_;              // synthesised nodes by kind and text

  size_t add(Kind kind, std::string label, std::string path = {}, SourceRange range = {},
             const Scope* deployment = nullptr) {
    if (!path.empty()) {
      auto [it, added] = written_.emplace(std::make_tuple(path, range.start_offset, deployment), view_.nodes.size());
      if (!added) return it->second;
    }
    ChainNode n;
    n.kind = kind;
    n.label = std::move(label);
    n.path = std::move(path);
    n.line = range.start_line;
    view_.nodes.push_back(std::move(n));
    ranges_.push_back(range);
    identities_.emplace_back();
    deployments_.emplace_back();
    return view_.nodes.size() - 1;
  }
  // What each deployment makes (a module's, each pass of a loop's, rules/engine/loops.h)
  // is a node of its own; merge_alike_deployments() makes those alike one.
  size_t add(Kind kind, std::string label, const ResourceNode& r) {
    size_t id = add(kind, std::move(label), r.doc->path, r.resource->range, r.scope);
    if (view_.nodes[id].registry.empty()) view_.nodes[id].registry = r.doc->registry;
    identities_[id] = r.identity();
    Finding deployed;
    add_deployment(deployed, r.scope);
    deployments_[id].push_back(std::move(deployed.related));
    return id;
  }
  // The node synthesised under `key`, made on first use.
  size_t once(const std::string& key, Kind kind, const std::string& label) {
    auto it = named_.find(key);
    return it != named_.end() ? it->second : named_[key] = add(kind, label);
  }
  size_t synthesised(Kind kind, const std::string& label) {
    return once(std::to_string(static_cast<int>(kind)) + "|" + label, kind, label);
  }
  // Two values patless cannot know are not known to be the same: one node each.
  size_t unknown(const std::string& what) { return add(Kind::Unknown, what + " (unknown)"); }
  std::set<std::tuple<size_t, size_t, std::string>> edges_;  // drawn once each
  void edge(size_t from, size_t to, std::string label, State state = State::Ok) {
    if (!edges_.emplace(from, to, label).second) return;
    view_.edges.push_back({from, to, std::move(label), state, {}});
  }

  // Each cluster has its own service accounts: `cluster` is its node, or kNone.
  static constexpr size_t kNone = SIZE_MAX;
  size_t service_account(const std::string& ns, const std::string& name, size_t cluster) {
    std::string label = "service account " + ns + "/" + name;
    return once(cluster == kNone ? label : label + "@" + std::to_string(cluster), Kind::ServiceAccount, label);
  }
  // A credential's subject: system:serviceaccount:<namespace>:<name>.
  size_t subject_node(const Lookup& subject, size_t cluster) {
    const std::string* s = subject.string();
    if (!s) return unknown("subject");
    const std::string prefix = "system:serviceaccount:";
    size_t colon = s->find(':', prefix.size());
    if (s->rfind(prefix, 0) == 0 && colon != std::string::npos)
      return service_account(s->substr(prefix.size(), colon - prefix.size()), s->substr(colon + 1), cluster);
    return synthesised(Kind::ServiceAccount, "subject " + *s);
  }
  size_t repository(const std::string* url) {
    return url ? synthesised(Kind::Repository, "repository " + *url) : unknown("repository");
  }

  std::map<const ClusterNode*, size_t> cluster_ids_;
  size_t cluster_id(const ClusterNode* c) {
    c = graph_.canonical(c);
    auto it = cluster_ids_.find(c);
    if (it != cluster_ids_.end()) return it->second;
    std::string label = "AKS cluster " + c->quoted_name();
    if (!c->declared()) label += " (existing)";
    return cluster_ids_[c] = add(Kind::Cluster, label, *c);
  }
  // The cluster whose service account a credential is for: the one whose Flux
  // runs as its identity, else the one whose issuer it reads.
  size_t credential_cluster(const FederatedCredential& f) {
    for (const FluxExtension& e : graph_.flux_extensions())
      if (f.identity && e.identity == f.identity && e.cluster) return cluster_id(e.cluster);
    if (f.issuer_cluster) return cluster_id(f.issuer_cluster);
    return kNone;
  }

  void add_resources() {
    for (const ClusterNode& c : graph_.clusters()) cluster_id(&c);
    std::map<const IdentityNode*, size_t> identity_ids;
    auto identity_id = [&](const IdentityNode* i) -> size_t {
      auto it = identity_ids.find(i);
      if (it != identity_ids.end()) return it->second;
      std::string label = "managed identity " + i->quoted_name();
      if (!i->declared()) label += " (existing)";
      return identity_ids[i] = add(Kind::Identity, label, *i);
    };
    for (const FluxExtension& e : graph_.flux_extensions()) {
      size_t id = add(Kind::Extension, "microsoft.flux extension " + quoted(name_of(e)), e);
      edge(id, e.cluster ? cluster_id(e.cluster) : unknown("cluster"), "scope", e.cluster ? State::Ok : State::Unknown);
      if (e.identity) edge(identity_id(e.identity), id, "client id of");
      else if (e.client_id) edge(unknown("identity"), id, "client id of", State::Unknown);
    }
    for (const FluxConfiguration& c : graph_.flux_configurations()) {
      size_t id = add(Kind::Configuration, "flux configuration " + quoted(name_of(c)), c);
      edge(id, c.cluster ? cluster_id(c.cluster) : unknown("cluster"), "scope", c.cluster ? State::Ok : State::Unknown);
      // An OCI repository, a bucket or a blob container has no Git provider: its kind and URL.
      if (const char* source = other_source(c)) {
        Lookup url = c.get({"properties", source, "url"});
        view_.nodes[id].details = {"source: " + value_text(c.source_kind)};
        edge(id, repository(url.string()), "pulls", url.string() ? State::Ok : State::Unknown);
        continue;
      }
      view_.nodes[id].details = {"provider: " + value_text(c.provider)};
      Lookup object_level = c.object_level_identity("gitRepository", "clientId");
      if (!object_level.absent())
        view_.nodes[id].details.push_back("object-level identity: " + value_text(object_level));
      edge(id, repository(c.url.string()), "pulls", c.url.string() ? State::Ok : State::Unknown);
      if (c.uses_azure_provider())
        edge(id, service_account("flux-system", "source-controller", c.cluster ? cluster_id(c.cluster) : kNone),
             "runs as");
    }
    for (const IdentityNode& i : graph_.identities()) identity_id(&i);
    for (const FederatedCredential& f : graph_.federated_credentials()) {
      size_t id = add(Kind::Credential, "federated credential " + quoted(name_of(f)), f);
      // The subject and the issuer are the nodes it links to.
      view_.nodes[id].details = {"audience: " + value_text(f.audiences)};
      if (f.identity) edge(identity_id(f.identity), id, "parent");
      // A flexible credential (claimsMatchingExpression) names no subject: its
      // expression, which patless does not evaluate, is what it is federated for.
      Lookup claims = f.get({"properties", "claimsMatchingExpression", "value"});
      if (f.subject.absent() && claims.string())
        edge(id, synthesised(Kind::ServiceAccount, "claims matching " + *claims.string()), "federated for",
             State::Unknown);
      else
        edge(id, subject_node(f.subject, credential_cluster(f)), "federated for",
             f.subject.string() ? State::Ok : State::Unknown);
      if (f.issuer_cluster) edge(cluster_id(f.issuer_cluster), id, "issuer of");
      else if (f.issuer.string()) edge(synthesised(Kind::Issuer, "issuer " + *f.issuer.string()), id, "issuer of");
      else if (!f.issuer.absent()) edge(unknown("issuer"), id, "issuer of", State::Unknown);
    }
  }

  // A YAML object's range is where its document starts; it runs to the next one.
  static SourceRange document_range(const ObjectNode& o) {
    SourceRange r = o.object->range;
    if (o.object->generated_by >= 0) return r;  // the part of its maker's document it is made from
    const K8sObject* next = o.doc->next_object(*o.object);
    r.end_offset = next ? next->range.start_offset : UINT32_MAX;
    return r;
  }

  void add_objects() {
    for (const ObjectNode& o : graph_.objects()) {
      const K8sObject& k = *o.object;
      std::string ns = k.namespace_.empty() ? "default" : k.namespace_;
      if (o.is_flux_git_repository()) {
        size_t id = add(Kind::GitRepository, "GitRepository " + ns + "/" + k.name, o.doc->path, document_range(o));
        const std::string* provider = o.string({"spec", "provider"});
        view_.nodes[id].details = {"provider: " + (provider ? *provider : std::string("(not set)"))};
        const std::string* url = o.string({"spec", "url"});
        edge(id, repository(url), "pulls", url ? State::Ok : State::Unknown);
        if (o.uses_azure_provider()) {
          const std::string* sa = o.string({"spec", "serviceAccountName"});
          edge(id, sa ? service_account(ns, *sa, kNone) : service_account("flux-system", "source-controller", kNone),
               "runs as");
        }
      } else if (k.kind == "ServiceAccount" && k.api_version == "v1") {
        size_t id = service_account(ns, k.name, kNone);
        ChainNode& n = view_.nodes[id];
        if (n.path.empty()) {  // written in YAML: now it has a place
          n.path = o.doc->path;
          n.line = k.range.start_line;
          ranges_[id] = document_range(o);
          written_[{o.doc->path, k.range.start_offset, nullptr}] = id;
        }
        if (const std::string* client = o.string({"metadata", "annotations", "azure.workload.identity/client-id"}))
          n.details = {"client id: " + *client};
      }
    }
  }

  // Each deployment of a file makes nodes of its own (dev's cluster, prod's). Where
  // deployments make one resource again (AVM's tests deploy each module twice: `for
  // iteration in ['init', 'idem']`), nodes written at one place and drawn alike,
  // whose links join them to nodes alike in the same way, become one node, before
  // findings are put on it. Other names, details or targets stay apart, and so do
  // two links to values patless cannot know.
  void merge_alike_deployments() {
    const size_t n = view_.nodes.size();
    // Blocks of nodes alike, split until each node's links reach the same blocks.
    std::vector<size_t> block(n);
    std::map<std::tuple<Kind, std::string, std::vector<std::string>, std::string, uint32_t, std::string>, size_t> alike;
    for (size_t i = 0; i < n; ++i) {
      const ChainNode& node = view_.nodes[i];
      block[i] = node.path.empty()  // synthesised: made once already, or an unknown of its own
                     ? n + i
                     : alike
                           .try_emplace({node.kind, node.label, node.details, node.path, node.line, node.registry},
                                        alike.size())
                           .first->second;
    }
    using Link = std::tuple<bool, std::string, State, size_t>;  // outgoing, label, state, the other end's block
    for (size_t blocks = 0;;) {
      std::vector<std::vector<Link>> links(n);
      for (const ChainEdge& e : view_.edges) {
        links[e.from].emplace_back(true, e.label, e.state, block[e.to]);
        links[e.to].emplace_back(false, e.label, e.state, block[e.from]);
      }
      std::map<std::pair<size_t, std::vector<Link>>, size_t> split;
      for (size_t i = 0; i < n; ++i) {
        std::sort(links[i].begin(), links[i].end());
        links[i].erase(std::unique(links[i].begin(), links[i].end()), links[i].end());
        block[i] = split.try_emplace({block[i], std::move(links[i])}, split.size()).first->second;
      }
      if (split.size() == blocks) break;
      blocks = split.size();
    }
    std::vector<size_t> first(n, SIZE_MAX), renumber(n);
    size_t kept = 0;
    for (size_t i = 0; i < n; ++i) {
      if (first[block[i]] == SIZE_MAX) {
        first[block[i]] = i;
        renumber[i] = kept++;
      } else {
        renumber[i] = renumber[first[block[i]]];
      }
    }
    if (kept == n) return;
    std::vector<ChainNode> nodes;
    std::vector<SourceRange> ranges;
    std::vector<std::string> identities;
    std::vector<std::vector<Deployment>> deployments(kept);
    for (size_t i = 0; i < n; ++i) {
      for (Deployment& d : deployments_[i]) deployments[renumber[i]].push_back(std::move(d));
      if (first[block[i]] != i) continue;
      nodes.push_back(std::move(view_.nodes[i]));
      ranges.push_back(ranges_[i]);
      identities.push_back(std::move(identities_[i]));
    }
    std::vector<ChainEdge> edges;
    edges_.clear();
    for (ChainEdge& e : view_.edges) {
      e.from = renumber[e.from];
      e.to = renumber[e.to];
      if (edges_.emplace(e.from, e.to, e.label).second) edges.push_back(std::move(e));
    }
    for (auto& [place, id] : written_) id = renumber[id];
    for (auto& [key, id] : named_) id = renumber[id];
    for (auto& [cluster, id] : cluster_ids_) id = renumber[id];
    view_.nodes = std::move(nodes);
    view_.edges = std::move(edges);
    ranges_ = std::move(ranges);
    identities_ = std::move(identities);
    deployments_ = std::move(deployments);
  }

  // Each node's deployed_from: the files its deployments name (graph FILE draws what FILE deploys).
  void record_deployed_from() {
    for (size_t i = 0; i < view_.nodes.size(); ++i) {
      std::vector<std::string>& from = view_.nodes[i].deployed_from;
      for (const Deployment& d : deployments_[i])
        for (const RelatedLocation& r : d)
          if (std::find(from.begin(), from.end(), r.path) == from.end()) from.push_back(r.path);
    }
  }

  // Only what is linked to Flux: a repository's other clusters and identities are not the chain.
  void keep_flux_components() {
    std::vector<size_t> root(view_.nodes.size());
    for (size_t i = 0; i < root.size(); ++i) root[i] = i;
    auto find = [&](size_t i) {
      while (root[i] != i) i = root[i] = root[root[i]];
      return i;
    };
    // A cluster's issuer trusted by some identity does not make that identity Flux's,
    // unless a rule says the link is wrong.
    for (const ChainEdge& e : view_.edges)
      if (e.label != "issuer of" || e.state == State::Broken) root[find(e.from)] = find(e.to);
    std::vector<bool> flux(view_.nodes.size(), false);
    for (size_t i = 0; i < view_.nodes.size(); ++i) {
      Kind k = view_.nodes[i].kind;
      if (k == Kind::Extension || k == Kind::Configuration || k == Kind::GitRepository) flux[find(i)] = true;
    }
    std::vector<size_t> renumber(view_.nodes.size(), SIZE_MAX);
    std::vector<ChainNode> nodes;
    for (size_t i = 0; i < view_.nodes.size(); ++i) {
      if (!flux[find(i)]) continue;
      renumber[i] = nodes.size();
      nodes.push_back(std::move(view_.nodes[i]));
    }
    std::vector<ChainEdge> edges;
    for (ChainEdge& e : view_.edges) {
      // Both ends: an issuer link can join a kept cluster to a dropped credential.
      if (renumber[e.from] == SIZE_MAX || renumber[e.to] == SIZE_MAX) continue;
      e.from = renumber[e.from];
      e.to = renumber[e.to];
      edges.push_back(std::move(e));
    }
    view_.nodes = std::move(nodes);
    view_.edges = std::move(edges);
  }

  // A logical location's resource identity (report.cpp: identity#property).
  static std::string_view identity_of(std::string_view logical_location) {
    return logical_location.substr(0, logical_location.find('#'));
  }

  // The nodes written where a place is, the innermost ones (one for each deployment
  // that makes it): those a finding's logical locations name, if any.
  std::vector<size_t> nodes_at(const std::string& path, const SourceRange& r, const Finding* named_by = nullptr) const {
    std::vector<size_t> innermost;
    size_t smallest = SIZE_MAX;
    for (size_t i = 0; i < view_.nodes.size(); ++i) {
      const SourceRange& n = ranges_[i];
      if (view_.nodes[i].path != path || !n.valid() || r.start_offset < n.start_offset || r.end_offset > n.end_offset)
        continue;
      size_t size = n.end_offset - n.start_offset;
      if (size > smallest) continue;
      if (size < smallest) innermost.clear();
      smallest = size;
      innermost.push_back(i);
    }
    if (!named_by) return innermost;
    std::vector<size_t> named;
    for (size_t i : innermost) {
      auto names_node = [&](const std::string& logical_location) {
        std::string_view identity = identity_of(logical_location);
        return !identity.empty() && identity == identities_[i];
      };
      if (names_node(named_by->logical_location) ||
          std::any_of(named_by->merged_locations.begin(), named_by->merged_locations.end(), names_node))
        named.push_back(i);
    }
    return named.empty() ? innermost : named;
  }

  // Whether node i may be made in a deployment finding f was found in: f names
  // each of its parameter file, modules and loop passes. A node with no deployment
  // (a YAML object) is.
  bool deployed_as_found(size_t i, const Finding& f) const {
    auto named = [&](const RelatedLocation& d) {
      return std::any_of(f.related.begin(), f.related.end(), [&](const RelatedLocation& r) {
        if (same_loop(r, d)) return std::includes(r.passes.begin(), r.passes.end(), d.passes.begin(), d.passes.end());
        return same_note(r, d);
      });
    };
    return deployments_[i].empty() ||
           std::any_of(deployments_[i].begin(), deployments_[i].end(),
                       [&](const Deployment& d) { return std::all_of(d.begin(), d.end(), named); });
  }

  // The nodes a finding is about: written where it is (of the name it gives), else
  // where its first related location with a node is; of those, the deployments it
  // names (a module's, a loop's pass, every pass), else the first.
  std::vector<size_t> nodes_of(const Finding& f) const {
    std::vector<size_t> at = nodes_at(f.path, f.range, &f);
    for (size_t i = 0; at.empty() && i < f.related.size(); ++i) at = nodes_at(f.related[i].path, f.related[i].range);
    if (at.size() <= 1) return at;
    std::vector<size_t> deployed;
    for (size_t i : at)
      if (deployed_as_found(i, f)) deployed.push_back(i);
    return deployed.empty() ? std::vector<size_t>{at.front()} : deployed;
  }

  ChainEdge* find_edge(size_t node, const std::string& label, bool outgoing) {
    for (ChainEdge& e : view_.edges)
      if (e.label == label && (outgoing ? e.from : e.to) == node) return &e;
    return nullptr;
  }

  void broken(ChainEdge& e, const std::string& rule) {
    e.state = State::Broken;
    if (std::find(e.rules.begin(), e.rules.end(), rule) == e.rules.end()) e.rules.push_back(rule);
  }

  void mark(const Finding& f) {
    for (size_t node : nodes_of(f)) mark(f, node);
  }

  void mark(const Finding& f, size_t node) {
    const std::string& id = f.rule_id;
    // A cluster rule found through its extension or configuration (the finding stands
    // at a parameter's default, say) is about the cluster they are on.
    if (id[2] == '3' && view_.nodes[node].kind != Kind::Cluster)
      if (ChainEdge* scope = find_edge(node, "scope", true); scope && view_.nodes[scope->to].kind == Kind::Cluster)
        node = scope->to;
    // Which link of that node the rule is about.
    ChainEdge* e = nullptr;
    if (id == "PL102" || id == "PL103" || id == "PL104" || id == "PL105" || id == "PL501" || id == "PL502" ||
        id == "PL503" || id == "PL504" || id == "PL505")
      e = find_edge(node, "pulls", true);
    else if (id == "PL106")
      e = find_edge(node, "scope", true);
    else if (id == "PL402")
      e = find_edge(node, "federated for", true);
    else if (id == "PL403")
      e = find_edge(node, "issuer of", false);
    else if (id == "PL506" || id == "PL508")
      e = find_edge(node, "runs as", true);
    else if (id == "PL406")
      e = find_edge(node, "client id of", false);
    else if (id == "PL203" && view_.nodes[node].kind == Kind::Extension && !find_edge(node, "client id of", false)) {
      edge(add(Kind::Missing, "no workload identity"), node, "client id of");
      e = &view_.edges.back();
    } else if (id == "PL401" && view_.nodes[node].kind == Kind::Extension) {
      if (ChainEdge* client = find_edge(node, "client id of", false);
          client && view_.nodes[client->from].kind == Kind::Identity) {
        size_t from = client->from;  // `client` dangles once edges grow
        edge(from, add(Kind::Missing, "no federated credential for Flux"), "parent");
        e = &view_.edges.back();
      }
    }
    if (e) {
      broken(*e, id);
      return;
    }
    std::vector<std::string>& rules = view_.nodes[node].rules;
    if (std::find(rules.begin(), rules.end(), id) == rules.end()) rules.push_back(id);
  }
};

}  // namespace

bool is_chain_rule(std::string_view id) { return id.size() == 5 && id.starts_with("PL") && id[2] >= '1' && id[2] <= '5'; }

ChainView build_chain_view(const Graph& graph, const std::vector<Finding>& findings) {
  return Builder(graph).build(findings);
}

}  // namespace patless
