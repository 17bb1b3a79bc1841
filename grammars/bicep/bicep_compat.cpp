#include "grammars/bicep/bicep_compat.h"

#include <algorithm>
#include <utility>

#include "grammars/limits.h"
#include "grammars/source_text.h"

namespace patless {
namespace {

bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool ident_char(char c) { return ident_start(c) || digit(c); }

enum class Tok : uint8_t { Ident, Number, String, Punct, Other };

struct Token {
  uint32_t start = 0, end = 0;
  uint16_t depth = 0;  // brackets open around it; a closing bracket counts as inside
  Tok kind = Tok::Other;
  bool line_break_before = false;
};
static_assert(sizeof(Token) == 12, "one token per few bytes of source: keep it small");

// An open bracket, string or interpolation while lexing.
struct Open {
  char kind;       // one of { [ ( ' and $ for `${`
  size_t token;    // for ' : the string's token, whose end is set when it closes
};

// One pass over the source: tokens for the statement pass, and the rewrites
// that need only local context (strings, `!`, `...`, resourceInput<>).
class Lexer {
 public:
  Lexer(std::string_view src, GrammarText& g) : src_(src), out_(g.text), spreads_(g.spread_operands), g_(g) {}

  std::vector<Token> run() {
    const size_t n = src_.size();
    size_t i = src_.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a BOM is not a token: `using` still starts the file
    // Nesting deeper than the readers follow is a PL001 of its own; the rest
    // of the text stays as it is.
    while (i < n && stack_.size() < limits::kMaxNesting) {
      if (!stack_.empty() && stack_.back().kind == '\'') {
        i = string_content(i);
        continue;
      }
      char c = src_[i];
      if (c == '\n') {
        line_break_ = true;
        ++i;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++i;
      } else if (c == '/' && i + 1 < n && src_[i + 1] == '/') {
        size_t e = src_.find('\n', i);
        e = e == std::string_view::npos ? n : e;
        g_.comments.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(e > i && src_[e - 1] == '\r' ? e - 1 : e));
        blank(i, e);
        i = e;
      } else if (c == '/' && i + 1 < n && src_[i + 1] == '*') {
        size_t e = src_.find("*/", i + 2);
        if (e == std::string_view::npos) problem(i, i + 2, "unterminated comment: '/*' has no '*/'");
        else
          blank(i, e + 2);  // an unterminated one is left for the grammar to fail on
        e = e == std::string_view::npos ? n : e + 2;
        g_.comments.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(e));
        if (src_.substr(i, e - i).find('\n') != std::string_view::npos) line_break_ = true;
        i = e;
      } else if (c == '#' && at_line_start(i)) {  // #disable-next-line and the like
        size_t e = src_.find('\n', i);
        e = e == std::string_view::npos ? n : e;
        g_.comments.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(e > i && src_[e - 1] == '\r' ? e - 1 : e));
        blank(i, e);
        i = e;
      } else if (c == '\'') {
        i = string_start(i);
      } else if (c == '$' && dollars_then_quotes(i)) {
        i = interpolated_multi_line(i);
      } else if (ident_start(c)) {
        size_t j = i + 1;
        while (j < n && ident_char(src_[j])) ++j;
        std::string_view word = src_.substr(i, j - i);
        if (word == "resourceInput" || word == "resourceOutput") j = resource_type(i, j);
        push(Tok::Ident, i, j);
        i = j;
      } else if (digit(c)) {
        size_t j = i + 1;
        while (j < n && digit(src_[j])) ++j;
        push(Tok::Number, i, j);
        i = j;
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        size_t j = i + 1;
        while (j < n && !starts_code_point(src_[j])) ++j;
        push(Tok::Other, i, j);
        i = j;
      } else {
        i = punctuation(i);
      }
    }
    g_.lexed_whole = i >= n;
    // Strings left open at the end of the file end there.
    for (const Open& o : stack_)
      if (o.kind == '\'') tokens_[o.token].end = static_cast<uint32_t>(n);
    // The innermost bracket left open is the likeliest to be missing its close.
    for (auto o = stack_.rbegin(); i >= n && o != stack_.rend(); ++o) {
      if (o->kind == '$' || o->kind == '\'') continue;
      size_t at = tokens_[o->token].start;
      problem(at, at + 1, std::string("'") + o->kind + "' is never closed");
      break;
    }
    return std::move(tokens_);
  }

 private:
  std::string_view src_;
  std::string& out_;
  std::vector<uint32_t>& spreads_;
  GrammarText& g_;
  std::vector<Token> tokens_;
  std::vector<Open> stack_;
  bool line_break_ = false;

  // A comment becomes spaces (its line breaks kept) in what the grammar reads:
  // the reader takes comments from `comments`, and libtree-sitter 0.20.7 counts
  // a node's children in 16 bits, so 65,536 comments in a row (extras, children
  // of one node) wrapped the count of a valid file's node and crashed the run.
  void blank(size_t start, size_t end) {
    for (size_t k = start; k < end; ++k)
      if (out_[k] != '\n' && out_[k] != '\r') out_[k] = ' ';
  }

  bool dollars_then_quotes(size_t i) const {
    while (i < src_.size() && src_[i] == '$') ++i;
    return src_.substr(i, 3) == "'''";
  }

  bool at_line_start(size_t i) const {
    while (i > 0 && (src_[i - 1] == ' ' || src_[i - 1] == '\t')) --i;
    return i == 0 || src_[i - 1] == '\n' || (i == 3 && static_cast<unsigned char>(src_[0]) == 0xEF);  // or right after a BOM
  }

  void problem(size_t start, size_t end, std::string message) {
    if (g_.structural_problem) return;
    g_.structural_problem = GrammarText::Problem{static_cast<uint32_t>(start), static_cast<uint32_t>(end), std::move(message)};
  }

  void push(Tok kind, size_t start, size_t end) {
    tokens_.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end),
                       static_cast<uint16_t>(stack_.size()), kind, line_break_});
    line_break_ = false;
  }

  size_t string_start(size_t i) {
    if (src_.substr(i, 3) == "'''") {
      // Multi-line strings are verbatim up to the next '''.
      size_t e = multi_line_end(i + 3);
      if (e == std::string_view::npos) problem(i, i + 3, "unterminated multi-line string: ''' has no closing '''");
      e = e == std::string_view::npos ? src_.size() : e;
      push(Tok::String, i, e);
      return e;
    }
    push(Tok::String, i, i + 1);
    stack_.push_back({'\'', tokens_.size() - 1});
    return i + 1;
  }

  // Where a multi-line string whose text starts at `from` ends (past its closing
  // '''), or npos. Quotes just before the closing ''' are text: ''''a'''' is 'a'.
  size_t multi_line_end(size_t from) const {
    size_t e = src_.find("'''", from);
    if (e == std::string_view::npos) return e;
    while (e + 3 < src_.size() && src_[e + 3] == '\'') ++e;
    return e + 3;
  }

  // `$'''…${x}…'''` (and `$$'''…$${x}…'''`): a multi-line string with
  // interpolations, which the grammar does not know. The `$`s go; the reader
  // takes the value as unknown (GrammarText::opaque_values).
  size_t interpolated_multi_line(size_t i) {
    size_t quotes = i;
    while (quotes < src_.size() && src_[quotes] == '$') ++quotes;
    size_t e = multi_line_end(quotes + 3);
    if (e == std::string_view::npos) return punctuation(i);  // the grammar reports it
    for (size_t k = i; k < quotes; ++k) out_[k] = ' ';
    g_.opaque_values.push_back(static_cast<uint32_t>(quotes));
    push(Tok::String, i, e);
    return e;
  }

  // Inside a one-line string: returns where lexing goes on.
  size_t string_content(size_t i) {
    const size_t n = src_.size();
    size_t token = stack_.back().token;
    for (; i < n; ++i) {
      char c = src_[i];
      if (c == '\'' || c == '\n') {
        // A line break ends an unterminated string.
        size_t end = c == '\'' ? i + 1 : i;
        if (c == '\n') problem(tokens_[token].start, end > 0 && src_[end - 1] == '\r' ? end - 1 : end, "unterminated string");
        tokens_[token].end = static_cast<uint32_t>(end);
        stack_.pop_back();
        return end;
      }
      if (c == '\\') {
        if (i + 1 < n && src_[i + 1] != '\n') ++i;
      } else if (c == '$' && i + 1 < n && src_[i + 1] == '{') {
        stack_.push_back({'$', 0});
        return i + 2;
      } else if (c == '/' && i + 1 < n && (src_[i + 1] == '/' || src_[i + 1] == '*')) {
        out_[i] = '_';
      }
    }
    problem(tokens_[token].start, n, "unterminated string");
    tokens_[token].end = static_cast<uint32_t>(n);
    stack_.pop_back();
    return n;
  }

  // `resourceInput<'T@v'>` with a `.name` / `[*]` path after it becomes one
  // identifier (spaces and comments may stand around the type). Written over
  // several lines (`resourceInput<` ⏎ `'T@v'` ⏎ `>`) it becomes a parenthesized
  // identifier, the one type the grammar lets span lines, with every line break kept.
  // Returns the end of what was masked (`word_end` if not well formed).
  size_t resource_type(size_t start, size_t word_end) {
    const size_t n = src_.size();
    size_t k = word_end;
    while (k < n && (src_[k] == ' ' || src_[k] == '\t')) ++k;
    if (k >= n || src_[k] != '<') return word_end;
    ++k;
    for (;;) {
      if (k >= n) return word_end;
      char c = src_[k];
      if (c == '>') break;
      if (c == '\'') {
        size_t close = src_.find_first_of("'\n", k + 1);
        if (close == std::string_view::npos || src_[close] != '\'') return word_end;
        k = close + 1;
      } else if (src_.substr(k, 2) == "/*") {
        size_t close = src_.find("*/", k + 2);
        if (close == std::string_view::npos) return word_end;
        k = close + 2;
      } else if (src_.substr(k, 2) == "//") {
        k = src_.find('\n', k);
        if (k == std::string_view::npos) return word_end;
      } else if (c == ' ' || c == '\t' || c == ',' || c == '\n' || c == '\r') {
        ++k;
      } else {
        return word_end;
      }
    }
    ++k;
    for (;;) {
      if (k + 1 < n && src_[k] == '.' && ident_start(src_[k + 1])) {
        k += 2;
        while (k < n && ident_char(src_[k])) ++k;
      } else if (src_.substr(k, 3) == "[*]") {
        k += 3;
      } else {
        break;
      }
    }
    size_t line_end = src_.substr(start, k - start).find('\n');
    if (line_end == std::string_view::npos) {
      for (size_t m = start; m < k; ++m)
        if (!ident_char(out_[m])) out_[m] = '_';
      return k;
    }
    line_end += start;
    for (size_t m = start; m < k; ++m) {
      char& c = out_[m];
      if (c == '\n' || c == '\r') continue;
      if (m > line_end)
        c = ' ';
      else if (!ident_char(c))
        c = '_';
    }
    out_[start] = '(';
    out_[k - 1] = ')';
    return k;
  }

  // The postfix non-null assertion `a!` sits right after an operand.
  bool after_operand(size_t i) const {
    if (tokens_.empty() || tokens_.back().end != i) return false;
    const Token& prev = tokens_.back();
    if (prev.kind == Tok::Ident || prev.kind == Tok::String) return true;
    char p = src_[prev.start];
    return prev.kind == Tok::Punct && (p == ')' || p == ']');
  }

  size_t punctuation(size_t i) {
    const size_t n = src_.size();
    char c = src_[i];
    char next = i + 1 < n ? src_[i + 1] : '\0';
    switch (c) {
      case '[':
        index_prefix(i + 1);
        [[fallthrough]];
      case '{':
      case '(':
        push(Tok::Punct, i, i + 1);
        stack_.push_back({c, tokens_.size() - 1});
        return i + 1;
      case '}':
      case ']':
      case ')': {
        char open = c == '}' ? '{' : c == ']' ? '[' : '(';
        if (c == '}' && !stack_.empty() && stack_.back().kind == '$') {
          stack_.pop_back();  // back into the string
          return i + 1;
        }
        push(Tok::Punct, i, i + 1);
        close(i, c, open);
        return i + 1;
      }
      case '.':
        if (src_.substr(i, 3) == "...") {
          spread(i);
          push(Tok::Punct, i, i + 3);
          return i + 3;
        }
        break;
      case '!':
        if (next != '=' && next != '~' && after_operand(i)) out_[i] = ' ';
        break;
      default: break;
    }
    static constexpr std::string_view kTwoChar[] = {"==", "!=", "=~", "!~", "=>", ">=", "<=",
                                                    "&&", "||", "??", "::", ".?"};
    for (std::string_view op : kTwoChar) {
      if (c == op[0] && next == op[1]) {
        push(Tok::Punct, i, i + 2);
        return i + 2;
      }
    }
    push(Tok::Punct, i, i + 1);
    return i + 1;
  }

  // `a[?1]`: a safe index (null where `a[1]` fails), which the grammar reads only
  // in places; `?` → space changes no value patless can know. `a[^1]`, `a[?^1]`:
  // an index from the end; `^` → `_` makes the index a name (`_1`) the grammar
  // reads, whose value the engine does not know.
  void index_prefix(size_t i) {
    if (i < src_.size() && src_[i] == '?' && after_operand(i - 1)) out_[i++] = ' ';
    if (i + 1 < src_.size() && src_[i] == '^' && (ident_char(src_[i + 1]) || src_[i + 1] == '(')) out_[i] = '_';
  }

  // A closing bracket that does not match the innermost open one is stray, or
  // closes an outer one whose inner brackets were left open.
  void close(size_t i, char c, char open) {
    if (!stack_.empty() && stack_.back().kind == open) {
      stack_.pop_back();
      return;
    }
    auto match = std::find_if(stack_.rbegin(), stack_.rend(), [&](const Open& o) { return o.kind == open; });
    bool inner_open = match != stack_.rend() && std::none_of(stack_.rbegin(), match, [](const Open& o) {
      return o.kind == '$' || o.kind == '\'';
    });
    if (!inner_open) {
      problem(i, i + 1, std::string("unexpected '") + c + "': no '" + open + "' is open here");
      return;
    }
    const Open& unclosed = stack_.back();
    problem(tokens_[unclosed.token].start, tokens_[unclosed.token].start + 1,
            std::string("'") + unclosed.kind + "' is never closed");
    stack_.erase(match.base() - 1, stack_.end());
  }

  void spread(size_t i) {
    size_t operand = i + 3;
    while (operand < src_.size() && (src_[operand] == ' ' || src_[operand] == '\t')) ++operand;
    if (stack_.empty() || operand >= src_.size()) return;
    char first = src_[operand];
    if (first == '}' || first == ']' || first == ')' || first == ',' || first == '\r' || first == '\n') return;
    char in = stack_.back().kind;
    if (in == '{') {
      out_.replace(i, 3, "_: ");
    } else if (in == '[') {
      out_.replace(i, 3, "   ");
    } else {
      return;
    }
    spreads_.push_back(static_cast<uint32_t>(operand));
  }
};

