#include "rules/engine/evaluate.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>

#include "grammars/paths.h"

namespace patless {

Value string_value(std::string text, const SourceRange& r) {
  Value v;
  v.kind = Value::Kind::String;
  v.text = std::move(text);
  v.range = r;
  return v;
}

std::optional<size_t> small_count(const Value& v) {
  if (v.kind != Value::Kind::Number || v.text.empty() || v.text.size() > 4 ||
      v.text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return static_cast<size_t>(std::stoi(v.text));
}

namespace {

constexpr int kMaxDepth = 64;  // bounds reference chains
// Bounds the work of one evaluation, in values made or copied: declarations
// that each repeat the next (`var a = [b, b]`, `var b = [c, c]`, …, or for-
// expressions that each repeat their item) make it exponential in the depth.
// The largest evaluation of the repositories patless is tried on takes under
// a thousand.
constexpr size_t kMaxSteps = 100000;

// How many values `v` holds, counting no further than `limit` (then more).
size_t values_in(const Value& v, size_t limit) {
  size_t n = 1;
  for (const Value& i : v.items) {
    if (n > limit) return n;
    n += values_in(i, limit - n);
  }
  for (const Member& m : v.members) {
    if (n > limit) return n;
    n += values_in(m.value, limit - n);
  }
  return n;
}

Value unknown(const SourceRange& r) {
  Value v;
  v.kind = Value::Kind::Opaque;
  v.range = r;
  return v;
}

Value null(const SourceRange& r) {
  Value v;
  v.range = r;
  return v;
}

Value bool_value(bool b, const SourceRange& r) {
  Value v;
  v.kind = Value::Kind::Bool;
  v.text = b ? "true" : "false";
  v.range = r;
  return v;
}

Value number(size_t n, const SourceRange& r) {
  Value v;
  v.kind = Value::Kind::Number;
  v.text = std::to_string(n);
  v.range = r;
  return v;
}

// A scalar as the string concat()/interpolation would produce, or nullopt.
std::optional<std::string> as_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::String:
    case Value::Kind::Number:
    case Value::Kind::Bool: return v.text;
    default: return std::nullopt;
  }
}

// An integer literal's value (Bicep's and ARM's numbers are 64-bit integers), or nullopt.
std::optional<int64_t> as_integer(const Value& v) {
  if (v.kind != Value::Kind::Number) return std::nullopt;
  int64_t n = 0;
  auto [end, error] = std::from_chars(v.text.data(), v.text.data() + v.text.size(), n);
  if (error != std::errc() || end != v.text.data() + v.text.size()) return std::nullopt;
  return n;
}

// `<`, `<=`, `>`, `>=` (ARM's less, lessOrEquals, greater, greaterOrEquals) on two integers.
std::optional<bool> compare(std::string_view op, const Value& a, const Value& b) {
  auto x = as_integer(a), y = as_integer(b);
  if (!x || !y) return std::nullopt;
  if (op == "<") return *x < *y;
  if (op == "<=") return *x <= *y;
  if (op == ">") return *x > *y;
  if (op == ">=") return *x >= *y;
  return std::nullopt;
}

// Its ranges point into another file: a finding must not use them.
void mark_foreign(Value& v) {
  v.origin = Value::kForeign;
  for (Value& i : v.items) mark_foreign(i);
  for (Member& m : v.members) mark_foreign(m.value);
}

// A later key wins, as in Bicep's object spread.
void set_member(Value& object, Member m) {
  for (Member& existing : object.members) {
    if (existing.key == m.key) {
      existing = std::move(m);
      return;
    }
  }
  object.members.push_back(std::move(m));
}

// `...operand` at this point of `object`: a known object's members are merged
// in; anything else may set any key, so every key so far becomes unknown and
// keys not written later are unknown too.
void spread_into(Value& object, Value operand) {
  if (operand.kind == Value::Kind::Object && !operand.spread) {
    for (Member& m : operand.members) set_member(object, std::move(m));
    return;
  }
  object.spread = true;
  for (Member& m : object.members) m.value = unknown(m.value.range);
}

// What one evaluation shares across the deployments it reaches.
struct Evaluation {
  // The declarations being evaluated, each in its deployment: one that reads
  // itself (Bicep rejects the cycle; error recovery can make one) is unknown.
  std::vector<std::pair<const Scope*, const void*>> in_progress;
  size_t steps_left = kMaxSteps;  // then anything not evaluated yet is unknown
};

class Evaluator {
 public:
  Evaluator(const Scope& scope, Evaluation& evaluation) : scope_(scope), evaluation_(evaluation) {}

