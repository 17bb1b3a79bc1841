#include "grammars/bicep/bicep_reader.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "grammars/ascii.h"
#include "grammars/bicep/bicep_compat.h"
#include "grammars/bicep/bicep_scanner.h"
#include "grammars/limits.h"
#include "grammars/source_text.h"
#include "grammars/text_encoding.h"

extern "C" const TSLanguage* tree_sitter_bicep(void);

namespace patless {
namespace {

// Trees that must not be deleted (may_overflow_child_count), kept reachable
// until the process ends.
void keep_until_exit(TSTree* t) {
  static std::mutex mutex;
  static auto* kept = new std::vector<TSTree*>;  // never destroyed: trees outlive static destructors
  std::lock_guard<std::mutex> lock(mutex);
  kept->push_back(t);
}

struct TreeDeleter {
  bool keep = false;  // see may_overflow_child_count()
  void operator()(TSTree* t) const {
    if (keep)
      keep_until_exit(t);
    else
      ts_tree_delete(t);
  }
};

// libtree-sitter 0.20.7 (Debian 12's) keeps a node's child count in 16 bits
// (tree-sitter 67d13cf, released in 0.20.8): error recovery that gathers 65,536
// tokens or more into one ERROR node leaves a count that wraps, and deleting the
// tree then frees memory twice. Reading it is safe (the children past the count
// are not seen). Only a tree with an error has such a node (a repetition is kept
// as a binary tree, and comments, which the grammar takes as children of any
// node, are spaces in the text it reads: see bicep_compat.h; but not past where
// nesting too deep stopped the lexer), and only a file
// with that many tokens: every token but a line break or a zero-width MISSING
// one takes a byte that is not blank, so half of 65,536 such bytes and line
// breaks leaves room for as many zero-width ones. Such a tree is kept to the end
// of the process, not deleted.
bool may_overflow_child_count(std::string_view bytes) {
  size_t tokens = 0;
  for (char c : bytes) tokens += c != ' ' && c != '\t' && c != '\r';
  return tokens >= 32'768;
}
struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};

bool is(TSNode n, const char* type) { return std::strcmp(ts_node_type(n), type) == 0; }

// Calls `f` with each child of `n` until it returns false. A cursor walks them
// in one pass: ts_node_child(n, i) starts over each time, which is quadratic in
// an ERROR node of thousands of tokens.
template <typename F>
void for_each_child(TSNode n, F f) {
  TSTreeCursor cursor = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      if (!f(ts_tree_cursor_current_node(&cursor))) break;
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
}

// Named children, skipping comments (which the grammar allows almost anywhere).
std::vector<TSNode> named_children(TSNode n) {
  std::vector<TSNode> out;
  for_each_child(n, [&](TSNode c) {
    if (ts_node_is_named(c) && !is(c, "comment") && !is(c, "diagnostic_comment")) out.push_back(c);
    return true;
  });
  return out;
}

bool has_anonymous_child(TSNode n, const char* token) {
  bool found = false;
  for_each_child(n, [&](TSNode c) {
    found = !ts_node_is_named(c) && is(c, token);
    return !found;
  });
  return found;
}

// Decodes a Bicep escape sequence starting at `s[i] == '\\'`; advances i past it.
void append_escape(std::string_view s, size_t& i, std::string& out) {
  if (i + 1 >= s.size()) {
    out += s[i++];
    return;
  }
  char e = s[i + 1];
  i += 2;
  switch (e) {
    case 'n': out += '\n'; return;
    case 'r': out += '\r'; return;
    case 't': out += '\t'; return;
    case '\\': out += '\\'; return;
    case '\'': out += '\''; return;
    case '$': out += '$'; return;
    case 'u': {
      // \u{XXXX}
      size_t close = s.find('}', i);
      if (i < s.size() && s[i] == '{' && close != std::string_view::npos) {
        uint32_t cp = 0;
        for (size_t k = i + 1; k < close; ++k) {
          char h = s[k];
          cp = cp * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        i = close + 1;
        append_utf8(out, cp);
        return;
      }
      out += "\\u";
      return;
    }
    default:
      out += '\\';
      out += e;
  }
}

// What a nested child resource needs of its parent.
struct ParentRef {
  std::string symbol, type;
};

class BicepReader {
 public:
  BicepReader(Document& doc, const SourceText& src, const GrammarText& grammar_text)
      : doc_(doc), src_(src), spread_operands_(grammar_text.spread_operands), opaque_values_(grammar_text.opaque_values) {}

  void read_program(TSNode root) {
    // Decorators are statements of their own, just before the declaration they decorate.
    std::vector<Value> decorators;
    for (TSNode stmt : named_children(root)) {
      if (is(stmt, "decorators")) {
        for (TSNode d : named_children(stmt))
          for (TSNode call : named_children(d)) decorators.push_back(value(call, 0));
        continue;
      }
      size_t params = doc_.parameters.size(), resources = doc_.resources.size(), modules = doc_.modules.size();
      read_statement(stmt, nullptr);
      if (doc_.parameters.size() > params) doc_.parameters[params].decorators = decorators;
      if (doc_.resources.size() > resources) doc_.resources[resources].decorators = decorators;
      if (doc_.modules.size() > modules) doc_.modules[modules].decorators = decorators;
      decorators.clear();
    }
    // `param p t` with `type t = {…}?` (anywhere in the file) is nullable too.
    for (Parameter& p : doc_.parameters)
      if (!p.nullable && std::find(nullable_types_.begin(), nullable_types_.end(), p.type) != nullable_types_.end())
        p.nullable = true;
  }

  // An outline's modules: symbol, path and place, without what they pass.
  void read_module_paths(TSNode root) {
    for (TSNode stmt : named_children(root))
      if (is(stmt, "module_declaration")) read_module(stmt, false);
  }

 private:
  Document& doc_;
  const SourceText& src_;
  const std::vector<uint32_t>& spread_operands_;  // see GrammarText
  const std::vector<uint32_t>& opaque_values_;    // see GrammarText
  size_t budget_ = limits::kMaxNodesVisited;
  std::optional<SourceRange> too_deep_;
  std::vector<std::string> nullable_types_;  // `type t = …?`

  bool spread_operand(TSNode n) const {
    return std::binary_search(spread_operands_.begin(), spread_operands_.end(), ts_node_start_byte(n));
  }
  bool opaque_value(TSNode n) const {
    return std::binary_search(opaque_values_.begin(), opaque_values_.end(), ts_node_start_byte(n));
  }

  SourceRange range(TSNode n) const { return src_.range(ts_node_start_byte(n), ts_node_end_byte(n)); }
  std::string text(TSNode n) const {
    return std::string(src_.bytes().substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n)));
  }