// Rewrites that depend on the statement a token is in: types, typed
// variables, import lists, extension statements, parameter assignments.
class StatementPass {
 public:
  StatementPass(const std::vector<Token>& tokens, std::string_view src, GrammarText& g, bool params_file)
      : t_(tokens), src_(src), g_(g), params_file_(params_file) {}

  void run() {
    for (size_t k = 0; k < t_.size(); ++k) {
      const Token& tok = t_[k];
      if (tok.depth != 0 || tok.kind != Tok::Ident || (k > 0 && !tok.line_break_before)) continue;
      std::string_view word = text(k);
      if (word == "param") param(k);
      else if (word == "output") output(k);
      else if (word == "type") type(k);
      else if (word == "var") var(k);
      else if (word == "func") func(k);
      else if (word == "import") import_list(k);
      else if (word == "extension") extension(k);
      else if (params_file_ && word == "using") using_statement(k);
      else if (params_file_ && (word == "extends" || word == "extensionConfig")) params_only_statement(k);
    }
  }

 private:
  const std::vector<Token>& t_;
  std::string_view src_;
  GrammarText& g_;
  bool params_file_;

  std::string_view text(size_t k) const {
    if (k >= t_.size()) return {};
    return src_.substr(t_[k].start, t_[k].end - t_[k].start);
  }
  bool ident(size_t k) const { return k < t_.size() && t_[k].kind == Tok::Ident; }
  bool same_line(size_t k) const { return k < t_.size() && !t_[k].line_break_before; }

