// PL506: self-managed Flux must give the source-controller its workload identity.
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

constexpr std::string_view kClientIdAnnotation = "azure.workload.identity/client-id";
constexpr std::string_view kUseLabel = "azure.workload.identity/use";

const Value* at(const Value* v, std::initializer_list<std::string_view> path) {
  for (std::string_view key : path) {
    v = v && v->kind == Value::Kind::Object ? v->get(key) : nullptr;
    if (!v) return nullptr;
  }
  return v;
}

class SourceControllerIdentityPatchRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL506", "source-controller-identity-patch", Level::Error, "Y",
                            "Self-managed Flux serves an Azure-provider GitRepository, but the source-controller lacks "
                            "the workload identity annotation or pod label.",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxInstallation& flux : graph.flux_installations()) {
      // Object-level workload identity: a GitRepository with spec.serviceAccountName (or, under
      // a default service account, every one) takes that ServiceAccount's identity; the
      // controller's annotation and pod label serve only the others (fluxcd.io, "Flux Workload Identity").
      if (flux.unknown_patch || flux.default_object_identity) continue;
      auto object_level = [](const ObjectNode& o) {
        const Value* sa = o.get({"spec", "serviceAccountName"});
        return sa && (sa->kind == Value::Kind::Opaque || (sa->kind == Value::Kind::String && !sa->text.empty()));
      };
      const ObjectNode* repo = nullptr;
      for (const ObjectNode* o : flux.repositories)
        if (!repo && !o->unknown_patch && o->uses_azure_provider() && !object_level(*o)) repo = o;
      if (!repo) continue;

      const Value* client_id = at(flux.service_account, {"metadata", "annotations", kClientIdAnnotation});
      // A ${variable} (Flux substitution) is unknown, and unknown is never reported.
      auto opaque = [](const Value* v) { return v && v->kind == Value::Kind::Opaque; };
      bool annotated =
          opaque(client_id) || (client_id && client_id->kind == Value::Kind::String && !client_id->text.empty());
      const Value* use = at(flux.deployment, {"spec", "template", "metadata", "labels", kUseLabel});
      bool labelled = opaque(use) || (use && use->kind == Value::Kind::String && use->text == "true");
      // `use: true` unquoted is YAML's boolean: label values are strings, and the API
      // server refuses the Deployment (kubernetes/kubernetes#23251).
      const bool boolean = use && use->kind == Value::Kind::Bool && use->text == "true";
      if (annotated && labelled) continue;
      std::string missing;
      if (!annotated) missing += "the ServiceAccount annotation " + std::string(kClientIdAnnotation);
      if (!annotated && !labelled) missing += " and ";
      if (!labelled) missing += "the pod label " + std::string(kUseLabel) + ": \"true\"";
      if (boolean)
        missing +=
            " (it is the boolean true, unquoted: label values are strings, and Kubernetes refuses the Deployment)";
      const ObjectNode& installer = *flux.installer;
      // Where the fix goes: the kustomization's patch list, whichever form it uses,
      // or a FluxInstance's spec.kustomize.patches (or what of that path it has).
      const Member* patches = nullptr;
      std::string property = "patches";
      if (installer.object->is_flux_instance()) {
        property = "spec.kustomize.patches";
        patches = installer.member({"spec", "kustomize", "patches"});
        if (!patches) patches = installer.member({"spec", "kustomize"});
        if (!patches) patches = installer.member({"spec"});
      } else {
        for (std::string_view key : {"patches", "patchesStrategicMerge", "patchesJson6902"})
          if (!patches) patches = installer.member({key});
        if (patches) property = patches->key;
      }
      SourceRange where = patches ? patches->key_range : installer.object->range;
      Finding f = finding_at(installer, where, property,
                             "Self-managed Flux runs the source-controller without " + missing + ", but " +
                                 repo->title() + " uses provider: azure: the controller gets no workload "
                                 "identity token. Patch " + (annotated || labelled ? "it" : "them") + " in here.");
      const Value* provider = repo->get({"spec", "provider"});
      f.related.push_back({repo->path_of(*provider), provider->range, "the GitRepository with provider: azure"});
      out.report(std::move(f));
    }
  }
};

PATLESS_REGISTER_RULE(SourceControllerIdentityPatchRule);

}  // namespace
}  // namespace patless
