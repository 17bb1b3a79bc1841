// The patches of Flux Kustomizations, which patless does not apply: what they
// may touch is unknown (see Graph::flux_kustomization_patches).
#include <algorithm>

#include "rules/engine/flux_paths.h"
#include "rules/engine/graph.h"
#include "rules/engine/kustomize_patch.h"

namespace patless {
namespace {

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
  auto exists = [&](const std::string& tree) {
    return std::any_of(objects_.begin(), objects_.end(), [&](const ObjectNode& n) { return under(normal_path_of(n.doc), tree); });
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
          p.read_target(target);
        } else {
          const Value* patch = e.kind == Value::Kind::Object ? e.get("patch") : &e;
          if (patch) p.target_kind = top_level_kind(patch->text);
        }
        targets.push_back(std::move(p));
      }
    }
    if (targets.empty()) continue;
    std::optional<std::string> s = sync_path(k);
    if (!s) {
      for (KustomizePatch& p : targets) patches_anywhere_.push_back(std::move(p));
      continue;
    }
    std::vector<std::string> trees;
    for (std::string dir = directory_of(normal_path_of(k.doc));; dir = directory_of(dir)) {
      if (std::string tree = join(dir, *s); exists(tree)) trees.push_back(std::move(tree));
      if (dir.empty() || dir == "/") break;
    }
    for (ObjectNode& node : objects_) {
      const std::string& at = normal_path_of(node.doc);
      if (std::none_of(trees.begin(), trees.end(), [&](const std::string& t) { return under(at, t); })) continue;
      for (const KustomizePatch& p : targets)
        if (patch_targets(p, *node.object, *node.root)) node.unknown_patch = true;
    }
  }
  // Those of the whole scan, when this graph is a part of it.
  for (const KustomizePatch& p : scan_facts_ ? scan_facts_->patches_anywhere : patches_anywhere_)
    for (ObjectNode& node : objects_)
      if (patch_targets(p, *node.object, *node.root)) node.unknown_patch = true;
}

}  // namespace patless
