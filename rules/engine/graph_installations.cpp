// Self-managed Flux installations (see FluxInstallation): one per cluster of a
// fleet repository, each with the source-controller its own kustomizations
// build and the GitRepositories it serves.
#include <algorithm>
#include <map>
#include <optional>

#include "grammars/paths.h"
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

bool is_flux_kustomization(const K8sObject& o) {
  return o.kind == "Kustomization" && o.api_version.starts_with("kustomize.toolkit.fluxcd.io/");
}

// Whether `path` is directory `dir` or below it.
bool under(const std::string& path, const std::string& dir) {
  if (dir.empty()) return !path.starts_with("/") && !path.starts_with("../");
  return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/' || dir == "/");
}

std::string join(const std::string& root, const std::string& relative) {
  if (root.empty()) return relative;
  if (relative.empty()) return root;
  return root == "/" ? root + relative : root + "/" + relative;
}

// A Flux Kustomization's spec.path, relative to its repository's root without
// "./" or a trailing '/'; nullopt when it is not a plain path inside the
// repository or is the root itself (which patless cannot place).
std::optional<std::string> sync_path(const ObjectNode& o) {
  const std::string* p = o.string({"spec", "path"});
  if (!p || p->empty()) return std::nullopt;
  std::string s = normal_path(std::filesystem::path(*p).relative_path());
  while (!s.empty() && s.back() == '/') s.pop_back();
  if (s.empty() || s == "." || s == ".." || s.starts_with("../")) return std::nullopt;
  return s;
}

// The GitRepository a Flux Kustomization syncs from ("" when not written).
std::string source_of(const ObjectNode& o) {
  const std::string* name = o.string({"spec", "sourceRef", "name"});
  return name ? *name : std::string();
}

// The value of a `kind:` line at the top level of a YAML text, or "".
std::string top_level_kind(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    std::string_view line = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
    if (line.starts_with("kind:")) {
      line.remove_prefix(5);
      size_t b = line.find_first_not_of(" \t"), e = line.find_last_not_of(" \t\r");
      return b == std::string_view::npos ? std::string() : std::string(line.substr(b, e - b + 1));
    }
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return {};
}

}  // namespace

// A Flux Kustomization patches what it applies (spec.patches, and the older
// patchesStrategicMerge and patchesJson6902); patless does not apply them. The
// objects a patch's target (or, without one, the kind written in the patch) may
// name, in the directory its spec.path names, are unknown. That directory is
// relative to the repository's root: any ancestor of the Kustomization's own
// directory under which it exists in the scan; a path patless cannot place
// (the root itself, a ${variable}) may be anywhere.
void Graph::flux_kustomization_patches() {
  std::map<const Document*, std::string> paths;
  for (const ObjectNode& n : objects_) paths.emplace(n.doc, std::string());
  for (auto& [doc, path] : paths) path = normal_path(doc->path);
  auto exists = [&](const std::string& tree) {
    return std::any_of(paths.begin(), paths.end(), [&](const auto& p) { return under(p.second, tree); });
  };
  for (const ObjectNode& k : objects_) {
    if (!is_flux_kustomization(*k.object)) continue;
    std::vector<KustomizePatch> targets;
    for (std::string_view list : {"patches", "patchesStrategicMerge", "patchesJson6902"}) {
      const Value* entries = k.get({"spec", list});
      if (!entries || entries->kind != Value::Kind::Array) continue;
      for (const Value& e : entries->items) {
        const Value* target = e.kind == Value::Kind::Object ? e.get("target") : nullptr;
        KustomizePatch p;
        if (target && target->kind == Value::Kind::Object) {
          auto text = [&](std::string_view key) {
            const Value* v = target->get(key);
            return v && v->kind == Value::Kind::String ? v->text : std::string();
          };
          p.target_kind = text("kind");
          p.target_name = text("name");
          p.target_namespace = text("namespace");
          p.label_selector = text("labelSelector");
        } else {
          const Value* patch = e.kind == Value::Kind::Object ? e.get("patch") : &e;
          if (patch) p.target_kind = top_level_kind(patch->text);
        }
        targets.push_back(std::move(p));
      }
    }
    if (targets.empty()) continue;
    std::vector<std::string> trees;
    bool anywhere = false;
    if (std::optional<std::string> s = sync_path(k)) {
      for (std::string dir = directory_of(paths[k.doc]);; dir = directory_of(dir)) {
        if (std::string tree = join(dir, *s); exists(tree)) trees.push_back(std::move(tree));
        if (dir.empty() || dir == "/") break;
      }
    } else {
      anywhere = true;
    }
    for (ObjectNode& node : objects_) {
      const std::string& at = paths[node.doc];
      if (!anywhere && std::none_of(trees.begin(), trees.end(), [&](const std::string& t) { return under(at, t); }))
        continue;
      for (const KustomizePatch& p : targets)
        if (patch_targets(p, *node.object, *node.root)) node.unknown_patch = true;
    }
  }
}

void Graph::find_installations() {
  std::map<const Document*, std::string> paths;
  for (const Document& d : documents_)
    if (!d.objects.empty()) paths[&d] = normal_path(d.path);
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
      if (n.object->kind == kind && n.object->name == kController && in_reach(paths[n.doc])) return &n;
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
      }
      if (!base && !patched) return nullptr;
      built_roots_.push_back(std::move(built));
      return &built_roots_.back();
    };
    f.service_account = build("ServiceAccount");
    f.deployment = build("Deployment");
    installations_.push_back(std::move(f));
    reach.push_back(std::move(r));
  }
  // Or else by a source-controller Deployment that none of those builds
  // (gotk-components.yaml applied as it is): its directory is the installation.
  for (const ObjectNode& n : objects_) {
    if (n.object->kind != "Deployment" || n.object->name != kController) continue;
    const std::string& path = paths[n.doc];
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
    const std::string home = directory_of(paths[installations_[i].installer->doc]);
    std::optional<std::string> root;
    std::string source;
    for (const ObjectNode& n : objects_) {
      if (!is_flux_kustomization(*n.object) || !r.has(paths[n.doc])) continue;
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
    r.placed = true;
    for (bool grew = true; grew;) {
      grew = false;
      for (const ObjectNode& n : objects_) {
        if (!is_flux_kustomization(*n.object) || source_of(n) != source) continue;
        if (!r.has(paths[n.doc])) continue;
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
    if (!n.is_flux_git_repository()) continue;
    const std::string& at = paths[n.doc];
    bool claimed = false;
    for (size_t i = 0; i < installations_.size(); ++i) {
      if (!reach[i].has(at)) continue;
      installations_[i].repositories.push_back(&n);
      claimed = true;
    }
    if (!claimed && installations_.size() == 1 && !reach[0].placed) installations_[0].repositories.push_back(&n);
  }
}

}  // namespace patless
