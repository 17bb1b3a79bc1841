#include "grammars/arm/arm_expression.h"

#include <cctype>
#include <optional>

#include "grammars/limits.h"

namespace patless {
namespace {

class ExpressionParser {
 public:
  ExpressionParser(std::string_view s, const SourceRange& r) : s_(s), range_(r) {}

  std::optional<Value> parse() {
    auto v = expression(0);
    skip_space();
    if (!v || i_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
  const SourceRange& range_;

  void skip_space() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(char c) {
    skip_space();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  Value make(Value::Kind kind, std::string text = {}) {
    Value v;
    v.kind = kind;
    v.text = std::move(text);
    v.range = range_;
    return v;
  }

  std::optional<Value> expression(int depth) {
    if (depth > limits::kMaxNesting) return std::nullopt;
    auto v = primary(depth);
    if (!v) return std::nullopt;
    // Postfix: .prop, [index]
    for (;;) {
      skip_space();
      if (i_ < s_.size() && s_[i_] == '.') {
        ++i_;
        std::string name = identifier();
        if (name.empty()) return std::nullopt;
        Value m = make(Value::Kind::Member, name);
        m.items.push_back(std::move(*v));
        v = std::move(m);
      } else if (i_ < s_.size() && s_[i_] == '[') {
        ++i_;
        auto index = expression(depth + 1);
        if (!index || !eat(']')) return std::nullopt;
        Value x = make(Value::Kind::Index);
        x.items.push_back(std::move(*v));
        x.items.push_back(std::move(*index));
        v = std::move(x);
      } else {
        return v;
      }
    }
  }

  std::string identifier() {
    skip_space();
    size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '$'))
      ++i_;
    return std::string(s_.substr(start, i_ - start));
  }

  std::optional<Value> primary(int depth) {
    skip_space();
    if (i_ >= s_.size()) return std::nullopt;
    char c = s_[i_];
    if (c == '\'') {
      std::string text;
      ++i_;
      for (;;) {
        if (i_ >= s_.size()) return std::nullopt;
        if (s_[i_] == '\'') {
          if (i_ + 1 < s_.size() && s_[i_ + 1] == '\'') {  // '' escapes a quote
            text += '\'';
            i_ += 2;
            continue;
          }
          ++i_;
          break;
        }
        text += s_[i_++];
      }
      return make(Value::Kind::String, std::move(text));
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
      size_t start = i_++;
      while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.')) ++i_;
      return make(Value::Kind::Number, std::string(s_.substr(start, i_ - start)));
    }
    std::string name = identifier();
    if (name.empty()) return std::nullopt;
    // Namespaced user functions: ns.fn(...)
    if (i_ < s_.size() && s_[i_] == '.' && i_ + 1 < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_ + 1]))) {
      size_t save = i_;
      ++i_;
      std::string rest = identifier();
      skip_space();
      if (i_ < s_.size() && s_[i_] == '(') name += "." + rest;
      else i_ = save;
    }
    if (!eat('(')) return std::nullopt;  // ARM has no bare identifiers
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    Value call = make(Value::Kind::Call, name);
    if (eat(')')) return finish_call(std::move(call));
    for (;;) {
      auto arg = expression(depth + 1);
      if (!arg) return std::nullopt;
      call.items.push_back(std::move(*arg));
      if (eat(')')) break;
      if (!eat(',')) return std::nullopt;
    }
    return finish_call(std::move(call));
  }

  // true() / false() / null() are literals in all but name.
  Value finish_call(Value call) {
    if (call.items.empty()) {
      if (call.text == "true" || call.text == "false") return make(Value::Kind::Bool, call.text);
      if (call.text == "null") return make(Value::Kind::Null);
    }
    return call;
  }
};

}  // namespace

Value arm_string_value(std::string_view text, const SourceRange& range) {
  Value v;
  v.range = range;
  v.kind = Value::Kind::String;
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    if (text[1] == '[') {
      v.text = std::string(text.substr(1));
      return v;
    }
    ExpressionParser parser(text.substr(1, text.size() - 2), range);
    if (auto parsed = parser.parse()) return std::move(*parsed);
    v.kind = Value::Kind::Opaque;
  }
  v.text = std::string(text);
  return v;
}

}  // namespace patless
