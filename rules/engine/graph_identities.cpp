// The identity half of the graph: user-assigned identities, their federated
// credentials, and the identity each microsoft.flux extension runs Flux as.
#include <map>

#include "rules/engine/deployments.h"
#include "rules/engine/graph.h"
#include "rules/engine/loops.h"
#include "rules/engine/references.h"

namespace patless {
namespace {

constexpr std::string_view kIdentityType = "Microsoft.ManagedIdentity/userAssignedIdentities";
constexpr std::string_view kCredentialType =
    "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials";
constexpr std::string_view kClusterType = "Microsoft.ContainerService/managedClusters";

bool is_path(const std::vector<std::string>& path, std::initializer_list<std::string_view> want) {
  if (path.size() != want.size()) return false;
  size_t i = 0;
  for (std::string_view w : want)
    if (!iequals(path[i++], w)) return false;
  return true;
}

}  // namespace

void Graph::link_identities() {
  for (const Scope& deployment : scopes_) {
    if (!deploys_resources(deployment)) continue;
    const Document& doc = *deployment.doc;
    const Scope* scope = &deployment;
    for (const Resource& r : doc.resources) {
      if (!is_type(r, kIdentityType) || deployed(r, *scope) == Deployed::No) continue;
      IdentityNode n;
      n.doc = &doc;
      n.resource = &r;
      n.scope = scope;
      n.name = resource_name(r, *scope);
      if (n.name) (r.existing ? sought_names_ : declared_names_).insert("identity:" + ascii_lower(*n.name));
      if (r.existing) n.group = resource_group_of(r, *scope);
      identities_.push_back(std::move(n));
    }
  }
  // An `existing` identity is the declared one of the same name, when the scan
  // declares exactly one (one name in several resource groups: unknown which), else
  // one with every `existing` one of its name in its resource group (graph.h).
  const DeclaredNames<IdentityNode> declared = resolve_twins(identities_);
  std::map<std::pair<const Scope*, const Resource*>, IdentityNode*> by_declaration;
  for (IdentityNode& n : identities_)
    by_declaration.emplace(std::make_pair(n.scope, n.resource), const_cast<IdentityNode*>(n.twin));
  auto declared_named = [&](std::string_view name) -> IdentityNode* {
    auto it = declared.find(ascii_lower(name));
    return it != declared.end() ? const_cast<IdentityNode*>(it->second) : nullptr;
  };
  auto identity_of = [&](const Scope* scope, const Resource* r) -> IdentityNode* {
    auto it = by_declaration.find({scope, r});
    return it != by_declaration.end() ? it->second : nullptr;
  };

  for (const Scope& deployment : scopes_) {
    if (!deploys_resources(deployment)) continue;
    const Document& doc = *deployment.doc;
    const Scope* scope = &deployment;
    for (const Resource& r : doc.resources) {
      if (!is_type(r, kCredentialType)) continue;
      // A loop over a collection patless knows is a credential for each item.
      for (FederatedCredential& f :
           nodes_in<FederatedCredential>(r, deployment, deployed(r, deployment), passes_of(r, deployment))) {
        const Scope* pass = f.scope;
        f.issuer = f.get({"properties", "issuer"});
        f.subject = f.get({"properties", "subject"});
        f.audiences = f.get({"properties", "audiences"});
        f.serial_loop = serial_loop(r, *pass);
        // The parent: nested or `parent:`, else the first segment of "identity/credential".
        if (!r.parent_symbol.empty()) {
          f.identity = identity_of(scope, doc.resource(r.parent_symbol));
        } else if (auto name = resource_name(r, *pass); name && name->find('/') != std::string::npos) {
          std::string parent = name->substr(0, name->find('/'));
          f.identity = identity_of(scope, resource_by_id(doc, *pass, std::string(kIdentityType) + "/" + parent));
          // Written in a deployment of its own (AVM's identity module nests one per
          // credential): the identity the scan declares with that name, if only one.
          sought_names_.insert("identity:" + ascii_lower(parent));
          if (!f.identity) f.identity = declared_named(parent);
        }
        const Scope* issuer_in = pass;
        if (const Value* issuer = written_value(r.body, {"properties", "issuer"}, *pass, &issuer_in)) {
          auto ref = property_reference(*issuer, *issuer_in);
          if (ref && is_type(*ref->resource, kClusterType) && is_path(ref->path, {"oidcIssuerProfile", "issuerURL"})) {
            if (const ClusterNode* c = cluster_node(*ref->resource, ref->scope->deployment(), ref->index))
              f.issuer_cluster = canonical(c);
          }
        }
        if (!f.identity) all_credentials_linked_ = false;
        credentials_.push_back(std::move(f));
        if (credentials_.back().identity) credentials_.back().identity->credentials.push_back(&credentials_.back());
      }
    }
  }

  for (FluxExtension& e : extensions_) {
    e.client_id_scope = e.scope;
    e.client_id =
        written_value(e.resource->body, {"properties", "configurationSettings", "workloadIdentity.azureClientId"},
                      *e.scope, &e.client_id_scope);
    if (!e.client_id)  // the extension reads its protected settings alike
      e.client_id = written_value(e.resource->body,
                                  {"properties", "configurationProtectedSettings", "workloadIdentity.azureClientId"},
                                  *e.scope, &e.client_id_scope);
    if (!e.client_id) continue;
    auto ref = property_reference(*e.client_id, *e.client_id_scope);
    // `uami[i]`: identities of a loop are one node here, not one per pass: unknown which.
    if (ref && !ref->index && is_type(*ref->resource, kIdentityType) && is_path(ref->path, {"clientId"}))
      e.identity = identity_of(&ref->scope->deployment(), ref->resource);  // an extension of a loop: its pass
  }
}

}  // namespace patless
