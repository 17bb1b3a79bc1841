// The linked view of a whole scan: clusters, their Flux extensions and flux
// configurations, and the Kubernetes objects, each with what is known of it.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "grammars/ascii.h"
#include "grammars/model.h"
#include "rules/engine/evaluate.h"
#include "rules/engine/resource_groups.h"
#include "rules/engine/scan_facts.h"

namespace patless {

struct ResourceNode {
  const Document* doc = nullptr;
  const Resource* resource = nullptr;
  const Scope* scope = nullptr;
  // Deployed only if a condition patless cannot decide holds. A resource whose
  // condition is known false is not in the graph at all.
  bool maybe = false;
  Lookup get(std::initializer_list<std::string_view> path) const { return lookup(resource->body, path, *scope); }
  // "<type>/<name or symbol>": identity for fingerprints
  std::string identity() const;
};

struct ClusterNode;
struct IdentityNode;
struct FederatedCredential;

// A resource deployed onto a cluster (extension or flux configuration).
struct ClusterChild : ResourceNode {
  ClusterNode* cluster = nullptr;  // null when the target cannot be resolved
};

struct FluxExtension : ClusterChild {
  // configurationSettings['workloadIdentity.azureClientId'], or the protected
  // settings', as written (after variables), and the identity whose clientId it
  // reads; null when unknown.
  const Value* client_id = nullptr;
  const Scope* client_id_scope = nullptr;  // the deployment it is written in: a caller's, for what it passes
  const IdentityNode* identity = nullptr;
  // The client id is written in another file (a caller passed it): its range is that file's.
  bool client_id_elsewhere() const { return client_id && client_id_scope && client_id_scope->doc->path != doc->path; }
};

struct FluxConfiguration : ClusterChild {
  Lookup url;       // properties.gitRepository.url
  Lookup provider;  // properties.gitRepository.provider
  Lookup source_kind;  // properties.sourceKind
  // A Git source: sourceKind GitRepository, or not set or unknown (the API's default).
  // An OCI repository, a bucket or an Azure Blob container has no gitRepository.provider.
  bool git_source() const {
    return !source_kind.known() || source_kind.value.kind == Value::Kind::Null ||
           (source_kind.string() && iequals(*source_kind.string(), "GitRepository"));
  }
  bool uses_azure_provider() const { return provider.string() && *provider.string() == "Azure"; }
  // Known to be deployed with provider 'Azure': what other resources may be judged by.
  bool surely_azure() const { return !maybe && uses_azure_provider(); }
  // fluxConfigurations 2026-07-01-preview: the workload identity of a source of its
  // own (properties.<source>.objectLevelIdentity), or one of its fields.
  Lookup object_level_identity(std::string_view source, std::string_view field = {}) const {
    return field.empty() ? get({"properties", source, "objectLevelIdentity"})
                         : get({"properties", source, "objectLevelIdentity", field});
  }
};

struct ClusterNode : ResourceNode {
  std::optional<std::string> name;  // known name
  std::optional<ResourceGroupKey> group;  // an `existing` one's resource group, when the code says
  const ClusterNode* twin = nullptr;  // what it stands for (resolve_twins)
  bool several_declared = false;      // an `existing` one whose name the scan declares more than once
  // 'name' when known, else the declaration's symbol: how messages name it.
  std::string quoted_name() const { return "'" + (name ? *name : resource->symbol) + "'"; }
  std::vector<const FluxExtension*> extensions;
  std::vector<const FluxConfiguration*> configurations;
  bool declared() const { return !resource->existing; }
};

// The nodes the scan declares, by lower-case name: the one of that name, or null
// when it declares several (one name in the resource groups of dev and prod).
template <class Node>
using DeclaredNames = std::unordered_map<std::string, const Node*>;

// What each node of `nodes` stands for, once: an `existing` one is the node the
// scan declares with its name when there is exactly one, else the first `existing`
// one with its name and resource group (rules/engine/resource_groups.h); any other
// node is itself. Names compare case-insensitively, as Azure's do.
template <class Node>
DeclaredNames<Node> resolve_twins(std::deque<Node>& nodes) {
  DeclaredNames<Node> declared;
  for (Node& n : nodes)
    if (n.name && n.declared()) {
      auto [it, first] = declared.emplace(ascii_lower(*n.name), &n);
      if (!first) it->second = nullptr;
    }
  std::map<std::tuple<std::string, std::string, std::string>, const Node*> first_in_group;  // name, group
  for (Node& n : nodes) {
    n.twin = &n;
    if (n.declared() || !n.name) continue;
    std::string name = ascii_lower(*n.name);
    if (auto it = declared.find(name); it != declared.end()) {
      n.several_declared = !it->second;
      if (it->second) {
        n.twin = it->second;
        continue;
      }
    }
    if (n.group) n.twin = first_in_group.emplace(std::make_tuple(name, n.group->subscription, n.group->group), &n).first->second;
  }
  return declared;
}

// A user-assigned managed identity. An `existing` one that names an identity
// the scan declares is linked to the declared one.
struct IdentityNode : ResourceNode {
  std::optional<std::string> name;
  std::optional<ResourceGroupKey> group;  // where it is, when the code says (rules/engine/resource_groups.h)
  const IdentityNode* twin = nullptr;     // what it stands for (resolve_twins)
  bool several_declared = false;
  std::string quoted_name() const { return "'" + (name ? *name : resource->symbol) + "'"; }
  std::vector<const FederatedCredential*> credentials;
  bool declared() const { return !resource->existing; }
};

struct FederatedCredential : ResourceNode {
  IdentityNode* identity = nullptr;  // null when its parent cannot be resolved
  Lookup issuer, subject, audiences;
  // The cluster whose properties.oidcIssuerProfile.issuerURL the issuer reads; null otherwise.
  const ClusterNode* issuer_cluster = nullptr;
  // Serialised with the other credentials of its identity by itself: a loop with @batchSize(1) / a serial copy.
  bool serial_loop = false;
};

struct ObjectNode {
  const Document* doc = nullptr;
  const K8sObject* object = nullptr;
  // The object as kustomize builds it: object->root with the inline patches of
  // the kustomizations above its file applied. A value a patch wrote has its
  // range in that kustomization's file (see patched_by).
  const Value* root = nullptr;
  // The kustomizations (or patch files) whose patches wrote into root.
  std::vector<const Document*> patched_by;
  // A patch patless cannot read (its file is not in the scan, or is a JSON
  // patch list) may change it: its values may not be what root says.
  bool unknown_patch = false;
  // The namespaces the kustomizations that build it set (`namespace:`): kustomize
  // moves it there. Unknown when one is a ${variable}.
  std::vector<std::string> kustomize_namespaces;
  bool kustomize_namespace_unknown = false;
  // The file a value of this object was written in: the object's own, or the
  // kustomization whose patch put it there.
  const std::string& path_of(const Value& v) const {
    return v.origin > 0 && v.origin <= patched_by.size() ? patched_by[v.origin - 1]->path : doc->path;
  }
  // How messages name it: "GitRepository 'x'", and for an object a FluxInstance
  // makes, which one and from what.
  std::string title() const {
    // A name is required, but a file may lack it (a fragment, a test input).
    std::string t =
        object->name.empty() ? object->kind + " without metadata.name" : object->kind + " '" + object->name + "'";
    if (object->generated_by >= 0)
      t += " (made by FluxInstance '" + doc->objects[static_cast<size_t>(object->generated_by)].name + "' from spec.sync)";
    return t;
  }
  // Whether a kustomization's patch wrote at or below `path` (graph_patches.cpp).
  bool patched_at(std::initializer_list<std::string_view> path) const;
  bool is_flux_git_repository() const {
    return object->kind == "GitRepository" && object->api_version.rfind("source.toolkit.fluxcd.io/", 0) == 0;
  }
  // A Flux GitRepository with spec.provider: azure (workload identity).
  bool uses_azure_provider() const {
    const Value* p = get({"spec", "provider"});
    return is_flux_git_repository() && p && p->kind == Value::Kind::String && p->text == "azure";
  }
  // The member at a path (for its key's range), or null.
  const Member* member(std::initializer_list<std::string_view> path) const {
    const Value* v = root ? root : &object->root;
    const Member* m = nullptr;
    for (std::string_view key : path) {
      m = v->kind == Value::Kind::Object ? v->member(key) : nullptr;
      if (!m) return nullptr;
      v = &m->value;
    }
    return m;
  }
  // A string at a path, or null.
  const std::string* string(std::initializer_list<std::string_view> path) const {
    const Value* v = get(path);
    return v && v->kind == Value::Kind::String ? &v->text : nullptr;
  }
  // A literal value at a path (YAML has no expressions); null when absent.
  const Value* get(std::initializer_list<std::string_view> path) const {
    const Value* v = root ? root : &object->root;
    for (std::string_view key : path) {
      v = v->kind == Value::Kind::Object ? v->get(key) : nullptr;
      if (!v) return nullptr;
    }
    return v;
  }
};

// Flux installed with the flux CLI rather than the microsoft.flux extension
// ("self-managed"): a kustomization whose resources list gotk-components.yaml,
// a Flux Operator FluxInstance, or, where neither builds it, a source-controller
// Deployment. A repository of several clusters has one per cluster.
struct FluxInstallation {
  const ObjectNode* installer = nullptr;
  // The FluxInstance turns --feature-gates=ObjectLevelWorkloadIdentity=true on
  // (spec.cluster.objectLevelWorkloadIdentity: true, or a ${variable}).
  bool object_level_identity = false;
  // Objects without spec.serviceAccountName take a default ServiceAccount's
  // identity, not the controller's (--default-service-account on the
  // source-controller, or a FluxInstance's spec.cluster.multitenantWorkloadIdentity).
  bool default_object_identity = false;
  // The source-controller's ServiceAccount and Deployment as this installation
  // builds them: the patches of its own kustomizations applied, another
  // cluster's left out. Null when neither the scan nor a patch has them.
  const Value* service_account = nullptr;
  const Value* deployment = nullptr;
  // A patch patless cannot read may change them: nothing is known.
  bool unknown_patch = false;
  // The objects it applies, in scan order: those in the files it builds and in
  // the paths its Flux Kustomizations sync. An installation whose sync path
  // patless cannot place also applies, when it is the only one, every object no
  // installation claims. Its Flux GitRepositories among them, in scan order.
  std::vector<const ObjectNode*> objects;
  std::vector<const ObjectNode*> repositories;
  // Its Flux Kustomization's spec.path places it among the scan's directories.
  bool placed = false;
};

class Graph {
 public:
  // `scan`: when the documents are a part of a scan (rules/engine/parts.h), what
  // the rules need to know of the whole of it; null when they are the whole scan.
  explicit Graph(std::span<const Document> documents, const ScanFacts* scan = nullptr);
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  std::span<const Document> documents() const { return documents_; }
  const std::deque<ClusterNode>& clusters() const { return clusters_; }
  const std::deque<FluxExtension>& flux_extensions() const { return extensions_; }
  // The clusters of the extensions whose extensionType is not known (each may be
  // microsoft.flux), `existing` ones included; null for one whose cluster is not known either.
  const std::vector<const ClusterNode*>& maybe_flux_extension_clusters() const {
    return maybe_flux_extension_clusters_;
  }
  const std::deque<FluxConfiguration>& flux_configurations() const { return configurations_; }
  const std::vector<ObjectNode>& objects() const { return objects_; }
  const std::deque<IdentityNode>& identities() const { return identities_; }
  const std::deque<FederatedCredential>& federated_credentials() const { return credentials_; }
  // Every federated credential's identity is known: none can be the missing one.
  bool all_credentials_linked() const { return all_credentials_linked_; }
  // What a cluster stands for (resolve_twins): the declared cluster an `existing`
  // one names, else the first `existing` one of that name in its resource group.
  const ClusterNode* canonical(const ClusterNode* c) const;
  // Whether two clusters may be one: false only for two declared clusters, or
  // ones known by name or resource group to be apart.
  bool may_be_same(const ClusterNode* a, const ClusterNode* b) const;
  const std::vector<FluxInstallation>& flux_installations() const { return installations_; }
  // Whether a deployment of the tree `s` belongs to (its top deployment and every
  // module and linked or nested deployment under it) is one patless cannot read:
  // that one may deploy the extension or the credential a rule would miss.
  bool unread_deployment_near(const Scope* s) const;
  const ScanFacts* scan_facts() const { return scan_facts_; }
  // The names of the clusters and identities it declares, and the names it looks
  // for among those another deployment has (an `existing` one's, a resource ID's,
  // a credential's parent's), lower case; identities' with "identity:" before.
  // A name only declared links nothing: documents linted apart with the same
  // findings share none that one of them looks for (rules/engine/parts.h).
  const std::set<std::string>& declared_names() const { return declared_names_; }
  const std::set<std::string>& sought_names() const { return sought_names_; }
  // The targets of its Flux Kustomizations' patches whose spec.path patless
  // cannot place: any object of the scan may be one.
  const std::vector<KustomizePatch>& patches_anywhere() const { return patches_anywhere_; }

