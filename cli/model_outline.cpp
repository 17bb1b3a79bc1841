#include "cli/model_outline.h"

namespace patless {
namespace {

// properties.templateLink of a deployment resource, alone (rules/engine/deployments.h reads it).
Value template_link_of(const Value& body) {
  Value out;
  out.kind = body.kind;
  const Member* props = body.member("properties");
  const Member* link =
      props && props->value.kind == Value::Kind::Object ? props->value.member("templateLink") : nullptr;
  if (!link) return out;
  Value properties;
  properties.kind = Value::Kind::Object;
  properties.members.push_back(*link);
  out.members.push_back(Member{props->key, props->key_range, std::move(properties), false});
  return out;
}

}  // namespace

Document outline_of_model(const Document& model) {
  Document out;
  out.path = model.path;
  out.format = model.format;
  // Of the resources, the deployments that link a template (rules/engine/deployments.h).
  for (const Resource& r : model.resources) {
    Value link = template_link_of(r.body);
    if (link.members.empty()) continue;
    Resource& o = out.resources.emplace_back();
    o.symbol = r.symbol;
    o.type = r.type;
    o.body = std::move(link);
  }
  for (const Module& m : model.modules) {
    Module& o = out.modules.emplace_back();
    o.symbol = m.symbol;
    o.loop = m.loop;
    o.path = m.path;
    o.range = m.range;
    o.path_range = m.path_range;
    o.registry = m.registry;
    o.conditional = m.conditional;
  }
  out.imports = model.imports;
  // Of the Kubernetes objects, the kustomizations' lists of what they build.
  for (const K8sObject& k : model.objects) {
    if (!k.is_kustomization()) continue;
    K8sObject& o = out.objects.emplace_back();
    o.api_version = k.api_version;
    o.kind = k.kind;
    o.root.kind = Value::Kind::Object;
    for (const char* list : {"resources", "bases", "components"})
      if (const Member* m = k.root.member(list)) o.root.members.push_back(*m);
  }
  for (const KustomizePatch& p : model.patches) {
    KustomizePatch& o = out.patches.emplace_back(p);
    o.body = Value();
  }
  for (const Document& n : model.nested) out.nested.push_back(outline_of_model(n));
  out.given_as_parameters = model.given_as_parameters;
  out.errors = model.errors;
  out.using_path = model.using_path;
  out.using_range = model.using_range;
  out.using_path_range = model.using_path_range;
  out.using_registry = model.using_registry;
  out.extends_path = model.extends_path;
  out.registry = model.registry;
  out.text_hash = model.text_hash;
  return out;
}

void restore_outline(Document& model, const Document& outline) {
  for (size_t i = 0; i < model.modules.size() && i < outline.modules.size(); ++i) {
    model.modules[i].path = outline.modules[i].path;
    model.modules[i].registry = outline.modules[i].registry;
  }
  model.using_path = outline.using_path;
  model.using_registry = outline.using_registry;
  model.given_as_parameters = outline.given_as_parameters;
  model.registry = outline.registry;
  for (size_t i = 0; i < model.nested.size() && i < outline.nested.size(); ++i)
    restore_outline(model.nested[i], outline.nested[i]);
}

}  // namespace patless
