// Bicep expressions come out of the reader grouped as Bicep groups them, where
// tree-sitter-bicep 1.1.0 does not: it reads `a && b.c` as `(a && b).c` and
// `x => x.a == 1` as `(x => x.a) == 1`.
#include <catch2/catch.hpp>
#include <iterator>
#include <random>
#include <string>

#include "grammars/read_document.h"

namespace {

using patless::Value;

// The value as a prefix expression: `(&& a (. b c))`.
std::string shape(const Value& v) {
  auto list = [&](std::string head, const std::vector<Value>& items) {
    for (const Value& i : items) head.append(" ").append(shape(i));
    return "(" + head + ")";
  };
  switch (v.kind) {
    case Value::Kind::Null:
      return "null";
    case Value::Kind::String:
      return "'" + v.text + "'";
    case Value::Kind::Bool:
    case Value::Kind::Number:
    case Value::Kind::Reference:
      return v.text;
    case Value::Kind::Member:
      return std::string(v.safe ? "(.? " : "(. ") + shape(v.items[0]) + " " + v.text + ")";
    case Value::Kind::Index:
      return list("[]", v.items);
    case Value::Kind::Call:
      return list(v.text, v.items);
    case Value::Kind::Operator:
      return list(v.text, v.items);
    case Value::Kind::Ternary:
      return list("?:", v.items);
    case Value::Kind::Lambda:
      return list("=> " + v.text, v.items);
    case Value::Kind::Interpolation:
      return list("${}", v.items);
    default:
      return "?";
  }
}

Value read_expression(const std::string& expression, std::string* text = nullptr) {
  std::string source = "var x = " + expression + "\n";
  auto doc = patless::read_document("main.bicep", source);
  REQUIRE(doc);
  REQUIRE(doc->errors.empty());
  if (text) *text = source;
  return doc->variable("x")->value;
}

std::string read_shape(const std::string& expression) {
  return shape(read_expression(expression));
}

}  // namespace

TEST_CASE("a property, index or method after an operator belongs to the operand before it", "[reader][bicep]") {
  CHECK(read_shape("a && b.c") == "(&& a (. b c))");
  CHECK(read_shape("a && b.?c") == "(&& a (.? b c))");
  CHECK(read_shape("a ?? b.c.d") == "(?? a (. (. b c) d))");
  CHECK(read_shape("a && b[0]") == "(&& a ([] b 0))");
  CHECK(read_shape("a || b.c[0].d") == "(|| a (. ([] (. b c) 0) d))");
  CHECK(read_shape("!a.b") == "(! (. a b))");
  CHECK(read_shape("-a.b * c") == "(* (- (. a b)) c)");
  CHECK(read_shape("a && !b.c") == "(&& a (! (. b c)))");
  CHECK(read_shape("a ? b : c.d") == "(?: a b (. c d))");
  CHECK(read_shape("a ? b.c : d.e") == "(?: a (. b c) (. d e))");
  CHECK(read_shape("a && az.resourceGroup().location") == "(&& a (. (az.resourceGroup) location))");
  CHECK(read_shape("a && b.c(d)") == "(&& a (b.c d))");
  CHECK(read_shape("'${a && b.c}'") == "(${} (&& a (. b c)))");
}

TEST_CASE("an operator after a moved property binds as Bicep's precedence says", "[reader][bicep]") {
  CHECK(read_shape("k == 'C' && s.a == 'x'") == "(&& (== k 'C') (== (. s a) 'x'))");
  CHECK(read_shape("a || b && c.d == e") == "(|| a (&& b (== (. c d) e)))");
  CHECK(read_shape("a && b.c && d.e") == "(&& (&& a (. b c)) (. d e))");  // left to right
  CHECK(read_shape("a.b == 1 || c.d > 2") == "(|| (== (. a b) 1) (> (. c d) 2))");
  CHECK(read_shape("a ? b : c.d ? e : f") == "(?: a b (?: (. c d) e f))");  // right to left
  CHECK(read_shape("a ? b : c.d == e") == "(?: a b (== (. c d) e))");
  CHECK(read_shape("a ?? b.c ?? d") == "(?? (?? a (. b c)) d)");
}

TEST_CASE("a lambda's body is all that follows its arrow", "[reader][bicep]") {
  CHECK(read_shape("map(l, x => x.name)") == "(map l (=> x (. x name)))");
  CHECK(read_shape("filter(l, x => x.a == 1)") == "(filter l (=> x (== (. x a) 1)))");
  CHECK(read_shape("filter(l, x => x.a && x.b)") == "(filter l (=> x (&& (. x a) (. x b))))");
  CHECK(read_shape("map(l, x => x.a ? 1 : 2)") == "(map l (=> x (?: (. x a) 1 2)))");
}

