// libFuzzer target: the Bicep reader, its compatibility pass included. The
// scanner's hint (grammars/bicep/bicep_scanner.h) must leave every tree as
// upstream's scanner makes it: a difference traps.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "grammars/bicep/bicep_compat.h"
#include "grammars/bicep/bicep_reader.h"
#include "grammars/bicep/bicep_scanner.h"

extern "C" const TSLanguage* tree_sitter_bicep(void);

namespace {

bool same_tree(TSNode a, TSNode b) {
  if (ts_node_symbol(a) != ts_node_symbol(b) || ts_node_start_byte(a) != ts_node_start_byte(b) ||
      ts_node_end_byte(a) != ts_node_end_byte(b) || ts_node_is_missing(a) != ts_node_is_missing(b) ||
      ts_node_child_count(a) != ts_node_child_count(b))
    return false;
  for (uint32_t i = 0; i < ts_node_child_count(a); ++i)
    if (!same_tree(ts_node_child(a, i), ts_node_child(b, i))) return false;
  return true;
}

void parse_both_ways(std::string_view text) {
  static TSParser* parser = [] {
    TSParser* p = ts_parser_new();
    ts_parser_set_language(p, tree_sitter_bicep());
    return p;
  }();
  TSTree* hinted = patless::parse_bicep_text(parser, text);
  TSTree* upstream = patless::parse_bicep_text(parser, text, /*hint=*/false);
  if (!same_tree(ts_tree_root_node(hinted), ts_tree_root_node(upstream))) __builtin_trap();
  ts_tree_delete(hinted);
  ts_tree_delete(upstream);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // The rewrite keeps every offset: same length, line breaks in place.
  auto g = patless::make_grammar_compatible(text, size % 2 == 1);
  if (g.text.size() != text.size()) std::abort();
  for (size_t i = 0; i < text.size(); ++i)
    if ((text[i] == '\n') != (g.text[i] == '\n')) std::abort();
  parse_both_ways(text);
  parse_both_ways(g.text);
  patless::read_bicep("fuzz.bicep", text, patless::Format::Bicep);
  patless::read_bicep("fuzz.bicep", text, patless::Format::Bicep, /*outline_outside_chain=*/true);
  patless::read_bicep("fuzz.bicepparam", text, patless::Format::BicepParams);
  return 0;
}
