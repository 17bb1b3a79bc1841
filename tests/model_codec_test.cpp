// Documents as bytes and back (grammars/model_codec.h): every field comes back,
// and bytes that are not a whole encoding give nothing.
#include "grammars/model_codec.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "cli/scan.h"

namespace fs = std::filesystem;

namespace {

// Field by field; a nested document's deployment by its place among the parent's resources.
bool same(const patless::Document& a, const patless::Document& b, const patless::Document* pa = nullptr,
          const patless::Document* pb = nullptr) {
  auto deployment = [](const patless::Document& d, const patless::Document* parent) -> long {
    return d.nested_in && parent ? d.nested_in - parent->resources.data() : -1;
  };
  if (!(a.path == b.path && a.format == b.format && a.resources == b.resources && a.parameters == b.parameters &&
        a.variables == b.variables && a.modules == b.modules && a.imports == b.imports && a.outputs == b.outputs &&
        a.objects == b.objects && a.patches == b.patches && deployment(a, pa) == deployment(b, pb) &&
        a.outer_expressions == b.outer_expressions && a.given_as_parameters == b.given_as_parameters &&
        a.comments == b.comments && a.errors == b.errors && a.using_path == b.using_path &&
        a.using_range == b.using_range && a.using_path_range == b.using_path_range &&
        a.using_registry == b.using_registry && a.extends_path == b.extends_path && a.outline == b.outline &&
        a.registry == b.registry && a.text_hash == b.text_hash && a.nested.size() == b.nested.size()))
    return false;
  for (size_t i = 0; i < a.nested.size(); ++i)
    if (!same(a.nested[i], b.nested[i], &a, &b)) return false;
  return true;
}

std::vector<patless::Document> documents_of_testdata() {
  patless::ScanOptions options;
  options.paths = {(fs::path(PATLESS_SOURCE_DIR) / "testdata").string()};
  options.jobs = 2;
  return patless::scan(options).documents;
}

std::string encoded(const patless::Document& d) {
  std::string out;
  patless::encode(d, out);
  return out;
}

}  // namespace

TEST_CASE("every document of testdata comes back from its bytes field for field", "[codec]") {
  const std::vector<patless::Document> documents = documents_of_testdata();
  REQUIRE(documents.size() > 400);
  size_t nested = 0, objects = 0, patches = 0, modules = 0;
  for (const patless::Document& d : documents) {
    nested += d.nested.size();
    objects += d.objects.size();
    patches += d.patches.size();
    modules += d.modules.size();
    const std::string bytes = encoded(d);
    std::optional<patless::Document> back = patless::decode_document(bytes);
    INFO(d.path);
    REQUIRE(back);
    CHECK(same(d, *back));
    CHECK(encoded(*back) == bytes);
  }
  // What testdata has of each kind: the check above saw them.
  CHECK(nested > 10);
  CHECK(objects > 100);
  CHECK(patches > 20);
  CHECK(modules > 50);
}

TEST_CASE("bytes cut short, lengthened or changed decode to nothing", "[codec]") {
  patless::Document d;
  d.path = "main.bicep";
  patless::Resource& r = d.resources.emplace_back();
  r.symbol = "aks";
  r.type = "Microsoft.ContainerService/managedClusters";
  r.body.kind = patless::Value::Kind::Object;
  patless::Value name;
  name.kind = patless::Value::Kind::String;
  name.text = "aks-1";
  r.body.members.push_back({"name", {}, name});
  const std::string bytes = encoded(d);
  REQUIRE(patless::decode_document(bytes));
  for (size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(patless::decode_document(bytes.substr(0, n)));
  CHECK_FALSE(patless::decode_document(bytes + '\0'));
  std::string other_version = bytes;
  other_version[0] = static_cast<char>(other_version[0] + 1);
  CHECK_FALSE(patless::decode_document(other_version));
}

TEST_CASE("a count larger than the bytes left, or values nested past any reader's, decode to nothing", "[codec]") {
  // The version, then a path of 2^62 bytes.
  CHECK_FALSE(patless::decode_document(std::string("\x01\xff\xff\xff\xff\xff\xff\xff\xff\x3f", 10)));
  patless::Document d;
  patless::Value* v = &d.variables.emplace_back().value;
  for (int depth = 0; depth < 2000; ++depth) {
    v->kind = patless::Value::Kind::Array;
    v = &v->items.emplace_back();
  }
  CHECK_FALSE(patless::decode_document(encoded(d)));
}

TEST_CASE("a document with every field set comes back field for field", "[codec]") {
  // Fields no reader sets in testdata (an engine's origin, --params, registry modules) too.
  int n = 0;
  auto range = [&] {
    ++n;
    return patless::SourceRange{uint32_t(n),     uint32_t(n + 1), uint32_t(n + 2),
                                uint32_t(n + 3), uint32_t(n + 4), uint32_t(n + 5)};
  };
  auto value = [&](const std::string& text) {
    patless::Value v;
    v.kind = patless::Value::Kind::Call;
    v.text = text;
    v.range = range();
    v.spread = v.shared = v.safe = v.grouped = true;
    v.origin = patless::Value::kForeign;
    v.items.push_back(v);
    v.members.push_back({text + "-key", range(), v.items[0], true});
    return v;
  };
  patless::Document d;
  d.path = "p";
  d.format = patless::Format::ArmParams;
  patless::Resource r{"sym",      "type",     "v1", range(), range(), range(),  range(),        true,         true,
                      value("c"), value("l"), true, "item",  "index", "parent", {value("dec")}, value("body")};
  d.resources = {r, r};
  d.parameters.push_back({"param", range(), "string", value("default"), true, {value("secure")}});
  d.variables.push_back({"var", range(), value("v")});
  d.modules.push_back({"mod",
                       true,
                       value("over"),
                       "i",
                       "j",
                       {value("batch")},
                       "./m.bicep",
                       range(),
                       range(),
                       "br:x",
                       true,
                       value("if"),
                       value("body")});
  d.imports.push_back({"types.bicep", {{"a", "b"}}, "ns"});
  d.outputs.push_back({"out", range(), value("o")});
  d.objects.push_back({"v1", "Kind", "name", "ns", range(), value("root"), -1});
  d.objects.push_back({"v1", "Made", "made", "ns2", range(), value("root2"), 0});
  patless::KustomizePatch patch;
  patch.type = patless::KustomizePatch::Type::Json6902;
  patch.target_group = "g";
  patch.target_version = "v";
  patch.target_kind = "k";
  patch.target_name = "n";
  patch.target_namespace = "ns";
  patch.label_selector = "a=b";
  patch.annotation_selector = "c=d";
  patch.body = value("patch");
  patch.range = range();
  patch.of_flux_instance = true;
  patch.file = "patch.yaml";
  d.patches.push_back(patch);
  d.outer_expressions = true;
  d.given_as_parameters = true;
  d.comments.push_back({"// c", range()});
  d.errors.push_back({"error", range()});
  d.using_path = "main.bicep";
  d.using_range = range();
  d.using_path_range = range();
  d.using_registry = "br:y";
  d.extends_path = "base.bicepparam";
  d.outline = true;
  d.registry = "br:z";
  d.text_hash = UINT64_MAX;
  patless::Document nested = d;
  nested.path = "nested";
  d.nested.push_back(nested);
  d.nested[0].nested_in = &d.resources[1];
  d.nested[0].outer_expressions = false;

  std::optional<patless::Document> back = patless::decode_document(encoded(d));
  REQUIRE(back);
  CHECK(same(d, *back));
  REQUIRE(back->nested.size() == 1);
  CHECK(back->nested[0].nested_in == &back->resources[1]);
}
