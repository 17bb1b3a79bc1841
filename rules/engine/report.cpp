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

Finding finding_at(const ResourceNode& node, const SourceRange& range, std::string_view property,
                   std::string message, Level level) {
  return make_finding(*node.doc, range, node.resource->head_range, node.identity(), property, std::move(message),
                      level);
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
