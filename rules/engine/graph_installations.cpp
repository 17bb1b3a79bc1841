// Self-managed Flux installations (see FluxInstallation): one per cluster of a
// fleet repository, each with the source-controller its own kustomizations
// build and the GitRepositories it serves.
#include <algorithm>
#include <functional>

#include "grammars/paths.h"
#include "rules/engine/flux_paths.h"
#include "rules/engine/graph.h"
#include "rules/engine/kustomize_patch.h"

namespace patless {
namespace {

constexpr std::string_view kController = "source-controller";

bool installs_flux(const K8sObject& o) {
  if (!o.is_kustomization()) return false;
  const Value* resources = o.root.get("resources");
  if (!resources || resources->kind != Value::Kind::Array) return false;
  for (const Value& r : resources->items)
    if (r.kind == Value::Kind::String && r.text.ends_with("gotk-components.yaml")) return true;
  return false;
}

// Merges `from` (a map of labels or annotations) in at `path` of `root`, as a
// strategic merge patch that writes it there would.
bool merge_at(Value& root, std::initializer_list<std::string_view> path, const Value* from) {
  if (!from || from->kind != Value::Kind::Object || from->members.empty()) return false;
  KustomizePatch p;
  p.body = *from;
  for (auto key = std::rbegin(path); key != std::rend(path); ++key) {
    Value wrapper;
    wrapper.kind = Value::Kind::Object;
    wrapper.members.push_back(Member{std::string(*key), {}, std::move(p.body)});
    p.body = std::move(wrapper);
  }
  apply_patch(root, p, 0);
  return true;
}

// What a kustomization's commonAnnotations (every object) and commonLabels or
// `labels` with includeTemplates (pod templates too) set on the
// source-controller's ServiceAccount annotations and pod labels.
bool common_metadata(Value& built, std::string_view kind, const Document& kustomization) {
  bool set = false;
  for (const K8sObject& k : kustomization.objects) {
    if (!k.is_kustomization()) continue;
    if (kind == "ServiceAccount") set |= merge_at(built, {"metadata", "annotations"}, k.root.get("commonAnnotations"));
    if (kind != "Deployment") continue;
    set |= merge_at(built, {"spec", "template", "metadata", "labels"}, k.root.get("commonLabels"));
    const Value* labels = k.root.get("labels");
    if (!labels || labels->kind != Value::Kind::Array) continue;
    for (const Value& entry : labels->items) {
      const Value* templates = entry.kind == Value::Kind::Object ? entry.get("includeTemplates") : nullptr;
      if (templates && templates->kind == Value::Kind::Bool && templates->text == "true")
        set |= merge_at(built, {"spec", "template", "metadata", "labels"}, entry.get("pairs"));
    }
  }
  return set;
}

}  // namespace

bool container_flag(const Value* deployment, std::string_view flag, const std::function<bool(std::string_view)>& is) {
  const Value* spec = deployment ? deployment->get("spec") : nullptr;
  const Value* tmpl = spec ? spec->get("template") : nullptr;
  const Value* pod = tmpl ? tmpl->get("spec") : nullptr;
  const Value* containers = pod ? pod->get("containers") : nullptr;
  if (!containers || containers->kind != Value::Kind::Array) return false;
  for (const Value& c : containers->items) {
    const Value* args = c.kind == Value::Kind::Object ? c.get("args") : nullptr;
    if (!args || args->kind != Value::Kind::Array) continue;
    const auto& items = args->items;
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].kind == Value::Kind::Opaque) return true;
      std::string_view a = items[i].text;
      if (!a.starts_with(flag)) continue;
      a.remove_prefix(flag.size());
      if (a.starts_with('=') && is(a.substr(1))) return true;
      if (a.empty() && i + 1 < items.size() && (items[i + 1].kind == Value::Kind::Opaque || is(items[i + 1].text)))
        return true;
    }
  }
  return false;
}

