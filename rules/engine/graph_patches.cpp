// Kustomize patches (inline or in patch files) applied to the objects they
// target, so rules see objects as kustomize builds them.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "grammars/paths.h"
#include "rules/engine/graph.h"
#include "rules/engine/kustomize_patch.h"
#include "rules/engine/label_selector.h"
#include "rules/engine/pattern.h"

namespace patless {
namespace {

// Strategic merge: maps merge key by key; lists of named maps (containers,
// env, volumes) merge by name; anything else is replaced.
void merge(Value& into, const Value& patch, int depth = 0) {
  if (depth > 64) return;
  if (into.kind == Value::Kind::Object && patch.kind == Value::Kind::Object) {
    for (const Member& m : patch.members) {
      if (m.key.starts_with("$patch")) continue;
      Member* existing = nullptr;
      for (Member& e : into.members)
        if (e.key == m.key) existing = &e;
      if (existing) merge(existing->value, m.value, depth + 1);
      else into.members.push_back(m);
    }
    return;
  }
  auto named = [](const Value& list) {
    for (const Value& i : list.items)
      if (i.kind != Value::Kind::Object || !i.get("name")) return false;
    return !list.items.empty();
  };
  if (into.kind == Value::Kind::Array && patch.kind == Value::Kind::Array && named(into) && named(patch)) {
    for (const Value& item : patch.items) {
      Value* existing = nullptr;
      for (Value& e : into.items)
        if (e.get("name")->text == item.get("name")->text) existing = &e;
      if (existing) merge(*existing, item, depth + 1);
      else into.items.push_back(item);
    }
    return;
  }
  into = patch;
}

// JSON patch (RFC 6902) add / replace / remove on a pointer path. Missing
// parents are created, as for an object built from patches alone.
void apply_operation(Value& root, const Value& op) {
  const Value* kind = op.get("op");
  const Value* path = op.get("path");
  if (!kind || !path || path->kind != Value::Kind::String) return;
  std::vector<std::string> tokens;
  std::string_view p = path->text;
  if (p.empty() || p[0] != '/') return;
  for (size_t at = 1; at <= p.size();) {
    size_t slash = p.find('/', at);
    std::string_view raw = p.substr(at, (slash == std::string_view::npos ? p.size() : slash) - at);
    std::string t;  // ~1 is '/', ~0 is '~'
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        t += raw[++i] == '1' ? '/' : '~';
      } else {
        t += raw[i];
      }
    }
    tokens.push_back(std::move(t));
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
  const Value* value = op.get("value");
  bool remove = kind->text == "remove";
  if (!remove && (!value || (kind->text != "add" && kind->text != "replace"))) return;
  Value* v = &root;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    bool last = i + 1 == tokens.size();
    if (v->kind == Value::Kind::Array) {
      if (t == "-") {
        if (!last || remove) return;
        v->items.push_back(*value);
        return;
      }
      size_t n = 0;
      for (char c : t) {
        if (c < '0' || c > '9') return;
        n = n * 10 + static_cast<size_t>(c - '0');
        if (n > v->items.size()) return;
      }
      if (last) {
        if (remove) {
          if (n < v->items.size()) v->items.erase(v->items.begin() + static_cast<long>(n));
        } else if (kind->text == "add") {
          v->items.insert(v->items.begin() + static_cast<long>(n), *value);
        } else if (n < v->items.size()) {
          v->items[n] = *value;
        }
        return;
      }
      if (n >= v->items.size()) return;
      v = &v->items[n];
      continue;
    }
    if (v->kind != Value::Kind::Object) {
      if (v->kind != Value::Kind::Null) return;
      v->kind = Value::Kind::Object;
    }
    Member* m = nullptr;
    for (Member& e : v->members)
      if (e.key == t) m = &e;
    if (last) {
      if (remove) {
        std::erase_if(v->members, [&](const Member& e) { return e.key == t; });
      } else if (m) {
        m->value = *value;
      } else {
        Member added;
        added.key = t;
        added.key_range = value->range;
        added.value = *value;
        v->members.push_back(std::move(added));
      }
      return;
    }
    if (!m) {
      Member added;
      added.key = t;
      added.value.kind = Value::Kind::Object;
      v->members.push_back(std::move(added));
      m = &v->members.back();
    }
    v = &m->value;
  }
}