  void read_statement(TSNode stmt, const ParentRef* parent) {
    if (is(stmt, "parameter_declaration")) {
      read_parameter(stmt);
    } else if (is(stmt, "variable_declaration")) {
      read_variable(stmt);
    } else if (is(stmt, "resource_declaration")) {
      read_resource(stmt, parent);
    } else if (is(stmt, "module_declaration")) {
      read_module(stmt);
    } else if (is(stmt, "output_declaration")) {
      auto kids = named_children(stmt);
      if (kids.size() >= 2) doc_.outputs.push_back({text(kids[0]), range(stmt), value(kids.back(), 0)});
    } else if (is(stmt, "import_functionality")) {
      read_import(stmt);
    } else if (is(stmt, "type_declaration")) {
      auto kids = named_children(stmt);
      if (kids.size() >= 2 && is(kids[0], "identifier") && nullable_after(kids.back()))
        nullable_types_.push_back(text(kids[0]));
    } else if (is(stmt, "using_statement")) {
      auto kids = named_children(stmt);
      if (!kids.empty() && is(kids[0], "string")) {
        doc_.using_path = string_value(kids[0]).text;
        doc_.using_range = range(stmt);
        doc_.using_path_range = range(kids[0]);
      }
    }
    // Other statements (types, functions, metadata, targetScope) carry
    // nothing the rules read yet.
  }

  // `import { a, b as c } from 'x.bicep'`, `import * as ns from 'x.bicep'`: the
  // grammar gives the names and the path; `as` and `*` are read between them.
  void read_import(TSNode n) {
    auto kids = named_children(n);
    if (kids.empty() || !is(kids.back(), "string")) return;
    Import imp;
    imp.path = string_value(kids.back()).text;
    std::string_view src = src_.bytes();
    auto between = [&](uint32_t from, uint32_t to) {  // the text between two nodes, without blanks and commas
      std::string_view t = src.substr(from, to - from);
      size_t first = t.find_first_not_of(" \t\r\n,");
      if (first == std::string_view::npos) return std::string_view();
      return t.substr(first, t.find_last_not_of(" \t\r\n,") + 1 - first);
    };
    size_t names = kids.size() - 1;
    if (names == 1 && between(ts_node_start_byte(n), ts_node_start_byte(kids[0])).find('*') != std::string_view::npos) {
      imp.wildcard = text(kids[0]);
    } else {
      for (size_t i = 0; i < names; ++i) {
        std::string name = text(kids[i]), local = name;
        if (i + 1 < names && between(ts_node_end_byte(kids[i]), ts_node_start_byte(kids[i + 1])) == "as")
          local = text(kids[++i]);
        if (name.starts_with('\'')) continue;  // a quoted name: not a variable's
        imp.names.emplace_back(std::move(name), std::move(local));
      }
    }
    doc_.imports.push_back(std::move(imp));
  }

  void read_parameter(TSNode n) {
    auto kids = named_children(n);
    if (kids.empty()) return;
    Parameter p;
    p.name = text(kids[0]);
    p.range = range(n);
    size_t next = 1;
    if (next < kids.size() && is(kids[next], "type")) {
      p.type = text(kids[next]);
      p.nullable = nullable_after(kids[next]);
      ++next;
    }
    if (next < kids.size() && has_anonymous_child(n, "=")) p.default_value = value(kids[next], 0);
    doc_.parameters.push_back(std::move(p));
  }

  // tree-sitter-bicep 1.1.0 binds `.p`, `[i]` and `.f()` looser than the
  // operators, ternaries and lambdas before them: `a && b.c` is read
  // `(a && b).c`, `x => x.name` `(x => x).name`; and it ends a lambda's body
  // before an operator: `x => x.a == 1` is read `(x => x.a) == 1`. Bicep binds
  // them as other languages do; these three put the values back in that shape.

