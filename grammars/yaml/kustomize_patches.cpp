#include "grammars/yaml/kustomize_patches.h"

#include <functional>

#include "grammars/yaml/yaml_documents.h"

namespace patless {
namespace {

// Maps offsets in a block scalar's value (`patch: |`) to offsets in the file:
// each value line is a file line with the block's indentation removed.
class BlockMapper {
 public:
  BlockMapper(const SourceText& file, const SourceText& inner, const Value& scalar) : file_(file), inner_(inner) {
    std::string_view b = file.bytes();
    size_t s = scalar.range.start_offset;
    if (s >= b.size() || b[s] != '|') return;
    // An explicit indentation indicator (`|2`) is rare; such patches keep the scalar's range.
    size_t eol = b.find('\n', s);
    if (eol == std::string_view::npos) return;
    for (size_t i = s + 1; i < eol; ++i)
      if (b[i] >= '0' && b[i] <= '9') return;
    first_line_ = file.position(eol + 1).first;
    // The indentation is that of the first non-blank content line.
    for (uint32_t l = first_line_; l <= file.line_count(); ++l) {
      std::string_view text = file.line(l);
      size_t first = text.find_first_not_of(' ');
      if (first == std::string_view::npos) continue;
      indent_ = first;
      break;
    }
    // Every value line must stand at its place in the file.
    for (uint32_t l = 1; l <= inner.line_count(); ++l) {
      std::string_view want = inner.line(l);
      uint32_t fl = first_line_ + l - 1;
      if (fl > file.line_count()) return;
      std::string_view have = file.line(fl);
      if (want.empty()) continue;
      if (have.size() < indent_ || have.substr(indent_) != want) return;
    }
    valid_ = true;
  }

  bool valid() const { return valid_; }

  size_t map(size_t inner_offset) const {
    auto [line, column] = inner_.position(inner_offset);
    size_t in_line = inner_offset - inner_.offset_of(line, 1);
    uint32_t fl = std::min(first_line_ + line - 1, file_.line_count());
    return std::min(file_.offset_of(fl, 1) + indent_ + in_line, file_.bytes().size());
  }

 private:
  const SourceText& file_;
  const SourceText& inner_;
  uint32_t first_line_ = 0;
  size_t indent_ = 0;
  bool valid_ = false;
};

void remap(Value& v, const std::function<SourceRange(const SourceRange&)>& f) {
  v.range = f(v.range);
  for (Value& i : v.items) remap(i, f);
  for (Member& m : v.members) {
    m.key_range = f(m.key_range);
    remap(m.value, f);
  }
}

std::string text_at(const Value* v, std::string_view key) {
  const Value* f = v && v->kind == Value::Kind::Object ? v->get(key) : nullptr;
  return f && f->is_literal_scalar() ? f->text : std::string();
}

// Parses one inline patch string; appends its documents to `out`.
void parse_patch(const SourceText& file, const Value& scalar, const Value* target, bool json6902_entry,
                 Document& doc) {
  const std::string& text = scalar.text;
  SourceText inner(text);
  YamlDocuments reader(inner);
  std::vector<YamlDocument> documents;
  if (std::optional<YamlError> error = reader.read(text, [&](YamlDocument& d) { documents.push_back(std::move(d)); })) {
    doc.errors.push_back({"kustomize patch: YAML error: " + error->message, scalar.range});
    return;
  }
  BlockMapper mapper(file, inner, scalar);
  auto to_file = [&](const SourceRange& r) {
    if (!r.valid()) return r;
    if (!mapper.valid()) return scalar.range;
    return file.range(mapper.map(r.start_offset), mapper.map(r.end_offset));
  };
  for (YamlDocument& d : documents) {
    if (d.root.kind != Value::Kind::Object && d.root.kind != Value::Kind::Array) continue;
    if (d.limit_hit) break;
    KustomizePatch p;
    p.body = std::move(d.root);
    remap(p.body, to_file);
    p.range = mapper.valid() ? file.range(scalar.range.start_offset, mapper.map(text.size())) : scalar.range;
    p.type = json6902_entry || p.body.kind == Value::Kind::Array ? KustomizePatch::Type::Json6902
                                                                   : KustomizePatch::Type::StrategicMerge;
    if (target) {
      p.read_target(target);
    } else if (p.type == KustomizePatch::Type::StrategicMerge) {
      // Without a target, a strategic-merge patch names what it patches.
      p.target_kind = text_at(&p.body, "kind");
      const Value* meta = p.body.get("metadata");
      p.target_name = text_at(meta, "name");
      p.target_namespace = text_at(meta, "namespace");
    }
    doc.patches.push_back(std::move(p));
  }
}

// A string, or one with a ${variable} in it (Opaque, its text kept): a patch's
// variables are values inside it, not a reason to skip it.
bool is_text(const Value& v) { return v.kind == Value::Kind::String || v.kind == Value::Kind::Opaque; }

// A patch in a file of its own: its path and target; the graph reads the file.
void file_patch(const Value& path, const Value* target, bool json6902_entry, Document& doc) {
  KustomizePatch p;
  p.file = path.text;
  p.range = path.range;
  p.type = json6902_entry ? KustomizePatch::Type::Json6902 : KustomizePatch::Type::StrategicMerge;
  if (target) p.read_target(target);
  doc.patches.push_back(std::move(p));
}

// A patchesStrategicMerge entry that is YAML text rather than a file path.
bool is_inline(const Value& v) {
  return is_text(v) && v.text.find('\n') != std::string::npos;
}

// The entries of a `patches` list (and, in a kustomization, `patchesJson6902`).
void read_patch_list(const SourceText& file, const Value& root, Document& doc, bool with_older_lists) {
  for (std::string_view list : {"patches", "patchesJson6902"}) {
    if (list != "patches" && !with_older_lists) continue;
    const Value* entries = root.get(list);
    if (!entries || entries->kind != Value::Kind::Array) continue;
    for (const Value& e : entries->items) {
      if (e.kind != Value::Kind::Object) continue;
      const Value* patch = e.get("patch");
      const Value* path = e.get("path");
      // `patch:` is always the patch itself, even on one line ('[{"op": ...}]').
      if (patch && is_text(*patch))
        parse_patch(file, *patch, e.get("target"), list == "patchesJson6902", doc);
      else if (path && is_text(*path) && !path->text.empty())
        file_patch(*path, e.get("target"), list == "patchesJson6902", doc);
    }
  }
}

}  // namespace

void read_inline_patches(const SourceText& file, const K8sObject& kustomization, Document& doc) {
  const Value& root = kustomization.root;
  read_patch_list(file, root, doc, true);
  if (const Value* smp = root.get("patchesStrategicMerge"); smp && smp->kind == Value::Kind::Array) {
    for (const Value& e : smp->items) {
      if (is_inline(e)) parse_patch(file, e, nullptr, false, doc);
      else if (is_text(e) && !e.text.empty()) file_patch(e, nullptr, false, doc);
    }
  }
}

void read_flux_instance_patches(const SourceText& file, const K8sObject& instance, Document& doc) {
  const Value* spec = instance.root.get("spec");
  const Value* kustomize = spec && spec->kind == Value::Kind::Object ? spec->get("kustomize") : nullptr;
  if (!kustomize || kustomize->kind != Value::Kind::Object) return;
  size_t first = doc.patches.size();
  read_patch_list(file, *kustomize, doc, false);
  for (size_t i = first; i < doc.patches.size(); ++i) doc.patches[i].of_flux_instance = true;
}

}  // namespace patless
