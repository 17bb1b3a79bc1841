// Static evaluation of values: what can be known before deployment.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>

#include "grammars/ascii.h"
#include "grammars/model.h"

namespace patless {

// What the scan knows about one document's symbols. Parameters that a
// parameter file sets are `overridden`: their defaults say nothing.
struct Scope {
  const Document* doc = nullptr;
  std::unordered_set<std::string> overridden;
};

// Evaluates a value to a literal tree. Whatever cannot be known statically
// (a parameter without default, a runtime function, a loop variable) becomes
// an Opaque node with empty text: "unknown". Never throws.
Value evaluate(const Value& v, const Scope& scope);

inline bool is_unknown(const Value& v) { return v.kind == Value::Kind::Opaque; }

// The outcome of following a property path through a resource body.
struct Lookup {
  enum class State { Absent, Unknown, Known };
  State state = State::Unknown;
  Value value;            // the evaluated value when Known
  SourceRange range;      // where the value is written; when Absent, the deepest object that was found
  SourceRange key_range;  // the key of the found member (or of the deepest object found)
  const Value* written = nullptr;  // the value node as written, when it stands in this resource's text

  bool known() const { return state == State::Known; }
  bool absent() const { return state == State::Absent; }
  // Known string value, or empty when not a known string.
  const std::string* string() const {
    return state == State::Known && value.kind == Value::Kind::String ? &value.text : nullptr;
  }
};

// Follows `path` from `root` (a resource body). A member that is missing from
// a fully known object is Absent; a missing member of an object with a spread
// or of an unknown value is Unknown.
Lookup lookup(const Value& root, std::initializer_list<std::string_view> path, const Scope& scope);

}  // namespace patless
