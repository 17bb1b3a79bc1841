#include "rules/engine/report.h"

#include <algorithm>
#include <iterator>
#include <map>

#include "rules/engine/deployments.h"

namespace patless {
namespace {

// `range`, or `fallback` where the rule had no valid range to give.
Finding make_finding(const Document& doc, const SourceRange& range, const SourceRange& fallback,
                     std::string identity, std::string_view property, std::string message, Level level) {
  Finding f;
  f.level = level;
  f.message = std::move(message);
  f.path = doc.path;
  f.range = range.valid() ? range : fallback;
  f.logical_location = std::move(identity) + "#" + std::string(property);
  return f;
}

// The note of what deploys a finding's file through passes of a loop: the module
// indexed as Bicep indexes a module collection, or ARM's copyIndex(); no pass
// where all of them made it. Runs of three or more are written a-b.
std::string loop_message(const RelatedLocation& r) {
  const bool every = r.passes.size() == r.loop_passes;
  std::string list;
  for (size_t i = 0; i < r.passes.size();) {
    size_t j = i;
    while (j + 1 < r.passes.size() && r.passes[j + 1] == r.passes[j] + 1) ++j;
    if (!list.empty()) list += ", ";
    list += std::to_string(r.passes[i]);
    if (j > i) {
      list += j >= i + 2 ? "-" : ", ";
      list += std::to_string(r.passes[j]);
    }
    i = j + 1;
  }
  if (!r.loop_module.empty()) return "deployed by module '" + r.loop_module + (every ? "" : "[" + list + "]") + "'";
  return "deployed by this deployment" + (every ? "" : ", copyIndex() " + list);
}

// What deploys a finding's file: a module declaration or a linked deployment. A
// loop over environments deploys the file once for each: the note says for which.
RelatedLocation deployed_by(const std::string& path, const SourceRange& range, const Scope& deployment) {
  RelatedLocation r{
      path, range,
      deployment.module ? "deployed by module '" + deployment.module->symbol + "'" : "deployed by this deployment",
      true};
  const Scope* made_in = deployment.made_in;
  if (!made_in || !made_in->pass) return r;
  r.passes = {made_in->pass->index};
  r.loop_passes = made_in->pass->count;
  if (deployment.module) r.loop_module = deployment.module->symbol;
  r.message = loop_message(r);
  return r;
}

}  // namespace

std::string shown(const Value& v) {
  switch (v.kind) {
    case Value::Kind::String:
      return "'" + v.text + "'";
    case Value::Kind::Bool:
    case Value::Kind::Number:
      return v.text;
    case Value::Kind::Null:
      return "null";
    case Value::Kind::Array:
      return "an array";
    case Value::Kind::Object:
      return "an object";
    default:
      return "an expression";  // evaluated, so known: rules see literals only
  }
}

bool same_note(const RelatedLocation& a, const RelatedLocation& b) {
  return a.path == b.path && a.range.start_offset == b.range.start_offset && a.message == b.message;
}

bool same_loop(const RelatedLocation& a, const RelatedLocation& b) {
  return a.loop_passes > 0 && a.loop_passes == b.loop_passes && a.loop_module == b.loop_module && a.path == b.path &&
         a.range.start_offset == b.range.start_offset;
}

void merge_passes(RelatedLocation& into, const RelatedLocation& from) {
  std::vector<size_t> passes;
  std::set_union(into.passes.begin(), into.passes.end(), from.passes.begin(), from.passes.end(),
                 std::back_inserter(passes));
  into.passes = std::move(passes);
  into.message = loop_message(into);
}

// Which deployment produced a finding: the parameter file, the module
// declarations that deploy the resource's file.
void add_deployment(Finding& f, const Scope* scope) {
  for (int depth = 0; scope && depth < 32; ++depth) {
    if (const Document* p = scope->parameter_file; p && !scope->nested_in)  // a .bicepparam's `using`, or the top
      f.related.push_back({p->path, p->using_range.valid() ? p->using_range : SourceRange{1, 1, 1, 1, 0, 0},
                           "deployed with the parameters of this file"});
    if (scope->module && scope->caller)
      f.related.push_back(deployed_by(scope->caller->doc->path, scope->module->range, *scope));
    if (scope->linked_by && scope->caller)
      f.related.push_back(deployed_by(scope->caller->doc->path, scope->linked_by->head_range, *scope));
    if (scope->nested_in) {
      scope = scope->nested_in;  // the same file: nothing to name, go on to its deployment
      continue;
    }
    if (!scope->module && !scope->linked_by) break;
    scope = scope->caller;
  }
}

Finding finding_at(const ResourceNode& node, const SourceRange& range, std::string_view property,
                   std::string message, Level level) {
  Finding f = make_finding(*node.doc, range, node.resource->head_range, node.identity(), property, std::move(message),
                           level);
  add_deployment(f, node.scope);
  return f;
}

Finding finding_at(const ObjectNode& node, const SourceRange& range, std::string_view property,
                   std::string message, Level level, const Value* written) {
  const K8sObject& o = *node.object;
  std::string identity = o.kind + "/" + (o.namespace_.empty() ? "" : o.namespace_ + "/") + o.name;
  Finding f = make_finding(*node.doc, range, o.range, std::move(identity), property, std::move(message), level);
  if (written && range.valid()) f.path = node.path_of(*written);
  return f;
}

RelatedLocation related(const ResourceNode& node, std::string message) {
  return {node.doc->path, node.resource->head_range, std::move(message)};
}

namespace {

// Whether `inner` lies within `outer`'s bytes.
bool within(const SourceRange& inner, const SourceRange& outer) {
  return inner.start_offset >= outer.start_offset && inner.end_offset <= outer.end_offset;
}

bool same_range(const SourceRange& a, const SourceRange& b) {
  return a.start_offset == b.start_offset && a.end_offset == b.end_offset && a.start_line == b.start_line &&
         a.start_column == b.start_column;
}

bool writes(const Value& v, const SourceRange& r, int depth = 0) {
  if (same_range(v.range, r)) return true;
  if (depth > 64 || v.range.start_offset > r.start_offset || (v.range.valid() && v.range.end_offset < r.end_offset))
    return false;  // not inside this value
  for (const Value& i : v.items)
    if (writes(i, r, depth + 1)) return true;
  for (const Member& m : v.members)
    if (writes(m.value, r, depth + 1)) return true;
  return false;
}

bool writes(const Document& d, const SourceRange& r) {
  for (const Parameter& p : d.parameters)
    if (p.default_value && writes(*p.default_value, r)) return true;
  for (const Variable& v : d.variables)
    if (writes(v.value, r)) return true;
  for (const Module& m : d.modules)
    if (writes(m.body, r)) return true;
  for (const Resource& res : d.resources)
    if (writes(res.body, r)) return true;
  for (const Document& n : d.nested)
    if (writes(n, r)) return true;
  return false;
}

}  // namespace

std::optional<RelatedLocation> written_elsewhere(const ResourceNode& node, const Lookup& l, const std::string& what) {
  if (!l.known()) return std::nullopt;
  return written_elsewhere(node, l.value, what);
}

void add_written_elsewhere(Finding& f, const ResourceNode& node, const Lookup& l, const std::string& what) {
  auto set = written_elsewhere(node, l, what);
  // A parameter's default may be where the finding itself points.
  if (set && !(set->path == f.path && same_range(set->range, f.range))) f.related.push_back(std::move(*set));
}

std::optional<RelatedLocation> written_elsewhere(const ResourceNode& node, const Value& value,
                                                 const std::string& what) {
  if (!value.range.valid()) return std::nullopt;
  if (value.origin != Value::kForeign) {
    // In this file but not in the resource: a parameter's default, a variable.
    if (within(value.range, node.resource->range) || value.origin != 0 || !writes(*node.doc, value.range))
      return std::nullopt;
    return RelatedLocation{node.doc->path, value.range, what + ", as written here"};
  }
  // The documents of the deployments above: callers, parameter files, outer templates.
  std::vector<const Document*> docs;
  auto add = [&](const Document* d) {
    if (d && d != node.doc && std::find(docs.begin(), docs.end(), d) == docs.end()) docs.push_back(d);
  };
  int depth = 0;
  const std::map<std::string, const Document*>* documents = nullptr;
  for (const Scope* s = node.scope; s && depth < 64; ++depth) {
    add(s->doc);
    add(&s->declarations());
    add(s->parameter_file);
    for (const Argument& a : s->arguments)
      if (const Scope* from = s->source_of(a)) add(from->doc);
    if (!documents) documents = s->documents;
    s = s->nested_in ? s->nested_in : s->caller;
  }
  // And what they and the resource's file import (`import { x } from 'shared.bicep'`), and so on.
  auto add_imports = [&](const Document& d) {
    for (const std::string& path : imported_files(d))
      if (auto found = documents->find(path); found != documents->end()) add(found->second);
  };
  if (documents) add_imports(*node.doc);
  for (size_t i = 0; documents && i < docs.size() && i < 256; ++i) add_imports(*docs[i]);
  for (const Document* d : docs)
    if (writes(*d, value.range)) return RelatedLocation{d->path, value.range, what + ", as written here"};
  return std::nullopt;
}

SourceRange missing_property_range(const ResourceNode& node, const Lookup& l) {
  // A key inside this resource's own text; the body's own range means nothing was found.
  if (l.key_range.valid() && within(l.key_range, node.resource->range)) return l.key_range;
  return node.resource->head_range;
}

}  // namespace patless
