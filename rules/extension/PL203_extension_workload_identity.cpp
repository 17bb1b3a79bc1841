// PL203: the microsoft.flux extension must be told to use workload identity, and with which client id.
#include <optional>

#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

constexpr std::string_view kEnable = "workloadIdentity.enable";
constexpr std::string_view kClientId = "workloadIdentity.azureClientId";

// The right key for a near miss (Argo CD's spelling, other casing), or empty.
std::string_view right_key(std::string_view key) {
  if (iequals(key, kEnable) || iequals(key, "workloadIdentity.enabled")) return kEnable;
  if (iequals(key, kClientId) || iequals(key, "workloadIdentity.clientId")) return kClientId;
  return {};
}

const FluxConfiguration* azure_configuration(const FluxExtension& e) {
  if (!e.cluster) return nullptr;
  for (const FluxConfiguration* c : e.cluster->configurations)
    if (c->surely_azure()) return c;
  return nullptr;
}

class ExtensionWorkloadIdentityRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL203", "extension-workload-identity", Level::Error, "BA",
                            "An Azure-provider flux configuration's microsoft.flux extension lacks "
                            "workloadIdentity.enable: 'true' or workloadIdentity.azureClientId.",
                            "security authentication", true};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const FluxExtension& e : graph.flux_extensions()) {
      const FluxConfiguration* config = azure_configuration(e);
      if (!config) continue;
      // The extension hands configurationProtectedSettings to Flux as it does
      // configurationSettings (encrypted at rest): a key set in either is set.
      Lookup settings = e.get({"properties", "configurationSettings"});
      Lookup protected_settings = e.get({"properties", "configurationProtectedSettings"});
      if (settings.state == Lookup::State::Unknown || protected_settings.state == Lookup::State::Unknown) continue;
      if (settings.known() && settings.value.kind != Value::Kind::Object) continue;
      if (protected_settings.known() && protected_settings.value.kind != Value::Kind::Object) continue;
      bool have_enable = false, have_client_id = false;
      bool other_keys = false;  // a spread of something unknown (`...extra`) may set any key
      for (const auto& [map, name] : {std::pair{&settings, "configurationSettings"},
                                      std::pair{&protected_settings, "configurationProtectedSettings"}}) {
        if (!map->known()) continue;
        other_keys = other_keys || map->value.spread;
        for (const Member& m : map->value.members) {
          std::string_view right = right_key(m.key);
          if (right.empty()) continue;
          (right == kEnable ? have_enable : have_client_id) = true;
          if (m.key != right) {
            report(e, *config, *map, m, true,
                   std::string(name) + " key '" + m.key + "' is not '" + std::string(right) +
                       "': the extension ignores it, so Flux does not use workload identity.",
                   out);
          } else if (right == kEnable && !is_true(m.value)) {
            report(e, *config, *map, m, false,
                   std::string(name) + " '" + std::string(kEnable) + "' is " + shown(m.value) +
                       ", not 'true': the source-controller gets no workload identity token.",
                   out);
          }
        }
      }
      SourceRange at = settings.known() ? (settings.key_range.valid() ? settings.key_range : settings.range)
                                        : missing_property_range(e, settings);
      if (other_keys) continue;
      if (!have_enable && !have_client_id)
        report(e, *config, at,
               "The microsoft.flux extension sets neither configurationSettings '" + std::string(kEnable) +
                   "': 'true' nor '" + std::string(kClientId) +
                   "', so Flux cannot pull with provider 'Azure': the source-controller gets no workload identity.",
               out);
      else if (!have_enable)
        report(e, *config, at,
               "The microsoft.flux extension does not set configurationSettings '" + std::string(kEnable) +
                   "': 'true', so Flux cannot pull with provider 'Azure'.",
               out);
      else if (!have_client_id)
        report(e, *config, at,
               "The microsoft.flux extension does not set configurationSettings '" + std::string(kClientId) +
                   "': the source-controller has no identity to get a token for.",
               out);
    }
  }

 private:
  static bool is_true(const Value& v) {
    if (is_unknown(v)) return true;  // unknown is not wrong
    return (v.kind == Value::Kind::String || v.kind == Value::Kind::Bool) && iequals(v.text, "true");
  }
  static void report(const FluxExtension& e, const FluxConfiguration& config, const SourceRange& at,
                     std::string message, Emitter& out, std::optional<RelatedLocation> written = std::nullopt) {
    Finding f = finding_at(e, at, "properties.configurationSettings", std::move(message));
    if (written) f.related.push_back(std::move(*written));
    f.related.push_back(related(config, "flux configuration with provider 'Azure' on the same cluster"));
    out.report(std::move(f));
  }
  // A finding on member `m` (its key, or its value) of the evaluated `settings`.
  // A member that came from another file (a parameter file, a caller) is
  // reported where this resource writes it, or writes the settings, and named
  // where it is written.
  static void report(const FluxExtension& e, const FluxConfiguration& config, const Lookup& settings, const Member& m,
                     bool on_key, std::string message, Emitter& out) {
    if (m.value.origin != Value::kForeign) {
      report(e, config, on_key ? m.key_range : m.value.range, std::move(message), out);
      return;
    }
    const Member* local =
        settings.written && settings.written->kind == Value::Kind::Object ? settings.written->member(m.key) : nullptr;
    SourceRange at =
        on_key ? (local ? local->key_range : settings.key_range) : (local ? local->value.range : settings.range);
    if (!at.valid()) at = settings.range;
    auto written = written_elsewhere(e, m.value, on_key ? "the key" : "the setting");
    if (written && on_key) written->range = m.key_range;  // found by its value; point at the key itself
    report(e, config, at, std::move(message), out, std::move(written));
  }
};

PATLESS_REGISTER_RULE(ExtensionWorkloadIdentityRule);

}  // namespace
}  // namespace patless
