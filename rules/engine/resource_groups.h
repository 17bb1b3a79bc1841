// Which subscription and resource group a resource is in, as far as the code
// says. Two `existing` identities of one name are one identity only when they
// are known to be in one resource group: a template that reads an identity
// another resource group holds, and a module scoped to that group that gives
// it a federated credential.
#pragma once

#include <optional>
#include <string>

#include "grammars/model.h"
#include "rules/engine/evaluate.h"

namespace patless {

// Each part is a name as written (lower case) or, where the code leaves it to
// the deployment, the same token for every resource of that top-level
// deployment: equal keys are the same resource group; different ones may still be.
struct ResourceGroupKey {
  std::string subscription, group;
  bool operator==(const ResourceGroupKey&) const = default;
  // The group is a name the code writes ("rg:<name>"), not a deployment's token.
  bool group_named() const { return group.starts_with("rg:"); }
};

// nullopt when the code does not say (a parameter without default, a scope
// that is not a resource group).
std::optional<ResourceGroupKey> resource_group_of(const Resource& r, const Scope& deployment);

}  // namespace patless