void tag(Value& v, uint8_t origin) {
  v.origin = origin;
  for (Value& i : v.items) tag(i, origin);
  for (Member& m : v.members) tag(m.value, origin);
}

}  // namespace

bool pattern_matches(std::string_view pattern, std::string_view name) {
  if (pattern.empty() || pattern == name) return true;
  if (pattern.find_first_of(".*+?[](){}|^$\\") == std::string::npos) return false;
  return full_match(pattern, name).value_or(true);  // syntax it does not know may match: claim nothing
}

namespace {

// Documents by normalised path, and the kustomization of each directory:
// computed once, so that following resources is lookups, not path arithmetic.
struct PathIndex {
  const std::vector<std::string>& paths;                   // normalised, by document index
  std::map<std::string, size_t> by_path;                   // normalised path → document
  std::map<std::string, size_t> kustomization_of_dir;      // normalised directory → its kustomization
  PathIndex(std::span<const Document> docs, const std::vector<std::string>& normal_paths) : paths(normal_paths) {
    for (size_t i = 0; i < docs.size(); ++i) {
      by_path[paths[i]] = i;
      for (const K8sObject& o : docs[i].objects)
        if (o.is_kustomization()) kustomization_of_dir[directory_of(paths[i])] = i;
    }
  }
};

// The kustomize Components (kind: Component) a kustomization lists in `components`.
std::vector<size_t> components_of(size_t k, std::span<const Document> docs, const PathIndex& index) {
  std::vector<size_t> out;
  for (const K8sObject& o : docs[k].objects) {
    const Value* entries = o.is_kustomization() ? o.root.get("components") : nullptr;
    if (!entries || entries->kind != Value::Kind::Array) continue;
    for (const Value& e : entries->items) {
      if (e.kind != Value::Kind::String) continue;
      std::string target = beside(index.paths[k], std::string_view(e.text));
      auto found = index.kustomization_of_dir.find(target);
      if (found == index.kustomization_of_dir.end()) continue;
      for (const K8sObject& c : docs[found->second].objects)
        if (c.kind == "Component" && c.is_kustomization()) out.push_back(found->second);
    }
  }
  return out;
}

// The files a kustomization builds: its `resources`, `bases` and `components`,
// files or directories, through the kustomizations of those directories. A
// directory without a kustomization in the scan (none, or one
// outside the paths scanned or that could not be read) counts with every file below it.
void collect_files(size_t k, std::span<const Document> docs, const PathIndex& index, std::set<std::string>& files,
                   int depth) {
  if (depth > 16) return;
  for (const K8sObject& o : docs[k].objects) {
    for (std::string_view entry : o.kustomize_paths()) {
      std::string target = beside(index.paths[k], entry);
      if (index.by_path.count(target)) {
        files.insert(target);
      } else if (auto nested = index.kustomization_of_dir.find(target); nested != index.kustomization_of_dir.end()) {
        if (files.insert(index.paths[nested->second]).second)
          collect_files(nested->second, docs, index, files, depth + 1);
      } else {
        std::string prefix = target + "/";
        for (auto it = index.by_path.lower_bound(prefix); it != index.by_path.end() && it->first.starts_with(prefix);
             ++it)
          files.insert(it->first);
      }
    }
  }
}

// A strategic merge patch names what it patches (apiVersion, kind, metadata.name
// and namespace); kustomize keeps the object's own: those keys of the patch go
// where the object has them (else a finding on the object's apiVersion would
// point into the patch).
void keep_identity(const Value& root, Value& body) {
  auto drop = [](Value& v, std::string_view key) {
    std::erase_if(v.members, [&](const Member& m) { return !m.spread && m.key == key; });
  };
  for (std::string_view key : {"apiVersion", "kind"})
    if (root.get(key)) drop(body, key);
  const Value* meta = root.get("metadata");
  Value* patch_meta = nullptr;
  for (Member& m : body.members)
    if (!m.spread && m.key == "metadata") patch_meta = &m.value;
  if (!meta || !patch_meta) return;
  for (std::string_view key : {"name", "namespace"})
    if (meta->get(key)) drop(*patch_meta, key);
}

}  // namespace