  // An operator, ternary or lambda not in parentheses: what the grammar put a
  // postfix around, where it belongs to the last operand.
  static bool open_ended(const Value& v) {
    return !v.grouped && !v.items.empty() &&
           (v.kind == Value::Kind::Operator || v.kind == Value::Kind::Ternary || v.kind == Value::Kind::Lambda);
  }

  static void start_at(SourceRange& r, const SourceRange& start) {
    r.start_line = start.start_line;
    r.start_column = start.start_column;
    r.start_offset = start.start_offset;
  }
  static void end_at(SourceRange& r, const SourceRange& end) {
    r.end_line = end.end_line;
    r.end_column = end.end_column;
    r.end_offset = end.end_offset;
  }

  // The last operand of `outer` (an open-ended value), through nested ones; each
  // on the way now ends where `end` does.
  static Value& last_operand(Value& outer, const SourceRange& end) {
    Value* slot = &outer;
    while (open_ended(*slot)) {
      end_at(slot->range, end);
      slot = &slot->items.back();
    }
    return *slot;
  }

  // `postfix` (a Member or Index) read around an open-ended object: moved onto
  // the object's last operand.
  static Value to_last_operand(Value postfix) {
    if (!open_ended(postfix.items[0])) return postfix;
    Value outer = std::move(postfix.items[0]);
    Value& operand = last_operand(outer, postfix.range);
    start_at(postfix.range, operand.range);
    postfix.items[0] = std::move(operand);
    operand = std::move(postfix);
    return outer;
  }

  // `call` (its callee's name to be set) whose callee, `callee`, came out
  // open-ended: the call goes where the callee's last operand (a Member) is.
  Value call_last_operand(Value callee, Value call) {
    Value& operand = last_operand(callee, call.range);
    if (operand.kind != Value::Kind::Member) {
      Value unknown;
      unknown.kind = Value::Kind::Opaque;
      unknown.range = call.range;
      return unknown;
    }
    call.text = src_.bytes().substr(operand.range.start_offset, operand.range.end_offset - operand.range.start_offset);
    start_at(call.range, operand.range);
    operand = std::move(call);
    return callee;
  }

  // How tightly Bicep binds `v` (learn.microsoft.com, "Bicep operators"):
  // lambdas loosest, then the ternary, `??`, `||`, `&&`, equality, relational,
  // additive, multiplicative and unary operators; other values are operands.
  static int binding(const Value& v) {
    if (v.kind == Value::Kind::Lambda) return 0;
    if (v.kind == Value::Kind::Ternary) return 1;
    if (v.kind != Value::Kind::Operator) return 10;
    if (v.items.size() == 1) return 9;
    std::string_view op = v.text;
    if (op == "??") return 2;
    if (op == "||") return 3;
    if (op == "&&") return 4;
    if (op == "==" || op == "!=" || op == "=~" || op == "!~") return 5;
    if (op == "<" || op == "<=" || op == ">" || op == ">=") return 6;
    if (op == "+" || op == "-") return 7;
    return 8;  // * / %
  }

  // A binary operator or ternary `v` whose first operand came out of a postfix
  // moved by to_last_operand (`(a && b.c) == d` for `a && b.c == d`) or is a
  // lambda with a body cut short: when that operand binds more loosely than `v`
  // (a ternary there always does: it groups from the right), `v` belongs to the
  // operand's last operand.
  static Value bind_left(Value v) {
    Value& first = v.items[0];
    int outer = binding(v), inner = binding(first);
    bool rebind = !first.grouped && !first.items.empty() && (inner < outer || (inner == 1 && outer == 1));
    if (!rebind) return v;
    Value loose = std::move(first);
    SourceRange whole = v.range;
    v.items[0] = std::move(loose.items.back());
    start_at(v.range, v.items[0].range);
    loose.items.back() = bind_left(std::move(v));
    loose.range = whole;
    return loose;
  }

  // Whether the type `t` is nullable, `T?`: the `?` ends it, or follows it where
  // the compatibility pass hid it from the grammar (bicep_compat.h).
  bool nullable_after(TSNode t) const {
    std::string_view after = src_.bytes().substr(ts_node_end_byte(t));
    size_t mark = after.find_first_not_of(" \t");
    return text(t).ends_with('?') || (mark != std::string_view::npos && after[mark] == '?');
  }

  void read_variable(TSNode n) {
    auto kids = named_children(n);
    if (kids.size() < 2) return;
    doc_.variables.push_back({text(kids[0]), range(n), value(kids.back(), 0)});
  }

  // `[for (item, index) in <collection>: body]`: the loop's variables, and the
  // collection (null when it is missing).
  struct LoopHead {
    std::string item, index;
    TSNode collection{};
  };
  LoopHead loop_head(TSNode n, TSNode body) {
    LoopHead head;
    TSNode item = ts_node_child_by_field_name(n, "initializer", 11);
    if (!ts_node_is_null(item)) head.item = text(item);
    TSNode previous = {};  // the collection is the named child before the body
    for (TSNode c : named_children(n)) {
      if (ts_node_eq(c, body)) break;
      if (is(c, "for_loop_parameters")) {
        auto names = named_children(c);
        if (names.size() == 2) {
          head.item = text(names[0]);
          head.index = text(names[1]);
        }
      }
      previous = c;
    }
    if (!ts_node_is_null(previous) && !is(previous, "for_loop_parameters") &&
        (ts_node_is_null(item) || !ts_node_eq(previous, item)))
      head.collection = previous;
    return head;
  }

