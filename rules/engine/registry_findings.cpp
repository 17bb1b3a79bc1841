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
    // add_deployment() lists the module declarations that deploy the finding's
    // file among its related locations: the one in the repository that names this template.
    auto deploying_module = [&](const RelatedLocation& r) -> const Module* {
      auto caller = by_path.find(r.path);
      if (caller == by_path.end() || !caller->second->registry.empty()) return nullptr;
      for (const Module& m : caller->second->modules)
        if (!m.registry.empty() && m.path == f.path && m.range.start_offset == r.range.start_offset) return &m;
      return nullptr;
    };
    const Module* m = nullptr;
    size_t at = 0;
    for (; at < f.related.size() && !m; ++at) m = deploying_module(f.related[at]);
    if (!m) continue;
    RelatedLocation inside{f.path, f.range, "the module's template, as Bicep restored it"};
    f.message = (is_template_spec_reference(m->registry) ? "In template spec '" : "In registry module '") +
                m->registry + "': " + f.message;
    f.path = f.related[at - 1].path;
    f.range = m->path_range.valid() ? m->path_range : m->range;
    f.related.erase(f.related.begin() + static_cast<std::ptrdiff_t>(at - 1));
    f.related.insert(f.related.begin(), std::move(inside));
  }
}

}  // namespace patless
