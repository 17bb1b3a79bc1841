// tree-sitter-bicep 1.1.0 predates parts of the Bicep people write today. This
// pass rewrites those constructs into text the grammar accepts, byte for byte
// the same length and with every line break in place, so each offset, line and
// column of the parse tree is one of the original file. The reader takes all
// names, strings and values from the original bytes, never from this text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace patless {

struct GrammarText {
  std::string text;  // what the grammar parses; text.size() == source.size()
  // Start offsets of the operands of spreads (`...x`), ascending: the reader
  // marks the values starting there as spreads.
  std::vector<uint32_t> spread_operands;
  // Start offsets of values the grammar reads but patless cannot evaluate, ascending:
  // multi-line strings with interpolations (`$'''…'''`). The reader makes them unknown.
  std::vector<uint32_t> opaque_values;
  // A .bicepparam `extends 'path'` (the statement is blanked): the path as written.
  std::string extends_path;
  // Names of `.bicepparam` assignments (`param x = v`), which now read `var   x = v`.
  std::vector<std::string> assigned_parameters;
  // The first unclosed or stray bracket, or unterminated string or comment.
  // The reader reports it only when the grammar fails too: it names the cause
  // where the grammar's error recovery often points at a whole statement.
  struct Problem {
    uint32_t start = 0, end = 0;
    std::string message;
  };
  std::optional<Problem> structural_problem;
  // Comments (`//`, `/* */`, and `#disable-next-line`-style lines), as byte
  // ranges: found by the lexer, so the reader need not walk the whole tree. In
  // `text` they are spaces (but an unterminated `/*`, which the grammar is to fail on).
  std::vector<std::pair<uint32_t, uint32_t>> comments;
  // False when nesting deeper than the readers follow stopped the lexer: the
  // rest of `text` is as written, its comments included.
  bool lexed_whole = true;
};

// The rewrites, each only where the construct is well formed (a real syntax
// error is left for the grammar to report):
//   resourceInput<'T@v'>.a.b[*]  one identifier of the same length (a type is just a type);
//                                over several lines, `(identifier   )` with the line breaks kept
//   $'''…${x}…'''                `$` → space; the value is unknown (opaque_values)
//   a[?1]                        `?` → space (a safe index: no value patless knows changes)
//   a[^1]  a[?^1]                `^` → `_`: an index from the end, unknown
//   T? in a type                 `?` → space (the grammar reads `T?` + next line as a ternary)
//   '//…' '/*…' in strings       `/` → `_` (the grammar's lexer starts a comment there)
//   postfix non-null `a!`        `!` → space
//   var a bool = false           the type → spaces
//   { ...a }  [ ...a ]           `...` → `_: ` in objects, spaces in arrays
//   import { a ⏎ b } from 'x'    a missing comma goes into the whitespace; a trailing comma → space
//   extension x [with {…}] [as y]  the statement → spaces
//   .bicepparam param x = v      `param` → `var  `
//   .bicepparam using none, using 'x' with {…}, extends 'y', extensionConfig z with {…}
//                                the statement (or its `with {…}`) → spaces
//   import { 'a-b' as c } …      the quoted name → `_a_b_`
GrammarText make_grammar_compatible(std::string_view source, bool params_file);

}  // namespace patless
