// tree-sitter-bicep's external scanner, wrapped (bicep_scanner.c). Its
// multi-line string token ('''…''') is searched for up to the closing '''; in
// error recovery, where the parser asks for every external token, upstream's
// scanner reads on to the end of the file for it. The parser recovers like that
// wherever one of its GLR versions dies, which well-formed Bicep makes it do
// dozens of times per file (`x[` may begin an array type): AVM's 52 KB
// managed-cluster module read 650,000 characters. Text without ''' cannot hold
// the token, and parse_bicep_text says so to the scanner, which then does not
// look for it. The tree is the same either way.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>

namespace patless {

// ts_parser_parse_string over `text`, with the scanner told whether ''' occurs
// in it; told nothing (`hint` false), it searches as upstream's does (the
// tests compare the two).
TSTree* parse_bicep_text(TSParser* parser, std::string_view text, bool hint = true);

}  // namespace patless