  Value eval(const Value& v, int depth) {
    if (depth > kMaxDepth || !charge(1)) return unknown(v.range);
    switch (v.kind) {
      case Value::Kind::Null:
      case Value::Kind::Bool:
      case Value::Kind::Number:
      case Value::Kind::String:
      case Value::Kind::Opaque: return v;
      case Value::Kind::Object: {
        Value out;
        out.kind = Value::Kind::Object;
        out.range = v.range;
        // Spread members decide it below; otherwise keep what the reader knew.
        out.spread = v.spread && std::none_of(v.members.begin(), v.members.end(), [](const Member& m) { return m.spread; });
        for (const Member& m : v.members) {
          if (m.spread) {
            spread_into(out, eval(m.value, depth + 1));
          } else {
            set_member(out, {m.key, m.key_range, eval(m.value, depth + 1)});
          }
        }
        return out;
      }
      case Value::Kind::Array: {
        Value out;
        out.kind = Value::Kind::Array;
        out.range = v.range;
        out.spread = v.spread;
        for (const Value& i : v.items) out.items.push_back(eval(i, depth + 1));
        return out;
      }
      case Value::Kind::Reference: return reference(v, depth);
      case Value::Kind::Member: return member(v, depth);
      case Value::Kind::Index: return index(v, depth);
      case Value::Kind::Call: return call(v, depth);
      case Value::Kind::Interpolation: {
        std::string text;
        for (const Value& part : v.items) {
          auto t = as_text(eval(part, depth + 1));
          if (!t) return unknown(v.range);
          text += *t;
        }
        return string_value(std::move(text), v.range);
      }
      case Value::Kind::Ternary: {
        Value c = eval(v.items[0], depth + 1);
        if (c.kind != Value::Kind::Bool) return unknown(v.range);
        return eval(v.items[c.text == "true" ? 1 : 2], depth + 1);
      }
      case Value::Kind::Operator: return op(v, depth);
      case Value::Kind::Loop: return loop(v, depth);
      case Value::Kind::Lambda: return unknown(v.range);  // a function, not a value: map() and filter() call it
    }
    return unknown(v.range);
  }

 private:
  const Scope& scope_;
  Evaluation& evaluation_;
  // The variables of the for-expressions and lambdas being evaluated, innermost last.
  std::vector<std::pair<std::string_view, Value>> locals_;

  // Takes `steps` from what is left; false when there are not that many.
  bool charge(size_t steps) {
    if (steps > evaluation_.steps_left) {
      evaluation_.steps_left = 0;
      return false;
    }
    evaluation_.steps_left -= steps;
    return true;
  }

  // A copy of a value already evaluated (a loop's item), paid for by its size.
  Value copy(const Value& v) { return charge(values_in(v, evaluation_.steps_left)) ? v : unknown(v.range); }

  // `evaluate()`, unless `declaration` is being evaluated in `scope` already: a cycle.
  template <typename Evaluate>
  Value once(const Scope* scope, const void* declaration, const SourceRange& at, Evaluate evaluate) {
    const std::pair<const Scope*, const void*> key{scope, declaration};
    auto& in_progress = evaluation_.in_progress;
    if (std::find(in_progress.begin(), in_progress.end(), key) != in_progress.end()) return unknown(at);
    in_progress.push_back(key);
    Value out = evaluate();
    in_progress.pop_back();
    return out;
  }

  // A declaration's value is evaluated where it is declared: no loop variable reaches it.
  Value declared(const Value& v, int depth) {
    std::vector<std::pair<std::string_view, Value>> outer;
    std::swap(outer, locals_);
    Value out = eval(v, depth);
    std::swap(outer, locals_);
    return out;
  }

  // Calls `body` with names ("x" or "x,i") bound to each item of a known array,
  // at most kMaxItems of them; false when the array is not known.
  static constexpr size_t kMaxItems = 256;
  template <typename Each>
  bool each_item(const Value& array, std::string_view names, Each body) {
    if (array.kind != Value::Kind::Array || array.spread || array.items.size() > kMaxItems) return false;
    size_t comma = names.find(',');
    std::string_view item = names.substr(0, comma);
    std::string_view index = comma == std::string_view::npos ? std::string_view{} : names.substr(comma + 1);
    for (size_t i = 0; i < array.items.size(); ++i) {
      locals_.emplace_back(item, copy(array.items[i]));
      if (!index.empty()) locals_.emplace_back(index, number(i, array.items[i].range));
      bool go_on = body(array.items[i]);
      locals_.resize(locals_.size() - (index.empty() ? 1 : 2));
      if (!go_on) return false;
    }
    return true;
  }