// Applies `p`; what it writes is tagged with `origin` (see Value::origin).
void apply_patch(Value& root, const KustomizePatch& p, uint8_t origin) {
  Value body = p.body;
  tag(body, origin);
  if (p.type == KustomizePatch::Type::StrategicMerge) {
    keep_identity(root, body);
    merge(root, body);
  } else if (body.kind == Value::Kind::Array) {
    for (const Value& op : body.items)
      if (op.kind == Value::Kind::Object) apply_operation(root, op);
  }
}

bool patch_targets(const KustomizePatch& p, const K8sObject& o, const Value& root) {
  if (!pattern_matches(p.target_kind, o.kind) || !pattern_matches(p.target_name, o.name)) return false;
  if (!o.api_version.empty()) {  // "apps/v1": group apps, version v1; "v1": the core group ""
    std::string_view api = o.api_version;
    size_t slash = api.find('/');
    std::string_view group = slash == std::string_view::npos ? std::string_view() : api.substr(0, slash);
    std::string_view version = slash == std::string_view::npos ? api : api.substr(slash + 1);
    if (!pattern_matches(p.target_group, group) || !pattern_matches(p.target_version, version)) return false;
  }
  // An object without a namespace may get one from the kustomization that builds it.
  if (!o.namespace_.empty() && !pattern_matches(p.target_namespace, o.namespace_)) return false;
  const Value* meta = root.get("metadata");
  const Value* metadata = meta && meta->kind == Value::Kind::Object ? meta : nullptr;
  return selector_matches(p.label_selector, metadata ? metadata->get("labels") : nullptr) &&
         selector_matches(p.annotation_selector, metadata ? metadata->get("annotations") : nullptr);
}

// kustomize `replacements` copy values into the objects they select; patless does
// not follow them, so what they may write is unknown (a patch that cannot be read).
// One kept in a file of its own may select anything.
void Graph::replacement_targets(const Document& doc, std::vector<PatchRef>& out) {
  for (const K8sObject& k : doc.objects) {
    const Value* list = k.is_kustomization() ? k.root.get("replacements") : nullptr;
    if (!list || list->kind != Value::Kind::Array) continue;
    auto unknown = [&](const Value* select) {
      KustomizePatch p;
      p.read_target(select);
      file_patches_.push_back(std::move(p));
      out.push_back({&file_patches_.back(), &doc, true});
    };
    for (const Value& r : list->items) {
      const Value* targets = r.kind == Value::Kind::Object ? r.get("targets") : nullptr;
      if (!targets || targets->kind != Value::Kind::Array) {
        unknown(nullptr);  // `path:` (or anything else): any object
        continue;
      }
      for (const Value& t : targets->items) unknown(t.kind == Value::Kind::Object ? t.get("select") : nullptr);
    }
  }
}

namespace {

bool written_by_patch(const Value& v) {
  if (v.origin != 0 && v.origin != Value::kForeign) return true;
  for (const Value& i : v.items)
    if (written_by_patch(i)) return true;
  for (const Member& m : v.members)
    if (written_by_patch(m.value)) return true;
  return false;
}

}  // namespace

bool ObjectNode::patched_at(std::initializer_list<std::string_view> path) const {
  if (patched_by.empty()) return false;
  const Member* m = member(path);
  return m && written_by_patch(m->value);
}

