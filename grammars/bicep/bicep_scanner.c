// See bicep_scanner.h. The package's scanner.c is compiled with its scan
// function renamed to patless_upstream_bicep_scan (FetchBicepGrammar.cmake);
// the parser calls this one, which calls it.
#include <stdbool.h>
#include <tree_sitter/parser.h>

bool patless_upstream_bicep_scan(void* payload, TSLexer* lexer, const bool* valid_symbols);

// The order of the grammar's `externals` (tree-sitter-bicep 1.1.0).
enum { kExternalAsterisk, kMultilineStringContent };

// Whether error recovery on this thread looks for a multi-line string's
// content, as upstream's does; set by parse_bicep_text.
static _Thread_local bool recovery_looks_for_strings = true;

void patless_bicep_scanner_recovery_looks_for_strings(bool looks) {
  recovery_looks_for_strings = looks;
}

bool tree_sitter_bicep_external_scanner_scan(void* payload, TSLexer* lexer, const bool* valid_symbols) {
  // Every external token is valid only while the parser recovers from an error
  // (external scanner state 1; no state of the grammar has both).
  const bool recovering = valid_symbols[kExternalAsterisk] && valid_symbols[kMultilineStringContent];
  if (!recovering || recovery_looks_for_strings) return patless_upstream_bicep_scan(payload, lexer, valid_symbols);
  const bool asterisk_only[] = {[kExternalAsterisk] = true, [kMultilineStringContent] = false};
  return patless_upstream_bicep_scan(payload, lexer, asterisk_only);
}
