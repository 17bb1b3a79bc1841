#include "rules/engine/loops.h"

#include <deque>

namespace patless {
namespace {

// A batch size of one, or one patless cannot know (a parameter without a
// default): that may be one, and a loop that may be serial is not reported.
bool may_be_one(const Value& size) {
  return !size.is_literal_scalar() || (size.kind == Value::Kind::Number && size.text == "1");
}

bool batch_size_one(const std::vector<Value>& decorators, const Scope& scope) {
  for (const Value& d : decorators) {
    if (d.kind != Value::Kind::Call || !iequals(d.text, "batchSize") || d.items.size() != 1) continue;
    return may_be_one(evaluate(d.items[0], scope));
  }
  return false;
}

std::optional<std::vector<LoopPass>> passes(const std::optional<Value>& over, const Scope& scope,
                                            const LoopPass& names) {
  if (!over) return std::nullopt;
  Value v = evaluate(*over, scope);
  size_t count = 0;
  bool items = v.kind == Value::Kind::Array && !v.spread;
  if (items) {
    count = v.items.size();
  } else if (auto n = small_count(v); n && names.item_name.empty()) {
    count = *n;  // ARM's copy.count
  } else {
    return std::nullopt;
  }
  if (count > kMaxLoopPasses) return std::nullopt;
  std::vector<LoopPass> out(count, names);
  for (size_t i = 0; i < count; ++i) {
    out[i].index = i;
    out[i].count = count;
    if (items)
      out[i].item = std::move(v.items[i]);
    else
      out[i].item.kind = Value::Kind::Opaque;  // ARM's copy counts: no item
  }
  return out;
}

}  // namespace

std::optional<std::vector<LoopPass>> loop_passes(const Resource& r, const Scope& scope) {
  if (!r.loop) return std::nullopt;
  LoopPass names;
  names.item_name = r.loop_item;
  names.index_name = r.loop_index;
  const Value* copy = r.body.get("copy");
  const Value* name = copy ? copy->get("name") : nullptr;
  if (name && name->kind == Value::Kind::String) names.copy_name = name->text;
  names.loop = &r;
  names.serial = serial_loop(r, scope);
  return passes(r.loop_over, scope, names);
}

std::optional<std::vector<LoopPass>> loop_passes(const Module& m, const Scope& scope) {
  if (!m.loop) return std::nullopt;
  LoopPass names;
  names.item_name = m.loop_item;
  names.index_name = m.loop_index;
  names.loop = &m;
  names.serial = serial_loop(m, scope);
  return passes(m.loop_over, scope, names);
}

bool serial_loop(const Resource& r, const Scope& scope) {
  if (!r.loop) return false;
  if (batch_size_one(r.decorators, scope)) return true;
  const Value* copy = r.body.get("copy");
  if (!copy) return false;
  Value c = evaluate(*copy, scope);
  if (c.kind != Value::Kind::Object) return true;  // copy itself unknown
  const Value* mode = c.get("mode");
  const Value* size = c.get("batchSize");
  if (!mode) return false;  // parallel, ARM's default
  if (mode->is_literal_scalar() && !iequals(mode->text, "serial")) return false;
  return size && may_be_one(*size);
}

bool serial_loop(const Module& m, const Scope& scope) {
  return m.loop && batch_size_one(m.decorators, scope);
}

const Scope* nearest_pass(const Scope& scope) {
  if (scope.pass) return &scope;
  for (const Scope* s = &scope; s; s = s->parent())
    if (s->made_in) return s->made_in;
  return nullptr;
}

const Scope* pass_scope(const Scope& deployment, LoopPass pass, std::deque<Scope>& storage) {
  Scope& s = storage.emplace_back(deployment);
  s.repeats = &deployment;
  s.pass = std::move(pass);
  return &s;
}

}  // namespace patless
