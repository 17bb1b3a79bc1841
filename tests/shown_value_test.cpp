// How messages show a value a rule found wrong (rules/engine/report.h).
#include <catch2/catch.hpp>

#include "grammars/read_document.h"
#include "rules/engine/graph.h"
#include "rules/engine/report.h"
#include "rules/engine/run_rules.h"

namespace {

patless::Value literal(patless::Value::Kind kind, std::string text = {}) {
  patless::Value v;
  v.kind = kind;
  v.text = std::move(text);
  return v;
}

}  // namespace

TEST_CASE("a message shows a value as what it is", "[report]") {
  using Kind = patless::Value::Kind;
  CHECK(patless::shown(literal(Kind::String, "true")) == "'true'");
  CHECK(patless::shown(literal(Kind::String)) == "''");
  CHECK(patless::shown(literal(Kind::Bool, "false")) == "false");
  CHECK(patless::shown(literal(Kind::Number, "1")) == "1");
  CHECK(patless::shown(literal(Kind::Null)) == "null");
  // Neither has text: both were shown as null.
  CHECK(patless::shown(literal(Kind::Array)) == "an array");
  CHECK(patless::shown(literal(Kind::Object)) == "an object");
}

TEST_CASE("a cluster setting that is an array is reported as one, not as null", "[report]") {
  const std::string text =
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n"
      "  name: 'aks'\n  location: 'westeurope'\n  identity: { type: 'SystemAssigned' }\n"
      "  properties: {\n    oidcIssuerProfile: { enabled: [true] }\n"
      "    securityProfile: { workloadIdentity: { enabled: { on: true } } }\n  }\n}\n"
      "resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {\n"
      "  name: 'flux'\n  scope: aks\n  properties: { extensionType: 'microsoft.flux' }\n}\n";
  std::vector<patless::Document> documents;
  documents.push_back(*patless::read_document("main.bicep", text));
  patless::Graph graph(documents);
  std::vector<std::string> messages;
  for (const patless::Finding& f : patless::run_rules(graph, nullptr))
    messages.push_back(f.rule_id + ": " + f.message.substr(0, f.message.find(':')));
  CHECK(messages ==
        std::vector<std::string>{
            "PL301: AKS cluster 'aks' sets properties.oidcIssuerProfile.enabled to an array",
            "PL302: AKS cluster 'aks' sets properties.securityProfile.workloadIdentity.enabled to an object"});
}
