// The linked view of a whole scan: clusters, their Flux extensions and flux
// configurations, and the Kubernetes objects, each with what is known of it.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "grammars/model.h"
#include "rules/engine/evaluate.h"

namespace patless {

struct ResourceNode {
  const Document* doc = nullptr;
  const Resource* resource = nullptr;
  const Scope* scope = nullptr;
  Lookup get(std::initializer_list<std::string_view> path) const { return lookup(resource->body, path, *scope); }
  // "<type>/<name or symbol>": identity for fingerprints
  std::string identity() const;
};

struct ClusterNode;

// A resource deployed onto a cluster (extension or flux configuration).
struct ClusterChild : ResourceNode {
  ClusterNode* cluster = nullptr;  // null when the target cannot be resolved
};

struct FluxExtension : ClusterChild {};

struct FluxConfiguration : ClusterChild {
  Lookup url;       // properties.gitRepository.url
  Lookup provider;  // properties.gitRepository.provider
  bool uses_azure_provider() const { return provider.string() && *provider.string() == "Azure"; }
};

struct ClusterNode : ResourceNode {
  std::optional<std::string> name;  // known name
  std::vector<const FluxExtension*> extensions;
  std::vector<const FluxConfiguration*> configurations;
  bool declared() const { return !resource->existing; }
};

struct ObjectNode {
  const Document* doc = nullptr;
  const K8sObject* object = nullptr;
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
    const Value* v = &object->root;
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
    const Value* v = &object->root;
    for (std::string_view key : path) {
      v = v->kind == Value::Kind::Object ? v->get(key) : nullptr;
      if (!v) return nullptr;
    }
    return v;
  }
};

class Graph {
 public:
  explicit Graph(const std::vector<Document>& documents);
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  const std::vector<Document>& documents() const { return documents_; }
  const std::deque<ClusterNode>& clusters() const { return clusters_; }
  const std::deque<FluxExtension>& flux_extensions() const { return extensions_; }
  const std::deque<FluxConfiguration>& flux_configurations() const { return configurations_; }
  const std::vector<ObjectNode>& objects() const { return objects_; }

 private:
  const std::vector<Document>& documents_;
  std::deque<Scope> scopes_;
  std::deque<ClusterNode> clusters_;
  std::deque<FluxExtension> extensions_;
  std::deque<FluxConfiguration> configurations_;
  std::vector<ObjectNode> objects_;

  ClusterNode* find_target(const ResourceNode& child);
};

// The microsoft.flux extension, or failing that the Azure-provider flux
// configuration, that makes a cluster need OIDC and workload identity; null if none.
const ResourceNode* flux_dependent(const ClusterNode& cluster);

// Resource type names compare case-insensitively.
bool is_type(const Resource& r, std::string_view type);

}  // namespace patless