  // `[for x in xs: body]` over a collection patless knows: an array; else unknown.
  Value loop(const Value& v, int depth) {
    if (v.items.size() != 2) return unknown(v.range);
    Value out;
    out.kind = Value::Kind::Array;
    out.range = v.range;
    bool known = each_item(eval(v.items[0], depth + 1), v.text, [&](const Value&) {
      out.items.push_back(eval(v.items[1], depth + 1));
      return true;
    });
    return known ? out : unknown(v.range);
  }

  // map(xs, x => …) and filter(xs, x => …) over a collection patless knows.
  Value map_or_filter(const Value& v, bool filter, int depth) {
    const Value& lambda = v.items[1];
    if (lambda.kind != Value::Kind::Lambda || lambda.items.empty()) return unknown(v.range);
    Value out;
    out.kind = Value::Kind::Array;
    out.range = v.range;
    bool known = each_item(eval(v.items[0], depth + 1), lambda.text, [&](const Value& item) {
      Value r = eval(lambda.items[0], depth + 1);
      if (!filter) {
        out.items.push_back(std::move(r));
        return true;
      }
      if (r.kind != Value::Kind::Bool) return false;
      if (r.text == "true") out.items.push_back(copy(item));
      return true;
    });
    return known ? out : unknown(v.range);
  }

  Value parameter(std::string_view name, const SourceRange& at, int depth) {
    const Parameter* p = scope_.declarations().parameter(name);
    if (!p) return unknown(at);
    ParameterSource source = parameter_source(*p, scope_);
    switch (source.kind) {
      case ParameterSource::Kind::Passed:
        return once(&scope_, p, at, [&] {
          if (depth > kMaxDepth) return unknown(at);
          Value v = Evaluator(*source.from, evaluation_).eval(*source.value, depth + 1);
          if (source.from->doc != scope_.doc) mark_foreign(v);
          return v;
        });
      case ParameterSource::Kind::Default:
        return once(&scope_, p, at, [&] { return declared(*source.value, depth + 1); });
      case ParameterSource::Kind::Null:
        return null(at);
      case ParameterSource::Kind::Unknown:
        break;
    }
    return unknown(at);
  }

  // `mod.outputs.name`: the output of that module deployment.
  std::optional<Value> module_output(const Value& v, int depth) {
    const Value& outputs = v.items[0];
    if (outputs.kind != Value::Kind::Member || outputs.text != "outputs") return std::nullopt;
    const Value& mod = outputs.items[0];
    if (mod.kind != Value::Kind::Reference) return std::nullopt;
    const Scope* deployed = scope_.module_scope(mod.text);
    if (!deployed) return std::nullopt;
    for (const Output& o : deployed->doc->outputs)
      if (o.name == v.text)
        return once(deployed, &o, v.range, [&] {
          Value out = Evaluator(*deployed, evaluation_).eval(o.value, depth + 1);
          if (deployed->doc != scope_.doc) mark_foreign(out);
          return out;
        });
    return unknown(v.range);
  }

  Value variable(std::string_view name, const SourceRange& at, int depth) {
    const Variable* var = scope_.declarations().variable(name);
    if (!var) return unknown(at);
    return once(&scope_, var, at, [&] { return declared(var->value, depth + 1); });
  }

  Value reference(const Value& v, int depth) {
    for (auto it = locals_.rbegin(); it != locals_.rend(); ++it)
      if (it->first == v.text) return copy(it->second);
    if (scope_.pass) {  // a loop's variables hide other names
      if (v.text == scope_.pass->item_name) return copy(scope_.pass->item);
      if (v.text == scope_.pass->index_name) return number(scope_.pass->index, v.range);
    }
    if (scope_.declarations().parameter(v.text)) return parameter(v.text, v.range, depth);
    if (scope_.declarations().variable(v.text)) return variable(v.text, v.range, depth);
    if (v.text == "true" || v.text == "false") return bool_value(v.text == "true", v.range);
    if (auto out = imported({}, v.text, v.range, depth)) return *out;
    return unknown(v.range);  // resource symbols, loop variables outside a pass
  }