void Graph::apply_patches() {
  paths_.reserve(documents_.size());
  for (const Document& d : documents_) paths_.push_back(normal_path(d.path));
  const PathIndex index(documents_, paths_);
  // Each kustomization's patches: inline ones, and one per object of a patch
  // file. A patch file is not a resource: its objects are not the scan's.
  std::set<std::string> patch_files;
  auto patches_of = [&](size_t k, std::vector<PatchRef>& out) {
    const Document& doc = documents_[k];
    for (const KustomizePatch& p : doc.patches) {
      if (p.of_flux_instance) continue;  // graph_installations.cpp
      if (p.file.empty()) {
        out.push_back({&p, &doc});
        continue;
      }
      std::string path = beside(index.paths[k], p.file);
      patch_files.insert(path);
      auto found = index.by_path.find(path);
      bool targeted = !p.target_group.empty() || !p.target_version.empty() || !p.target_kind.empty() ||
                      !p.target_name.empty() || p.selects_by_metadata();
      // Unknown: a file the scan lacks, or a JSON patch list (no object holds what it
      // does). A targeted file without objects the rules read is such a list too.
      if (found == index.by_path.end() || p.type == KustomizePatch::Type::Json6902 ||
          (targeted && documents_[found->second].objects.empty())) {
        out.push_back({&p, &doc, true});
        continue;
      }
      const Document& file = documents_[found->second];
      for (const K8sObject& o : file.objects) {
        KustomizePatch copy;
        copy.type = KustomizePatch::Type::StrategicMerge;
        copy.target_group = targeted ? p.target_group : std::string();
        copy.target_version = targeted ? p.target_version : std::string();
        copy.target_kind = targeted ? p.target_kind : o.kind;
        copy.target_name = targeted ? p.target_name : o.name;
        copy.target_namespace = targeted ? p.target_namespace : o.namespace_;
        copy.label_selector = p.label_selector;
        copy.annotation_selector = p.annotation_selector;
        copy.body = o.root;
        copy.range = o.range;
        file_patches_.push_back(std::move(copy));
        out.push_back({&file_patches_.back(), &file});
      }
    }
  };
  for (size_t k = 0; k < documents_.size(); ++k) {
    const Document& doc = documents_[k];
    const auto& objects = doc.objects;
    // A Component builds nothing of its own: what it has counts in the kustomizations that list it.
    if (std::none_of(objects.begin(), objects.end(),
                     [](const K8sObject& o) { return o.is_kustomization() && o.kind != "Component"; }))
      continue;
    KustomizeBuild b{&doc, index.paths[k], {}, {}};
    collect_files(k, documents_, index, b.files, 0);
    // A component's patches apply to what the kustomization that lists it builds,
    // before the kustomization's own (kustomize runs components first).
    for (size_t c : components_of(k, documents_, index)) patches_of(c, b.patches);
    patches_of(k, b.patches);
    replacement_targets(doc, b.patches);
    builds_.push_back(std::move(b));
  }
  for (const Document& doc : documents_) {
    if (doc.objects.empty() || patch_files.count(normal_path_of(&doc))) continue;
    for (const K8sObject& o : doc.objects) {
      ObjectNode node;
      node.doc = &doc;
      node.object = &o;
      node.root = &o.root;
      objects_.push_back(std::move(node));
    }
  }

  // The kustomizations that build each file, in order: one pass over their
  // file lists, not a lookup in every list for every object.
  std::unordered_map<std::string, std::vector<const KustomizeBuild*>> built_by;
  for (const KustomizeBuild& b : builds_)
    for (const std::string& f : b.files) built_by[f].push_back(&b);
  for (ObjectNode& node : objects_) {
    Value* built = nullptr;
    auto found = built_by.find(normal_path_of(node.doc));
    if (found == built_by.end()) continue;
    for (const KustomizeBuild* bp : found->second) {
      const KustomizeBuild& b = *bp;
      for (const K8sObject& k : b.kustomization->objects) {
        const Value* ns = k.is_kustomization() ? k.root.get("namespace") : nullptr;
        if (ns && ns->kind == Value::Kind::String && !ns->text.empty()) node.kustomize_namespaces.push_back(ns->text);
        if (ns && ns->kind == Value::Kind::Opaque) node.kustomize_namespace_unknown = true;
      }
      for (const PatchRef& ref : b.patches) {
        const KustomizePatch& p = *ref.patch;
        if (!patch_targets(p, *node.object, built ? *built : node.object->root)) continue;
        if (ref.unknown) {
          node.unknown_patch = true;
          continue;
        }
        if (!built) {
          built = &built_roots_.emplace_back(node.object->root);
        }
        // Origins count from 1 and fit a byte; later patches of a much-patched object stay untagged.
        size_t index = std::find(node.patched_by.begin(), node.patched_by.end(), ref.written_in) - node.patched_by.begin();
        if (index == node.patched_by.size()) node.patched_by.push_back(ref.written_in);
        apply_patch(*built, p, index < 255 ? static_cast<uint8_t>(index + 1) : 0);
      }
    }
    if (built) node.root = built;
  }
}

}  // namespace patless
