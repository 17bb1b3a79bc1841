// The Flux Operator's FluxInstance makes, from its spec.sync, a GitRepository and
// a Flux Kustomization named after its namespace (or sync.name): the objects
// `flux bootstrap` would have written. They join the scan's objects so that the
// GitRepository rules judge them and the installation (graph_installations.cpp)
// syncs sync.path. Their values are the FluxInstance's, as kustomize built it.
#include "rules/engine/graph.h"
#include "rules/engine/kustomize_patch.h"

namespace patless {
namespace {

Value object_of(const SourceRange& at) {
  Value v;
  v.kind = Value::Kind::Object;
  v.range = at;
  return v;
}

void add(Value& object, std::string key, Value value, const SourceRange& key_range) {
  Member m;
  m.key = std::move(key);
  m.key_range = key_range;
  m.value = std::move(value);
  object.members.push_back(std::move(m));
}

// The sync member `from` under `key`, keys and ranges as the FluxInstance writes them.
void copy(Value& object, const Value& sync, std::string_view from, std::string key) {
  if (const Member* m = sync.member(from)) add(object, std::move(key), m->value, m->key_range);
}

// An object the operator makes: written at `block` (the sync block), its made-up
// values at `at` (the sync value).
K8sObject generated(std::string api_version, std::string kind, const std::string& name, const std::string& ns,
                    const SourceRange& block, const SourceRange& at, int maker) {
  K8sObject o;
  o.api_version = std::move(api_version);
  o.kind = std::move(kind);
  o.name = name;
  o.namespace_ = ns;
  o.range = block;
  o.generated_by = maker;
  o.root = object_of(at);
  add(o.root, "apiVersion", string_value(o.api_version, at), at);
  add(o.root, "kind", string_value(o.kind, at), at);
  Value meta = object_of(at);
  add(meta, "name", string_value(name, at), at);
  add(meta, "namespace", string_value(ns, at), at);
  add(o.root, "metadata", std::move(meta), at);
  return o;
}

}  // namespace

void Graph::flux_instance_objects() {
  std::vector<ObjectNode> made;
  for (const ObjectNode& n : objects_) {
    if (!n.object->is_flux_instance()) continue;
    const Member* sync = n.member({"spec", "sync"});
    if (!sync || sync->value.kind != Value::Kind::Object) continue;
    const Value& s = sync->value;
    const Value* kind = s.get("kind");
    if (!kind || kind->kind != Value::Kind::String || kind->text != "GitRepository") continue;
    // The operator creates them in the FluxInstance's namespace (the operator's own).
    std::string ns = n.object->namespace_.empty() ? "flux-system" : n.object->namespace_;
    const Value* sync_name = s.get("name");
    std::string name = sync_name && sync_name->kind == Value::Kind::String && !sync_name->text.empty() ? sync_name->text : ns;
    int maker = static_cast<int>(n.object - n.doc->objects.data());
    // Where they are written: the sync block, up to the next key of spec.
    SourceRange block = sync->key_range;
    block.end_offset = UINT32_MAX;
    const Value* spec_value = n.get({"spec"});
    for (const Member& m : spec_value->members)
      if (m.key_range.start_offset > sync->key_range.start_offset && m.key_range.start_offset < block.end_offset)
        block.end_offset = m.key_range.start_offset;

    K8sObject repo = generated("source.toolkit.fluxcd.io/v1", "GitRepository", name, ns, block, s.range, maker);
    Value spec = object_of(s.range);
    copy(spec, s, "url", "url");
    copy(spec, s, "provider", "provider");
    if (const Member* secret = s.member("pullSecret")) {
      Value ref = object_of(secret->value.range);
      add(ref, "name", secret->value, secret->key_range);
      add(spec, "secretRef", std::move(ref), secret->key_range);
    }
    add(repo.root, "spec", std::move(spec), sync->key_range);

    K8sObject sync_kustomization =
        generated("kustomize.toolkit.fluxcd.io/v1", "Kustomization", name, ns, block, s.range, maker);
    Value ks = object_of(s.range);
    copy(ks, s, "path", "path");
    Value source = object_of(s.range);
    add(source, "kind", string_value("GitRepository", s.range), s.range);
    add(source, "name", string_value(name, s.range), s.range);
    add(ks, "sourceRef", std::move(source), s.range);
    add(sync_kustomization.root, "spec", std::move(ks), sync->key_range);

    for (K8sObject* o : {&generated_.emplace_back(std::move(repo)), &generated_.emplace_back(std::move(sync_kustomization))}) {
      ObjectNode node = n;  // the FluxInstance's file, its patches and namespaces
      node.object = o;
      node.root = &o->root;
      // The patches below are read from the FluxInstance as written: one a kustomization
      // changed may make them other ones.
      node.unknown_patch = node.unknown_patch || n.patched_at({"spec", "kustomize"});
      // spec.kustomize.patches patch what the operator makes from spec.sync too.
      for (const KustomizePatch& p : n.doc->patches) {
        if (!p.of_flux_instance) continue;
        if (p.selects_by_metadata() || !p.file.empty()) {
          node.unknown_patch = node.unknown_patch || pattern_matches(p.target_kind, o->kind);
          continue;
        }
        if (patch_targets(p, *o, o->root)) apply_patch(o->root, p, 0);
      }
      made.push_back(std::move(node));
    }
  }
  for (ObjectNode& node : made) objects_.push_back(std::move(node));
}

}  // namespace patless