void Graph::find_installations() {
  auto build_of = [&](const Document* d) -> const KustomizeBuild* {
    for (const KustomizeBuild& b : builds_)
      if (b.kustomization == d) return &b;
    return nullptr;
  };

  // What each installation builds (its files) and syncs (directories), and
  // the kustomizations whose patches reach its source-controller.
  struct Reach {
    std::set<std::string> files;
    std::vector<std::string> trees;
    std::vector<const KustomizeBuild*> chain;  // inner kustomizations first, then its own, then outer ones
    bool placed = false;                       // a sync path was found among its ancestors
    bool has(const std::string& path) const {
      return files.count(path) || std::any_of(trees.begin(), trees.end(), [&](const std::string& t) { return under(path, t); });
    }
  };
  std::vector<Reach> reach;

  auto first_named = [&](std::string_view kind, auto&& in_reach) -> const ObjectNode* {
    for (const ObjectNode& n : objects_)
      if (n.object->kind == kind && n.object->name == kController && in_reach(normal_path_of(n.doc))) return &n;
    return nullptr;
  };

  // Installed by a kustomization that lists gotk-components.yaml.
  for (const ObjectNode& n : objects_) {
    if (!installs_flux(*n.object)) continue;
    const KustomizeBuild* own = build_of(n.doc);
    if (!own) continue;
    Reach r;
    r.files = own->files;
    r.files.insert(own->path);
    for (const KustomizeBuild& b : builds_)
      if (&b != own && own->files.count(b.path)) r.chain.push_back(&b);
    r.chain.push_back(own);
    for (const KustomizeBuild& b : builds_)
      if (&b != own && b.files.count(own->path)) r.chain.push_back(&b);
    FluxInstallation f;
    f.installer = &n;
    // The source-controller as these kustomizations build it: the object among
    // its files with their patches, or what their patches alone set.
    auto build = [&](std::string_view kind) -> const Value* {
      const ObjectNode* base = first_named(kind, [&](const std::string& p) { return r.files.count(p) > 0; });
      if (base && base->unknown_patch) f.unknown_patch = true;
      Value built;
      if (base) {
        built = base->object->root;
      } else {
        built.kind = Value::Kind::Object;
      }
      K8sObject probe;
      probe.kind = kind;
      probe.name = kController;
      bool patched = false;
      for (const KustomizeBuild* b : r.chain) {
        for (const PatchRef& ref : b->patches) {
          const KustomizePatch& p = *ref.patch;
          // Without the object, a patch builds it only when it names it exactly;
          // one that cannot be read counts wherever it may apply.
          bool hits = base         ? patch_targets(p, *base->object, built)
                      : ref.unknown ? patch_targets(p, probe, built)
                                    : p.target_kind == kind && p.target_name == kController;
          if (!hits) continue;
          if (ref.unknown) {
            f.unknown_patch = true;
            continue;
          }
          apply_patch(built, p, 0);
          patched = true;
        }
        patched = common_metadata(built, kind, *b->kustomization) || patched;
      }
      if (!base && !patched) return nullptr;
      return &built_roots_.emplace_back(std::move(built));
    };
    f.service_account = build("ServiceAccount");
    f.deployment = build("Deployment");
    installations_.push_back(std::move(f));
    reach.push_back(std::move(r));
  }
  // By a FluxInstance (flux_instance_installation).
  for (const ObjectNode& n : objects_) {
    if (!n.object->is_flux_instance()) continue;
    installations_.push_back(flux_instance_installation(n));
    Reach r;
    r.files.insert(normal_path_of(n.doc));
    reach.push_back(std::move(r));
  }
  // Or else by a source-controller Deployment that none of those builds
  // (gotk-components.yaml applied as it is): its directory is the installation.
  for (const ObjectNode& n : objects_) {
    if (n.object->kind != "Deployment" || n.object->name != kController) continue;
    const std::string& path = normal_path_of(n.doc);
    if (std::any_of(reach.begin(), reach.end(), [&](const Reach& r) { return r.files.count(path) > 0; })) continue;
    Reach r;
    r.files.insert(path);
    r.trees.push_back(directory_of(path));
    FluxInstallation f;
    f.installer = &n;
    f.deployment = n.root;
    f.unknown_patch = n.unknown_patch;
    const std::string& home = r.trees.back();
    if (const ObjectNode* sa = first_named("ServiceAccount", [&](const std::string& p) { return under(p, home); })) {
      f.service_account = sa->root;
      f.unknown_patch = f.unknown_patch || sa->unknown_patch;
    }
    installations_.push_back(std::move(f));
    reach.push_back(std::move(r));
  }

  // What each one syncs: the Flux Kustomization among its files names a path
  // relative to the repository's root, which is the ancestor of the installer's
  // directory that ends with that path (clusters/prod for
  // clusters/prod/flux-system). Kustomizations below a synced path, from the
  // same source, add theirs.
  for (size_t i = 0; i < installations_.size(); ++i) {
    Reach& r = reach[i];
    const std::string home = directory_of(normal_path_of(installations_[i].installer->doc));
    std::optional<std::string> root;
    std::string source;
    for (const ObjectNode& n : objects_) {
      if (!is_flux_kustomization(*n.object) || !r.has(normal_path_of(n.doc))) continue;
      std::optional<std::string> s = sync_path(n);
      if (!s) continue;
      for (std::string dir = home;; dir = directory_of(dir)) {
        if (dir == *s || dir.ends_with("/" + *s)) {
          root = dir.substr(0, dir.size() - s->size());
          if (root->size() > 1 && root->back() == '/') root->pop_back();
          break;
        }
        if (dir.empty() || dir == "/") break;
      }
      if (root) {
        source = source_of(n);
        r.trees.push_back(join(*root, *s));
        break;
      }
    }
    if (!root) continue;
    r.placed = installations_[i].placed = true;
    for (bool grew = true; grew;) {
      grew = false;
      for (const ObjectNode& n : objects_) {
        if (!is_flux_kustomization(*n.object) || source_of(n) != source) continue;
        if (!r.has(normal_path_of(n.doc))) continue;
        std::optional<std::string> s = sync_path(n);
        if (!s) continue;
        std::string tree = join(*root, *s);
        if (std::find(r.trees.begin(), r.trees.end(), tree) != r.trees.end()) continue;
        r.trees.push_back(std::move(tree));
        grew = true;
      }
    }
    // A kustomization in a synced directory builds files outside it too (../../infrastructure).
    for (const KustomizeBuild& b : builds_)
      if (std::any_of(r.trees.begin(), r.trees.end(), [&](const std::string& t) { return under(b.path, t); }))
        r.files.insert(b.files.begin(), b.files.end());
  }

  for (const ObjectNode& n : objects_) {
    const std::string& at = normal_path_of(n.doc);
    bool claimed = false;
    for (size_t i = 0; i < installations_.size(); ++i) {
      if (!reach[i].has(at)) continue;
      installations_[i].objects.push_back(&n);
      claimed = true;
    }
    // The only one in the scan, not only in this part of it.
    if (!claimed && installations_.size() == 1 && !reach[0].placed &&
        (!scan_facts_ || scan_facts_->flux_installations == 1))
      installations_[0].objects.push_back(&n);
  }
  for (FluxInstallation& f : installations_) {
    for (const ObjectNode* n : f.objects)
      if (n->is_flux_git_repository()) f.repositories.push_back(n);
    f.default_object_identity =
        f.default_object_identity ||
        container_flag(f.deployment, "--default-service-account", [](std::string_view a) { return !a.empty(); });
  }
}