  // A name a compile-time import brings in (`import { a as b } from 'x.bicep'`:
  // b; `import * as ns`: ns.a) is that file's variable, evaluated in that file.
  // Nothing when no import names it; unknown when the file is not in the scan.
  std::optional<Value> imported(std::string_view ns, std::string_view name, const SourceRange& at, int depth) {
    for (const Import& imp : scope_.doc->imports) {
      std::string_view exported;
      if (ns.empty()) {
        for (const auto& [original, local] : imp.names)
          if (local == name) exported = original;
      } else if (imp.wildcard == ns) {
        exported = name;
      }
      if (exported.empty()) continue;
      const Document* from = nullptr;
      if (scope_.documents) {
        auto it = scope_.documents->find(beside(scope_.doc->path, imp.path));
        if (it != scope_.documents->end() && it->second->format == Format::Bicep) from = it->second;
      }
      const Variable* var = from ? from->variable(exported) : nullptr;
      if (!var || depth > kMaxDepth) return unknown(at);
      Scope in;  // an exported variable reads no parameter: the file on its own
      in.doc = from;
      in.documents = scope_.documents;
      // `in` is made anew at each import: the variable alone says it is in progress.
      return once(nullptr, var, at, [&] {
        Value out = Evaluator(in, evaluation_).eval(var->value, depth + 1);
        if (from != scope_.doc) mark_foreign(out);
        return out;
      });
    }
    return std::nullopt;
  }

  Value member(const Value& v, int depth) {
    const Value& object = v.items[0];
    if (object.kind == Value::Kind::Reference && !scope_.declarations().parameter(object.text) &&
        !scope_.declarations().variable(object.text))
      if (auto out = imported(object.text, v.text, v.range, depth)) return *out;
    if (object.kind == Value::Kind::Member && !object.items.empty())
      if (auto out = module_output(v, depth)) return *out;
    // `sym.name` of a declared resource is the name it is given; `sym.id` the
    // resourceId() form of it ("<type>/<name>"), which is what links resources.
    if (object.kind == Value::Kind::Reference && (v.text == "name" || v.text == "id")) {
      if (const Resource* r = scope_.doc->resource(object.text)) {
        const Value* n = r->body.get("name");
        if (!n) return unknown(v.range);
        Value name = eval(*n, depth + 1);
        if (name.kind != Value::Kind::String) return unknown(v.range);
        if (v.text == "name") return name;
        return string_value(r->type + "/" + name.text, v.range);
      }
    }
    Value o = eval(object, depth + 1);
    if (o.kind == Value::Kind::Object) {
      if (const Value* m = o.get(v.text)) return *m;
    }
    if (v.safe && (o.kind == Value::Kind::Null || (o.kind == Value::Kind::Object && !o.spread))) return null(v.range);
    return unknown(v.range);
  }

  Value index(const Value& v, int depth) {
    Value o = eval(v.items[0], depth + 1);
    Value i = eval(v.items[1], depth + 1);
    if (o.kind == Value::Kind::Object && i.kind == Value::Kind::String) {
      if (const Value* m = o.get(i.text)) return *m;
      if (v.safe && !o.spread) return null(v.range);  // `a[?'k']` without k
    } else if (o.kind == Value::Kind::Array && i.kind == Value::Kind::Number && !o.spread) {
      auto n = array_index(i.text, o.items.size());
      if (n && *n < o.items.size()) return o.items[*n];
      if (v.safe && n) return null(v.range);  // `a[?5]` past the end
    } else if (v.safe && o.kind == Value::Kind::Null) {
      return null(v.range);
    }
    return unknown(v.range);
  }

  // A number as an index into an array of `size` items: nullopt when it is not a
  // non-negative integer; `size` when it is past the end.
  static std::optional<size_t> array_index(const std::string& number, size_t size) {
    if (number.empty()) return std::nullopt;
    size_t n = 0;
    for (char c : number) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + static_cast<size_t>(c - '0');
      if (n > size) return size;
    }
    return n;
  }

  std::optional<std::vector<std::string>> texts(const Value& v, int depth, size_t from = 0) {
    std::vector<std::string> out;
    for (size_t k = from; k < v.items.size(); ++k) {
      auto t = as_text(eval(v.items[k], depth + 1));
      if (!t) return std::nullopt;
      out.push_back(std::move(*t));
    }
    return out;
  }