TEST_CASE("parentheses keep what they group", "[reader][bicep]") {
  CHECK(read_shape("(a && b).c") == "(. (&& a b) c)");
  CHECK(read_shape("(a || b) && c.d") == "(&& (|| a b) (. c d))");
  CHECK(read_shape("a && (b || c).d") == "(&& a (. (|| b c) d))");
  CHECK(read_shape("(a ? b : c).d") == "(. (?: a b c) d)");
  CHECK(read_shape("a || b && c") == "(|| a (&& b c))");
  CHECK(read_shape("a + b * c") == "(+ a (* b c))");
}

TEST_CASE("a moved property's range is its own text", "[reader][bicep]") {
  std::string text;
  Value v = read_expression("a && b.c == d", &text);
  auto slice = [&](const Value& x) {
    return text.substr(x.range.start_offset, x.range.end_offset - x.range.start_offset);
  };
  REQUIRE(shape(v) == "(&& a (== (. b c) d))");
  CHECK(slice(v) == "a && b.c == d");
  CHECK(slice(v.items[1]) == "b.c == d");
  CHECK(slice(v.items[1].items[0]) == "b.c");
  CHECK(v.items[1].items[0].range.start_column == 14);
  CHECK(v.items[1].items[0].range.end_column == 17);
}

namespace {

// A random Bicep expression, printed with only the parentheses Bicep's
// precedence needs, and the shape it must read as.
class ExpressionGenerator {
 public:
  explicit ExpressionGenerator(uint32_t seed) : random_(seed) {}

  struct Expression {
    std::string text;   // with the parentheses it needs
    std::string shape;  // as shape() writes it
    int binding;        // as the reader's binding(): 1 ternary … 9 unary, 10 postfix and atoms
  };

  Expression make(int depth) {
    int choice = depth <= 0 ? 0 : static_cast<int>(random_() % 7);
    switch (choice) {
      case 0:
        return atom();
      case 1: {  // property
        Expression o = operand(make(depth - 1), 10);
        return {o.text + ".p", "(. " + o.shape + " p)", 10};
      }
      case 2: {  // index
        Expression o = operand(make(depth - 1), 10);
        return {o.text + "[0]", "([] " + o.shape + " 0)", 10};
      }
      case 3: {  // !
        Expression o = operand(make(depth - 1), 9);
        return {"!" + o.text, "(! " + o.shape + ")", 9};
      }
      case 4:
      case 5: {  // a binary operator, left to right
        static const std::pair<const char*, int> kOps[] = {{"??", 2}, {"||", 3}, {"&&", 4}, {"==", 5}, {"!=", 5},
                                                           {"<", 6},  {">=", 6}, {"+", 7},  {"-", 7},  {"*", 8}};
        auto [op, b] = kOps[random_() % std::size(kOps)];
        Expression l = operand(make(depth - 1), b), r = operand(make(depth - 1), b + 1);
        return {l.text + " " + op + " " + r.text, std::string("(") + op + " " + l.shape + " " + r.shape + ")", b};
      }
      default: {  // ternary, right to left
        Expression c = operand(make(depth - 1), 2), a = operand(make(depth - 1), 2), e = make(depth - 1);
        return {c.text + " ? " + a.text + " : " + e.text, "(?: " + c.shape + " " + a.shape + " " + e.shape + ")", 1};
      }
    }
  }

 private:
  std::mt19937 random_;

  Expression atom() {
    switch (random_() % 5) {
      case 0:
        return {"a", "a", 10};
      case 1:
        return {"b", "b", 10};
      case 2:
        return {"1", "1", 10};
      case 3:
        return {"'s'", "'s'", 10};
      default: {  // a lambda's body runs to its end
        Expression body = make(1);
        return {"map(l, x => " + body.text + ")", "(map l (=> x " + body.shape + "))", 10};
      }
    }
  }

  // `e` where an operand binding at least `needed` is wanted: in parentheses if it binds looser.
  static Expression operand(Expression e, int needed) {
    if (e.binding < needed) e.text = "(" + e.text + ")";
    return e;
  }
};

}  // namespace

TEST_CASE("random expressions read with Bicep's precedence, as parentheses would group them", "[reader][bicep]") {
  ExpressionGenerator generate(20261129);
  for (int i = 0; i < 3000; ++i) {
    ExpressionGenerator::Expression e = generate.make(4);
    INFO(e.text);
    CHECK(read_shape(e.text) == e.shape);
  }
}
