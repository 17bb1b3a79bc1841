#include "grammars/model.h"

#include "grammars/ascii.h"

namespace patless {

bool is_chain_type(std::string_view type) {
  for (std::string_view t : {"Microsoft.ContainerService/managedClusters", "Microsoft.KubernetesConfiguration/",
                             "Microsoft.ManagedIdentity/", "Microsoft.Resources/deployments"})
    if (type.size() >= t.size() && iequals(type.substr(0, t.size()), t)) return true;
  return false;
}

bool links_chain(std::string_view type, bool existing, bool linked_template) {
  if (!is_chain_type(type)) return false;
  if (existing && (iequals(type, "Microsoft.ContainerService/managedClusters") ||
                   iequals(type, "Microsoft.ManagedIdentity/userAssignedIdentities")))
    return false;
  return !iequals(type, "Microsoft.Resources/deployments") || linked_template;
}

const char* format_name(Format f) {
  switch (f) {
    case Format::Bicep: return "bicep";
    case Format::BicepParams: return "bicepparam";
    case Format::Arm: return "arm";
    case Format::ArmParams: return "arm-parameters";
    case Format::Yaml: return "yaml";
  }
  return "unknown";
}

const Parameter* Document::parameter(std::string_view name) const {
  for (const auto& p : parameters)
    if (p.name == name) return &p;
  return nullptr;
}

const Variable* Document::variable(std::string_view name) const {
  for (const auto& v : variables)
    if (v.name == name) return &v;
  return nullptr;
}

namespace {

// kustomize takes an entry it finds no file or directory for as a remote Git
// repository (api/internal/git/repospec.go): a URL, an scp-like `git@host:`, a
// known host without a scheme (`github.com/org/repo//path?ref=v1`), the `//`
// that separates the repository from the path in it, a `?ref=` query.
bool remote_resource(std::string_view entry) {
  if (entry.find("://") != std::string_view::npos || entry.find("//") != std::string_view::npos ||
      entry.find('?') != std::string_view::npos || entry.starts_with("git@") || entry.starts_with("git::") ||
      entry.starts_with("gh:"))
    return true;
  const std::string_view host = entry.substr(0, entry.find('/'));
  return host == "github.com" || host == "gitlab.com" || host == "bitbucket.org" || host == "dev.azure.com" ||
         host == "ssh.dev.azure.com" || host.ends_with(".visualstudio.com");
}

}  // namespace

std::vector<std::string_view> K8sObject::kustomize_paths() const {
  std::vector<std::string_view> out;
  if (!is_kustomization()) return out;
  for (std::string_view list : {"resources", "bases", "components"}) {
    const Value* entries = root.get(list);
    if (!entries || entries->kind != Value::Kind::Array) continue;
    for (const Value& e : entries->items)
      if (e.kind == Value::Kind::String && !remote_resource(e.text)) out.push_back(e.text);
  }
  return out;
}

void KustomizePatch::read_target(const Value* target) {
  auto text = [&](std::string_view key) {
    const Value* v = target && target->kind == Value::Kind::Object ? target->get(key) : nullptr;
    return v && v->is_literal_scalar() ? v->text : std::string();
  };
  target_group = text("group");
  target_version = text("version");
  target_kind = text("kind");
  target_name = text("name");
  target_namespace = text("namespace");
  label_selector = text("labelSelector");
  annotation_selector = text("annotationSelector");
}

const Resource* Document::resource(std::string_view symbol) const {
  for (const auto& r : resources)
    if (r.symbol == symbol) return &r;
  return nullptr;
}

}  // namespace patless