 private:
  std::span<const Document> documents_;
  const ScanFacts* scan_facts_ = nullptr;
  std::set<std::string> declared_names_, sought_names_;
  std::deque<Scope> scopes_;
  std::map<std::string, const Document*> by_path_;  // every scope's `documents` (compile-time imports)
  std::set<const Scope*> unread_trees_;  // the top deployments of trees that deploy something unread
  std::deque<ClusterNode> clusters_;
  std::deque<FluxExtension> extensions_;
  std::vector<const ClusterNode*> maybe_flux_extension_clusters_;
  std::deque<FluxConfiguration> configurations_;
  std::vector<ObjectNode> objects_;
  std::deque<IdentityNode> identities_;
  std::deque<FederatedCredential> credentials_;
  bool all_credentials_linked_ = true;
  std::deque<Value> built_roots_;  // patched objects, and objects built from patches alone
  std::deque<K8sObject> generated_;  // the objects FluxInstances make (graph_flux_instance.cpp)
  // A kustomization's patch: inline, or one object of a patch file (a copy in
  // file_patches_, with the file as where it is written); `unknown` when the
  // file cannot be read from the scan.
  struct PatchRef {
    const KustomizePatch* patch;
    const Document* written_in;
    bool unknown = false;
  };
  // A document with a kustomization, its normalised path, the files it builds and its patches.
  struct KustomizeBuild {
    const Document* kustomization;
    std::string path;
    std::set<std::string> files;
    std::vector<PatchRef> patches;
  };
  std::deque<KustomizePatch> file_patches_;
  std::vector<KustomizePatch> patches_anywhere_;
  std::vector<KustomizeBuild> builds_;
  std::vector<std::string> paths_;  // the normalised path of each document, by index (apply_patches)
  const std::string& normal_path_of(const Document* d) const { return paths_[static_cast<size_t>(d - documents_.data())]; }
  std::vector<FluxInstallation> installations_;
  void apply_patches();  // graph_patches.cpp: the Kubernetes objects, as kustomize patches them
  void replacement_targets(const Document& kustomization, std::vector<PatchRef>& out);  // graph_patches.cpp
  void flux_instance_objects();  // graph_flux_instance.cpp
  void flux_kustomization_patches();  // graph_flux_patches.cpp
  void find_installations();  // graph_installations.cpp
  FluxInstallation flux_instance_installation(const ObjectNode& flux_instance);  // graph_installations.cpp

