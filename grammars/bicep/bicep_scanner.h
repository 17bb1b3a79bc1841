// tree-sitter-bicep's external scanner, wrapped (bicep_scanner.c). Its one
// token of its own, a multi-line string's content ('''…'''), is found by
// reading on to the closing '''. The parser asks for every external token when
// it recovers from an error, and it recovers each time one of its GLR versions
// dies, which well-formed Bicep makes happen dozens of times per file
// (`{ a: names[key] }`: `names[` may begin an object type's array type): each
// time, upstream's scanner read the rest of the file. AVM's 52 KB
// managed-cluster module had the lexer read 650,000 characters; an SVG named
// .bicep, 8,700 times its size. Recovery here does not look for that token.
// The tree is upstream's all the same: without ''' in the text the token
// cannot be found, and a tree without errors holds no version that recovered
// from one; a tree with errors of a text with ''' is read again as upstream
// reads it.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>

namespace patless {

// ts_parser_parse_string over `text`, recovering from errors as above; with
// `cheap_recovery` false, as upstream's scanner does (the tests compare the two).
TSTree* parse_bicep_text(TSParser* parser, std::string_view text, bool cheap_recovery = true);

}  // namespace patless
