#include "rules/engine/resource_groups.h"

#include <cstdint>

#include "grammars/ascii.h"

namespace patless {
namespace {

// Deeper than any chain of modules patless follows (kMaxModuleDepth) with nested templates in it.
constexpr int kMaxDepth = 64;

std::optional<std::string> known_name(const Value& v, const Scope& in) {
  Value e = evaluate(v, in);
  if (e.kind != Value::Kind::String || e.text.empty()) return std::nullopt;
  return ascii_lower(e.text);
}

// `subscription().subscriptionId`: the deployment's own subscription.
bool is_own_subscription_id(const Value& v) {
  if (v.kind != Value::Kind::Member || v.text != "subscriptionId" || v.items.size() != 1) return false;
  const Value& call = v.items[0];
  return call.kind == Value::Kind::Call && call.items.empty() &&
         (iequals(call.text, "subscription") || iequals(call.text, "az.subscription"));
}

// Bicep's `scope: resourceGroup('rg')` or `resourceGroup('sub', 'rg')`; `resourceGroup()` is the
// deployment's own; `scope: rg`, a resource group the template declares or reads (a subscription's template).
std::optional<ResourceGroupKey> from_scope(const Value& scope, const Scope& in, const ResourceGroupKey& base) {
  if (scope.kind == Value::Kind::Reference) {
    const Resource* group = in.doc->resource(scope.text);
    if (!group || !iequals(group->type, "Microsoft.Resources/resourceGroups") || group->body.get("scope")) return std::nullopt;
    const Value* name = group->body.get("name");
    auto known = name ? known_name(*name, in) : std::nullopt;
    if (!known) return std::nullopt;
    return ResourceGroupKey{base.subscription, "rg:" + *known};
  }
  if (scope.kind != Value::Kind::Call || !(iequals(scope.text, "resourceGroup") || iequals(scope.text, "az.resourceGroup")))
    return std::nullopt;
  if (scope.items.empty()) return base;
  if (scope.items.size() > 2) return std::nullopt;
  auto group = known_name(scope.items.back(), in);
  if (!group) return std::nullopt;
  if (scope.items.size() == 1) return ResourceGroupKey{base.subscription, "rg:" + *group};
  const Value& first = scope.items.front();
  if (is_own_subscription_id(first)) return ResourceGroupKey{base.subscription, "rg:" + *group};
  auto subscription = known_name(first, in);
  if (!subscription) return std::nullopt;
  return ResourceGroupKey{"sub:" + *subscription, "rg:" + *group};
}

// ARM's `resourceGroup` and `subscriptionId` members, on a deployment or an `existing` resource.
std::optional<ResourceGroupKey> from_members(const Value& body, const Scope& in, const ResourceGroupKey& base) {
  const Value* group = body.get("resourceGroup");
  const Value* subscription = body.get("subscriptionId");
  if (!group && !subscription) return base;
  if (!group) return std::nullopt;  // a subscription's deployment, or one patless does not follow
  ResourceGroupKey key = base;
  auto g = known_name(*group, in);
  if (!g) return std::nullopt;
  key.group = "rg:" + *g;
  if (subscription) {
    auto s = known_name(*subscription, in);
    if (!s) return std::nullopt;
    key.subscription = "sub:" + *s;
  }
  return key;
}

std::optional<ResourceGroupKey> deployment_group(const Scope& s, int depth) {
  const Scope& d = s.deployment();
  const Scope* parent = d.parent();
  if (!parent) {  // where a top-level deployment goes is not in the code: a token of its own
    std::string token = "top:" + std::to_string(reinterpret_cast<uintptr_t>(&d));
    return ResourceGroupKey{token, token};
  }
  if (depth > kMaxDepth) return std::nullopt;
  auto base = deployment_group(*parent, depth + 1);
  if (!base) return std::nullopt;
  const Scope& in = d.made_in ? *d.made_in : *parent;  // a loop's pass, else the parent
  if (d.module) {
    const Value* scope = d.module->body.get("scope");
    return scope ? from_scope(*scope, in, *base) : base;
  }
  const Resource* deployment = d.linked_by ? d.linked_by : d.doc->nested_in;
  return deployment ? from_members(deployment->body, in, *base) : base;
}

}  // namespace

std::optional<ResourceGroupKey> resource_group_of(const Resource& r, const Scope& deployment) {
  auto base = deployment_group(deployment, 0);
  if (!base) return std::nullopt;
  if (const Value* scope = r.body.get("scope")) return from_scope(*scope, deployment, *base);
  return from_members(r.body, deployment, *base);
}

}  // namespace patless