  ClusterNode* find_target(const ResourceNode& child);
  // The cluster `r` declares in `deployment`: in pass `pass` of its loop (`aks[i]`), or
  // without one the cluster of no pass (`aks`); null when there is none.
  ClusterNode* cluster_node(const Resource& r, const Scope& deployment, std::optional<size_t> pass);
  ClusterNode* declared_twin(ClusterNode* c);
  // The one cluster the scan declares with this name (case-insensitive); null
  // when none, or several (`several` then set).
  const ClusterNode* declared_named(std::string_view name, bool* several = nullptr) const;
  DeclaredNames<ClusterNode> declared_clusters_;  // resolve_twins
  void link_identities();  // graph_identities.cpp
  std::deque<Scope> loop_scopes_;  // a deployment once per pass of a resource loop (rules/engine/loops.h)
  // The deployments `r` is in once per pass of its loop, when patless knows
  // what it runs over (none for an empty collection); else `deployment` alone.
  std::vector<const Scope*> passes_of(const Resource& r, const Scope& deployment);
};

// Whether a container of a Deployment (as an installation builds it) passes
// `flag` ("--feature-gates") a value for which `is` holds, as `--flag=value` or
// as `--flag value` (Go's pflag takes both), or has a ${variable} that may be one.
bool container_flag(const Value* deployment, std::string_view flag, const std::function<bool(std::string_view)>& is);

// Whether a resource is deployed in a deployment: its condition, and those of the
// modules and deployments that lead to it, evaluated. Ordered: the least of two holds.
// With `top`, a deployment above `scope`: whether it is deployed when `top` is
// (the conditions between them, not those above).
enum class Deployed { No, Maybe, Yes };
Deployed deployed(const Resource& r, const Scope& scope, const Scope* top = nullptr);

// A node for each of `passes` (Graph::passes_of) in which `r` may be deployed;
// `d`: whether it is deployed in `scope`, the deployment itself.
template <class Node>
std::vector<Node> nodes_in(const Resource& r, const Scope& scope, Deployed d, const std::vector<const Scope*>& passes) {
  std::vector<Node> out;
  for (const Scope* pass : passes) {
    Deployed in_pass = pass == &scope ? d : deployed(r, *pass);
    if (in_pass == Deployed::No) continue;
    Node& n = out.emplace_back();
    n.doc = scope.doc;
    n.resource = &r;
    n.scope = pass;
    n.maybe = in_pass == Deployed::Maybe;
  }
  return out;
}

// The microsoft.flux extension, or failing that the Azure-provider flux
// configuration, that makes a cluster need OIDC and workload identity; null if
// none is surely deployed.
const ResourceNode* flux_dependent(const ClusterNode& cluster);

// Resource type names compare case-insensitively.
bool is_type(const Resource& r, std::string_view type);

}  // namespace patless
