// read_json finds where each token is between nlohmann's events; reading with
// every byte tracked must give the same tree, ranges, comments and errors.
#include "grammars/arm/json_reader.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "describe_document.h"
#include "grammars/arm/template_pruner.h"
#include "read_text.h"

namespace {

using patless::testing::describe;
using namespace std::string_literals;

// Both readings of `text`, without and with the pruner, compared; the first.
std::string read_both_ways(const std::string& text) {
  patless::SourceText src(text);
  std::string found = describe(patless::read_json(src));
  CHECK(found == describe(patless::read_json_tracked(src)));
  patless::TemplatePruner pruner(text), tracked_pruner(text);
  CHECK(describe(patless::read_json(src, &pruner)) == describe(patless::read_json_tracked(src, &tracked_pruner)));
  return found;
}

}  // namespace

TEST_CASE("read_json places tokens, comments and errors as tracking every byte does", "[reader][arm]") {
  const std::string storage =
      R"({"type": "Microsoft.Storage/storageAccounts", "name": "s", "properties": {"a": [1, -2.5e3, true, null]}})";
  const std::vector<std::string> cases = {
      "{}",
      "[]",
      "5",
      "-0.5e+7",
      "true",
      "\"text\"",
      "  null  ",
      "\xEF\xBB\xBF{\"a\": 1}",
      "\xEF\xBB\xBF  // after a BOM\n[1]",
      // Escapes: a quote after backslashes that escape each other ends the string.
      R"({"a\"b": "c\\", "d": "\\\"", "e": "\\\\\"\\", "f": "\u0022\/"})",
      R"(["\\", "\"", "\\\\", "x\\\"y"])",
      // Comments of every kind, between every pair of tokens.
      "// first\n{ /* a */ \"a\" /* b */ : /* c */ 1 /* d */ , // e\n \"b\" : [ /**/ 2 /***/ , /* * */ 3 ] }// last",
      "{\"a\": 1} // no line break at the end",
      "{\"a\": 1}\r\n// CRLF\r\n/* block\r\n */\r\n",
      "{\r\n  // a comment in CRLF\r\n  \"a\": \"b\"\r\n}\r\n",
      "{\"a\": 1}\n/* not closed",
      // nlohmann ends a line comment at a CR alone, or a NUL, as well.
      "// old Mac\r{\"a\": // x\r 1}",
      "//\xEF\xBB-0\0005"s,
      "[1, // a\0 2]\0 trailing"s,
      // Tabs and line breaks: in strings ARM takes them, and read_json reads those tracked.
      "{\"a\":\t\"x\ty\",\n\t\"b\": \"two\nlines\"}",
      // Multi-byte text before tokens: columns in code points.
      "{\"é\": \"日本\", \"b\": [\"😀\", 1]}",
      // Not JSON: errors where nlohmann stops, and comments up to there.
      "{\"a\": 1,}",
      "{\"a\" 1}",
      "[1, 2",
      "{\"a\": tru}",
      "// only a comment",
      "",
      "{\"a\": \"unterminated",
      "[1] [2]",
      "{\"a\": 01}",
      "/",
      "{\"a\": [1e999]}",
      // A pruned template: skipped values still move the token places on.
      R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          // resources
          "resources": [)" +
          storage + ", " + storage + R"(, {"type": "Microsoft.ContainerService/managedClusters", "name": "aks"}]})",
  };
  for (const std::string& text : cases) {
    INFO(text);
    read_both_ways(text);
  }
  // What the cases are for, read at the places they say (kind, text, line:column
  // range@offsets, origin): a string of one escaped backslash is 4 bytes; a line
  // comment ends before the \r of its CRLF, and at a CR alone (the tracking did
  // not end it there before: the object was placed at 0); a tab in a string
  // reads as a space.
  CHECK(read_both_ways(R"(["\\", "x"])") == "5''1:1-1:12@0-110[3'\\'1:2-1:6@1-50,3'x'1:8-1:11@7-100,]");
  CHECK(read_both_ways("{\"a\": 1}\r\n// CRLF\r\n") ==
        "4''1:1-1:9@0-80{a1:2-1:5@1-4=2'1'1:7-1:8@6-70,}\n#// CRLF2:1-2:8@10-17");
  CHECK(read_both_ways("{\"a\":\t\"x\ty\"}").find("'x y'") != std::string::npos);
  // A number past a double's range is an error (nlohmann takes no infinity), at the number.
  CHECK(read_both_ways("{\"a\": [-1e999 ]}") == "-\n!number overflow parsing '-1e999'1:8-1:14@7-13");
  CHECK(read_both_ways("// c\r{\"a\": 1}") ==
        "4''1:6-1:14@5-130{a1:7-1:10@6-9=2'1'1:12-1:13@11-120,}\n#// c1:1-1:5@0-4");
}

TEST_CASE("read_json reads every JSON file of the fixtures as tracking every byte does", "[reader][arm]") {
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(PATLESS_SOURCE_DIR) + "/testdata")) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    INFO(e.path().string());
    read_both_ways(read_text(e.path()));
    ++files;
  }
  CHECK(files > 50);
}
