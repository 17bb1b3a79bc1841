// Reading an ARM template without building what its Document drops gives the
// Document building everything gives, to the byte offset.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "describe_document.h"
#include "grammars/arm/arm_reader.h"
#include "read_text.h"

namespace {

using patless::testing::describe;

std::string read_both_ways(const std::string& path, const std::string& bytes, bool outline) {
  auto pruned = patless::read_arm(path, bytes, outline);
  auto whole = patless::read_arm(path, bytes, outline, /*prune=*/false);
  std::string a = pruned ? describe(*pruned) : "none", b = whole ? describe(*whole) : "none";
  CHECK(a == b);
  return a;
}

// A compiled module's shape: a deployment per module, the type first.
std::string deployment(const std::string& name, const std::string& inner, const std::string& extra = "") {
  return R"({"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": ")" + name +
         R"(", "condition": "[parameters('on')]", )" + extra + R"("properties": {"mode": "Incremental",
  "expressionEvaluationOptions": {"scope": "inner"}, "parameters": {"a": {"value": "[parameters('x')]"}},
  "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "parameters": {"x": {"type": "string", "defaultValue": "d"}}, "outputs": {"o": {"type": "string", "value": "[parameters('x')]"}},
    "resources": [)" +
         inner + "]}}}";
}

const std::string kStorage = R"({"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01",
  "name": "[parameters('x')]", "condition": "[parameters('on')]", "existing": false, "scope": "x", "location": "westeurope", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2",
  "properties": {"x": [1, 2, {"y": null}]}, "dependsOn": ["a"], "copy": {"name": "c", "count": 2},
  "resources": [{"type": "blobServices", "name": "default", "properties": {"z": true}},
                {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "name": "child", "properties": {}}]})";
const std::string kCluster = R"({"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-09-01",
  "name": "aks", "properties": {"oidcIssuerProfile": {"enabled": false}}})";

// A storage account, outside the chain, whose properties are `properties`: dropped.
std::string dropped(const std::string& properties) {
  return R"({"type": "Microsoft.Storage/storageAccounts", "name": "d", "properties": )" + properties + "}," + kCluster;
}

std::string template_of(const std::string& resources) {
  return R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  // a comment
  "parameters": {"on": {"type": "bool", "defaultValue": true}}, "resources": [)" +
         resources + "]}";
}

}  // namespace