  Value call(const Value& v, int depth) {
    std::string fn = ascii_lower(v.text);
    if (fn.rfind("sys.", 0) == 0) fn = fn.substr(4);
    const auto& args = v.items;
    if ((fn == "parameters" || fn == "variables") && args.size() == 1) {
      Value name = eval(args[0], depth + 1);
      if (name.kind != Value::Kind::String) return unknown(v.range);
      return fn == "parameters" ? parameter(name.text, v.range, depth) : variable(name.text, v.range, depth);
    }
    if (fn == "concat") {
      // concat() of strings; of arrays it is an array, which stays unknown here.
      auto parts = texts(v, depth);
      if (!parts) return unknown(v.range);
      std::string s;
      for (auto& p : *parts) s += p;
      return string_value(std::move(s), v.range);
    }
    if (fn == "format" && !args.empty()) {
      auto parts = texts(v, depth);
      if (!parts) return unknown(v.range);
      return format((*parts)[0], *parts, v.range);
    }
    if ((fn == "tolower" || fn == "toupper" || fn == "string" || fn == "trim") && args.size() == 1) {
      auto t = as_text(eval(args[0], depth + 1));
      if (!t) return unknown(v.range);
      std::string s = *t;
      if (fn == "tolower") s = ascii_lower(s);
      if (fn == "toupper")
        for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (fn == "trim") {
        size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
        s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
      }
      return string_value(std::move(s), v.range);
    }
    if (fn == "if" && args.size() == 3) {
      Value c = eval(args[0], depth + 1);
      if (c.kind != Value::Kind::Bool) return unknown(v.range);
      return eval(args[c.text == "true" ? 1 : 2], depth + 1);
    }
    if (fn == "equals" && args.size() == 2) {
      Value a = eval(args[0], depth + 1), b = eval(args[1], depth + 1);
      if (!a.is_literal_scalar() || !b.is_literal_scalar()) return unknown(v.range);
      return bool_value(a.kind == b.kind && a.text == b.text, v.range);
    }
    if ((fn == "and" || fn == "or") && args.size() >= 2) return logical(fn == "and", args, v.range, depth);
    if (fn == "any" && args.size() == 1) return eval(args[0], depth + 1);  // Bicep's: the value, any type
    if (auto op = comparison_of(fn); op && args.size() == 2) {
      auto holds = compare(*op, eval(args[0], depth + 1), eval(args[1], depth + 1));
      return holds ? bool_value(*holds, v.range) : unknown(v.range);
    }
    if (fn == "not" && args.size() == 1) {
      Value a = eval(args[0], depth + 1);
      if (a.kind != Value::Kind::Bool) return unknown(v.range);
      return bool_value(a.text != "true", v.range);
    }
    if (fn == "resourceid" && args.size() >= 2) {
      // Only the type and names matter for linking within one template:
      // resourceId('T/u', 'a', 'b') → "T/u/a/b"; a leading subscription or group stays unknown.
      auto parts = texts(v, depth);
      if (!parts) return unknown(v.range);
      size_t first_type = 0;
      while (first_type < parts->size() && (*parts)[first_type].find('/') == std::string::npos) ++first_type;
      if (first_type >= parts->size()) return unknown(v.range);
      std::string s = (*parts)[first_type];
      for (size_t k = first_type + 1; k < parts->size(); ++k) s += "/" + (*parts)[k];
      return string_value(std::move(s), v.range);
    }
    if (fn == "extensionresourceid" && args.size() >= 3) {
      auto parts = texts(v, depth);
      if (!parts) return unknown(v.range);
      std::string s = (*parts)[0] + "/providers/" + (*parts)[1];
      for (size_t k = 2; k < parts->size(); ++k) s += "/" + (*parts)[k];
      return string_value(std::move(s), v.range);
    }
    if (fn == "replace" && args.size() == 3) {
      auto parts = texts(v, depth);
      if (!parts || (*parts)[1].empty()) return unknown(v.range);
      std::string s = (*parts)[0];
      const std::string &from = (*parts)[1], &to = (*parts)[2];
      for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
      return string_value(std::move(s), v.range);
    }
    if (fn == "empty" && args.size() == 1) {
      Value a = eval(args[0], depth + 1);
      if (a.kind == Value::Kind::Null) return bool_value(true, v.range);
      if (a.kind == Value::Kind::String) return bool_value(a.text.empty(), v.range);
      if ((a.kind == Value::Kind::Array || a.kind == Value::Kind::Object) && !a.spread)
        return bool_value(a.items.empty() && a.members.empty(), v.range);
      return unknown(v.range);
    }
    if (fn == "tryget" && args.size() >= 2) return try_get(v, depth);
    if (fn == "contains" && args.size() == 2) return contains(eval(args[0], depth + 1), eval(args[1], depth + 1), v.range);
    if (fn == "union" && !args.empty()) {
      Value out = eval(args[0], depth + 1);
      for (size_t k = 1; k < args.size(); ++k) {
        Value next = eval(args[k], depth + 1);
        if (out.kind != Value::Kind::Object || next.kind != Value::Kind::Object || out.spread || next.spread)
          return unknown(v.range);
        union_into(out, std::move(next));
      }
      if (out.kind != Value::Kind::Object) return unknown(v.range);
      out.range = v.range;
      return out;
    }
    if (fn == "length" && args.size() == 1) {
      Value a = eval(args[0], depth + 1);
      if (a.spread) return unknown(v.range);
      if (a.kind == Value::Kind::String || a.kind == Value::Kind::Array || a.kind == Value::Kind::Object)
        return number(a.kind == Value::Kind::String ? a.text.size() : a.items.size() + a.members.size(), v.range);
      return unknown(v.range);
    }
    if (fn == "range" && args.size() == 2) {
      // range(start, count), bounded: the numbers a loop over it counts with.
      auto start = small_count(eval(args[0], depth + 1)), count = small_count(eval(args[1], depth + 1));
      if (!start || !count) return unknown(v.range);
      Value out;
      out.kind = Value::Kind::Array;
      out.range = v.range;
      for (size_t i = 0; i < *count; ++i) out.items.push_back(number(*start + i, v.range));
      return out;
    }
    if (fn == "items" && args.size() == 1) {
      // items(object): [{ key, value }] in key order, what `for x in items(o)` loops over.
      Value o = eval(args[0], depth + 1);
      if (o.kind != Value::Kind::Object || o.spread) return unknown(v.range);
      std::vector<const Member*> members;
      for (const Member& m : o.members) members.push_back(&m);
      std::stable_sort(members.begin(), members.end(),
                       [](const Member* a, const Member* b) { return ascii_lower(a->key) < ascii_lower(b->key); });
      Value out;
      out.kind = Value::Kind::Array;
      out.range = v.range;
      for (const Member* m : members) {
        Value& item = out.items.emplace_back();
        item.kind = Value::Kind::Object;
        item.range = m->value.range;
        Member& key = item.members.emplace_back();
        key.key = "key";
        key.value = string_value(m->key, m->key_range);
        Member& value = item.members.emplace_back();
        value.key = "value";
        value.value = m->value;
      }
      return out;
    }
    if ((fn == "map" || fn == "filter") && args.size() == 2) return map_or_filter(v, fn == "filter", depth);
    if (fn == "createobject" && args.size() % 2 == 0) {  // ARM's object literal: key, value, key, value, …
      Value out;
      out.kind = Value::Kind::Object;
      out.range = v.range;
      for (size_t i = 0; i < args.size(); i += 2) {
        Value key = eval(args[i], depth + 1);
        if (key.kind != Value::Kind::String) return unknown(v.range);
        set_member(out, {std::move(key.text), args[i].range, eval(args[i + 1], depth + 1)});
      }
      return out;
    }
    if (fn == "createarray") {
      Value out;
      out.kind = Value::Kind::Array;
      out.range = v.range;
      for (const Value& a : args) out.items.push_back(eval(a, depth + 1));
      return out;
    }
    if (fn == "copyindex" && scope_.pass && args.size() <= 2) {
      // copyIndex(), copyIndex(offset), copyIndex('loop'[, offset]): the resource's own copy loop only.
      size_t index = scope_.pass->index, k = 0;
      if (!args.empty() && args[0].kind == Value::Kind::String) {
        if (!iequals(scope_.pass->copy_name, args[0].text)) return unknown(v.range);
        k = 1;
      }
      if (k < args.size()) {
        auto offset = small_count(eval(args[k], depth + 1));
        if (!offset) return unknown(v.range);
        index += *offset;
      }
      return number(index, v.range);
    }
    if (fn == "coalesce" && !args.empty()) {
      for (const Value& a : args) {
        Value x = eval(a, depth + 1);
        if (is_unknown(x)) return unknown(v.range);
        if (x.kind != Value::Kind::Null) return x;
      }
      return Value{};
    }
    return unknown(v.range);  // runtime functions: resourceGroup(), reference(), uniqueString(), ...
  }