  // The first token after k that is not nested inside it (after a string's
  // interpolations, after a bracket's contents up to its closing bracket).
  size_t after(size_t k) const {
    size_t j = k + 1;
    while (j < t_.size() && t_[j].depth > t_[k].depth) ++j;
    return j;
  }

  // Where a statement's part that starts at `from` ends: the next top-level
  // token on a new line, or a top-level `=` if `at_equals`.
  size_t region_end(size_t from, bool at_equals) const {
    size_t k = from + 1;
    for (; k < t_.size(); ++k) {
      if (t_[k].depth != 0) continue;
      if (t_[k].line_break_before || (at_equals && text(k) == "=")) break;
    }
    return k;
  }

  void blank(size_t from, size_t to) {
    for (size_t i = from; i < to; ++i)
      if (g_.text[i] != '\n' && g_.text[i] != '\r') g_.text[i] = ' ';
  }

  // In a type, `?` marks it nullable. The grammar reads `T?` as the start of a
  // ternary when T could be an expression (a name, an object, a literal), so
  // that `?` goes; after `)` or `]` it reads it right. An optional property's
  // `?` (`a?: T`) stays, and decorator arguments are expressions, left alone.
  void nullable_types(size_t from, size_t to) {
    for (size_t k = from; k < to && k < t_.size(); ++k) {
      std::string_view tok = text(k);
      if (tok == "@") {
        size_t open = k + 1;  // past `name` or `sys.name`
        while (open < to && (ident(open) || text(open) == ".")) ++open;
        if (text(open) == "(") k = after(open) - 1;
      } else if (tok == "?" && k > from && text(k + 1) != ":") {
        std::string_view prev = text(k - 1);
        if (prev != ")" && prev != "]") g_.text[t_[k].start] = ' ';
      } else if (tok == "(" && k > from && text(k - 1) == ":") {
        parenthesized_property_type(k);
      }
    }
  }

