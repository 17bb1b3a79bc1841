// Static evaluation of values: what can be known before deployment.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grammars/ascii.h"
#include "grammars/model.h"

namespace patless {

struct Scope;

// A parameter's value as a deployment passes it, evaluated in `from` (the
// deployment's caller when null: the base a .bicepparam extends is another
// file). A null value is set but unknown (a Key Vault reference, a spread).
struct Argument {
  std::string name;
  const Value* value = nullptr;
  const Scope* from = nullptr;
};

// One pass of a loop over a collection patless knows (rules/engine/loops.h):
// the values of Bicep's loop variables, or of ARM's copyIndex().
struct LoopPass {
  std::string item_name, index_name;  // Bicep: `for (item, index) in …`
  std::string copy_name;              // ARM: the copy loop's name, which copyIndex('name') may give
  Value item;                         // the collection's item (unknown for ARM's copy, which counts)
  size_t index = 0;
  size_t count = 0;                   // how many passes the loop makes
  const void* loop = nullptr;         // the Resource or Module that loops: passes of one loop share it
  bool serial = false;                // one pass at a time (`@batchSize(1)`, a serial copy of batch size 1)
};

// One deployment of a document: the document alone (parameters take their
// defaults), a template with the values of one parameter file, or a module with
// the `params` its caller passes.
struct Scope {
  const Document* doc = nullptr;
  // Where the parameter values come from (the module's caller, the parameter file).
  const Scope* caller = nullptr;
  std::vector<Argument> arguments;
  bool arguments_unknown = false;  // e.g. `params: union(a, b)`: every parameter may be set
  // A parameter not among `arguments` may still be set elsewhere (a base a
  // .bicepparam extends that is not in the scan): unknown, not its default.
  bool unlisted_unknown = false;
  const Document* parameter_file = nullptr;  // the .bicepparam / parameters.json deployed with
  const Module* module = nullptr;            // the module declaration that deploys this (in caller->doc)
  const Resource* linked_by = nullptr;       // the ARM deployment resource whose templateLink this is
  const Scope* nested_in = nullptr;          // the deployment whose inline template this is
  // Where parameters and variables are declared: `doc`, or for an ARM nested
  // template evaluated in the outer scope, the outer template.
  const Document* symbols = nullptr;
  const Document& declarations() const { return symbols ? *symbols : *doc; }
  // The module deployments this one starts, by module symbol.
  std::vector<std::pair<std::string, const Scope*>> modules;
  // It starts a deployment patless cannot read (a registry module Bicep has not
  // restored, a template spec, an ARM templateLink.uri): that may deploy anything.
  bool deploys_unread = false;
  // Every document of the scan by normal path: where compile-time imports are found.
  const std::map<std::string, const Document*>* documents = nullptr;
  // A copy of a deployment for one pass of a loop: `pass` binds the loop's
  // variables, `repeats` is the deployment itself (what links compare).
  const Scope* repeats = nullptr;
  std::optional<LoopPass> pass;
  // A deployment that a module or deployment loop makes once per pass: that pass
  // (a copy of the caller), in which its arguments are evaluated.
  const Scope* made_in = nullptr;
  const Scope& deployment() const { return repeats ? *repeats : *this; }
  // The deployment that starts this one: the template a nested deployment is
  // inline in, the caller of a module or linked deployment; null for a top one.
  const Scope* parent() const {
    if (nested_in) return nested_in;
    if (module || linked_by) return caller;
    return nullptr;
  }

  // The deployment an argument's value is evaluated in.
  const Scope* source_of(const Argument& a) const { return a.from ? a.from : caller; }

  const Scope* module_scope(std::string_view symbol) const {
    if (repeats) return repeats->module_scope(symbol);  // a pass's copy was made before all were known
    for (const auto& [name, s] : modules)
      if (name == symbol) return s;
    return nullptr;
  }
};

// What a deployment gives parameter `p` of `scope`: the value an argument
// passes (written in `from`, the caller or parameter file), the default
// (written in `scope`), null (a nullable parameter a module does not pass), or
// unknown. evaluate() and the chain's links (written_value) both decide by it.
struct ParameterSource {
  enum class Kind { Passed, Default, Null, Unknown } kind = Kind::Unknown;
  const Value* value = nullptr;
  const Scope* from = nullptr;
};
ParameterSource parameter_source(const Parameter& p, const Scope& scope);

// Evaluates a value to a literal tree. Whatever cannot be known statically
// (a parameter without default, a runtime function, the variable of a loop
// outside a pass, rules/engine/loops.h) becomes
// an Opaque node with empty text: "unknown". Never throws.
Value evaluate(const Value& v, const Scope& scope);

// A String value with its range: for values the engine makes.
Value string_value(std::string text, const SourceRange& r);

// A small non-negative integer (a count, an index, an offset: at most 4
// digits), or nullopt.
std::optional<size_t> small_count(const Value& v);

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
// a fully known object is Absent, and so is one whose value is null; a missing
// member of an object with a spread or of an unknown value is Unknown.
Lookup lookup(const Value& root, std::initializer_list<std::string_view> path, const Scope& scope);

}  // namespace patless
