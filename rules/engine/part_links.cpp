#include "rules/engine/part_links.h"

#include <optional>

#include "grammars/paths.h"
#include "rules/engine/deployments.h"
#include "rules/engine/flux_paths.h"
#include "rules/engine/graph.h"

namespace patless {
namespace {

// The documents at `path` and below it (as the graph's kustomize builds read a
// directory without a kustomization), from a map by normal path.
template <class F>
void at_and_below(const std::map<std::string, size_t>& by_path, const std::string& path, F&& each) {
  if (auto it = by_path.find(path); it != by_path.end()) each(it->second);
  std::string prefix = path.empty() || path.back() == '/' ? path : path + "/";
  for (auto it = by_path.lower_bound(prefix); it != by_path.end() && it->first.starts_with(prefix); ++it)
    each(it->second);
}

}  // namespace

std::vector<std::vector<size_t>> deployment_families(const LinkSource& docs) {
  std::map<std::string, size_t> by_path;
  std::map<std::string, std::vector<size_t>> templates_in;
  Joined families(docs.size());
  for (size_t i = 0; i < docs.size(); ++i)
    docs.read(i, [&](const Document& d) {
      // Two documents of one path (which the graph's tables each take one of) stay together.
      if (auto [at, first] = by_path.emplace(normal_path(d.path), i); !first) families.join(i, at->second);
      if (is_template(d)) templates_in[directory_of(d.path)].push_back(i);
    });
  for (size_t i = 0; i < docs.size(); ++i)
    docs.read(i, [&](const Document& d) {
      auto join_path = [&](const std::string& normal) {
        if (auto it = by_path.find(normal); it != by_path.end()) families.join(i, it->second);
      };
      for (const std::string& f : deployed_files(d)) join_path(f);
      for (const std::string& f : imported_files(d)) join_path(f);
      if (!d.using_path.empty()) join_path(beside(d.path, d.using_path));
      if (!d.extends_path.empty()) join_path(beside(d.path, d.extends_path));
      if (d.format == Format::ArmParams) {
        if (d.given_as_parameters) {
          for (const auto& [directory, templates] : templates_in)
            for (size_t j : templates) families.join(i, j);
        } else if (auto it = templates_in.find(directory_of(d.path)); it != templates_in.end()) {
          for (size_t j : it->second) families.join(i, j);
        }
      }
      if (d.format != Format::Yaml) return;
      const std::string path = normal_path(d.path);
      auto join_below = [&](std::string_view entry) {
        at_and_below(by_path, beside(path, entry), [&](size_t j) { families.join(i, j); });
      };
      for (const K8sObject& o : d.objects)
        for (std::string_view entry : o.kustomize_paths()) join_below(entry);
      for (const KustomizePatch& p : d.patches)
        if (!p.file.empty() && !p.of_flux_instance) join_path(beside(path, p.file));
    });
  return families.groups();
}

void FluxReach::add(const Graph& graph, size_t family) {
  for (const ObjectNode& n : graph.objects()) {
    if (is_flux_kustomization(*n.object)) {
      if (std::optional<std::string> s = sync_path(n)) {
        synced_[*s].push_back(family);
        size_t slash = s->rfind('/');
        last_names_.insert(slash == std::string::npos ? *s : s->substr(slash + 1));
      }
    } else if (n.object->kind == "Deployment" && n.object->name == "source-controller") {
      homes_.emplace_back(directory_of(normal_path(n.doc->path)), family);
    }
  }
}

void FluxReach::join(const LinkSource& links, const std::vector<size_t>& family_of, Joined& joined) const {
  if (synced_.empty() && homes_.empty()) return;
  std::map<std::string, size_t> yaml;  // normal path → document
  for (size_t i = 0; i < links.size(); ++i)
    links.read(i, [&](const Document& d) {
      if (d.format == Format::Yaml) yaml.emplace(normal_path(d.path), i);
    });
  for (const auto& [home, k] : homes_)
    for (auto it = yaml.lower_bound(home); it != yaml.end() && it->first.starts_with(home); ++it)
      if (under(it->first, home)) joined.join(k, family_of[it->second]);
  if (synced_.empty()) return;
  for (const auto& [path, document] : yaml) {
    const size_t family = family_of[document];
    // The file and each directory above it, with each of their tails at a '/'.
    for (std::string dir = path;;) {
      std::string_view d = dir;
      size_t last = d.rfind('/');
      if (last_names_.count(last == std::string_view::npos ? d : d.substr(last + 1))) {
        auto match = [&](std::string_view tail) {
          if (auto it = synced_.find(tail); it != synced_.end())
            for (size_t k : it->second) joined.join(k, family);
        };
        match(d);
        for (size_t slash = d.find('/'); slash != std::string_view::npos; slash = d.find('/', slash + 1))
          match(d.substr(slash + 1));
      }
      std::string up = directory_of(dir);
      if (dir.empty() || dir == "/" || up == dir) break;
      dir = std::move(up);
    }
  }
}

}  // namespace patless