  // Unwraps `if (cond) {...}` and `[for x in y: ...]` around a declaration's body;
  // `d` (a Resource or Module) takes the condition, the loop's collection and variables.
  template <typename Declaration>
  TSNode declaration_body(TSNode n, Declaration& d) {
    for (int guard = 0; guard < 4; ++guard) {
      if (is(n, "if_statement")) {
        d.conditional = true;
        auto kids = named_children(n);
        if (kids.empty()) return n;
        if (kids.size() >= 2) d.condition = value(kids[0], 0);
        n = kids.back();
      } else if (is(n, "for_statement")) {
        d.loop = true;
        TSNode body = ts_node_child_by_field_name(n, "body", 4);
        if (ts_node_is_null(body)) return n;
        LoopHead head = loop_head(n, body);
        d.loop_item = std::move(head.item);
        d.loop_index = std::move(head.index);
        if (!ts_node_is_null(head.collection)) d.loop_over = value(head.collection, 0);
        n = body;
      } else {
        break;
      }
    }
    return n;
  }

  void read_resource(TSNode n, const ParentRef* parent) {
    auto kids = named_children(n);
    if (kids.size() < 3 || !is(kids[1], "string")) return;
    Resource r;
    r.symbol = text(kids[0]);
    r.range = range(n);
    r.head_range = src_.range(ts_node_start_byte(n), ts_node_end_byte(kids[0]));
    r.type_range = range(kids[1]);
    r.existing = has_anonymous_child(n, "existing");
    Value type_string = string_value(kids[1]);
    std::string full = type_string.text;
    size_t at = full.find('@');
    std::string type = at == std::string::npos ? full : full.substr(0, at);
    if (at != std::string::npos && type_string.kind == Value::Kind::String) {
      r.api_version = full.substr(at + 1);
      // The type string sits on one line: the version is the text between '@' and the closing quote.
      uint32_t start = ts_node_start_byte(kids[1]);
      std::string_view raw = src_.bytes().substr(start, ts_node_end_byte(kids[1]) - start);
      size_t raw_at = raw.find('@');
      if (raw_at != std::string_view::npos)
        r.api_version_range = src_.range(start + raw_at + 1, start + raw.size() - 1);
    }
    if (parent) {
      // A nested child resource: its type is relative to its parent's.
      r.parent_symbol = parent->symbol;
      if (type.find('/') == std::string::npos || type.find('.') == std::string::npos)
        type = parent->type + "/" + type;
    }
    r.type = type;
    TSNode body = declaration_body(kids.back(), r);
    if (is(body, "object")) {
      r.body = is_chain_type(type) ? value(body, 0) : identity_only(body);
      if (const Value* p = r.body.get("parent"); p && p->kind == Value::Kind::Reference) r.parent_symbol = p->text;
    } else {
      r.body = opaque(body);
    }
    doc_.resources.push_back(std::move(r));
    // Child resources declared inside the body.
    if (is(body, "object")) {
      // By value: reading the children appends to doc_.resources.
      const ParentRef self{doc_.resources.back().symbol, doc_.resources.back().type};
      for (TSNode prop : named_children(body)) {
        if (!is(prop, "object_property")) continue;
        for (TSNode c : named_children(prop))
          if (is(c, "resource_declaration")) read_resource(c, &self);
      }
    }
  }

  // A resource outside the identity chain: only what names and places it.
  Value identity_only(TSNode body) {
    Value v;
    v.kind = Value::Kind::Object;
    v.range = range(body);
    for (TSNode prop : named_children(body)) {
      if (!is(prop, "object_property")) continue;
      auto kids = named_children(prop);
      if (kids.size() < 2 || !is(kids[0], "identifier")) continue;
      std::string key = text(kids[0]);
      if (key != "name" && key != "parent" && key != "scope" && key != "dependsOn") continue;
      Member m;
      m.key = std::move(key);
      m.key_range = range(kids[0]);
      m.value = value(kids[1], 1);
      v.members.push_back(std::move(m));
    }
    v.spread = true;  // the other keys are not read: unknown, never absent
    return v;
  }

  void read_module(TSNode n, bool with_body = true) {
    auto kids = named_children(n);
    if (kids.size() < 3 || !is(kids[1], "string")) return;
    Module m;
    m.symbol = text(kids[0]);
    m.path = string_value(kids[1]).text;
    m.range = range(n);
    m.path_range = range(kids[1]);
    if (!with_body) {
      doc_.modules.push_back(std::move(m));
      return;
    }
    TSNode body = declaration_body(kids.back(), m);
    m.body = is(body, "object") ? value(body, 0) : opaque(body);
    doc_.modules.push_back(std::move(m));
  }