TEST_CASE("a template read without what its Document drops is the Document built whole", "[reader][arm]") {
  std::vector<std::string> cases = {
      template_of(kStorage),
      template_of(kCluster + "," + kStorage),
      // Nested deployments: nothing of the chain inside, the chain inside, one level deeper.
      template_of(deployment("storage", kStorage) + "," + deployment("aks", kCluster)),
      template_of(deployment("outer", deployment("inner", kStorage) + "," + deployment("aks", kCluster))),
      // Written another way: the type not first, an expression, in another case, escaped.
      template_of(R"({"name": "n", "type": "Microsoft.Storage/storageAccounts", "properties": {"a": 1}})"),
      template_of(R"({"type": "[variables('t')]", "name": "n", "properties": {"a": 1}})"),
      template_of(
          R"({"type": "microsoft.resources/DEPLOYMENTS", "name": "n", "properties": {"template": {"resources": [)" +
          kStorage + "]}}}"),
      template_of(deployment("escaped", R"({"type": "Microsoft.ContainerService\/managedClusters", "name": "a"})")),
      template_of(deployment("unicode", R"({"type": "Microsoft.Container\u0053ervice/managedClusters", "name": "a"})")),
      template_of(deployment("linked", R"({"type": "Microsoft.Resources/deployments", "name": "l",
        "properties": {"templateLink": {"relativePath": "x.json"}}})")),
      // is_chain_type() takes Microsoft.Resources/deploymentScripts by its start.
      template_of(deployment("script", R"({"type": "Microsoft.Resources/deploymentScripts", "name": "s"})")),
      // A template that is an expression: the deployment stays as written.
      template_of(R"({"type": "Microsoft.Resources/deployments", "name": "n",
        "properties": {"parameters": {}, "template": "[variables('t')]"}})"),
      // Twins of the keys the reading goes by.
      template_of(R"({"type": "Microsoft.Storage/storageAccounts", "type": "Microsoft.ContainerService/managedClusters",
        "name": "twin", "properties": {"a": 1}})"),
      template_of(deployment("twin", kStorage, R"("properties": {"template": {"resources": [)" + kCluster + "]}}, ")),
      template_of(R"({"type": "Microsoft.ContainerService/managedClusters", "name": "aks", "resources": [)" + kStorage +
                  "], \"resources\": [" + kStorage + "]}"),
      // languageVersion 2.0: resources by symbolic name.
      R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "languageVersion": "2.0", "resources": {"sa": )" +
          kStorage + R"(, "aks": )" + kCluster + "}}",
      // Not a template: a template spec, a parameters file, a policy definition.
      R"({"properties": {"mainTemplate": )" + template_of(kStorage) + "}}",
      R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "parameters": {"resources": {"value": [)" +
          kStorage + "]}}}",
      // Broken: a truncated skipped value, a value where an object was expected.
      template_of(kStorage).substr(0, 200),
      template_of(R"({"type": "Microsoft.Resources/deployments", "name": "n", "properties": 5})"),
      // What a dropped part holds is passed over without nlohmann (grammars/arm/json_skip.h):
      // its comments are kept, its errors reported where nlohmann finds them.
      template_of(dropped(R"({/* in a dropped part */ "a": ["\u00e9 é 日本 😀", {"b": "\\\"", "n": -1.5e3}] // end
        })")),
      template_of(dropped(R"({"a": [1,]})")),
      template_of(dropped("{\"a\": \"\xC0\x80\"}")),
      template_of(dropped(R"({"a": "\uDC00"})")),
      template_of(dropped("{\"a\": \"a tab\there\"}")),
      template_of(dropped("{\"a\": [1] /* not closed }")),
      template_of(deployment("dropped",
                             R"({"type": "Microsoft.Storage/storageAccounts", "name": "x", "properties": {"a": 01}})")),
      template_of(dropped(std::string(300, '[') + std::string(300, ']'))),
      // nlohmann ends a line comment at a CR alone (or a NUL): what follows it is
      // the template's, and the bracket after it opens what the next one closes.
      template_of(R"({"type": "Microsoft.Resources/deployments", "name": "cr", "properties": {"template": {"x": // c)"
                  "\r[\n1], \"resources\": [" +
                  kCluster + "]}}}"),
      template_of(
          R"({"type": "Microsoft.Resources/deployments", "name": "nul", "properties": {"template": {"x": // c)" +
          std::string(1, '\0') + "[\n1], \"resources\": [" + kCluster + "]}}}"),
  };
  // Deeper than read_arm() reads nested templates (16), what is kept (a cluster
  // at each level keeps each) stays as written: a deployment of a storage
  // account alone, a storage account.
  const std::string plain = R"({"type": "Microsoft.Storage/storageAccounts", "name": "p", "properties": {"a": 1}})";
  std::string nested = plain;
  for (int level = 0; level < 18; ++level)
    nested = deployment("level" + std::to_string(level), nested + "," + kCluster + "," + deployment("free", plain));
  cases.push_back(template_of(nested));
  for (const std::string& text : cases) {
    INFO(text);
    for (bool outline : {false, true}) read_both_ways("main.json", text, outline);
  }
  // The pruned parts are really gone, and the rest is in the Document.
  std::string doc = read_both_ways("main.json", template_of(deployment("storage", kStorage) + "," + kStorage), false);
  CHECK(doc.find("StorageV2") == std::string::npos);
  CHECK(doc.find("resource resources[1] Microsoft.Storage/storageAccounts@2023-05-01") != std::string::npos);
  CHECK(doc.find("resource resources[1]/resources[1] Microsoft.ManagedIdentity/userAssignedIdentities") !=
        std::string::npos);
}

TEST_CASE("every JSON file of the fixtures reads to the same Document pruned or whole", "[reader][arm]") {
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(PATLESS_SOURCE_DIR) + "/testdata")) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    INFO(e.path().string());
    std::string bytes = read_text(e.path());
    read_both_ways(e.path().string(), bytes, false);
    read_both_ways(e.path().string(), bytes, true);
    ++files;
  }
  CHECK(files > 50);
}
