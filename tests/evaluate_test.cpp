// Static evaluation: what patless resolves, and what stays unknown.
#include <catch2/catch.hpp>

#include <string>

#include "grammars/read_document.h"
#include "rules/engine/evaluate.h"

namespace {

// Evaluates `var x = <expression>` in a file with a few declarations; returns
// the result as text ("unknown" when it is not known).
std::string eval_bicep(const std::string& expression) {
  std::string text =
      "param known string = 'Contoso'\n"
      "param free string\n"
      "var settings = { a: 'x', nested: { b: 1 } }\n"
      "var list = [ 'one', 'two' ]\n"
      "var x = " + expression + "\n";
  auto doc = patless::read_document("main.bicep", text);
  REQUIRE(doc);
  REQUIRE(doc->errors.empty());
  patless::Scope scope;
  scope.doc = &*doc;
  patless::Value v = patless::evaluate(doc->variable("x")->value, scope);
  if (patless::is_unknown(v)) return "unknown";
  if (v.kind == patless::Value::Kind::Object) {
    std::string keys;
    for (const auto& m : v.members) keys += m.key + "=" + (m.value.kind == patless::Value::Kind::Object ? "{}" : m.value.text) + ";";
    return keys;
  }
  if (v.kind == patless::Value::Kind::Null) return "null";
  return v.text;
}

}  // namespace

TEST_CASE("evaluation resolves functions over known parts", "[evaluate]") {
  CHECK(eval_bicep("replace(known, 'C', 'K')") == "Kontoso");
  CHECK(eval_bicep("replace('a-b-c', '-', '')") == "abc");
  CHECK(eval_bicep("contains(known, 'nto')") == "true");
  CHECK(eval_bicep("contains(list, 'two')") == "true");
  CHECK(eval_bicep("contains(list, 'three')") == "false");
  CHECK(eval_bicep("contains(settings, 'A')") == "true");
  CHECK(eval_bicep("empty('')") == "true");
  CHECK(eval_bicep("empty(list)") == "false");
  CHECK(eval_bicep("empty(null)") == "true");
  CHECK(eval_bicep("union(settings, { a: 'y', c: 'z' })") == "a=y;nested={};c=z;");
  CHECK(eval_bicep("union(settings, { nested: { d: 2 } }).nested.b") == "1");
  CHECK(eval_bicep("union(settings, { nested: { d: 2 } }).nested.d") == "2");
  CHECK(eval_bicep("coalesce(null, known)") == "Contoso");
  CHECK(eval_bicep("toLower(known)") == "contoso");
  CHECK(eval_bicep("'${known}-${toUpper('x')}'") == "Contoso-X");
  CHECK(eval_bicep("empty(known) ? 'a' : 'b'") == "b");
  CHECK(eval_bicep("null ?? 'fallback'") == "fallback");
}

TEST_CASE("evaluation leaves what it cannot know unknown", "[evaluate]") {
  CHECK(eval_bicep("free") == "unknown");
  CHECK(eval_bicep("replace(free, 'a', 'b')") == "unknown");
  CHECK(eval_bicep("contains(free, 'x')") == "unknown");
  CHECK(eval_bicep("empty(free)") == "unknown");
  CHECK(eval_bicep("union(settings, json(free))") == "unknown");
  CHECK(eval_bicep("coalesce(free, 'x')") == "unknown");
  CHECK(eval_bicep("empty(free) ? 'a' : 'b'") == "unknown");
  CHECK(eval_bicep("uniqueString(resourceGroup().id)") == "unknown");
  CHECK(eval_bicep("free ?? 'x'") == "unknown");
}

TEST_CASE("evaluation: one operand decides && and ||, integers compare", "[evaluate]") {
  CHECK(eval_bicep("false && free == 'x'") == "false");
  CHECK(eval_bicep("free == 'x' && false") == "false");  // false whatever free is
  CHECK(eval_bicep("true || free == 'x'") == "true");
  CHECK(eval_bicep("free == 'x' || true") == "true");
  CHECK(eval_bicep("true && free == 'x'") == "unknown");
  CHECK(eval_bicep("false || free == 'x'") == "unknown");
  CHECK(eval_bicep("true && !empty(list)") == "true");
  CHECK(eval_bicep("false && settings.a") == "false");
  CHECK(eval_bicep("'x' && false") == "false");
  CHECK(eval_bicep("'x' && true") == "unknown");  // not a bool: Bicep rejects it
  CHECK(eval_bicep("length(list) > 1") == "true");
  CHECK(eval_bicep("length(list) >= 3") == "false");
  CHECK(eval_bicep("length(list) < 2") == "false");
  CHECK(eval_bicep("length(list) <= 2") == "true");
  CHECK(eval_bicep("-1 < 0") == "true");
  CHECK(eval_bicep("length(free) > 0") == "unknown");
  CHECK(eval_bicep("'b' > 'a'") == "unknown");  // strings: not compared
  CHECK(eval_bicep("any(known)") == "Contoso");
  CHECK(eval_bicep("any(free)") == "unknown");
}

