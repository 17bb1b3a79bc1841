#include "rules/engine/references.h"

#include <algorithm>
#include <span>

namespace patless {
namespace {

constexpr int kMaxDepth = 16;  // variable chains

// The variable a value names (`v`, `variables('v')`), or null.
const Variable* variable_named(const Value& v, const Scope& scope) {
  if (v.kind == Value::Kind::Reference) return scope.declarations().variable(v.text);
  if (v.kind == Value::Kind::Call && ascii_lower(v.text) == "variables" && v.items.size() == 1) {
    Value name = evaluate(v.items[0], scope);
    if (name.kind == Value::Kind::String) return scope.declarations().variable(name.text);
  }
  return nullptr;
}

// The operand a choice takes when patless knows what decides it, or null: a
// ternary (`c ? a : b`, ARM's `if(c, a, b)`) by its condition; `a ?? b` (ARM's
// `coalesce(a, b, …)`) the first operand that is not null.
const Value* chosen_branch(const Value& v, const Scope& scope) {
  bool ternary = v.kind == Value::Kind::Ternary && v.items.size() == 3;
  bool arm_if = v.kind == Value::Kind::Call && v.items.size() == 3 && ascii_lower(v.text) == "if";
  if (ternary || arm_if) {
    Value condition = evaluate(v.items[0], scope);
    if (condition.kind != Value::Kind::Bool) return nullptr;
    return &v.items[condition.text == "true" ? 1 : 2];
  }
  bool coalesce = (v.kind == Value::Kind::Operator && v.text == "??" && v.items.size() == 2) ||
                  (v.kind == Value::Kind::Call && !v.items.empty() && ascii_lower(v.text) == "coalesce");
  if (!coalesce) return nullptr;
  for (size_t i = 0; i + 1 < v.items.size(); ++i) {
    Value operand = evaluate(v.items[i], scope);
    if (operand.kind != Value::Kind::Null) return is_unknown(operand) ? nullptr : &v.items[i];
  }
  return &v.items.back();
}

std::optional<PropertyReference> resolve(const Value& v, const Scope& scope, std::vector<std::string>& reversed,
                                         int depth) {
  if (depth > kMaxDepth) return std::nullopt;
  if (const Value* branch = chosen_branch(v, scope)) return resolve(*branch, scope, reversed, depth + 1);
  if (v.kind == Value::Kind::Member && !v.items.empty()) {
    // `mod.outputs.name`: continue in the module's deployment.
    const Value& outputs = v.items[0];
    if (outputs.kind == Value::Kind::Member && outputs.text == "outputs" && !outputs.items.empty() &&
        outputs.items[0].kind == Value::Kind::Reference) {
      if (const Scope* deployed = scope.module_scope(outputs.items[0].text)) {
        for (const Output& o : deployed->doc->outputs)
          if (o.name == v.text) return resolve(o.value, *deployed, reversed, depth + 1);
        return std::nullopt;
      }
    }
    reversed.push_back(v.text);
    return resolve(v.items[0], scope, reversed, depth + 1);
  }
  if (const Variable* var = variable_named(v, scope)) return resolve(var->value, scope, reversed, depth + 1);
  // A parameter of a module or linked template: what the caller passes
  // (`issuer: issuerUrl` ← `aks.properties.oidcIssuerProfile.issuerURL`).
  std::string parameter;
  if (v.kind == Value::Kind::Reference) {
    parameter = v.text;
  } else if (v.kind == Value::Kind::Call && ascii_lower(v.text) == "parameters" && v.items.size() == 1) {
    Value name = evaluate(v.items[0], scope);
    if (name.kind == Value::Kind::String) parameter = name.text;
  }
  if (!parameter.empty() && scope.caller && scope.declarations().parameter(parameter)) {
    for (const Argument& a : scope.arguments)
      if (a.name == parameter && a.value) return resolve(*a.value, *scope.source_of(a), reversed, depth + 1);
    return std::nullopt;
  }
  std::vector<std::string> path(reversed.rbegin(), reversed.rend());
  PropertyReference out;
  out.scope = &scope;
  bool below_properties = true;  // the path names `properties` first
  if (v.kind == Value::Kind::Reference) {
    out.resource = scope.doc->resource(v.text);
  } else if (v.kind == Value::Kind::Index && v.items.size() == 2 && v.items[0].kind == Value::Kind::Reference) {
    out.resource = scope.doc->resource(v.items[0].text);
    out.index = small_count(evaluate(v.items[1], scope));
    if (!out.resource || !out.resource->loop || !out.index) return std::nullopt;
  } else if (v.kind == Value::Kind::Call && ascii_lower(v.text) == "reference" && !v.items.empty()) {
    Value id = evaluate(v.items[0], scope);
    if (id.kind != Value::Kind::String) return std::nullopt;
    out.resource = resource_by_id(*scope.doc, scope, id.text);
    // reference(id) returns the properties themselves; reference(id, v, 'Full') the whole resource.
    below_properties = false;
    if (v.items.size() >= 3) {
      Value full = evaluate(v.items[2], scope);
      below_properties = full.kind == Value::Kind::String && iequals(full.text, "Full");
    }
  }
  if (!out.resource) return std::nullopt;
  if (below_properties) {
    if (path.empty() || path.front() != "properties") return std::nullopt;
    path.erase(path.begin());
  }
  out.path = std::move(path);
  return out;
}

}  // namespace

std::optional<PropertyReference> property_reference(const Value& v, const Scope& scope) {
  std::vector<std::string> reversed;
  return resolve(v, scope, reversed, 0);
}

namespace {

// What is written at a path below a value: the value there, nothing (Absent), or
// something patless cannot see through (Unknown: a parameter, a function, a spread
// of either), which may or may not hold the path.
struct Written {
  enum class Kind { Found, Absent, Unknown } kind = Kind::Absent;
  const Value* value = nullptr;
  const Scope* scope = nullptr;  // where `value` is written: a caller's, for what it passes
};

// The parameter a value names (`p`, `parameters('p')`), or null.
const Parameter* parameter_named(const Value& v, const Scope& scope) {
  if (v.kind == Value::Kind::Reference) {
    if (scope.pass && (v.text == scope.pass->item_name || v.text == scope.pass->index_name)) return nullptr;
    return scope.declarations().parameter(v.text);
  }
  if (v.kind == Value::Kind::Call && ascii_lower(v.text) == "parameters" && v.items.size() == 1) {
    Value name = evaluate(v.items[0], scope);
    if (name.kind == Value::Kind::String) return scope.declarations().parameter(name.text);
  }
  return nullptr;
}

// The value a chain of variables ends in (`a` ← `var a = b` ← `var b = {…}`).
const Value& through_variables(const Value& v, const Scope& scope) {
  const Value* current = &v;
  for (int hops = 0; hops < kMaxDepth; ++hops) {
    const Variable* var = variable_named(*current, scope);
    if (!var) break;
    current = &var->value;
  }
  return *current;
}

Written find_written(const Value& v, std::span<const std::string_view> path, const Scope& scope, int depth) {
  if (depth > kMaxDepth) return {Written::Kind::Unknown};
  const Value* current = &through_variables(v, scope);
  if (const Value* branch = chosen_branch(*current, scope)) return find_written(*branch, path, scope, depth + 1);
  if (path.empty()) return {Written::Kind::Found, current, &scope};
  // A parameter: what the deployment passes, written in the caller (or the
  // parameter file), else its default; as evaluate() decides it.
  if (const Parameter* p = parameter_named(*current, scope)) {
    ParameterSource source = parameter_source(*p, scope);
    switch (source.kind) {
      case ParameterSource::Kind::Passed:
      case ParameterSource::Kind::Default:
        return find_written(*source.value, path, *source.from, depth + 1);
      case ParameterSource::Kind::Null:
        return {};  // absent
      case ParameterSource::Kind::Unknown:
        break;
    }
    return {Written::Kind::Unknown};
  }
  // `settings.key`, `settings.?key`, `settings['key']`: one more step of the path below `settings`.
  if (current->kind == Value::Kind::Member && current->items.size() == 1) {
    std::vector<std::string_view> longer{current->text};
    longer.insert(longer.end(), path.begin(), path.end());
    return find_written(current->items[0], longer, scope, depth + 1);
  }
  if (current->kind == Value::Kind::Index && current->items.size() == 2) {
    Value key = evaluate(current->items[1], scope);
    if (key.kind != Value::Kind::String) return {Written::Kind::Unknown};
    std::vector<std::string_view> longer{key.text};
    longer.insert(longer.end(), path.begin(), path.end());
    return find_written(current->items[0], longer, scope, depth + 1);
  }
  if (current->is_literal_scalar() || current->kind == Value::Kind::Array) return {};  // has no keys
  if (current->kind == Value::Kind::Object) {
    // A later member wins: `{ ...defaults, key: x }` and `{ key: x, ...overrides }` differ.
    for (auto m = current->members.rbegin(); m != current->members.rend(); ++m) {
      if (m->spread) {
        Written w = find_written(m->value, path.first(1), scope, depth + 1);
        if (w.kind == Written::Kind::Absent) continue;
        if (w.kind == Written::Kind::Unknown) return w;
        return find_written(*w.value, path.subspan(1), scope, depth + 1);  // a spread is shallow
      }
      if (m->key == path.front()) return find_written(m->value, path.subspan(1), scope, depth + 1);
    }
    return {};
  }
  // union(a, b, ...): a later argument wins; objects under the same key merge.
  if (current->kind == Value::Kind::Call && ascii_lower(current->text) == "union" && !current->items.empty()) {
    for (auto arg = current->items.rbegin(); arg != current->items.rend(); ++arg) {
      Written at_key = find_written(*arg, path.first(1), scope, depth + 1);
      if (at_key.kind == Written::Kind::Absent) continue;
      if (at_key.kind == Written::Kind::Unknown) return at_key;
      Written w = find_written(*at_key.value, path.subspan(1), scope, depth + 1);
      if (w.kind != Written::Kind::Absent || path.size() == 1) return w;
      // Absent below the key: an object there merges with the earlier arguments' one.
      if (through_variables(*at_key.value, scope).kind != Value::Kind::Object) return w;
    }
    return {};
  }
  return {Written::Kind::Unknown};
}

}  // namespace

const Value* written_value(const Value& root, std::initializer_list<std::string_view> path, const Scope& scope,
                           const Scope** written_in) {
  Written w = find_written(root, std::span<const std::string_view>(path.begin(), path.size()), scope, 0);
  if (w.kind != Written::Kind::Found) return nullptr;
  if (written_in) *written_in = w.scope;
  return w.value;
}

std::optional<std::string> resource_name(const Resource& r, const Scope& scope) {
  const Value* n = r.body.get("name");
  if (!n) return std::nullopt;
  Value name = evaluate(*n, scope);
  if (name.kind != Value::Kind::String) return std::nullopt;
  return name.text;
}

const Resource* resource_by_id(const Document& doc, const Scope& scope, std::string_view id) {
  // ARM languageVersion 2.0 (what Bicep compiles to): reference('identity') names a
  // resource by its symbolic name. Other templates' symbols ("resources[3]") are no id.
  if (doc.format == Format::Arm)
    for (const Resource& r : doc.resources)
      if (!r.symbol.starts_with("resources[") && iequals(r.symbol, id)) return &r;
  for (const Resource& r : doc.resources) {
    auto name = resource_name(r, scope);
    if (!name) continue;
    if (iequals(id, *name)) return &r;
    // ".../Microsoft.X/type/name" or resourceId()'s "Microsoft.X/type/name"
    std::string tail = r.type + "/" + *name;
    if (id.size() >= tail.size() && iequals(id.substr(id.size() - tail.size()), tail) &&
        (id.size() == tail.size() || id[id.size() - tail.size() - 1] == '/'))
      return &r;
  }
  return nullptr;
}

}  // namespace patless
