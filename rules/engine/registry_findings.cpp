#include "rules/engine/registry_findings.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace patless {

void move_registry_findings_to_modules(std::span<const Document> documents, std::vector<Finding>& findings) {
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
    // add_deployment() lists what deploys the finding's file among its related
    // locations: the module declaration, or the .bicepparam's `using`, in the
    // repository that names this template. The reference as written, and where it is.
    auto naming = [&](const RelatedLocation& r) -> std::optional<std::pair<std::string, SourceRange>> {
      auto caller = by_path.find(r.path);
      if (caller == by_path.end() || !caller->second->registry.empty()) return std::nullopt;
      const Document& d = *caller->second;
      for (const Module& m : d.modules)
        if (!m.registry.empty() && m.path == f.path && m.range.start_offset == r.range.start_offset)
          return std::pair{m.registry, m.path_range.valid() ? m.path_range : m.range};
      if (!d.using_registry.empty() && d.using_path == f.path && d.using_range.start_offset == r.range.start_offset)
        return std::pair{d.using_registry, d.using_path_range.valid() ? d.using_path_range : d.using_range};
      return std::nullopt;
    };
    std::optional<std::pair<std::string, SourceRange>> reference;
    size_t at = 0;
    for (; at < f.related.size() && !reference; ++at) reference = naming(f.related[at]);
    if (!reference) continue;
    const auto& [registry, range] = *reference;
    RelatedLocation inside{f.path, f.range, "the module's template, as Bicep restored it"};
    f.message = (is_template_spec_reference(registry) ? "In template spec '" : "In registry module '") + registry +
                "': " + f.message;
    f.path = f.related[at - 1].path;
    f.range = range;
    f.related.erase(f.related.begin() + static_cast<std::ptrdiff_t>(at - 1));
    f.related.insert(f.related.begin(), std::move(inside));
  }
}

}  // namespace patless
