#include "rules/engine/report.h"

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

}  // namespace

// Which deployment produced a finding: the parameter file, the module
// declarations that deploy the resource's file.
void add_deployment(Finding& f, const Scope* scope) {
  for (int depth = 0; scope && depth < 32; ++depth) {
    if (scope->parameter_file && !scope->nested_in)
      f.related.push_back({scope->parameter_file->path, SourceRange{1, 1, 1, 1, 0, 0},
                           "deployed with the parameters of this file"});
    if (scope->module && scope->caller)
      f.related.push_back({scope->caller->doc->path, scope->module->range,
                           "deployed by module '" + scope->module->symbol + "'"});
    if (scope->linked_by && scope->caller)
      f.related.push_back({scope->caller->doc->path, scope->linked_by->head_range, "deployed by this deployment"});
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

SourceRange missing_property_range(const ResourceNode& node, const Lookup& l) {
  // A key inside this resource's own text; the body's own range means nothing was found.
  if (l.key_range.valid() && l.key_range.start_offset >= node.resource->range.start_offset &&
      l.key_range.end_offset <= node.resource->range.end_offset)
    return l.key_range;
  return node.resource->head_range;
}

}  // namespace patless
