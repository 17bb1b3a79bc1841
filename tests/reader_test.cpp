// The readers build the model the rules rely on: declarations, values, ranges.
#include <catch2/catch.hpp>

#include "describe_document.h"
#include "grammars/read_document.h"
#include "grammars/yaml/yaml_reader.h"

using patless::Value;

TEST_CASE("Bicep reader: params, vars, resources, modules, outputs", "[reader][bicep]") {
  const char* text =
      "@description('name')\n"
      "param name string = 'aks'\n"
      "param free string\n"
      "var greeting = 'it\\'s ${name} \\u{41}'\n"
      "@batchSize(1)\n"
      "resource uami 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = [for i in range(0, 2): {\n"
      "  name: 'id${i}'\n"
      "  resource fic 'federatedIdentityCredentials' = {\n"
      "    name: 'f'\n"
      "  }\n"
      "}]\n"
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {\n"
      "  name: name\n"
      "}\n"
      "resource ext 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = if (!empty(free)) {\n"
      "  scope: aks\n"
      "  name: 'flux'\n"
      "  dependsOn: [ aks ]\n"
      "}\n"
      "module m './m.bicep' = { name: 'm', params: { x: 1 } }\n"
      "output id string = aks.id\n";
  auto doc = patless::read_document("main.bicep", text);
  REQUIRE(doc);
  CHECK(doc->errors.empty());
  REQUIRE(doc->parameters.size() == 2);
  CHECK(doc->parameters[0].decorators.size() == 1);
  CHECK(doc->parameters[0].decorators[0].text == "description");
  CHECK(doc->parameters[0].default_value->text == "aks");
  CHECK(!doc->parameters[1].default_value);

  REQUIRE(doc->variables.size() == 1);
  const Value& greeting = doc->variables[0].value;
  REQUIRE(greeting.kind == Value::Kind::Interpolation);
  CHECK(greeting.items[0].text == "it's ");
  CHECK(greeting.items[1].kind == Value::Kind::Reference);
  CHECK(greeting.items[2].text == " A");

  REQUIRE(doc->resources.size() == 4);
  const auto& uami = doc->resources[0];
  CHECK(uami.loop);
  CHECK(uami.decorators.at(0).text == "batchSize");
  const auto& fic = doc->resources[1];
  CHECK(fic.type == "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials");
  CHECK(fic.parent_symbol == "uami");
  CHECK(doc->resources[2].existing);
  const auto& ext = doc->resources[3];
  CHECK(ext.conditional);
  CHECK(ext.api_version == "2024-11-01");
  CHECK(ext.api_version_range.start_line == 15);
  CHECK(ext.api_version_range.start_column == 60);  // after "resource ext '" (14) and the 44-character type and "@"
  CHECK(ext.body.get("scope")->kind == Value::Kind::Reference);
  CHECK(ext.body.get("dependsOn")->items.size() == 1);

  REQUIRE(doc->modules.size() == 1);
  CHECK(doc->modules[0].path == "./m.bicep");
  REQUIRE(doc->outputs.size() == 1);
  CHECK(doc->outputs[0].value.kind == Value::Kind::Member);
}

TEST_CASE("Bicep compile-time imports: names, other names, a namespace", "[reader][bicep]") {
  auto doc = patless::read_document("main.bicep",
                                    "import { a, b as c, 'd-e' as f } from 'shared.bicep'\n"
                                    "import {\n  g\n  h as i\n} from './more.bicep'\n"
                                    "import * as ns from 'x.bicep'\n"
                                    "var v = ns.a\n");
  REQUIRE(doc);
  REQUIRE(doc->imports.size() == 3);
  CHECK(doc->imports[0].path == "shared.bicep");
  using Names = std::vector<std::pair<std::string, std::string>>;
  CHECK(doc->imports[0].names == Names{{"a", "a"}, {"b", "c"}});  // a quoted name is no variable's
  CHECK(doc->imports[0].wildcard.empty());
  CHECK(doc->imports[1].path == "./more.bicep");
  CHECK(doc->imports[1].names == Names{{"g", "g"}, {"h", "i"}});
  CHECK(doc->imports[2].path == "x.bicep");
  CHECK(doc->imports[2].names.empty());
  CHECK(doc->imports[2].wildcard == "ns");
}

TEST_CASE("Bicep strings come from the original bytes", "[reader][bicep]") {
  auto doc = patless::read_document("s.bicep", "var a = '  two spaces'\nvar b = '''\nline // not a comment\n'''\n");
  REQUIRE(doc);
  CHECK(doc->variables.at(0).value.text == "  two spaces");
  CHECK(doc->variables.at(1).value.text == "line // not a comment\n");
}

TEST_CASE("a .bicepparam file's assignments are parameter values", "[reader][bicep]") {
  auto doc = patless::read_document("main.bicepparam", "using './main.bicep'\n\nparam provider = 'Azure'\n");
  REQUIRE(doc);
  CHECK(doc->errors.empty());
  CHECK(doc->using_path == "./main.bicep");
  CHECK(patless::testing::describe(doc->using_range) == "1:1-1:21@0-20");
  CHECK(patless::testing::describe(doc->using_path_range) == "1:7-1:21@6-20");  // the string, quotes included
  REQUIRE(doc->parameters.size() == 1);
  CHECK(doc->parameters[0].name == "provider");
  CHECK(doc->parameters[0].default_value->text == "Azure");
}

TEST_CASE("ARM reader: symbolic resources, nested children, expressions, comments", "[reader][arm]") {
  const char* text =
      "{\n"
      "  // comment\n"
      "  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n"
      "  \"languageVersion\": \"2.0\",\n"
      "  \"resources\": {\n"
      "    \"uami\": {\n"
      "      \"type\": \"Microsoft.ManagedIdentity/userAssignedIdentities\",\n"
      "      \"apiVersion\": \"2023-01-31\",\n"
      "      \"name\": \"[concat('id-', parameters('n'))]\",\n"
      "      \"resources\": [ { \"type\": \"federatedIdentityCredentials\", \"name\": \"[[literal]\" } ]\n"
      "    }\n"
      "  }\n"
      "}\n";
  auto doc = patless::read_document("t.json", text);
  REQUIRE(doc);
  CHECK(doc->errors.empty());
  CHECK(doc->comments.size() == 1);
  REQUIRE(doc->resources.size() == 2);
  CHECK(doc->resources[0].symbol == "uami");
  CHECK(doc->resources[0].api_version_range.start_line == 8);
  CHECK(doc->resources[0].api_version_range.start_column == 22);
  const Value* name = doc->resources[0].body.get("name");
  REQUIRE(name->kind == Value::Kind::Call);
  CHECK(name->text == "concat");
  CHECK(name->items[1].text == "parameters");
  CHECK(doc->resources[1].type == "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials");
  CHECK(doc->resources[1].body.get("name")->text == "[literal]");
}

TEST_CASE("a template spec version (what Bicep caches for ts:) is read as its mainTemplate", "[reader][arm]") {
  const std::string text =
      "{\"id\": \"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Resources/templateSpecs/s/versions/1.0\",\n"
      " \"properties\": {\"mainTemplate\": {\n"
      "  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n"
      "  \"parameters\": {\"url\": {\"type\": \"string\"}},\n"
      "  \"resources\": [{\"type\": \"Microsoft.KubernetesConfiguration/fluxConfigurations\",\n"
      "    \"apiVersion\": \"2024-11-01\", \"name\": \"c\"}]}}}\n";
  for (auto detail : {patless::Detail::Whole, patless::Detail::ChainOnly}) {
    auto doc = patless::read_document("main.json", text, detail);
    REQUIRE(doc);
    CHECK(doc->format == patless::Format::Arm);
    REQUIRE(doc->resources.size() == 1);
    CHECK(doc->resources[0].type == "Microsoft.KubernetesConfiguration/fluxConfigurations");
    CHECK(doc->resources[0].range.start_line == 5);
    REQUIRE(doc->parameters.size() == 1);
    CHECK(doc->parameters[0].name == "url");
  }
}

TEST_CASE("JSON that is not an ARM template is not read", "[reader][arm]") {
  CHECK(!patless::read_document("package.json", "{\"name\": \"x\"}"));
  CHECK(!patless::read_document("x.json", "{\"$schema\": \"https://json.schemastore.org/package\"}"));
}

TEST_CASE("Azure Policy definitions: the template a deployIfNotExists deploys is a nested document", "[reader][arm]") {
  const std::string tmpl =
      "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
      " \"parameters\": {\"url\": {\"type\": \"string\"}},"
      " \"resources\": [{\"type\": \"Microsoft.KubernetesConfiguration/fluxConfigurations\", \"apiVersion\": "
      "\"2022-03-01\", \"name\": \"f\"}]}";
  const std::string deployment = "{\"deployment\": {\"properties\": {\"template\": " + tmpl +
                                 ", \"parameters\": {\"url\": {\"value\": \"[parameters('repo')]\"}}}}}";
  const std::string rule = "{\"if\": {\"field\": \"type\", \"equals\": \"x\"}, \"then\": {\"effect\": "
                           "\"deployIfNotExists\", \"details\": " + deployment + "}}";
  const std::string params = "\"parameters\": {\"repo\": {\"type\": \"string\", \"defaultValue\": \"r\"}}";
  // A full definition, a definition's properties, a bare rule file.
  for (const std::string& text : {"{\"properties\": {" + params + ", \"policyRule\": " + rule + "}}",
                                  "{" + params + ", \"policyRule\": " + rule + "}", rule}) {
    INFO(text);
    auto doc = patless::read_document("policy.json", text);
    REQUIRE(doc);
    CHECK(doc->errors.empty());
    REQUIRE(doc->resources.size() == 1);
    CHECK(doc->resources[0].type == "Microsoft.Resources/deployments");
    REQUIRE(doc->nested.size() == 1);
    CHECK_FALSE(doc->nested[0].outer_expressions);
    REQUIRE(doc->nested[0].resources.size() == 1);
    CHECK(*doc->nested[0].resources[0].api_version == "2022-03-01");
    CHECK(doc->parameters.size() == (text == rule ? 0u : 1u));
  }
  // An audit policy deploys nothing: not read.
  CHECK(!patless::read_document("audit.json", "{\"policyRule\": {\"if\": {}, \"then\": {\"effect\": \"audit\"}}, "
                                              "\"x\": \"deploymentTemplate.json\"}"));
}

TEST_CASE("YAML reader: only files with a top-level apiVersion are parsed", "[reader][yaml]") {
  using patless::looks_like_kubernetes;
  CHECK(looks_like_kubernetes("apiVersion: v1\nkind: ServiceAccount\n"));
  CHECK(looks_like_kubernetes("# c\n---\napiVersion: v1\nkind: X\n"));
  CHECK(looks_like_kubernetes("\xEF\xBB\xBF" "apiVersion: v1\nkind: X\n"));
  CHECK(looks_like_kubernetes("\"apiVersion\": v1\n\"kind\": X\n"));
  CHECK(looks_like_kubernetes("{apiVersion: v1, kind: X}\n"));
  CHECK(looks_like_kubernetes("{\"apiVersion\": \"v1\", \"kind\": \"X\"}"));
  CHECK(looks_like_kubernetes("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"X\"\n}\n"));  // JSON, indented
  // An apiVersion deeper in makes no object: Helm values, recorded HTTP bodies.
  CHECK_FALSE(looks_like_kubernetes("ingress:\n  apiVersion: networking.k8s.io/v1\n  kind: Ingress\n"));
  CHECK_FALSE(looks_like_kubernetes("interactions:\n  - body: '{\"apiVersion\":\"v1\",\"kind\":\"X\"}'\n"));
  CHECK_FALSE(looks_like_kubernetes("apiVersion: v1\n"));
}

TEST_CASE("YAML reader: Kubernetes objects only", "[reader][yaml]") {
  auto doc = patless::read_document("k.yaml",
                                    "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: source-controller\n"
                                    "  namespace: flux-system\n---\nsteps: [a]\n---\nkind: NoApiVersion\n");
  REQUIRE(doc);
  REQUIRE(doc->objects.size() == 1);
  CHECK(doc->objects[0].name == "source-controller");
  CHECK(doc->objects[0].namespace_ == "flux-system");
  CHECK(!patless::read_document("pipeline.yaml", "trigger: [main]\nsteps: []\n"));
  CHECK(!patless::read_document("chart.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.x }}\n"));
}

TEST_CASE("YAML reader: merge keys, anchors and tags", "[reader][yaml]") {
  const char* text =
      "apiVersion: v1\n"
      "kind: ConfigMap\n"
      "metadata: {name: m}\n"
      "data:\n"
      "  <<: [&first {a: one, b: two}, {a: three, c: four}]\n"
      "  b: own\n"
      "  &k key: !!str &v value\n";
  auto doc = patless::read_yaml("m.yaml", text);
  REQUIRE(doc);
  REQUIRE(doc->objects.size() == 1);
  const Value* data = doc->objects[0].root.get("data");
  REQUIRE(data);
  // The mapping's own keys win, then the first merged mapping's, then the next one's.
  REQUIRE(data->members.size() == 4);
  CHECK(data->get("b")->text == "own");
  CHECK(data->get("a")->text == "one");
  CHECK(data->get("c")->text == "four");
  CHECK(data->get("a")->shared);  // under the anchor &first
  CHECK(data->get("c")->shared);  // merged in
  CHECK_FALSE(data->get("b")->shared);
  const patless::Member* key = data->member("key");
  REQUIRE(key);
  CHECK(key->key_range.start_column == 6);  // after `&k `
  CHECK(key->value.range.start_column == 20);  // after `!!str &v `
  CHECK(key->value.range.end_column == 25);
  CHECK(key->value.shared);
}

TEST_CASE("YAML reader: inline kustomize patches keep their place in the file", "[reader][yaml]") {
  for (std::string eol : {"\n", "\r\n"}) {
    std::string text = "apiVersion: kustomize.config.k8s.io/v1beta1" + eol + "kind: Kustomization" + eol +
                       "patches:" + eol + "  - patch: |" + eol + "      - op: add" + eol +
                       "        path: /metadata/labels/x" + eol + "        value: \"y\"" + eol + "    target:" + eol +
                       "      kind: Deployment" + eol + "      name: source-controller" + eol +
                       "patchesStrategicMerge:" + eol + "  - |" + eol + "    apiVersion: v1" + eol +
                       "    kind: ServiceAccount" + eol + "    metadata:" + eol + "      name: sa" + eol;
    auto doc = patless::read_document("kustomization.yaml", text);
    REQUIRE(doc);
    INFO("line ends " << (eol == "\n" ? "LF" : "CRLF"));
    CHECK(doc->errors.empty());
    REQUIRE(doc->patches.size() == 2);
    const auto& json = doc->patches[0];
    CHECK(json.type == patless::KustomizePatch::Type::Json6902);
    CHECK(json.target_kind == "Deployment");
    CHECK(json.target_name == "source-controller");
    const Value* value = json.body.items.at(0).get("value");
    REQUIRE(value);
    CHECK(value->text == "y");
    CHECK(value->range.start_line == 7);
    CHECK(value->range.start_column == 16);
    CHECK(value->range.end_column == 19);
    const auto& smp = doc->patches[1];
    CHECK(smp.type == patless::KustomizePatch::Type::StrategicMerge);
    CHECK(smp.target_kind == "ServiceAccount");
    CHECK(smp.target_name == "sa");
    const patless::Member* name = smp.body.get("metadata")->member("name");
    CHECK(name->key_range.start_line == 16);
    CHECK(name->key_range.start_column == 7);
  }
}

TEST_CASE("YAML reader: patch files are recorded by path, one-line patches are read", "[reader][yaml]") {
  auto doc = patless::read_document("kustomization.yaml",
                                    "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                                    "kind: Kustomization\n"
                                    "patches:\n"
                                    "  - path: sa.yaml\n"
                                    "    target:\n"
                                    "      kind: ServiceAccount\n"
                                    "  - patch: '[{\"op\": \"add\", \"path\": \"/x\", \"value\": 1}]'\n"
                                    "    target:\n"
                                    "      kind: Deployment\n"
                                    "patchesJson6902:\n"
                                    "  - path: ops.yaml\n"
                                    "patchesStrategicMerge:\n"
                                    "  - label.yaml\n");
  REQUIRE(doc);
  CHECK(doc->errors.empty());
  REQUIRE(doc->patches.size() == 4);
  const auto& sa = doc->patches[0];
  CHECK(sa.file == "sa.yaml");
  CHECK(sa.type == patless::KustomizePatch::Type::StrategicMerge);
  CHECK(sa.target_kind == "ServiceAccount");
  CHECK(sa.range.start_line == 4);
  CHECK(sa.range.start_column == 11);
  CHECK(sa.range.end_column == 18);
  const auto& one_line = doc->patches[1];
  CHECK(one_line.file.empty());
  CHECK(one_line.type == patless::KustomizePatch::Type::Json6902);
  REQUIRE(one_line.body.items.size() == 1);
  CHECK(one_line.body.items[0].get("path")->text == "/x");
  CHECK(doc->patches[2].file == "ops.yaml");
  CHECK(doc->patches[2].type == patless::KustomizePatch::Type::Json6902);
  CHECK(doc->patches[3].file == "label.yaml");
  CHECK(doc->patches[3].target_kind.empty());
}

TEST_CASE("Detail::ChainOnly outlines templates outside the chain and reads the rest whole", "[reader]") {
  using patless::Detail;
  using patless::read_document;
  const std::string storage =
      "param name string\n"
      "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n"
      "  name: name\n"
      "  resource blobs 'blobServices' = { name: 'default' }\n"
      "}\n"
      "output id string = sa.id\n";
  auto outline = read_document("storage.bicep", storage, Detail::ChainOnly);
  REQUIRE(outline);
  CHECK(outline->outline);
  CHECK(outline->path == "storage.bicep");
  CHECK(outline->resources.empty());
  CHECK(outline->outputs.empty());
  auto whole = read_document("storage.bicep", storage);
  REQUIRE(whole);
  CHECK(!whole->outline);
  CHECK(whole->resources.size() == 2);
  CHECK(patless::outside_chain(*whole));  // the same verdict from the model

  // Each of these keeps the model.
  for (const std::string& text : {
           storage + "resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = { name: 'x' }\n",
           storage + "resource d 'Microsoft.Resources/deployments@2024-03-01' = {\n"
                     "  name: 'd'\n  properties: { mode: 'Incremental', templateLink: { relativePath: 'x.json' } }\n}\n",
           "// patless-disable-next-line PL101 reason\n" + storage,
           storage + "resource broken 'x@1' = {\n",  // a parse error: PL001 needs the document
       }) {
    auto doc = read_document("main.bicep", text, Detail::ChainOnly);
    REQUIRE(doc);
    CHECK(!doc->outline);
    CHECK(!patless::outside_chain(*doc));
  }
  CHECK(!read_document("main.bicepparam", "using './main.bicep'\nparam a = 1\n", Detail::ChainOnly)->outline);

  // An `existing` cluster or identity alone links nothing: whatever uses it is
  // in the same file, or reads it through outputs (then the file is read whole).
  CHECK(read_document("main.bicep",
                      storage + "resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {\n"
                                "  name: 'x'\n}\noutput clientId string = id.properties.clientId\n",
                      Detail::ChainOnly)
            ->outline);

  // A file of modules is an outline that knows where its modules are: the scan
  // reads it whole only if they reach the chain. An inline deployment (AVM's
  // telemetry) does not link anywhere.
  auto modules = read_document("main.bicep",
                               storage + "module m './m.bicep' = {\n  name: 'm'\n  params: { a: 1 }\n}\n"
                                         "resource telemetry 'Microsoft.Resources/deployments@2024-03-01' = {\n"
                                         "  name: 't'\n  properties: { mode: 'Incremental', template: {} }\n}\n",
                               Detail::ChainOnly);
  REQUIRE(modules);
  CHECK(modules->outline);
  CHECK(modules->resources.empty());
  REQUIRE(modules->modules.size() == 1);
  CHECK(modules->modules[0].path == "./m.bicep");
  CHECK(modules->modules[0].range.start_line == 7);
  CHECK(modules->modules[0].body.kind == patless::Value::Kind::Null);  // what it passes is not read

  const std::string arm =
      "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n"
      " \"resources\": [{\"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-05-01\", \"name\": \"sa\"}]}\n";
  CHECK(read_document("azuredeploy.json", arm, Detail::ChainOnly)->outline);
  CHECK(!read_document("azuredeploy.json", arm)->outline);
  // Checked without building a tree, the file must still be valid JSON and an ARM template.
  auto broken = read_document("azuredeploy.json", arm.substr(0, arm.size() - 3), Detail::ChainOnly);
  REQUIRE(broken);
  CHECK(!broken->outline);
  CHECK(broken->errors.size() == 1);
  CHECK(!read_document("x.json", "{\"$schema\": \"https://json.schemastore.org/package\", \"a\": "
                                 "\"deploymentTemplate.json\"}", Detail::ChainOnly));
  // A chain type in any case, or a linked template, is read whole.
  std::string lowercase = arm;
  lowercase.replace(lowercase.find("Microsoft.Storage/storageAccounts"), 33, "microsoft.managedidentity/userAssi");
  CHECK(!read_document("azuredeploy.json", lowercase, Detail::ChainOnly)->outline);
  // Named in passing only (a description): the model tells, and it is an outline after all.
  std::string mention = arm;
  mention.replace(mention.find("\"resources\""), 0, "\"metadata\": {\"d\": \"uses Microsoft.ManagedIdentity/x\"}, ");
  CHECK(read_document("azuredeploy.json", mention, Detail::ChainOnly)->outline);
  // A linked template, and a suppression comment (PL002, PL003 check them
  // wherever they are), are read whole; Bicep's own suppressions are not.
  std::string linked = arm;
  linked.replace(linked.find("Microsoft.Storage/storageAccounts"), 33, "Microsoft.Resources/deployments");
  linked.replace(linked.find("\"name\""), 0, "\"properties\": {\"templateLink\": {\"relativePath\": \"a.json\"}}, ");
  CHECK(!read_document("azuredeploy.json", linked, Detail::ChainOnly)->outline);
  CHECK(!read_document("azuredeploy.json", "// patless-disable PL101\n" + arm, Detail::ChainOnly)->outline);
  CHECK(!read_document("azuredeploy.json", "// #disable-next-line pl101\n" + arm, Detail::ChainOnly)->outline);
  CHECK(
      read_document("azuredeploy.json", "// #disable-next-line no-unused-params\n" + arm, Detail::ChainOnly)->outline);
}

TEST_CASE("ARM nested deployments: one with nothing of the chain inside is an ordinary resource", "[reader][arm]") {
  auto nested = [](const std::string& inner_type) {
    return "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n"
           " \"resources\": [{\"type\": \"Microsoft.Resources/deployments\", \"apiVersion\": \"2022-09-01\",\n"
           "   \"name\": \"inner\", \"properties\": {\"mode\": \"Incremental\", \"parameters\": {\"a\": {\"value\": 1}},\n"
           "   \"template\": {\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\n"
           "     \"outputs\": {\"o\": {\"type\": \"string\", \"value\": \"x\"}},\n"
           "     \"resources\": [{\"type\": \"" + inner_type + "\", \"apiVersion\": \"2023-01-31\", \"name\": \"n\"}]}}}]}\n";
  };
  auto plain = patless::read_document("main.json", nested("Microsoft.Storage/storageAccounts"));
  REQUIRE(plain);
  CHECK(plain->nested.empty());
  REQUIRE(plain->resources.size() == 1);
  CHECK(plain->resources[0].body.members.size() == 1);  // name only: properties and the template are gone
  CHECK(plain->resources[0].body.get("name")->text == "inner");
  CHECK(plain->resources[0].body.spread);

  auto chain = patless::read_document("main.json", nested("Microsoft.ManagedIdentity/userAssignedIdentities"));
  REQUIRE(chain);
  REQUIRE(chain->nested.size() == 1);
  CHECK(chain->nested[0].resources.size() == 1);
  CHECK(chain->resources[0].body.get("properties")->get("parameters"));
}

TEST_CASE("Detail::ChainOnly converts only the YAML objects some rule reads", "[reader][yaml]") {
  const std::string text =
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: x.fluxcd.io\n"
      "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
      "---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n"
      "---\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n"
      "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: source-controller\n"
      "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
      "---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n";
  auto kinds = [](const patless::Document& d) {
    std::string out;
    for (const auto& o : d.objects) out += o.kind + "/" + o.name + " ";
    return out;
  };
  auto chain = patless::read_document("gotk.yaml", text, patless::Detail::ChainOnly);
  REQUIRE(chain);
  CHECK(kinds(*chain) == "GitRepository/flux-system ServiceAccount/web Deployment/source-controller Kustomization/ ");
  auto whole = patless::read_document("gotk.yaml", text);
  REQUIRE(whole);
  CHECK(whole->objects.size() == 7);
}

TEST_CASE("a kustomization file is read as kustomize reads it: by name, apiVersion and kind filled in",
          "[reader][yaml]") {
  // Only the first document is the kustomization (kustomize decodes that one).
  auto doc = patless::read_document("base/kustomization.yaml", "resources:\n  - a.yaml\n---\nfoo: bar\n");
  REQUIRE(doc);
  REQUIRE(doc->objects.size() == 1);
  CHECK(doc->objects[0].api_version == "kustomize.config.k8s.io/v1beta1");
  CHECK(doc->objects[0].kind == "Kustomization");
  CHECK(doc->objects[0].is_kustomization());
  CHECK(doc->objects[0].kustomize_paths() == std::vector<std::string_view>{"a.yaml"});

  auto component = patless::read_document("c/Kustomization", "kind: Component\npatches: []\n");
  REQUIRE(component);
  REQUIRE(component->objects.size() == 1);
  CHECK(component->objects[0].api_version == "kustomize.config.k8s.io/v1alpha1");
  CHECK(component->objects[0].is_kustomization());

  // Any other name: a document without apiVersion and kind is no object, and such a file is not read.
  CHECK_FALSE(patless::read_document("base/resources.yaml", "resources:\n  - a.yaml\n"));
  CHECK(patless::file_kind("c/Kustomization") == patless::FileKind::Yaml);
  CHECK(patless::file_kind("c/kustomization") == patless::FileKind::Other);
}

TEST_CASE("a kustomization's remote resources are not files", "[reader][yaml]") {
  // kustomize takes what it finds no file for as a Git repository (api/internal/git/repospec.go).
  auto doc = patless::read_document("kustomization.yaml",
                                    "resources:\n"
                                    "  - https://github.com/org/repo//deploy?ref=v1\n"
                                    "  - github.com/kubernetes-csi/external-snapshotter//client/config/crd?ref=v8.2.1\n"
                                    "  - git@github.com:org/repo.git\n"
                                    "  - dev.azure.com/org/project/_git/repo\n"
                                    "  - ../base\n"
                                    "  - app.yaml\n"
                                    "  - github.com.local/deploy\n");
  REQUIRE(doc);
  REQUIRE(doc->objects.size() == 1);
  CHECK(doc->objects[0].kustomize_paths() ==
        std::vector<std::string_view>{"../base", "app.yaml", "github.com.local/deploy"});
}