  // `prop: (1 | 2)` in an object type: the grammar takes a parenthesized type
  // there only before `?` or `[]`; without them the parentheses go.
  void parenthesized_property_type(size_t open) {
    size_t next = after(open);
    size_t close = next - 1;
    if (close <= open || text(close) != ")") return;
    std::string_view following = text(next);
    if (following == "?" || following == "[") return;
    g_.text[t_[open].start] = ' ';
    g_.text[t_[close].start] = ' ';
  }

  void param(size_t k) {
    if (!ident(k + 1)) return;
    if (params_file_ && text(k + 2) == "=") {
      g_.text.replace(t_[k].start, 5, "var  ");
      g_.assigned_parameters.emplace_back(text(k + 1));
      return;
    }
    if (same_line(k + 2)) nullable_types(k + 2, region_end(k + 2, true));
  }

  void output(size_t k) {
    if (!ident(k + 1) || text(k + 2) == "resource" || !same_line(k + 2)) return;
    nullable_types(k + 2, region_end(k + 2, true));
  }

  void type(size_t k) {
    if (!ident(k + 1) || text(k + 2) != "=" || k + 3 >= t_.size()) return;
    nullable_types(k + 3, region_end(k + 3, false));
  }

  // `var a bool = false`: the grammar knows no variable types; the type goes.
  void var(size_t k) {
    if (!ident(k + 1) || text(k + 2) == "=" || !same_line(k + 2)) return;
    size_t eq = region_end(k + 2, true);
    if (text(eq) != "=" || !same_line(eq)) return;  // no `=`: a real error
    blank(t_[k + 2].start, t_[eq].start);
  }

