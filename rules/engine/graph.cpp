#include "rules/engine/graph.h"

#include <algorithm>

#include "grammars/paths.h"
#include "rules/engine/deployments.h"
#include "rules/engine/loops.h"

namespace patless {
namespace {

constexpr std::string_view kClusterType = "Microsoft.ContainerService/managedClusters";
constexpr std::string_view kExtensionType = "Microsoft.KubernetesConfiguration/extensions";
constexpr std::string_view kFluxConfigType = "Microsoft.KubernetesConfiguration/fluxConfigurations";

// Whether a declaration's condition, evaluated in `in`, holds; Maybe when unknown.
Deployed holds(bool conditional, const std::optional<Value>& condition, const Scope& in) {
  if (!conditional) return Deployed::Yes;
  if (!condition) return Deployed::Maybe;
  Value c = evaluate(*condition, in);
  if (c.kind != Value::Kind::Bool) return Deployed::Maybe;
  return c.text == "true" ? Deployed::Yes : Deployed::No;
}

// Whether the deployment itself happens: the conditions of the module
// declarations and deployment resources that lead to it (`module m '...' = if (c)`,
// an ARM deployment's `condition`), each evaluated where it is written; from
// `top` on when given, the deployment above which they are not looked at.
Deployed deployment_happens(const Scope& scope, const Scope* top) {
  Deployed out = Deployed::Yes;
  const Scope* s = &scope;
  for (int depth = 0; s && depth <= 2 * kMaxModuleDepth; ++depth) {
    if (top && (s == top || &s->deployment() == top)) break;
    Deployed d = Deployed::Yes;
    if (s->nested_in) {
      if (const Resource* deployment = s->doc->nested_in)
        d = holds(deployment->conditional, deployment->condition, *s->nested_in);
      s = s->nested_in;
    } else if (s->module && s->caller) {
      d = holds(s->module->conditional, s->module->condition, *s->caller);
      s = s->caller;
    } else if (s->linked_by && s->caller) {
      d = holds(s->linked_by->conditional, s->linked_by->condition, *s->caller);
      s = s->caller;
    } else {
      break;
    }
    if (d == Deployed::No) return Deployed::No;
    out = std::min(out, d);
  }
  return out;
}

// The deployment a tree starts from: up through modules, linked and nested deployments.
const Scope* top_deployment(const Scope* s) {
  s = &s->deployment();  // a loop pass: the deployment it repeats
  for (int depth = 0; depth <= 2 * kMaxModuleDepth; ++depth) {
    const Scope* up = s->parent();
    if (!up) break;
    s = up;
  }
  return s;
}

}  // namespace

bool Graph::unread_deployment_near(const Scope* s) const {
  return s && !unread_trees_.empty() && unread_trees_.count(top_deployment(s));
}

Deployed deployed(const Resource& r, const Scope& scope, const Scope* top) {
  Deployed own = holds(r.conditional, r.condition, scope);
  if (own == Deployed::No) return own;
  return std::min(own, deployment_happens(scope, top));
}

bool is_type(const Resource& r, std::string_view type) { return iequals(r.type, type); }

std::string ResourceNode::identity() const {
  Lookup name = get({"name"});
  return resource->type + "/" + (name.string() ? *name.string() : resource->symbol);
}

Graph::Graph(std::span<const Document> documents, const ScanFacts* scan)
    : documents_(documents), scan_facts_(scan), scopes_(build_deployments(documents)) {
  for (const Document& d : documents) by_path_.emplace(normal_path(d.path), &d);
  for (Scope& s : scopes_) {
    s.documents = &by_path_;
    if (s.deploys_unread) unread_trees_.insert(top_deployment(&s));
  }
  for (const Scope& scope : scopes_) {
    if (!deploys_resources(scope)) continue;
    for (const Resource& r : scope.doc->resources) {
      if (!is_type(r, kClusterType)) continue;
      Deployed d = deployed(r, scope);
      if (d == Deployed::No) continue;
      // A loop over clusters patless knows is a cluster for each (`scope: aks[i]` finds it).
      for (ClusterNode& c : nodes_in<ClusterNode>(r, scope, d, passes_of(r, scope))) {
        if (auto n = c.get({"name"}); n.string()) c.name = *n.string();
        if (c.name) (r.existing ? sought_names_ : declared_names_).insert(ascii_lower(*c.name));
        if (r.existing) c.group = resource_group_of(r, *c.scope);
        clusters_.push_back(std::move(c));
      }
    }
  }
  declared_clusters_ = resolve_twins(clusters_);
  for (const Scope& scope : scopes_) {
    if (!deploys_resources(scope)) continue;
    for (const Resource& r : scope.doc->resources) {
      Deployed d = deployed(r, scope);
      if (d == Deployed::No) continue;
      if (is_type(r, kExtensionType)) {
        for (FluxExtension& e : nodes_in<FluxExtension>(r, scope, d, passes_of(r, scope))) {
          auto kind = e.get({"properties", "extensionType"});
          // A parameter, a spread, or an `existing` one (installed elsewhere, its type not written): it may be Flux's.
          if (kind.state == Lookup::State::Unknown || r.existing) {
            maybe_flux_extension_clusters_.push_back(find_target(e));
            continue;
          }
          if (!kind.string() || !iequals(*kind.string(), "microsoft.flux")) continue;
          e.cluster = find_target(e);
          extensions_.push_back(std::move(e));
          if (extensions_.back().cluster) extensions_.back().cluster->extensions.push_back(&extensions_.back());
        }
      } else if (is_type(r, kFluxConfigType)) {
        // A loop over repositories patless knows is a configuration for each.
        for (FluxConfiguration& f : nodes_in<FluxConfiguration>(r, scope, d, passes_of(r, scope))) {
          f.url = f.get({"properties", "gitRepository", "url"});
          f.provider = f.get({"properties", "gitRepository", "provider"});
          f.source_kind = f.get({"properties", "sourceKind"});
          f.cluster = find_target(f);
          configurations_.push_back(std::move(f));
          if (configurations_.back().cluster)
            configurations_.back().cluster->configurations.push_back(&configurations_.back());
        }
      }
    }
  }
  apply_patches();
  flux_instance_objects();
  flux_kustomization_patches();
  find_installations();
  link_identities();
}

const ClusterNode* Graph::declared_named(std::string_view name, bool* several) const {
  auto it = declared_clusters_.find(ascii_lower(name));
  if (it == declared_clusters_.end()) return nullptr;
  if (!it->second && several) *several = true;
  return it->second;
}

const ClusterNode* Graph::canonical(const ClusterNode* c) const { return c && c->twin ? c->twin : c; }

bool Graph::may_be_same(const ClusterNode* a, const ClusterNode* b) const {
  a = canonical(a);
  b = canonical(b);
  if (a == b) return true;
  if (a->declared() && b->declared()) return false;
  if (!a->name || !b->name) return true;
  if (!iequals(*a->name, *b->name)) return false;
  // One name: apart only in two resource groups the code names in one subscription.
  const auto literal = [](const std::optional<ResourceGroupKey>& g) { return g && g->group_named(); };
  return !(literal(a->group) && literal(b->group) && a->group->subscription == b->group->subscription &&
           a->group->group != b->group->group);
}

// An `existing` cluster that names one the scan declares (in a module, say) is
// that cluster. When the scan declares several of that name (one name in the
// resource groups of dev and prod), which one is meant is unknown: null.
ClusterNode* Graph::declared_twin(ClusterNode* c) {
  if (c && c->several_declared) return nullptr;
  return const_cast<ClusterNode*>(canonical(c));
}

const ResourceNode* flux_dependent(const ClusterNode& cluster) {
  for (const FluxExtension* e : cluster.extensions)
    if (!e->maybe) return e;
  for (const FluxConfiguration* c : cluster.configurations)
    if (c->surely_azure()) return c;
  return nullptr;
}

std::vector<const Scope*> Graph::passes_of(const Resource& r, const Scope& deployment) {
  size_t budget = kMaxLoopDeployments - loop_scopes_.size();
  auto passes = expand_loop(r, deployment, loop_scopes_, budget);
  return passes ? *passes : std::vector<const Scope*>{&deployment};
}

ClusterNode* Graph::cluster_node(const Resource& r, const Scope& deployment, std::optional<size_t> pass) {
  for (ClusterNode& c : clusters_) {
    if (c.resource != &r) continue;
    if (pass ? c.scope->pass && c.scope->pass->index == *pass && c.scope->repeats == &deployment
             : c.scope == &deployment)
      return &c;
  }
  return nullptr;
}

ClusterNode* Graph::find_target(const ResourceNode& child) {
  const Value* scope = child.resource->body.get("scope");
  if (!scope) return nullptr;
  bool indexed = scope->kind == Value::Kind::Index && scope->items.size() == 2 &&
                 scope->items[0].kind == Value::Kind::Reference;  // Bicep: scope: aks[i], a cluster of a loop
  if (scope->kind == Value::Kind::Reference || indexed) {         // Bicep: scope: aks
    const Scope& deployment = child.scope->deployment();
    const Resource* r = deployment.doc->resource(indexed ? scope->items[0].text : scope->text);
    std::optional<size_t> pass;
    if (indexed && !(pass = small_count(evaluate(scope->items[1], *child.scope)))) return nullptr;
    ClusterNode* c = r ? cluster_node(*r, deployment, pass) : nullptr;
    return c ? declared_twin(c) : nullptr;
  }
  // ARM: "[format('Microsoft.ContainerService/managedClusters/{0}', parameters('name'))]" and the like.
  Value resolved = evaluate(*scope, *child.scope);
  if (resolved.kind != Value::Kind::String) return nullptr;
  const std::string& s = resolved.text;
  std::string_view marker = "managedClusters/";
  for (size_t at = 0; at + marker.size() <= s.size(); ++at) {
    if (!iequals(std::string_view(s).substr(at, marker.size()), marker)) continue;
    std::string name = s.substr(at + marker.size());
    if (size_t slash = name.find('/'); slash != std::string::npos) name.resize(slash);
    sought_names_.insert(ascii_lower(name));
    for (ClusterNode& c : clusters_)
      if (&c.scope->deployment() == &child.scope->deployment() && c.name && *c.name == name) return declared_twin(&c);
    // A nested or linked deployment names a cluster of another deployment:
    // the one the scan declares, else an `existing` one; unknown when it declares several.
    bool several = false;
    if (const ClusterNode* d = declared_named(name, &several)) return const_cast<ClusterNode*>(d);
    if (several) return nullptr;
    for (ClusterNode& c : clusters_)
      if (c.name && iequals(*c.name, name)) return &c;
    return nullptr;
  }
  return nullptr;
}

}  // namespace patless
