#include "rules/engine/registry_findings.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace patless {

void move_registry_findings_to_modules(const std::vector<Document>& documents, std::vector<Finding>& findings) {
  std::unordered_map<std::string_view, const Document*> by_path;
  bool any = false;
  for (const Document& d : documents) {
    by_path.emplace(d.path, &d);
    any = any || !d.registry.empty();
  }
  if (!any) return;
  auto in_registry = [&](const std::string& path) {
    auto it = by_path.find(path);
    return it != by_path.end() && !it->second->registry.empty();
  };
  for (Finding& f : findings) {
    if (f.fix && in_registry(f.fix->path)) f.fix.reset();
    if (!in_registry(f.path)) continue;
    // add_deployment() lists the module declarations from the innermost out:
    // the first one in the repository deploys the registry module.
    auto by = std::find_if(f.related.begin(), f.related.end(), [&](const RelatedLocation& r) {
      return !in_registry(r.path) && r.message.starts_with("deployed by module");
    });
    if (by == f.related.end()) continue;
    auto caller = by_path.find(by->path);
    if (caller == by_path.end()) continue;
    const auto& modules = caller->second->modules;
    auto m = std::find_if(modules.begin(), modules.end(), [&](const Module& m) {
      return !m.registry.empty() && m.range.start_offset == by->range.start_offset;
    });
    if (m == modules.end()) continue;
    RelatedLocation inside{f.path, f.range, "the module's template, as Bicep restored it"};
    f.message = "In registry module '" + m->registry + "': " + f.message;
    f.path = by->path;
    f.range = m->path_range.valid() ? m->path_range : m->range;
    f.related.erase(by);
    f.related.insert(f.related.begin(), std::move(inside));
  }
}

}  // namespace patless