  void func(size_t k) {
    if (!ident(k + 1) || text(k + 2) != "(") return;
    size_t end = k + 3;
    while (end < t_.size() && !(t_[end].depth == 0 && text(end) == "=>")) ++end;
    nullable_types(k + 2, end);
  }

  // `import { a ⏎ b } from 'x'`: the grammar needs commas between the names
  // and none after the last.
  void import_list(size_t k) {
    if (text(k + 1) != "{") return;
    size_t close = after(k + 1) - 1;
    if (close <= k + 1 || close >= t_.size() || text(close) != "}") return;
    std::vector<std::pair<size_t, char>> edits;
    std::vector<size_t> quoted_names;
    size_t prev_last = 0, last_comma = 0;
    bool have_item = false, comma = false;
    for (size_t j = k + 2; j < close;) {
      if (text(j) == ",") {
        if (!have_item || comma) return;  // a real error
        comma = true;
        last_comma = j++;
        continue;
      }
      // A name that is no identifier is quoted: `'a-b' as c`.
      bool quoted = t_[j].kind == Tok::String && text(j + 1) == "as" && ident(j + 2) &&
                    text(j).find_first_of("$\\\n") == std::string_view::npos;
      if (!ident(j) && !quoted) return;
      if (quoted) quoted_names.push_back(j);
      size_t last = j;
      if (j + 2 < close && text(j + 1) == "as" && ident(j + 2)) last = j + 2;
      if (have_item && !comma) {
        if (!t_[j].line_break_before) return;  // `{a b}` on one line: a real error
        // The indentation before the name, or the space after the previous one.
        size_t before = t_[j].start - 1, after_prev = t_[prev_last].end;
        if (src_[before] == ' ' || src_[before] == '\t') edits.emplace_back(before, ',');
        else if (src_[after_prev] == ' ' || src_[after_prev] == '\t') edits.emplace_back(after_prev, ',');
        else return;
      }
      have_item = true;
      comma = false;
      prev_last = last;
      j = last + 1;
    }
    if (!have_item) return;
    if (comma) edits.emplace_back(t_[last_comma].start, ' ');
    for (auto [at, c] : edits) g_.text[at] = c;
    for (size_t q : quoted_names)  // the grammar takes identifiers only; nothing reads the names
      for (size_t i = t_[q].start; i < t_[q].end; ++i)
        if (!ident_char(g_.text[i])) g_.text[i] = '_';
  }

