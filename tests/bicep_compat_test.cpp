// Bicep the npm grammar predates is read exactly (grammars/bicep/bicep_compat.h),
// and real syntax errors are still PL001 at the right place.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "grammars/bicep/bicep_compat.h"
#include "grammars/read_document.h"
#include "rules/engine/evaluate.h"

using patless::Value;

namespace {

// Every construct is followed by this resource, which must come out whole.
constexpr const char* kResource =
    "resource ext 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {\n"
    "  name: 'flux'\n"
    "  properties: {\n"
    "    extensionType: 'microsoft.flux'\n"
    "  }\n"
    "}\n";

uint32_t lines_in(const std::string& s) {
  uint32_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

patless::Document read_with_resource(const std::string& construct) {
  std::string text = construct + kResource;
  auto doc = patless::read_document("main.bicep", text);
  REQUIRE(doc);
  INFO(text);
  for (const auto& e : doc->errors) FAIL_CHECK(e.message << " at " << e.range.start_line << ":" << e.range.start_column);
  REQUIRE(doc->errors.empty());
  REQUIRE(!doc->resources.empty());
  const auto& ext = doc->resources.back();
  CHECK(ext.symbol == "ext");
  CHECK(ext.range.start_line == lines_in(construct) + 1);
  const Value* props = ext.body.get("properties");
  REQUIRE(props);
  REQUIRE(props->get("extensionType"));
  CHECK(props->get("extensionType")->text == "microsoft.flux");
  return std::move(*doc);
}

const Value& var(const patless::Document& doc, std::string_view name) {
  const patless::Variable* v = doc.variable(name);
  REQUIRE(v);
  return v->value;
}

// A variable's value as the engine evaluates it in its own file.
Value evaluated(const patless::Document& doc, std::string_view name) {
  patless::Scope scope;
  scope.doc = &doc;
  return patless::evaluate(var(doc, name), scope);
}

}  // namespace

TEST_CASE("compat: resourceInput<> and resourceOutput<> types", "[bicep][compat]") {
  auto doc = read_with_resource(
      "param t resourceInput<'Microsoft.Resources/resourceGroups@2024-03-01'>.tags?\n"
      "param u resourceOutput<'Microsoft.Network/virtualNetworks@2024-05-01'>.properties.subnets[*].id[]\n"
      "param next string = 'n'\n");
  REQUIRE(doc.parameters.size() == 3);
  CHECK(doc.parameters[0].name == "t");
  CHECK(!doc.parameters[0].default_value);
  CHECK(doc.parameters[2].default_value->text == "n");
}

TEST_CASE("compat: nullable types followed by another statement", "[bicep][compat]") {
  auto doc = read_with_resource(
      "param a fooType?\n"
      "param b string\n"
      "type c = {}?\n"
      "type d = string\n"
      "type e = {\n"
      "  x: fooType?\n"
      "  y?: string\n"
      "  @description('(0 | 1)?')\n"
      "  z: (0 | 1 | 2)\n"
      "  w: ('a' | 'b')?\n"
      "}\n"
      "output o fooType? = null\n"
      "func f(p fooType?) string? => 'x'\n");
  REQUIRE(doc.parameters.size() == 2);
  CHECK(doc.parameters[1].name == "b");
  REQUIRE(doc.outputs.size() == 1);
  CHECK(doc.outputs[0].value.kind == Value::Kind::Null);
}

TEST_CASE("compat: strings whose content starts with // or /*", "[bicep][compat]") {
  auto doc = read_with_resource(
      "param a string = 'p'\n"
      "var s1 = '//'\n"
      "var s2 = ' //x'\n"
      "var s3 = '${a}//x'\n"
      "var s4 = '/* not a comment */'\n"
      "var s5 = 'https://dev.azure.com/org/p/_git/r' // a comment\n");
  CHECK(var(doc, "s1").text == "//");
  CHECK(var(doc, "s2").text == " //x");
  const Value& s3 = var(doc, "s3");
  REQUIRE(s3.kind == Value::Kind::Interpolation);
  REQUIRE(s3.items.size() == 2);
  CHECK(s3.items[1].text == "//x");
  CHECK(var(doc, "s4").text == "/* not a comment */");
  CHECK(var(doc, "s5").text == "https://dev.azure.com/org/p/_git/r");
  REQUIRE(doc.comments.size() == 1);
  CHECK(doc.comments[0].text == "// a comment");
}

TEST_CASE("compat: leading spaces in strings are kept", "[bicep][compat]") {
  auto doc = read_with_resource("var s = '  lead'\nvar t = '\t${'  x'}  '\n");
  CHECK(var(doc, "s").text == "  lead");
  const Value& t = var(doc, "t");
  REQUIRE(t.items.size() == 3);
  CHECK(t.items[0].text == "\t");
  CHECK(t.items[1].text == "  x");
  CHECK(t.items[2].text == "  ");
}

TEST_CASE("compat: postfix non-null assertions", "[bicep][compat]") {
  auto doc = read_with_resource(
      "var v1 = f(a!)\n"
      "var v2 = [a!]\n"
      "var v3 = c ? b! : d\n"
      "var v4 = '${b!}'\n"
      "var v5 = a!.b\n"
      "var v6 = !a && !(b!)\n"
      "var v7 = a! != b\n"
      "output o string = a.b!\n");
  const Value& v1 = var(doc, "v1");
  REQUIRE(v1.kind == Value::Kind::Call);
  CHECK(v1.items.at(0).text == "a");
  CHECK(var(doc, "v2").items.at(0).kind == Value::Kind::Reference);
  const Value& v3 = var(doc, "v3");
  REQUIRE(v3.kind == Value::Kind::Ternary);
  CHECK(v3.items[1].text == "b");
  CHECK(var(doc, "v4").items.at(0).text == "b");
  CHECK(var(doc, "v5").kind == Value::Kind::Member);
  const Value& v6 = var(doc, "v6");  // prefix `!` stays a negation
  REQUIRE(v6.kind == Value::Kind::Operator);
  CHECK(v6.text == "&&");
  CHECK(v6.items[0].text == "!");
  CHECK(var(doc, "v7").text == "!=");
  REQUIRE(doc.outputs.size() == 1);
  CHECK(doc.outputs[0].value.kind == Value::Kind::Member);
}

TEST_CASE("compat: typed variables", "[bicep][compat]") {
  auto doc = read_with_resource("var a bool = false\nvar b string[] = [\n  'x'\n]\nvar c {x: int} = {x: 1}\n");
  CHECK(var(doc, "a").kind == Value::Kind::Bool);
  CHECK(var(doc, "a").text == "false");
  CHECK(var(doc, "b").items.at(0).text == "x");
  CHECK(var(doc, "c").get("x")->text == "1");
}

TEST_CASE("compat: spreads", "[bicep][compat]") {
  auto doc = read_with_resource(
      "var base = { provider: 'Generic', url: 'u' }\n"
      "var o = { ...base, provider: 'Azure' }\n"
      "var p = {\n"
      "  ...base\n"
      "  x: 1\n"
      "}\n"
      "var a = [ ...list, 1 ]\n");
  const Value& o = var(doc, "o");
  REQUIRE(o.members.size() == 2);
  CHECK(o.members[0].spread);
  CHECK(o.members[0].value.text == "base");
  CHECK(o.members[0].value.range.start_column == 14);
  CHECK(o.members[1].key == "provider");
  CHECK(var(doc, "p").members.at(0).spread);
  const Value& a = var(doc, "a");
  CHECK(a.spread);
  REQUIRE(a.items.size() == 2);
  CHECK(a.items[0].kind == Value::Kind::Opaque);
  CHECK(a.items[1].text == "1");
}

TEST_CASE("spread semantics: later keys win, unknown spreads make keys unknown", "[bicep][compat][evaluate]") {
  auto doc = patless::read_document("main.bicep",
                                    "param free object\n"
                                    "var base = { provider: 'Generic', url: 'u' }\n"
                                    "var after = { ...base, provider: 'Azure' }\n"
                                    "var before = { provider: 'Azure', ...base }\n"
                                    "var unknownAfter = { provider: 'Azure', ...free }\n"
                                    "var unknownBefore = { ...free, provider: 'Azure' }\n");
  REQUIRE(doc);
  REQUIRE(doc->errors.empty());
  patless::Scope scope;
  scope.doc = &*doc;
  using State = patless::Lookup::State;
  auto provider = [&](std::string_view v) { return patless::lookup(var(*doc, v), {"provider"}, scope); };
  CHECK(provider("after").value.text == "Azure");
  CHECK(provider("before").value.text == "Generic");
  CHECK(provider("unknownAfter").state == State::Unknown);
  CHECK(provider("unknownBefore").value.text == "Azure");
  CHECK(patless::lookup(var(*doc, "after"), {"url"}, scope).value.text == "u");
  CHECK(patless::lookup(var(*doc, "after"), {"missing"}, scope).state == State::Absent);
  CHECK(patless::lookup(var(*doc, "unknownBefore"), {"missing"}, scope).state == State::Unknown);
}

TEST_CASE("compat: import lists without commas", "[bicep][compat]") {
  read_with_resource("import {\n  a\n  b as c\n  d\n} from 'types.bicep'\n");
  read_with_resource("import {\n  a,\n  b,\n} from 'types.bicep'\n");
  read_with_resource("import {a, b as c} from 'types.bicep'\nimport * as t from 'types.bicep'\n");
}

TEST_CASE("compat: extension statements", "[bicep][compat]") {
  read_with_resource("extension microsoftGraphV1\n");
  read_with_resource("extension 'br:mcr.microsoft.com/bicep/extensions/microsoftgraph/v1.0:0.1.8-preview' as graph\n");
  read_with_resource("extension kubernetes with {\n  namespace: 'default'\n  kubeConfig: ''\n} as k8s\n");
}

TEST_CASE("compat: .bicepparam assignments", "[bicep][compat]") {
  auto doc = patless::read_document("main.bicepparam",
                                    "using './main.bicep'\n"
                                    "param provider = 'Azure'\n"
                                    "var typed string = 'x'\n"
                                    "param tags = { ...base }\n");
  REQUIRE(doc);
  CHECK(doc->errors.empty());
  REQUIRE(doc->parameters.size() == 2);
  CHECK(doc->parameters[0].default_value->text == "Azure");
  CHECK(doc->parameters[1].default_value->members.at(0).spread);
}

TEST_CASE("compat: indexes from the end and safe indexes", "[bicep][compat]") {
  auto doc = read_with_resource(
      "var arr = ['a', 'b']\n"
      "var last = arr[^1]\n"
      "var lastSafe = arr[?^1]\n"
      "var computed = arr[^(length(arr) - 1)]\n"
      "var items = [\n  arr[0]\n  arr[?1]\n  arr[?5]\n]\n"
      "var obj = { a: 'x' }\n"
      "var missingKey = obj[?'b']\n"
      "var pastEnd = arr[?2] ?? 'fallback'\n"
      "var unsafe = arr[2]\n");
  // From the end: unknown. A safe index: the item, or null where there is none.
  CHECK(evaluated(doc, "last").kind == Value::Kind::Opaque);
  CHECK(evaluated(doc, "lastSafe").kind == Value::Kind::Opaque);
  CHECK(evaluated(doc, "computed").kind == Value::Kind::Opaque);
  Value items = evaluated(doc, "items");
  REQUIRE(items.items.size() == 3);
  CHECK(items.items[1].text == "b");
  CHECK(items.items[2].kind == Value::Kind::Null);
  CHECK(evaluated(doc, "missingKey").kind == Value::Kind::Null);
  CHECK(evaluated(doc, "pastEnd").text == "fallback");
  CHECK(evaluated(doc, "unsafe").kind == Value::Kind::Opaque);  // a deployment error, not a value
}

TEST_CASE("compat: multi-line strings with interpolations, and with quotes inside", "[bicep][compat]") {
  auto doc = read_with_resource(
      "var org = 'contoso'\n"
      "var url = $'''\nhttps://dev.azure.com/${org}/p/_git/r\n'''\n"
      "var escaped = $$'''\n${not} $${org}\n'''\n"
      "var quoted = ''''abc''''\n"
      "var plain = '''\nline\n'''\n");
  CHECK(evaluated(doc, "url").kind == Value::Kind::Opaque);
  CHECK(evaluated(doc, "escaped").kind == Value::Kind::Opaque);
  CHECK(evaluated(doc, "quoted").text == "'abc'");
  CHECK(evaluated(doc, "plain").text == "line\n");
}

TEST_CASE("compat: resourceInput<> with spaces and comments around the type", "[bicep][compat]") {
  auto doc = read_with_resource(
      "type t = {\n"
      "  a: resourceInput    <'Microsoft.Storage/storageAccounts@2023-01-01'>.name\n"
      "  b: resourceInput</* c */'Microsoft.Storage/storageAccounts@2023-01-01'/* d */>.name\n"
      "}\n"
      "param next string = 'n'\n");
  REQUIRE(doc.parameters.size() == 1);
  CHECK(doc.parameters[0].default_value->text == "n");
}

TEST_CASE("compat: resourceInput<> written over several lines", "[bicep][compat]") {
  // Azure/bicep's own baseline (ResourceDerivedTypes) spells types this way.
  for (std::string eol : {"\n", "\r\n"}) {
    auto doc = read_with_resource(
        "type t = {\n"
        "  a: resourceInput<" +
        eol + eol + "  'Astronomer.Astro/organizations@2023-08-01-preview'" + eol + eol +
        ">.name\n"
        "  b: resourceInput</*" +
        eol + " c */'Microsoft.Storage/storageAccounts@2023-01-01'" + eol +
        ">\n"
        "}\n"
        "@description('x')\n"
        "param p resourceInput< // tags" +
        eol +
        "  'Microsoft.Resources/tags@2022-09-01'>.properties = {}\n"
        "param next string = 'n'\n");
    REQUIRE(doc.parameters.size() == 2);
    CHECK(doc.parameters[0].name == "p");
    CHECK(doc.parameters[1].default_value->text == "n");
    CHECK(doc.parameters[1].range.start_line == 14);
  }
}

TEST_CASE("compat: quoted names in import lists", "[bicep][compat]") {
  read_with_resource("import {\n  'not-an-identifier' as renamed\n  plain\n} from 'mod.json'\n");
}

TEST_CASE("compat: .bicepparam statements the grammar does not know", "[bicep][compat]") {
  const std::string heads[] = {"using none\n", "using 'main.bicep'\nextends 'base.bicepparam'\n",
                               "using 'main.bicep' with {\n  mode: 'stack'\n}\n",
                               "using 'main.bicep'\nextensionConfig k8s with {\n  namespace: 'x'\n}\n"};
  for (const std::string& head : heads) {
    INFO(head);
    auto doc = patless::read_document("main.bicepparam", head + "param provider = 'Azure'\n");
    REQUIRE(doc);
    CHECK(doc->errors.empty());
    REQUIRE(doc->parameters.size() == 1);
    CHECK(doc->parameters[0].default_value->text == "Azure");
    CHECK(doc->using_path == (head.starts_with("using none") ? "" : "main.bicep"));
    CHECK(doc->extends_path == (head.find("extends") != std::string::npos ? "base.bicepparam" : ""));
  }
  // Half a statement is still an error.
  auto doc = patless::read_document("main.bicepparam", "using 'main.bicep' with {\nparam provider = 'Azure'\n");
  REQUIRE(doc);
  CHECK(!doc->errors.empty());
}

TEST_CASE("compat: the grammar's text has the source's length and line breaks", "[bicep][compat]") {
  std::string src =
      "param t resourceInput<'Microsoft.Resources/resourceGroups@2024-03-01'>.tags?\r\n"
      "var s = '\xC3\xA9//\xE2\x82\xAC'\r\n"
      "extension k with {\r\n  a: '\xF0\x9F\x98\x80'\r\n}\r\n"
      "var a bool = { ...x }\r\n";
  auto g = patless::make_grammar_compatible(src, false);
  REQUIRE(g.text.size() == src.size());
  for (size_t i = 0; i < src.size(); ++i) {
    if (src[i] == '\n' || src[i] == '\r') CHECK(g.text[i] == src[i]);
    if (g.text[i] == '\n' || g.text[i] == '\r') CHECK(g.text[i] == src[i]);
  }
}

TEST_CASE("real syntax errors are still PL001 at the right place", "[bicep][compat]") {
  struct Case {
    const char* name;
    const char* text;
    uint32_t line, column;
    const char* message;
  };
  const Case cases[] = {
      {"unbalanced braces", "resource r 'A.B/c@2020-01-01' = {\n  name: 'x'\n  properties: {\n}\n", 1, 33,
       "syntax error: '{' is never closed"},
      {"missing =", "var a 'x'\n", 1, 7, "syntax error: expected '=' here"},
      {"typed var without =", "var a bool false\n", 1, 12, "syntax error: expected '=' here"},
      {"resource without =", "resource r 'A.B/c@2020-01-01' existing {\n}\n", 1, 40, "syntax error: expected '=' here"},
      {"stray token", "resource r 'A.B/c@2020-01-01' = {\n  name: 'x' )\n}\n", 2, 13,
       "syntax error: unexpected ')': no '(' is open here"},
      {"stray token in an expression", "var a = 1 2\n", 1, 11, "syntax error: unexpected '2'"},
      {"unterminated string", "var a = 'abc\r\nvar b = 1\n", 1, 9, "syntax error: unterminated string"},
      {"unclosed bracket inside", "var a = {\n  b: [1, 2\n}\n", 2, 6, "syntax error: '[' is never closed"},
      {"unterminated comment", "var a = 1 /* no end\n", 1, 11, "syntax error: unterminated comment: '/*' has no '*/'"},
      {"one-line import list without commas", "import {a b} from 'x.bicep'\n", 1, 11, "syntax error: unexpected 'b'"},
      {"extension with junk after it", "extension foo bar baz\n", 1, 1, "syntax error: unexpected 'extension foo bar baz'"},
      {"spread in call arguments", "var a = f(...b)\n", 1, 11, "syntax error: unexpected '...'"},
      {"spread without operand", "var a = { ... }\n", 1, 11, "syntax error: unexpected '...'"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      auto doc = patless::read_document("main.bicep", c.text);
      REQUIRE(doc);
      INFO(c.text);
      REQUIRE(doc->errors.size() == 1);
      CHECK(doc->errors[0].range.start_line == c.line);
      CHECK(doc->errors[0].range.start_column == c.column);
      CHECK(doc->errors[0].message == c.message);
    }
  }
}

TEST_CASE("compat: every prefix of the modern-syntax fixture is read without a crash", "[bicep][compat][hostile]") {
  std::ifstream in(std::string(PATLESS_SOURCE_DIR) + "/testdata/rules/PL001/modern_syntax.bicep", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string full = ss.str();
  REQUIRE(full.size() > 1000);
  size_t with_errors = 0;
  for (size_t cut = 0; cut <= full.size(); ++cut) {
    std::string prefix = full.substr(0, cut);
    auto g = patless::make_grammar_compatible(prefix, false);
    REQUIRE(g.text.size() == prefix.size());
    auto doc = patless::read_document("main.bicep", prefix);
    REQUIRE(doc);
    REQUIRE(doc->errors.size() <= 1);
    with_errors += doc->errors.size();
  }
  CHECK(with_errors > 0);  // most cuts fall inside a construct
}