// A FluxInstance installs Flux: the operator's manifests are not in the scan, so
// the source-controller is what its spec.kustomize.patches (and commonMetadata) write.
FluxInstallation Graph::flux_instance_installation(const ObjectNode& n) {
  FluxInstallation f;
  f.installer = &n;
  // Its patches are read as written: a kustomization that changes them makes them unknown.
  f.unknown_patch = n.unknown_patch || n.patched_at({"spec", "kustomize"});
  const Value* gate = n.get({"spec", "cluster", "objectLevelWorkloadIdentity"});
  auto on = [](const Value* v) {
    return v && ((v->kind == Value::Kind::Bool && v->text == "true") || v->kind == Value::Kind::Opaque);
  };
  f.object_level_identity = on(gate);
  f.default_object_identity = on(n.get({"spec", "cluster", "multitenantWorkloadIdentity"}));
  auto build = [&](std::string_view kind) -> const Value* {
    Value built;
    built.kind = Value::Kind::Object;
    K8sObject probe;
    probe.kind = kind;
    probe.name = kController;
    probe.namespace_ = n.object->namespace_;
    bool patched = false;
    for (const KustomizePatch& p : n.doc->patches) {
      if (!p.of_flux_instance) continue;
      // The operator's labels are not in the scan, nor is a patch file (which a FluxInstance cannot name).
      if (p.selects_by_metadata() || !p.file.empty()) {
        if (pattern_matches(p.target_kind, kind)) f.unknown_patch = true;
        continue;
      }
      if (!patch_targets(p, probe, built)) continue;
      apply_patch(built, p, 0);
      patched = true;
    }
    // spec.commonMetadata: labels and annotations on every object (not on pod templates).
    if (kind == "ServiceAccount")
      patched = merge_at(built, {"metadata", "annotations"}, n.get({"spec", "commonMetadata", "annotations"})) || patched;
    if (!patched) return nullptr;
    return &built_roots_.emplace_back(std::move(built));
  };
  f.service_account = build("ServiceAccount");
  f.deployment = build("Deployment");
  return f;
}

}  // namespace patless
