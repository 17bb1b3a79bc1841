#include "rules/engine/label_selector.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

namespace patless {
namespace {

// The tokens of apimachinery's selector lexer: identifiers (keys, values, `in`,
// `notin`) and the operators between them.
struct Lexer {
  std::string_view s;
  size_t at = 0;

  static bool special(char c) {
    return c == '!' || c == '=' || c == ',' || c == '(' || c == ')' || c == '<' || c == '>' || c == ' ' || c == '\t' ||
           c == '\r' || c == '\n';
  }
  void skip_blanks() {
    while (at < s.size() && (s[at] == ' ' || s[at] == '\t' || s[at] == '\r' || s[at] == '\n')) ++at;
  }
  // The next token without taking it: "" at the end.
  std::string_view peek() {
    skip_blanks();
    if (at >= s.size()) return {};
    if (s.compare(at, 2, "==") == 0 || s.compare(at, 2, "!=") == 0) return s.substr(at, 2);
    if (special(s[at])) return s.substr(at, 1);
    size_t end = at;
    while (end < s.size() && !special(s[end])) ++end;
    return s.substr(at, end - at);
  }
  std::string_view take() {
    std::string_view t = peek();
    at += t.size();
    return t;
  }
  static bool identifier(std::string_view t) { return !t.empty() && !special(t[0]); }
};

struct Requirement {
  enum class Op { Exists, NotExists, In, NotIn, Greater, Less } op = Op::Exists;
  std::string_view key;
  std::vector<std::string_view> values;
};

std::optional<std::vector<Requirement>> parse(std::string_view selector) {
  Lexer lex{selector};
  std::vector<Requirement> out;
  while (true) {
    Requirement r;
    if (lex.peek() == "!") {
      lex.take();
      r.op = Requirement::Op::NotExists;
    }
    r.key = lex.take();
    if (!Lexer::identifier(r.key)) return std::nullopt;
    std::string_view op = lex.peek();
    if (r.op == Requirement::Op::NotExists || op.empty() || op == ",") {
      // `key` or `!key`
    } else if (op == "=" || op == "==" || op == "!=") {
      lex.take();
      r.op = op == "!=" ? Requirement::Op::NotIn : Requirement::Op::In;
      std::string_view v = lex.peek();
      if (Lexer::identifier(v))
        r.values.push_back(lex.take());
      else if (!v.empty() && v != ",")
        return std::nullopt;
      else
        r.values.push_back({});  // `key=`: the empty value
    } else if (op == "in" || op == "notin") {
      lex.take();
      r.op = op == "in" ? Requirement::Op::In : Requirement::Op::NotIn;
      if (lex.take() != "(") return std::nullopt;
      while (true) {  // `(a, b)`, `()`, `(a,)`: values may be empty
        std::string_view v = lex.peek();
        if (Lexer::identifier(v))
          r.values.push_back(lex.take());
        else
          r.values.push_back({});
        std::string_view next = lex.take();
        if (next == ")") break;
        if (next != ",") return std::nullopt;
      }
    } else if (op == ">" || op == "<") {
      lex.take();
      r.op = op == ">" ? Requirement::Op::Greater : Requirement::Op::Less;
      std::string_view v = lex.take();
      if (!Lexer::identifier(v)) return std::nullopt;
      r.values.push_back(v);
    } else {
      return std::nullopt;
    }
    out.push_back(std::move(r));
    std::string_view next = lex.take();
    if (next.empty()) return out;
    if (next != ",") return std::nullopt;
  }
}

std::optional<long long> integer(std::string_view t) {
  long long n = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return n;
}

bool matches(const Requirement& r, const Value* set) {
  const Value* v = set && set->kind == Value::Kind::Object ? set->get(r.key) : nullptr;
  std::optional<std::string_view> value;
  if (v && v->is_literal_scalar()) value = std::string_view(v->text);
  bool listed = value && std::find(r.values.begin(), r.values.end(), *value) != r.values.end();
  switch (r.op) {
    case Requirement::Op::Exists:
      return v != nullptr;
    case Requirement::Op::NotExists:
      return v == nullptr;
    case Requirement::Op::In:
      return listed;
    case Requirement::Op::NotIn:
      return !listed;
    case Requirement::Op::Greater:
    case Requirement::Op::Less: {
      auto have = value ? integer(*value) : std::nullopt;
      auto bound = integer(r.values[0]);
      if (!have || !bound) return false;
      return r.op == Requirement::Op::Greater ? *have > *bound : *have < *bound;
    }
  }
  return false;
}

}  // namespace

bool selector_matches(std::string_view selector, const Value* set) {
  auto requirements = parse(selector);
  if (!requirements) return true;
  return std::all_of(requirements->begin(), requirements->end(), [&](const Requirement& r) { return matches(r, set); });
}

}  // namespace patless