  // contains(): a substring (case-sensitive), an array item, or an object key (case-insensitive, as ARM does).
  static Value contains(const Value& in, const Value& item, const SourceRange& r) {
    if (in.kind == Value::Kind::String && item.kind == Value::Kind::String)
      return bool_value(in.text.find(item.text) != std::string::npos, r);
    if (!item.is_literal_scalar() || in.spread) return unknown(r);
    if (in.kind == Value::Kind::Object) {
      for (const Member& m : in.members)
        if (iequals(m.key, item.text)) return bool_value(true, r);
      return bool_value(false, r);
    }
    if (in.kind == Value::Kind::Array) {
      bool all_known = true;
      for (const Value& i : in.items) {
        if (i.kind == item.kind && i.text == item.text) return bool_value(true, r);
        all_known = all_known && !is_unknown(i);
      }
      return all_known ? bool_value(false, r) : unknown(r);
    }
    return unknown(r);
  }

  // ARM tryGet(value, key or index, ...) (what Bicep's `a.?b` compiles to): null
  // where a key or index is missing from a value known whole.
  Value try_get(const Value& v, int depth) {
    Value current = eval(v.items[0], depth + 1);
    for (size_t k = 1; k < v.items.size(); ++k) {
      Value key = eval(v.items[k], depth + 1);
      if (current.kind == Value::Kind::Null) return null(v.range);
      if (current.kind == Value::Kind::Object && key.kind == Value::Kind::String) {
        const Value* m = current.get(key.text);
        if (!m) return current.spread ? unknown(v.range) : null(v.range);
        current = Value(*m);  // a copy first: *m is inside current
      } else if (current.kind == Value::Kind::Array && key.kind == Value::Kind::Number && !current.spread) {
        auto n = array_index(key.text, current.items.size());
        if (!n) return unknown(v.range);
        if (*n >= current.items.size()) return null(v.range);
        current = Value(current.items[*n]);
      } else {
        return unknown(v.range);
      }
    }
    return current;
  }