TEST_CASE("ARM evaluation: and(), or(), the comparison functions, createObject()", "[evaluate]") {
  const char* text = R"({
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": { "free": { "type": "string" }, "list": { "type": "array", "defaultValue": [1, 2] } },
    "variables": {
      "a": "[and(equals(parameters('free'), 'x'), false(), true())]",
      "b": "[or(equals(parameters('free'), 'x'), true())]",
      "c": "[and(true(), equals(parameters('free'), 'x'))]",
      "d": "[greater(length(parameters('list')), 0)]",
      "e": "[lessOrEquals(length(parameters('list')), 1)]",
      "f": "[greaterOrEquals(2, length(parameters('list')))]",
      "g": "[less(length(parameters('free')), 3)]",
      "h": "[createObject('a', 'x', 'b', createObject('c', 1)).b.c]",
      "i": "[union(createObject('a', 'x'), createObject('a', 'y')).a]",
      "j": "[empty(createObject())]",
      "k": "[createObject(parameters('free'), 1)]",
      "l": "[contains(createObject('a', parameters('free')), 'a')]"
    },
    "resources": []
  })";
  auto doc = patless::read_document("azuredeploy.json", text);
  REQUIRE(doc);
  patless::Scope scope;
  scope.doc = &*doc;
  auto eval = [&](const char* name) {
    patless::Value v = patless::evaluate(doc->variable(name)->value, scope);
    return patless::is_unknown(v) ? std::string("unknown") : v.text;
  };
  CHECK(eval("a") == "false");
  CHECK(eval("b") == "true");
  CHECK(eval("c") == "unknown");
  CHECK(eval("d") == "true");
  CHECK(eval("e") == "false");
  CHECK(eval("f") == "true");
  CHECK(eval("g") == "unknown");
  CHECK(eval("h") == "1");
  CHECK(eval("i") == "y");
  CHECK(eval("j") == "true");
  CHECK(eval("k") == "unknown");  // a key patless cannot know
  CHECK(eval("l") == "true");     // a value it cannot know is still there
}

TEST_CASE("ARM evaluation: resource ids", "[evaluate]") {
  const char* text = R"({
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "variables": {
      "cluster": "[resourceId('Microsoft.ContainerService/managedClusters', 'aks1')]",
      "ext": "[extensionResourceId(variables('cluster'), 'Microsoft.KubernetesConfiguration/extensions', 'flux')]"
    },
    "resources": []
  })";
  auto doc = patless::read_document("azuredeploy.json", text);
  REQUIRE(doc);
  patless::Scope scope;
  scope.doc = &*doc;
  patless::Value v = patless::evaluate(doc->variable("ext")->value, scope);
  CHECK(v.text ==
        "Microsoft.ContainerService/managedClusters/aks1/providers/Microsoft.KubernetesConfiguration/extensions/flux");
}

TEST_CASE("evaluation: length and range", "[evaluate]") {
  CHECK(eval_bicep("length(list)") == "2");
  CHECK(eval_bicep("length(known)") == "7");
  CHECK(eval_bicep("length(range(0, 3))") == "3");
  CHECK(eval_bicep("length(free)") == "unknown");
  CHECK(eval_bicep("length(range(0, length(free)))") == "unknown");
  CHECK(eval_bicep("range(2, 3)[2]") == "4");
  CHECK(eval_bicep("items({ b: 2, a: 1 })[0].key") == "a");
  CHECK(eval_bicep("items({ b: 2, a: 1 })[1].value") == "2");
  CHECK(eval_bicep("items(settings)[1].value.b") == "1");
  CHECK(eval_bicep("items(free)") == "unknown");
  CHECK(eval_bicep("length(concat(list, createArray('x')))") == "unknown");  // concat() of arrays stays unknown
}

TEST_CASE("evaluation: for-expressions, map() and filter() over collections patless knows", "[evaluate]") {
  CHECK(eval_bicep("[for s in list: 'x-${s}'][1]") == "x-two");
  CHECK(eval_bicep("length([for s in list: s])") == "2");
  CHECK(eval_bicep("[for (s, i) in list: '${i}:${s}'][1]") == "1:two");
  CHECK(eval_bicep("[for i in range(0, 2): [for s in list: '${i}${s}']][1][0]") == "1one");
  CHECK(eval_bicep("map(list, s => toUpper(s))[0]") == "ONE");
  CHECK(eval_bicep("filter(list, s => s == 'two')[0]") == "two");
  CHECK(eval_bicep("length(filter(list, s => startsWith(s, 't')))") == "unknown");  // startsWith: not evaluated
  CHECK(eval_bicep("[for s in list: known][0]") == "Contoso");
  CHECK(eval_bicep("[for s in free: s]") == "unknown");
  CHECK(eval_bicep("map(free, s => s)") == "unknown");
}

