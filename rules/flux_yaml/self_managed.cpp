#include "rules/flux_yaml/self_managed.h"

namespace patless {

const ObjectNode* self_managed_flux(const Graph& graph) {
  const ObjectNode* deployment = nullptr;
  for (const ObjectNode& o : graph.objects()) {
    const K8sObject& k = *o.object;
    if (k.is_kustomization()) {
      const Value* resources = o.get({"resources"});
      if (!resources || resources->kind != Value::Kind::Array) continue;
      for (const Value& r : resources->items)
        if (r.kind == Value::Kind::String && r.text.ends_with("gotk-components.yaml")) return &o;
    } else if (k.kind == "Deployment" && k.name == "source-controller" && !deployment) {
      deployment = &o;
    }
  }
  return deployment;
}

}  // namespace patless
