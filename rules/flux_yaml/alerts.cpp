#include "rules/flux_yaml/alerts.h"

#include <algorithm>

namespace patless {
namespace {

// An Alert that receives GitRepository error events: an eventSources entry of
// kind GitRepository or '*', and a severity of error or info (info includes errors).
bool alerts_on_git_repositories(const ObjectNode& o) {
  if (o.object->kind != "Alert" || o.object->api_version.rfind("notification.toolkit.fluxcd.io/", 0) != 0) return false;
  const std::string* severity = o.string({"spec", "eventSeverity"});
  if (severity && *severity != "error" && *severity != "info") return false;
  const Value* sources = o.get({"spec", "eventSources"});
  if (!sources || sources->kind != Value::Kind::Array) return false;
  for (const Value& s : sources->items) {
    const Value* kind = s.kind == Value::Kind::Object ? s.get("kind") : nullptr;
    if (kind && (kind->text == "GitRepository" || kind->text == "*" || kind->kind == Value::Kind::Opaque)) return true;
  }
  return false;
}

}  // namespace

Alerts::Alerts(const Graph& graph) : graph_(graph) {
  for (const FluxInstallation& flux : graph.flux_installations())
    for (const ObjectNode* o : flux.objects) applied_by_[o].push_back(&flux);
}

bool Alerts::watches(const ObjectNode& o, const FluxInstallation* flux) const {
  // An Alert a patch patless cannot read may change could be the one.
  if (!alerts_on_git_repositories(o) && !(o.unknown_patch && o.object->kind == "Alert")) return false;
  auto it = applied_by_.find(&o);
  return !flux || it == applied_by_.end() || std::count(it->second.begin(), it->second.end(), flux);
}

bool Alerts::any() const {
  const auto& objects = graph_.objects();
  return std::any_of(objects.begin(), objects.end(), [&](const ObjectNode& o) { return watches(o, nullptr); });
}

bool Alerts::any_unapplied() const {
  const auto& objects = graph_.objects();
  return std::any_of(objects.begin(), objects.end(),
                     [&](const ObjectNode& o) { return !applied(o) && watches(o, nullptr); });
}

const ObjectNode* Alerts::first_unapplied_azure() const {
  for (const ObjectNode& o : graph_.objects())
    if (surely_azure(o) && !applied(o)) return &o;
  return nullptr;
}

bool surely_azure(const ObjectNode& o) {
  return !o.unknown_patch && o.uses_azure_provider();
}

ObjectPlace place_of(const Graph& graph, const ObjectNode& o) {
  ObjectPlace p;
  p.generated = o.object->generated_by >= 0;
  p.document = static_cast<size_t>(o.doc - graph.documents().data());
  p.ordinal =
      p.generated ? static_cast<size_t>(o.object->generated_by) : static_cast<size_t>(o.object - o.doc->objects.data());
  p.path = o.doc->path;
  return p;
}

}  // namespace patless