  // In an array the grammar reads `a[0]` as two items, `a` and the array `[0]`
  // (and `a[0].b` as `a` and `[0].b`). `item` is that second item: its leading
  // one-element array, which starts at `at`, becomes an index into `target`,
  // and the whole takes target's place.
  void index_into(Value& target, Value item, uint32_t at) {
    const uint32_t from = target.range.start_offset;
    std::vector<Value*> path{&item};  // item down to its leading array
    while ((path.back()->kind == Value::Kind::Member || path.back()->kind == Value::Kind::Index) &&
           !path.back()->items.empty() && path.back()->items[0].range.start_offset == at)
      path.push_back(&path.back()->items[0]);
    Value& base = *path.back();
    Value index;
    if (base.kind == Value::Kind::Array && base.items.size() == 1 && !base.spread) {
      index.kind = Value::Kind::Index;
      uint32_t inner = base.items[0].range.start_offset;  // `[?1]`: a safe index
      index.safe = inner > at && src_.bytes().substr(at, inner - at).find('?') != std::string_view::npos;
      index.items.push_back(std::move(target));
      index.items.push_back(std::move(base.items[0]));
    } else {
      index.kind = Value::Kind::Opaque;
    }
    index.range = base.range;
    base = std::move(index);
    for (Value* v : path) v->range = src_.range(from, v->range.end_offset);
    target = std::move(item);
  }

  // An expression patless does not evaluate: its range is all it keeps (its
  // text can be long, a whole for-expression, and no rule reads it).
  Value opaque(TSNode n) {
    Value v;
    v.kind = Value::Kind::Opaque;
    v.range = range(n);
    return v;
  }

  // Where the `${` of an interpolation is. The grammar's node can start
  // earlier: it takes whitespace before `${` into its first token.
  uint32_t interpolation_start(TSNode interpolation, const std::vector<TSNode>& inner, uint32_t not_before) const {
    uint32_t fallback = std::max(ts_node_start_byte(interpolation), not_before);
    if (inner.empty()) return fallback;
    std::string_view bytes = src_.bytes();
    uint32_t at = ts_node_start_byte(inner[0]);
    while (at > not_before && (bytes[at - 1] == ' ' || bytes[at - 1] == '\t')) --at;
    if (at >= not_before + 2 && bytes[at - 2] == '$' && bytes[at - 1] == '{') return at - 2;
    return fallback;
  }

  // A string literal or interpolated string, read from the original bytes
  // (the grammar drops some characters from string_content nodes).
  Value string_value(TSNode n, int depth = 0) {
    Value v;
    v.range = range(n);
    uint32_t start = ts_node_start_byte(n), end = ts_node_end_byte(n);
    std::string_view raw = src_.bytes().substr(start, end - start);
    if (raw.size() >= 6 && raw.substr(0, 3) == "'''") {
      // Multi-line string: verbatim, no escapes, no interpolation; a first line break is dropped.
      std::string_view body = raw.substr(3, raw.size() - 6);
      if (!body.empty() && body[0] == '\n') body.remove_prefix(1);
      else if (body.size() >= 2 && body[0] == '\r' && body[1] == '\n') body.remove_prefix(2);
      v.kind = Value::Kind::String;
      v.text = std::string(body);
      return v;
    }
    std::vector<Value> parts;
    std::string literal;
    uint32_t cursor = start + 1;
    uint32_t content_end = end > start + 1 && raw.back() == '\'' ? end - 1 : end;
    auto flush_literal = [&](uint32_t upto) {
      std::string_view seg = src_.bytes().substr(cursor, upto > cursor ? upto - cursor : 0);
      for (size_t i = 0; i < seg.size();) {
        if (seg[i] == '\\') append_escape(seg, i, literal);
        else literal += seg[i++];
      }
    };
    for (TSNode c : named_children(n)) {
      if (!is(c, "interpolation")) continue;
      auto inner = named_children(c);
      flush_literal(interpolation_start(c, inner, cursor));
      if (!literal.empty()) {
        Value lit;
        lit.kind = Value::Kind::String;
        lit.text = std::move(literal);
        literal.clear();
        parts.push_back(std::move(lit));
      }
      parts.push_back(inner.empty() ? opaque(c) : value(inner[0], depth + 1));
      cursor = ts_node_end_byte(c);
    }
    flush_literal(content_end);
    if (parts.empty()) {
      v.kind = Value::Kind::String;
      v.text = std::move(literal);
      return v;
    }
    if (!literal.empty()) {
      Value lit;
      lit.kind = Value::Kind::String;
      lit.text = std::move(literal);
      parts.push_back(std::move(lit));
    }
    v.kind = Value::Kind::Interpolation;
    v.items = std::move(parts);
    return v;
  }