  // union() of objects: later keys win; nested objects merge.
  static void union_into(Value& out, Value next) {
    for (Member& m : next.members) {
      Member* existing = nullptr;
      for (Member& e : out.members)
        if (e.key == m.key) existing = &e;
      if (existing && existing->value.kind == Value::Kind::Object && m.value.kind == Value::Kind::Object) {
        union_into(existing->value, std::move(m.value));
      } else if (existing) {
        existing->value = std::move(m.value);
      } else {
        out.members.push_back(std::move(m));
      }
    }
  }

  static Value format(const std::string& pattern, const std::vector<std::string>& args, const SourceRange& r) {
    std::string out;
    for (size_t i = 0; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
        out += '{';
        ++i;
      } else if (c == '}' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
        out += '}';
        ++i;
      } else if (c == '{') {
        size_t close = pattern.find('}', i);
        if (close == std::string::npos) return unknown(r);
        std::string spec = pattern.substr(i + 1, close - i - 1);
        size_t comma = spec.find_first_of(",:");
        if (comma != std::string::npos) return unknown(r);  // alignment/format specifiers
        size_t n = 0;
        for (char d : spec) {
          if (d < '0' || d > '9') return unknown(r);
          n = n * 10 + static_cast<size_t>(d - '0');
          if (n > args.size()) return unknown(r);
        }
        if (spec.empty() || n + 1 >= args.size()) return unknown(r);
        out += args[n + 1];
        i = close;
      } else {
        out += c;
      }
    }
    return string_value(std::move(out), r);
  }

  Value op(const Value& v, int depth) {
    if (v.items.size() == 1) {
      Value a = eval(v.items[0], depth + 1);
      if (v.text == "!" && a.kind == Value::Kind::Bool) return bool_value(a.text != "true", v.range);
      return unknown(v.range);
    }
    if (v.text == "&&" || v.text == "||") return logical(v.text == "&&", v.items, v.range, depth);
    Value a = eval(v.items[0], depth + 1);
    if (v.text == "??") {
      if (a.kind == Value::Kind::Null) return eval(v.items[1], depth + 1);
      if (!is_unknown(a)) return a;
      return unknown(v.range);
    }
    Value b = eval(v.items[1], depth + 1);
    if (!a.is_literal_scalar() || !b.is_literal_scalar()) return unknown(v.range);
    if (v.text == "==") return bool_value(a.kind == b.kind && a.text == b.text, v.range);
    if (v.text == "!=") return bool_value(!(a.kind == b.kind && a.text == b.text), v.range);
    if (v.text == "=~") return bool_value(a.kind == b.kind && iequals(a.text, b.text), v.range);
    if (v.text == "!~") return bool_value(!(a.kind == b.kind && iequals(a.text, b.text)), v.range);
    if (auto holds = compare(v.text, a, b)) return bool_value(*holds, v.range);
    return unknown(v.range);
  }

  // `a && b && …` (ARM's and()) or `a || b || …` (or()): one false (true) operand
  // decides it even where another is unknown; evaluated left to right, as Bicep
  // and ARM do, so operands after the deciding one are not.
  Value logical(bool all, const std::vector<Value>& operands, const SourceRange& r, int depth) {
    bool known = true;
    for (const Value& operand : operands) {
      Value x = eval(operand, depth + 1);
      if (x.kind != Value::Kind::Bool) {
        known = false;
        continue;
      }
      if ((x.text == "true") != all) return bool_value(!all, r);
    }
    return known ? bool_value(all, r) : unknown(r);
  }

  static std::optional<std::string_view> comparison_of(std::string_view fn) {
    if (fn == "less") return "<";
    if (fn == "lessorequals") return "<=";
    if (fn == "greater") return ">";
    if (fn == "greaterorequals") return ">=";
    return std::nullopt;
  }
};

}  // namespace

