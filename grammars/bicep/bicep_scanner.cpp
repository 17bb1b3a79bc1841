#include "grammars/bicep/bicep_scanner.h"

#include <cstdint>

extern "C" void patless_bicep_scanner_recovery_looks_for_strings(bool looks);

namespace patless {
namespace {

TSTree* parse(TSParser* parser, std::string_view text, bool recovery_looks_for_strings) {
  patless_bicep_scanner_recovery_looks_for_strings(recovery_looks_for_strings);
  TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  patless_bicep_scanner_recovery_looks_for_strings(true);
  return tree;
}

}  // namespace

TSTree* parse_bicep_text(TSParser* parser, std::string_view text, bool cheap_recovery) {
  if (!cheap_recovery) return parse(parser, text, true);
  TSTree* tree = parse(parser, text, false);
  // Without ''' the token cannot be found: the tree is upstream's. With it, a
  // tree without errors is too (no version that recovered from one is in it).
  if (!tree || !ts_node_has_error(ts_tree_root_node(tree)) || text.find("'''") == std::string_view::npos) return tree;
  ts_tree_delete(tree);
  ts_parser_reset(parser);
  return parse(parser, text, true);
}

}  // namespace patless