  Value value(TSNode n, int depth) {
    if (depth > limits::kMaxNesting || budget_ == 0) {
      if (!too_deep_) too_deep_ = src_.range(ts_node_start_byte(n), ts_node_start_byte(n) + 1);
      Value v;
      v.kind = Value::Kind::Opaque;
      v.range = *too_deep_;
      return v;
    }
    --budget_;
    Value v;
    v.range = range(n);
    const char* type = ts_node_type(n);
    if (!std::strcmp(type, "string")) return opaque_value(n) ? opaque(n) : string_value(n, depth);
    if (!std::strcmp(type, "number")) {
      v.kind = Value::Kind::Number;
      v.text = text(n);
    } else if (!std::strcmp(type, "boolean")) {
      v.kind = Value::Kind::Bool;
      v.text = text(n);
    } else if (!std::strcmp(type, "null")) {
      v.kind = Value::Kind::Null;
    } else if (!std::strcmp(type, "identifier")) {
      v.kind = Value::Kind::Reference;
      v.text = text(n);
    } else if (!std::strcmp(type, "parenthesized_expression")) {
      auto kids = named_children(n);
      if (kids.size() != 1) return opaque(n);
      Value inner = value(kids[0], depth + 1);
      inner.grouped = true;
      return inner;
    } else if (!std::strcmp(type, "object")) {
      v.kind = Value::Kind::Object;
      auto props = named_children(n);
      v.members.reserve(props.size());  // models are kept: no slack from doubling
      for (TSNode prop : props) {
        if (!is(prop, "object_property")) {
          if (is(prop, "ERROR") || !is(prop, "decorators")) v.spread = true;  // e.g. `...other`
          continue;
        }
        auto kids = named_children(prop);
        if (kids.size() < 2 || is(kids[1], "resource_declaration")) continue;
        if (spread_operand(kids[1])) {
          v.spread = true;
          Member m;
          m.spread = true;
          m.value = value(kids[1], depth + 1);
          v.members.push_back(std::move(m));
          continue;
        }
        Member m;
        if (is(kids[0], "string")) {
          Value key = string_value(kids[0], depth + 1);
          // `'${k}': v`: a key patless cannot name, so any other key may be there too.
          if (key.kind != Value::Kind::String) v.spread = true;
          m.key = std::move(key.text);
        } else {
          m.key = text(kids[0]);
        }
        m.key_range = range(kids[0]);
        m.value = value(kids[1], depth + 1);
        v.members.push_back(std::move(m));
      }
    } else if (!std::strcmp(type, "array")) {
      v.kind = Value::Kind::Array;
      uint32_t previous_end = 0;  // where the last item ends, or 0
      auto children = named_children(n);
      v.items.reserve(children.size());
      for (TSNode item : children) {
        if (is(item, "decorators")) continue;
        if (is(item, "ERROR")) {
          v.spread = true;
          previous_end = 0;
          continue;
        }
        if (spread_operand(item)) {
          v.spread = true;
          v.items.push_back(opaque(item));  // stands for any number of items
          previous_end = 0;
          continue;
        }
        Value read = value(item, depth + 1);
        if (previous_end && ts_node_start_byte(item) == previous_end && src_.bytes()[previous_end] == '[')
          index_into(v.items.back(), std::move(read), previous_end);
        else
          v.items.push_back(std::move(read));
        previous_end = ts_node_end_byte(item);
      }
    } else if (!std::strcmp(type, "for_statement")) {
      TSNode body = ts_node_child_by_field_name(n, "body", 4);
      if (ts_node_is_null(body)) return opaque(n);
      LoopHead head = loop_head(n, body);
      if (head.item.empty() || ts_node_is_null(head.collection)) return opaque(n);
      if (is(body, "if_statement")) return opaque(n);  // a filter: resource and module loops only
      v.kind = Value::Kind::Loop;
      v.text = head.index.empty() ? head.item : head.item + "," + head.index;
      v.items.push_back(value(head.collection, depth + 1));
      v.items.push_back(value(body, depth + 1));
    } else if (!std::strcmp(type, "lambda_expression")) {
      auto kids = named_children(n);
      if (kids.size() != 2) return opaque(n);
      TSNode params = kids[0];
      if (is(params, "parenthesized_expression") && named_children(params).size() == 1)
        params = named_children(params)[0];
      if (!is(params, "identifier")) return opaque(n);  // `(a, b) => …`: not read
      v.kind = Value::Kind::Lambda;
      v.text = text(params);
      v.items.push_back(value(kids[1], depth + 1));
    } else if (!std::strcmp(type, "member_expression")) {
      TSNode object = ts_node_child_by_field_name(n, "object", 6);
      TSNode property = ts_node_child_by_field_name(n, "property", 8);
      if (ts_node_is_null(object) || ts_node_is_null(property)) return opaque(n);
      v.kind = Value::Kind::Member;
      v.text = text(property);
      uint32_t dot = ts_node_end_byte(object), name = ts_node_start_byte(property);
      v.safe = name > dot && src_.bytes().substr(dot, name - dot).find('?') != std::string_view::npos;
      v.items.push_back(value(object, depth + 1));
      return to_last_operand(std::move(v));
    } else if (!std::strcmp(type, "subscript_expression")) {
      TSNode object = ts_node_child_by_field_name(n, "object", 6);
      TSNode index = ts_node_child_by_field_name(n, "index", 5);
      if (ts_node_is_null(object) || ts_node_is_null(index)) return opaque(n);
      v.kind = Value::Kind::Index;
      // `a[?1]` (the compatibility pass blanked the `?`): a safe index.
      uint32_t open = ts_node_end_byte(object), at = ts_node_start_byte(index);
      v.safe = at > open && src_.bytes().substr(open, at - open).find('?') != std::string_view::npos;
      v.items.push_back(value(object, depth + 1));
      v.items.push_back(value(index, depth + 1));
      return to_last_operand(std::move(v));
    } else if (!std::strcmp(type, "call_expression")) {
      TSNode function = ts_node_child_by_field_name(n, "function", 8);
      TSNode arguments = ts_node_child_by_field_name(n, "arguments", 9);
      if (ts_node_is_null(function)) return opaque(n);
      v.kind = Value::Kind::Call;
      v.text = text(function);
      if (!ts_node_is_null(arguments))
        for (TSNode a : named_children(arguments)) v.items.push_back(value(a, depth + 1));
      // `a && az.f()`: the grammar's `(a && az).f()`.
      if (is(function, "member_expression")) {
        Value callee = value(function, depth + 1);
        if (open_ended(callee)) return call_last_operand(std::move(callee), std::move(v));
      }
    } else if (!std::strcmp(type, "ternary_expression")) {
      TSNode c = ts_node_child_by_field_name(n, "condition", 9);
      TSNode a = ts_node_child_by_field_name(n, "consequence", 11);
      TSNode b = ts_node_child_by_field_name(n, "alternative", 11);
      if (ts_node_is_null(c) || ts_node_is_null(a) || ts_node_is_null(b)) return opaque(n);
      v.kind = Value::Kind::Ternary;
      v.items.push_back(value(c, depth + 1));
      v.items.push_back(value(a, depth + 1));
      v.items.push_back(value(b, depth + 1));
      return bind_left(std::move(v));
    } else if (!std::strcmp(type, "binary_expression")) {
      TSNode l = ts_node_child_by_field_name(n, "left", 4);
      TSNode op = ts_node_child_by_field_name(n, "operator", 8);
      TSNode r = ts_node_child_by_field_name(n, "right", 5);
      if (ts_node_is_null(l) || ts_node_is_null(op) || ts_node_is_null(r)) return opaque(n);
      v.kind = Value::Kind::Operator;
      v.text = text(op);
      v.items.push_back(value(l, depth + 1));
      v.items.push_back(value(r, depth + 1));
      return bind_left(std::move(v));
    } else if (!std::strcmp(type, "unary_expression")) {
      TSNode op = ts_node_child_by_field_name(n, "operator", 8);
      TSNode a = ts_node_child_by_field_name(n, "argument", 8);
      if (ts_node_is_null(op) || ts_node_is_null(a)) return opaque(n);
      v.kind = Value::Kind::Operator;
      v.text = text(op);
      v.items.push_back(value(a, depth + 1));
    } else {
      return opaque(n);
    }
    return v;
  }

