#include "rules/engine/graph.h"

#include <filesystem>

namespace patless {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kClusterType = "Microsoft.ContainerService/managedClusters";
constexpr std::string_view kExtensionType = "Microsoft.KubernetesConfiguration/extensions";
constexpr std::string_view kFluxConfigType = "Microsoft.KubernetesConfiguration/fluxConfigurations";

std::string directory_of(const std::string& path) { return fs::path(path).parent_path().lexically_normal().string(); }

std::string normal(const fs::path& p) { return p.lexically_normal().string(); }

// Parameters that a parameter file in the scan sets for a template: their
// defaults are not what gets deployed, so they count as unknown.
void mark_overridden(const std::vector<Document>& docs, std::deque<Scope>& scopes) {
  for (const Document& params : docs) {
    if (params.format != Format::BicepParams && params.format != Format::ArmParams) continue;
    std::string target;
    if (params.format == Format::BicepParams && !params.using_path.empty())
      target = normal(fs::path(params.path).parent_path() / params.using_path);
    std::string dir = directory_of(params.path);
    for (size_t i = 0; i < docs.size(); ++i) {
      const Document& t = docs[i];
      bool template_format = params.format == Format::BicepParams ? t.format == Format::Bicep : t.format == Format::Arm;
      if (!template_format) continue;
      // The named template; failing that, every template beside the parameter file.
      bool applies = target.empty() ? directory_of(t.path) == dir : normal(t.path) == target;
      if (!applies) continue;
      for (const Parameter& p : params.parameters) scopes[i].overridden.insert(p.name);
    }
  }
}

}  // namespace

bool is_type(const Resource& r, std::string_view type) { return iequals(r.type, type); }

std::string ResourceNode::identity() const {
  Lookup name = get({"name"});
  return resource->type + "/" + (name.string() ? *name.string() : resource->symbol);
}

Graph::Graph(const std::vector<Document>& documents) : documents_(documents) {
  for (const Document& d : documents_) scopes_.push_back(Scope{&d, {}});
  mark_overridden(documents_, scopes_);

  for (size_t i = 0; i < documents_.size(); ++i) {
    const Document& doc = documents_[i];
    const Scope* scope = &scopes_[i];
    for (const Resource& r : doc.resources) {
      if (is_type(r, kClusterType)) {
        ClusterNode c;
        c.doc = &doc;
        c.resource = &r;
        c.scope = scope;
        if (auto n = c.get({"name"}); n.string()) c.name = *n.string();
        clusters_.push_back(std::move(c));
      }
    }
    for (const K8sObject& o : doc.objects) objects_.push_back({&doc, &o, &o.root, {}});
  }
  for (size_t i = 0; i < documents_.size(); ++i) {
    const Document& doc = documents_[i];
    const Scope* scope = &scopes_[i];
    for (const Resource& r : doc.resources) {
      if (is_type(r, kExtensionType)) {
        FluxExtension e;
        e.doc = &doc;
        e.resource = &r;
        e.scope = scope;
        auto kind = e.get({"properties", "extensionType"});
        if (!kind.string() || !iequals(*kind.string(), "microsoft.flux")) continue;
        e.cluster = find_target(e);
        extensions_.push_back(std::move(e));
        if (extensions_.back().cluster) extensions_.back().cluster->extensions.push_back(&extensions_.back());
      } else if (is_type(r, kFluxConfigType)) {
        FluxConfiguration f;
        f.doc = &doc;
        f.resource = &r;
        f.scope = scope;
        f.url = f.get({"properties", "gitRepository", "url"});
        f.provider = f.get({"properties", "gitRepository", "provider"});
        f.cluster = find_target(f);
        configurations_.push_back(std::move(f));
        if (configurations_.back().cluster)
          configurations_.back().cluster->configurations.push_back(&configurations_.back());
      }
    }
  }
  apply_patches();
  link_identities();
}

const ClusterNode* Graph::canonical(const ClusterNode* c) const {
  if (!c || c->declared() || !c->name) return c;
  for (const ClusterNode& d : clusters_)
    if (d.declared() && d.name && iequals(*d.name, *c->name)) return &d;
  return c;
}

const ResourceNode* flux_dependent(const ClusterNode& cluster) {
  if (!cluster.extensions.empty()) return cluster.extensions.front();
  for (const FluxConfiguration* c : cluster.configurations)
    if (c->uses_azure_provider()) return c;
  return nullptr;
}

ClusterNode* Graph::find_target(const ResourceNode& child) {
  const Value* scope = child.resource->body.get("scope");
  if (!scope) return nullptr;
  if (scope->kind == Value::Kind::Reference) {  // Bicep: scope: aks
    for (ClusterNode& c : clusters_)
      if (c.doc == child.doc && c.resource->symbol == scope->text) return &c;
    return nullptr;
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
    for (ClusterNode& c : clusters_)
      if (c.doc == child.doc && c.name && *c.name == name) return &c;
    return nullptr;
  }
  return nullptr;
}

}  // namespace patless