  // `with { … }` at token j: the token after its closing brace, or 0 when there is none.
  size_t with_block(size_t j) const {
    if (text(j) != "with" || !same_line(j) || text(j + 1) != "{") return 0;
    size_t end = after(j + 1);
    return text(end - 1) == "}" ? end : 0;
  }

  bool ends_line(size_t j) const { return j >= t_.size() || t_[j].line_break_before; }

  // .bicepparam `using none` (parameters for no template in particular) and
  // `using 'x' with { … }` (deployment settings): the grammar knows neither; the
  // rules read only the template a file is for.
  void using_statement(size_t k) {
    if (text(k + 1) == "none" && same_line(k + 1) && ends_line(k + 2)) {
      blank(t_[k].start, t_[k + 1].end);
    } else if (k + 1 < t_.size() && t_[k + 1].kind == Tok::String && same_line(k + 1)) {
      size_t end = with_block(after(k + 1));
      if (end && ends_line(end)) blank(t_[after(k + 1)].start, t_[end - 1].end);
    }
  }

  // .bicepparam `extends 'base.bicepparam'` and `extensionConfig name with { … }`:
  // statements the grammar does not know. The base's path is kept
  // (GrammarText::extends_path): its values fill in what this file does not set.
  void params_only_statement(size_t k) {
    size_t end = 0;
    if (text(k) == "extends" && k + 1 < t_.size() && t_[k + 1].kind == Tok::String && same_line(k + 1)) {
      end = after(k + 1);
      std::string_view quoted = text(k + 1);
      if (end && ends_line(end) && quoted.size() >= 2) g_.extends_path = std::string(quoted.substr(1, quoted.size() - 2));
    }
    else if (text(k) == "extensionConfig" && ident(k + 1) && same_line(k + 1))
      end = with_block(k + 2);
    if (end && ends_line(end)) blank(t_[k].start, t_[end - 1].end);
  }

  // `extension name [with {...}] [as alias]`: nothing the rules read; the
  // grammar knows no such statement.
  void extension(size_t k) {
    size_t j = k + 1;
    if (j >= t_.size() || !same_line(j) || (t_[j].kind != Tok::String && t_[j].kind != Tok::Ident)) return;
    j = after(j);
    if (same_line(j) && text(j) == "with") {
      j = with_block(j);
      if (!j) return;
    }
    if (same_line(j) && text(j) == "as") {
      if (!ident(j + 1) || !same_line(j + 1)) return;
      j += 2;
    }
    if (!ends_line(j)) return;  // more on the line: not this statement
    blank(t_[k].start, t_[j - 1].end);
  }
};

}  // namespace

GrammarText make_grammar_compatible(std::string_view source, bool params_file) {
  GrammarText g;
  g.text.assign(source);
  std::vector<Token> tokens = Lexer(source, g).run();
  StatementPass(tokens, source, g, params_file).run();
  return g;
}

}  // namespace patless
