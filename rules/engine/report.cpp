#include "rules/engine/report.h"

namespace patless {

Finding finding_at(const ResourceNode& node, const SourceRange& range, std::string_view property,
                   std::string message, Level level) {
  Finding f;
  f.level = level;
  f.message = std::move(message);
  f.path = node.doc->path;
  f.range = range.valid() ? range : node.resource->head_range;
  f.logical_location = node.identity() + "#" + std::string(property);
  return f;
}

Finding finding_at(const ObjectNode& node, const SourceRange& range, std::string_view property,
                   std::string message, Level level) {
  Finding f;
  f.level = level;
  f.message = std::move(message);
  f.path = node.doc->path;
  f.range = range.valid() ? range : node.object->range;
  const K8sObject& o = *node.object;
  f.logical_location = o.kind + "/" + (o.namespace_.empty() ? "" : o.namespace_ + "/") + o.name + "#" +
                       std::string(property);
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
