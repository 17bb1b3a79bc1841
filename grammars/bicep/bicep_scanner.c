// See bicep_scanner.h. The package's scanner.c is compiled with its scan
// function renamed to patless_upstream_bicep_scan (FetchBicepGrammar.cmake);
// the parser calls this one, which calls it.
#include <stdbool.h>
#include <tree_sitter/parser.h>

bool patless_upstream_bicep_scan(void* payload, TSLexer* lexer, const bool* valid_symbols);

// The order of the grammar's `externals` (tree-sitter-bicep 1.1.0).
enum { kExternalAsterisk, kMultilineStringContent };

// Whether the text being parsed on this thread may hold '''; set by parse_bicep_text.
static _Thread_local bool may_hold_triple_quote = true;

void patless_bicep_scanner_expect_triple_quote(bool may) {
  may_hold_triple_quote = may;
}

bool tree_sitter_bicep_external_scanner_scan(void* payload, TSLexer* lexer, const bool* valid_symbols) {
  if (may_hold_triple_quote || !valid_symbols[kMultilineStringContent])
    return patless_upstream_bicep_scan(payload, lexer, valid_symbols);
  // The search for ''' fails at the end of the text (with the quote count the
  // scanner keeps at zero: it counts quotes past a closing '''): only the
  // asterisk is left to look for.
  if (!valid_symbols[kExternalAsterisk]) return false;
  const bool asterisk_only[] = {[kExternalAsterisk] = true, [kMultilineStringContent] = false};
  return patless_upstream_bicep_scan(payload, lexer, asterisk_only);
}