 public:
  const std::optional<SourceRange>& too_deep() const { return too_deep_; }
};

// The first ERROR or MISSING node in document order, or a null node.
TSNode first_error(TSNode root) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  TSNode found = {};
  bool done = false;
  while (!done) {
    TSNode n = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_missing(n) || is(n, "ERROR")) {
      found = n;
      break;
    }
    if (ts_node_has_error(n) && ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        done = true;
        break;
      }
    }
  }
  ts_tree_cursor_delete(&cursor);
  return found;
}

std::string describe_error(TSNode err, const SourceText& src) {
  if (ts_node_is_missing(err)) return std::string("syntax error: missing '") + ts_node_type(err) + "'";
  uint32_t start = ts_node_start_byte(err), end = ts_node_end_byte(err);
  std::string_view snippet = src.bytes().substr(start, std::min<uint32_t>(end - start, 40));
  size_t nl = snippet.find_first_of("\r\n");
  if (nl != std::string_view::npos) snippet = snippet.substr(0, nl);
  if (start >= src.bytes().size()) return "syntax error: unexpected end of file";
  std::string printable;
  for (char c : snippet) printable += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  return "syntax error: unexpected '" + printable + "'";
}

// A declaration the grammar gave up on because its `=` is missing
// (`var a 'x'`): the token where the `=` belongs, or a null node.
TSNode missing_equals(TSNode err) {
  if (ts_node_is_null(err) || ts_node_is_missing(err) || !is(err, "ERROR")) return {};
  std::vector<TSNode> kids;
  bool has_equals = false;
  for_each_child(err, [&](TSNode c) {
    if (is(c, "comment")) return true;
    has_equals = !ts_node_is_named(c) && is(c, "=");
    kids.push_back(c);
    return !has_equals;
  });
  if (has_equals || kids.empty() || ts_node_is_named(kids[0])) return {};
  std::string_view keyword = ts_node_type(kids[0]);
  size_t at;
  if (keyword == "var") {
    // `var name type =`: a second name may be the type.
    at = kids.size() > 3 && is(kids[2], "identifier") ? 3 : 2;
  } else if (keyword == "type" || keyword == "metadata") {
    at = 2;
  } else if (keyword == "resource" || keyword == "module" || keyword == "test") {
    at = kids.size() > 3 && !ts_node_is_named(kids[3]) && is(kids[3], "existing") ? 4 : 3;
  } else if (keyword == "output") {
    at = 3;
  } else {
    return {};
  }
  return at < kids.size() ? kids[at] : TSNode{};
}

// Whether a top-level statement declares a module or a resource of the chain's
// types. Nested child resources extend their parent's type, so the top level
// tells for the whole file.
// What of the identity chain a file's top-level statements can hold.
enum class ChainPart {
  None,         // nothing: no rule reads it
  ModulesOnly,  // module declarations: only if what they deploy is in the chain
  Resources,    // resources of the chain's types (or something not understood)
};