TEST_CASE("evaluation: a loop's pass binds its variables, and ARM's copyIndex()", "[evaluate]") {
  auto doc = patless::read_document("main.bicep",
                                    "var subjects = [ 'a', 'b' ]\n"
                                    "resource c 'Microsoft.ManagedIdentity/userAssignedIdentities/"
                                    "federatedIdentityCredentials@2023-01-31' = [for (s, i) in subjects: {\n"
                                    "  name: '${s}-${i}'\n"
                                    "}]\n");
  REQUIRE(doc);
  const patless::Resource& r = doc->resources.at(0);
  CHECK(r.loop_item == "s");
  CHECK(r.loop_index == "i");
  patless::Scope scope;
  scope.doc = &*doc;
  const patless::Value& name = *r.body.get("name");
  CHECK(patless::is_unknown(patless::evaluate(name, scope)));  // outside a pass: unknown
  patless::Scope pass = scope;
  pass.repeats = &scope;
  patless::LoopPass second{"s", "i", "loop", patless::string_value("b", {}), 1};
  pass.pass = second;
  CHECK(patless::evaluate(name, pass).text == "b-1");
  auto arm = patless::read_document("azuredeploy.json", R"({
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": { "items": { "type": "array", "defaultValue": [ "x", "y" ] } },
    "variables": {
      "plain": "[parameters('items')[copyIndex()]]",
      "named": "[copyIndex('loop', 10)]",
      "other": "[copyIndex('another')]",
      "empty": "[length(createArray())]"
    },
    "resources": []
  })");
  REQUIRE(arm);
  patless::Scope arm_scope;
  arm_scope.doc = &*arm;
  patless::Scope arm_pass = arm_scope;
  arm_pass.repeats = &arm_scope;
  arm_pass.pass = pass.pass;
  auto var = [&](const char* n, const patless::Scope& s) { return patless::evaluate(arm->variable(n)->value, s); };
  CHECK(var("plain", arm_pass).text == "y");
  CHECK(var("named", arm_pass).text == "11");
  CHECK(patless::is_unknown(var("other", arm_pass)));  // another loop's index
  CHECK(patless::is_unknown(var("plain", arm_scope)));  // no pass: copyIndex() is unknown
  CHECK(var("empty", arm_scope).text == "0");
}

TEST_CASE("evaluation: a nullable parameter that a caller does not pass is null", "[evaluate]") {
  auto doc = patless::read_document("identity.bicep",
                                    "param credentials array?\n"
                                    "param required string\n"
                                    "var all = credentials ?? [ 'none' ]\n"
                                    "var r = required\n");
  REQUIRE(doc);
  CHECK(doc->parameter("credentials")->nullable);
  CHECK_FALSE(doc->parameter("required")->nullable);
  patless::Scope alone;  // deployed on its own: the deployer may pass anything
  alone.doc = &*doc;
  CHECK(patless::is_unknown(patless::evaluate(doc->variable("all")->value, alone)));
  patless::Scope caller;
  patless::Scope module;  // a module call that passes neither
  module.doc = &*doc;
  module.caller = &caller;
  patless::Value all = patless::evaluate(doc->variable("all")->value, module);
  REQUIRE(all.kind == patless::Value::Kind::Array);
  CHECK(all.items.at(0).text == "none");
  CHECK(patless::is_unknown(patless::evaluate(doc->variable("r")->value, module)));
}

TEST_CASE("evaluation: a resource's name and id", "[evaluate]") {
  auto doc = patless::read_document("main.bicep",
                                    "param clusterName string = 'aks1'\n"
                                    "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n"
                                    "  name: clusterName\n"
                                    "}\n"
                                    "var n = aks.name\n"
                                    "var i = aks.id\n");
  REQUIRE(doc);
  patless::Scope scope;
  scope.doc = &*doc;
  CHECK(patless::evaluate(doc->variable("n")->value, scope).text == "aks1");
  CHECK(patless::evaluate(doc->variable("i")->value, scope).text == "Microsoft.ContainerService/managedClusters/aks1");
}

TEST_CASE("evaluation: safe dereference and tryGet() are null where a value known whole lacks the key", "[evaluate]") {
  CHECK(eval_bicep("settings.?a") == "x");
  CHECK(eval_bicep("settings.?missing") == "null");
  CHECK(eval_bicep("settings.?missing.?deeper") == "null");
  CHECK(eval_bicep("settings.?missing ?? 'fallback'") == "fallback");
  CHECK(eval_bicep("settings.?missing.deeper") == "unknown");  // `.` on null fails the deployment
  CHECK(eval_bicep("free.?a") == "unknown");                   // not an object patless knows
  CHECK(eval_bicep("tryGet(settings, 'nested', 'b')") == "1");
  CHECK(eval_bicep("tryGet(settings, 'nested', 'c')") == "null");
  // The member taken is inside the object it replaces (found by ASan on a real template).
  CHECK(eval_bicep("tryGet({ a: { x: 1, y: 2, z: 3 }, b: 1 }, 'a', 'z')") == "3");
  CHECK(eval_bicep("tryGet(list, 1)") == "two");
  CHECK(eval_bicep("tryGet(list, 2)") == "null");
  CHECK(eval_bicep("tryGet(list, 123456789012345678901234567890)") == "null");
  CHECK(eval_bicep("tryGet(free, 'a')") == "unknown");
  CHECK(eval_bicep("list[1]") == "two");
  CHECK(eval_bicep("list[2]") == "unknown");
}
