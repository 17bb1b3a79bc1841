#include "grammars/bicep/bicep_scanner.h"

#include <cstdint>

extern "C" void patless_bicep_scanner_expect_triple_quote(bool may);

namespace patless {

TSTree* parse_bicep_text(TSParser* parser, std::string_view text, bool hint) {
  patless_bicep_scanner_expect_triple_quote(!hint || text.find("'''") != std::string_view::npos);
  TSTree* tree = ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  patless_bicep_scanner_expect_triple_quote(true);
  return tree;
}

}  // namespace patless