ParameterSource parameter_source(const Parameter& p, const Scope& scope) {
  using Kind = ParameterSource::Kind;
  if (scope.arguments_unknown) return {};
  for (const Argument& a : scope.arguments) {
    if (a.name != p.name) continue;
    const Scope* from = scope.source_of(a);
    if (!a.value || !from) return {};
    return {Kind::Passed, a.value, from};
  }
  if (scope.unlisted_unknown) return {};
  // Not passed by a module, deployment or parameter file that lists what it passes.
  if (!p.default_value) return {p.nullable && scope.caller ? Kind::Null : Kind::Unknown};
  return {Kind::Default, &*p.default_value, &scope};
}

Value evaluate(const Value& v, const Scope& scope) {
  Evaluation evaluation;
  return Evaluator(scope, evaluation).eval(v, 0);
}

Lookup lookup(const Value& root, std::initializer_list<std::string_view> path, const Scope& scope) {
  Lookup out;
  const Value* written = &root;  // still inside the resource's own text
  const Value* current = &root;  // walks the written tree without copying it
  std::optional<Value> evaluated;  // set once a step needs a value evaluated (a var, a parameter)
  out.range = root.range;
  // Where to point when the value found came from another file: the deepest
  // place on the path that is written in this one.
  SourceRange local_range = root.range, local_key;
  for (std::string_view key : path) {
    // An object with a spread is evaluated first: what a key holds depends on order.
    if (!evaluated && (current->kind != Value::Kind::Object || current->spread)) {
      evaluated = evaluate(*current, scope);
      current = &*evaluated;
    }
    if (current->kind == Value::Kind::Null && current != &root) {
      // `oidcIssuerProfile: enabled ? { … } : null`: Azure gets no object there,
      // so nothing below it is set, as for a missing one.
      out.state = Lookup::State::Absent;
      return out;
    }
    if (current->kind != Value::Kind::Object) {
      out.state = Lookup::State::Unknown;
      return out;
    }
    const Member* m = current->member(key);
    if (!m) {
      out.state = current->spread ? Lookup::State::Unknown : Lookup::State::Absent;
      return out;
    }
    out.key_range = m->key_range;
    out.range = m->value.range;
    if (m->value.origin != Value::kForeign) {
      local_range = m->value.range;
      local_key = m->key_range;
    } else {
      out.range = local_range;
      out.key_range = local_key;
    }
    if (written) {
      const Member* wm = written->kind == Value::Kind::Object ? written->member(key) : nullptr;
      written = wm ? &wm->value : nullptr;
    }
    current = &m->value;
  }
  out.written = written;
  Value value = evaluate(*current, scope);
  if (is_unknown(value)) {
    out.state = Lookup::State::Unknown;
    return out;
  }
  // A property set to null (`provider: settings.?provider` where settings has
  // none) is sent as not set: Azure applies its default, as for a missing one.
  if (value.kind == Value::Kind::Null) {
    out.state = Lookup::State::Absent;
    return out;
  }
  out.state = Lookup::State::Known;
  out.value = std::move(value);
  return out;
}

}  // namespace patless