ChainPart chain_part(TSNode root, std::string_view bytes) {
  ChainPart part = ChainPart::None;
  for (TSNode stmt : named_children(root)) {
    if (is(stmt, "module_declaration")) part = ChainPart::ModulesOnly;
    if (!is(stmt, "resource_declaration")) continue;
    TSNode type = ts_node_named_child(stmt, 1);
    if (ts_node_is_null(type) || !is(type, "string")) return ChainPart::Resources;  // not understood: read it whole
    uint32_t start = ts_node_start_byte(type) + 1, end = ts_node_end_byte(type);
    std::string_view text = bytes.substr(start, end > start ? end - start - 1 : 0);
    text = text.substr(0, text.find('@'));
    if (!is_chain_type(text)) continue;
    // Read from the text: `existing` between the type and '=', a templateLink in the body.
    std::string_view head = end < bytes.size() ? bytes.substr(end, 64) : std::string_view();
    head = head.substr(0, head.find('='));
    std::string_view decl = bytes.substr(ts_node_start_byte(stmt), ts_node_end_byte(stmt) - ts_node_start_byte(stmt));
    if (links_chain(text, head.find("existing") != std::string_view::npos,
                    decl.find("templateLink") != std::string_view::npos))
      return ChainPart::Resources;
  }
  return part;
}

SourceRange range_on_first_line(TSNode n, const SourceText& src) {
  uint32_t start = ts_node_start_byte(n), end = std::max(ts_node_end_byte(n), start);
  size_t nl = src.bytes().substr(start, end - start).find('\n');
  if (nl != std::string_view::npos) end = start + static_cast<uint32_t>(nl);
  return src.range(start, end);
}

}  // namespace

Document read_bicep(std::string path, std::string_view bytes, Format format, bool outline_outside_chain) {
  Document doc;
  doc.path = std::move(path);
  doc.format = format;
  SourceText src(bytes);
  if (bytes.find('\0') != std::string_view::npos) {
    size_t at = bytes.find('\0');
    doc.errors.push_back({"the file contains a NUL byte: not a Bicep text file", src.range(at, at + 1)});
    return doc;
  }
  // The grammar reads a same-length rewrite of the text (see bicep_compat.h);
  // the reader reads the original bytes.
  GrammarText grammar_text = make_grammar_compatible(bytes, format == Format::BicepParams);
  const std::string& parse_bytes = grammar_text.text;
  // One parser per thread, reused: a new parser per file costs as much as a small file's parse.
  thread_local std::unique_ptr<TSParser, ParserDeleter> parser = [] {
    std::unique_ptr<TSParser, ParserDeleter> p(ts_parser_new());
    ts_parser_set_language(p.get(), tree_sitter_bicep());
    ts_parser_set_timeout_micros(p.get(), limits::kParseTimeoutMicros);
    return p;
  }();
  ts_parser_reset(parser.get());
  std::unique_ptr<TSTree, TreeDeleter> tree(parse_bicep_text(parser.get(), parse_bytes));
  if (!tree) {
    doc.errors.push_back({"the Bicep parser gave up (time limit)", src.range(0, 0)});
    return doc;
  }
  TSNode root = ts_tree_root_node(tree.get());
  tree.get_deleter().keep =
      (ts_node_has_error(root) || !grammar_text.lexed_whole) && may_overflow_child_count(parse_bytes);
  if (ts_node_has_error(root) && grammar_text.structural_problem) {
    const GrammarText::Problem& p = *grammar_text.structural_problem;
    doc.errors.push_back({"syntax error: " + p.message, src.range(p.start, p.end)});
  } else if (ts_node_has_error(root)) {
    TSNode err = first_error(root);
    if (TSNode at = missing_equals(err); !ts_node_is_null(at)) {
      doc.errors.push_back({"syntax error: expected '=' here", range_on_first_line(at, src)});
    } else if (!ts_node_is_null(err)) {
      // A long ERROR node is mostly good code; point at its first line only.
      doc.errors.push_back({describe_error(err, src), range_on_first_line(err, src)});
    }
  }
  if (outline_outside_chain && format == Format::Bicep && doc.errors.empty() &&
      std::none_of(grammar_text.comments.begin(), grammar_text.comments.end(),
                   [&](auto c) { return may_suppress(bytes.substr(c.first, c.second - c.first)); })) {
    ChainPart part = chain_part(root, bytes);
    if (part != ChainPart::Resources) {
      doc.outline = true;  // see read_document.h
      // Where its modules are: whether they reach the chain is known once every file is read.
      if (part == ChainPart::ModulesOnly) BicepReader(doc, src, grammar_text).read_module_paths(root);
      return doc;
    }
  }
  BicepReader reader(doc, src, grammar_text);
  for (auto [start, end] : grammar_text.comments)
    doc.comments.push_back({std::string(bytes.substr(start, end - start)), src.range(start, end)});
  reader.read_program(root);
  doc.extends_path = std::move(grammar_text.extends_path);
  // In a parameters file, the masked assignments are the parameter values.
  for (const std::string& name : grammar_text.assigned_parameters) {
    for (auto it = doc.variables.begin(); it != doc.variables.end(); ++it) {
      if (it->name != name) continue;
      Parameter& p = doc.parameters.emplace_back();
      p.name = it->name;
      p.range = it->range;
      p.default_value = std::move(it->value);
      doc.variables.erase(it);
      break;
    }
  }
  if (reader.too_deep() && doc.errors.empty())
    doc.errors.push_back({"nesting deeper than " + std::to_string(limits::kMaxNesting) +
                              " levels (or too many values): the rest of the expression is not read",
                          *reader.too_deep()});
  return doc;
}

}  // namespace patless
