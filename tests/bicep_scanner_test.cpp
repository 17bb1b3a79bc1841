// parse_bicep_text gives the tree upstream's scanner gives, and its lexer no
// longer reads to the end of the file at each of the parser's error recoveries.
#include "grammars/bicep/bicep_scanner.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "grammars/bicep/bicep_compat.h"
#include "read_text.h"

extern "C" const TSLanguage* tree_sitter_bicep(void);

namespace {

struct Parser {
  TSParser* parser = ts_parser_new();
  size_t consumed = 0;  // characters the lexer consumed, by tree-sitter's log
  Parser() { ts_parser_set_language(parser, tree_sitter_bicep()); }
  ~Parser() { ts_parser_delete(parser); }

  // The tree as types, byte ranges and missing nodes.
  std::string tree(std::string_view text, bool cheap) {
    consumed = 0;
    ts_parser_set_logger(parser, {this, [](void* self, TSLogType type, const char* message) {
                                    if (type == TSLogTypeLex && std::string_view(message).starts_with("consume"))
                                      ++static_cast<Parser*>(self)->consumed;
                                  }});
    TSTree* tree = patless::parse_bicep_text(parser, text, cheap);
    ts_parser_set_logger(parser, {nullptr, nullptr});
    std::string out = dump(ts_tree_root_node(tree));
    ts_tree_delete(tree);
    return out;
  }

  static std::string dump(TSNode n) {
    std::string out = "(";
    out += ts_node_type(n);
    out += ' ';
    out += std::to_string(ts_node_start_byte(n));
    out += '-';
    out += std::to_string(ts_node_end_byte(n));
    if (ts_node_is_missing(n)) out += " missing";
    for (uint32_t i = 0; i < ts_node_child_count(n); ++i) {
      out += ' ';
      out += dump(ts_node_child(n, i));
    }
    return out + ')';
  }
};

// In an object, `{ a: x[` may begin an object type's array type: the parser's
// version that takes it so dies at the next token, and recovers from that
// error, in every statement here.
std::string index_expressions(int count) {
  std::string text = "var names = {\n  a: 'b'\n}\n";
  for (int i = 0; i < count; ++i) {
    text += "var v";
    text += std::to_string(i);
    text += " = {\n  a: names[key]\n}\n";
  }
  return text;
}

// Parsed as upstream parses it, the lexer reads `text` fifty times over or
// more; as parse_bicep_text parses it, at most `times` over, to the same tree.
void check_read_linearly(const std::string& text, size_t times) {
  Parser p;
  const std::string upstream = p.tree(text, /*cheap=*/false);
  CHECK(p.consumed > 50 * text.size());
  CHECK(p.tree(text, /*cheap=*/true) == upstream);
  CHECK(p.consumed < times * text.size());
}

}  // namespace

TEST_CASE("parse_bicep_text's scanner does not read to the end of the file at each error recovery", "[reader][bicep]") {
  // With a multi-line string too: recovery does not look for one, wherever it is.
  const std::string text = GENERATE(index_expressions(200), "var s = '''\nx\n'''\n" + index_expressions(200));
  // Each recovery read the rest of the file: quadratic. Now about a character each.
  check_read_linearly(text, 2);
}

TEST_CASE("text that is not Bicep is read in time linear in its length", "[reader][bicep][hostile]") {
  // A JSON template or an SVG saved as .bicep is an error at nearly every
  // token: upstream's scanner read to the end of the file at each (a 40 KB SVG
  // took 3.4 s, 60 KB of JSON 4.2 s, to become a PL001).
  std::string json = "{\n  \"resources\": [\n";
  for (int i = 0; i < 20; ++i) {
    json += "    {\"type\": \"Microsoft.Storage/storageAccounts\", \"name\": \"[format('s{0}', ";
    json += std::to_string(i);
    json += ")]\", \"properties\": {\"a\": [1, 2]}},\n";
  }
  json += "  ]\n}\n";
  check_read_linearly(json, 3);
}

TEST_CASE("parse_bicep_text gives upstream's tree, with ''' or without, broken or not", "[reader][bicep]") {
  Parser p;
  std::vector<std::string> cases = {
      index_expressions(3),
      // Multi-line strings: the scanner searches for their end as before.
      "var s = '''\nline\n'''\nvar t = {\n  a: names[key]\n}\n",
      "var s = ''''quoted''''\nvar t = {\n  a: names[key]\n}\n",
      "var s = '''\nnot closed\nvar t = {\n  a: names[key]\n}\n",
      // Broken text, recovered from everywhere.
      "resource r 'A.B/c@2020-01-01' = {\n  name: [\n  properties: { x: names[ }\n",
      "import * as ns from 'x.bicep'\nvar a = ns.b[\n*: ",
      "@description(\nparam p string = '''\n",
  };
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(PATLESS_SOURCE_DIR) + "/testdata")) {
    const std::string ext = e.path().extension().string();
    if (!e.is_regular_file() || (ext != ".bicep" && ext != ".bicepparam")) continue;
    const std::string text = read_text(e.path());
    cases.push_back(text);
    cases.push_back(patless::make_grammar_compatible(text, ext == ".bicepparam").text);
    ++files;
  }
  CHECK(files > 100);
  for (const std::string& text : cases) {
    INFO(text);
    CHECK(p.tree(text, true) == p.tree(text, false));
  }
}
