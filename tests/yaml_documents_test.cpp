// YAML documents read one at a time from yaml-cpp's events (grammars/yaml/yaml_documents.h).
#include "grammars/yaml/yaml_documents.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "grammars/yaml/yaml_reader.h"

using patless::Value;
using patless::YamlDocument;
using patless::YamlDocuments;

namespace {

std::vector<std::string> keys(const Value& v) {
  std::vector<std::string> out;
  for (const patless::Member& m : v.members) out.push_back(m.key);
  return out;
}

}  // namespace

TEST_CASE("each document is handed over as it is read, with its values' places", "[yaml]") {
  const std::string text = "a: 1\n---\n- x\n- 'y'\n---\n";
  patless::SourceText src(text);
  std::vector<YamlDocument> read;
  CHECK_FALSE(YamlDocuments(src).read(text, [&](YamlDocument& d) { read.push_back(std::move(d)); }));
  REQUIRE(read.size() == 3);
  REQUIRE(read[0].root.kind == Value::Kind::Object);
  const patless::Member& a = read[0].root.members.at(0);
  CHECK(a.key == "a");
  CHECK(a.value.kind == Value::Kind::Number);
  CHECK(a.value.range.start_column == 4);
  REQUIRE(read[1].root.items.size() == 2);
  CHECK(read[1].root.items[1].kind == Value::Kind::String);
  CHECK(read[1].root.items[1].range.start_line == 4);
  CHECK(read[1].root.items[1].range.end_column == 6);  // the quotes included
  CHECK(read[2].root.kind == Value::Kind::Null);       // an empty document
}

TEST_CASE("a document the caller drops by its kind is not built past it", "[yaml]") {
  // A CRD bundle's documents are mostly schema: once apiVersion and kind say
  // no rule reads it, the rest is parsed for errors, and nothing of it is built.
  const std::string text =
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  versions: [{name: v1}]\n"
      "---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n";
  patless::SourceText src(text);
  std::vector<YamlDocument> read;
  auto keep = [](const Value& root) -> std::optional<bool> {
    const Value* kind = root.get("kind");
    if (!kind) return std::nullopt;
    return kind->text != "CustomResourceDefinition";
  };
  YamlDocuments documents(src);
  CHECK_FALSE(documents.read(
      text, [&](YamlDocument& d) { read.push_back(std::move(d)); }, keep));
  REQUIRE(read.size() == 2);
  CHECK(read[0].dropped);
  CHECK(keys(read[0].root) == std::vector<std::string>{"apiVersion", "kind"});
  CHECK(read[0].values == 3);  // the mapping and its two scalars
  CHECK_FALSE(read[1].dropped);
  CHECK(keys(read[1].root) == std::vector<std::string>{"apiVersion", "kind", "metadata"});
}

TEST_CASE("an error anywhere in the text is the text's, whatever was handed over before it", "[yaml]") {
  const std::string text = "a: 1\n---\nb: [1, 2\n";
  patless::SourceText src(text);
  size_t taken = 0;
  auto error = YamlDocuments(src).read(text, [&](YamlDocument&) { ++taken; });
  REQUIRE(error);
  CHECK(taken == 1);
  CHECK(error->offset > 5);  // in the second document
  // read_yaml keeps none of the file's objects then, as a YAML library loads none.
  auto doc = patless::read_yaml("two.yaml", "apiVersion: v1\nkind: ServiceAccount\n---\n" + text);
  REQUIRE(doc);
  CHECK(doc->objects.empty());
  CHECK(doc->errors.size() == 1);
}

TEST_CASE("an alias inside the node it names is cut, not followed", "[yaml][hostile]") {
  const std::string text = "a: &x [1, *x]\n";
  patless::SourceText src(text);
  YamlDocument read;
  // yaml-cpp's own nodes would hold a cycle here.
  CHECK_FALSE(YamlDocuments(src).read(text, [&](YamlDocument& d) { read = std::move(d); }));
  REQUIRE(read.limit_hit);
  CHECK(read.limit_hit->start_column == 11);
}

TEST_CASE("a document whose apiVersion and kind come from a merge key is an object, as kustomize reads it",
          "[yaml][reader]") {
  const std::string text =
      "base: &flux {apiVersion: source.toolkit.fluxcd.io/v1, kind: GitRepository}\n"
      "---\n"
      "<<: {apiVersion: source.toolkit.fluxcd.io/v1, kind: GitRepository}\n"
      "metadata: {name: merged}\n";
  for (bool only_what_rules_read : {false, true}) {
    auto doc = patless::read_yaml("m.yaml", text, only_what_rules_read);
    REQUIRE(doc);
    REQUIRE(doc->objects.size() == 1);
    CHECK(doc->objects[0].kind == "GitRepository");
    CHECK(doc->objects[0].name == "merged");
  }
}

TEST_CASE("a stray ',' after a byte order mark is reported where it is", "[yaml]") {
  for (std::string bom : {"", "\xEF\xBB\xBF"}) {
    const std::string text = bom + "a: 1\n, b\n";
    patless::SourceText src(text);
    auto error = YamlDocuments(src).read(text, [](YamlDocument&) {});
    REQUIRE(error);
    CHECK(error->offset == text.find(','));
  }
}
