// PL405: federated credentials of one identity must be written one at a time.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "rules/engine/loops.h"
#include "rules/engine/references.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

// Whether `v` or a value inside it is one that `is` picks.
template <typename Predicate>
bool any_inside(const Value& v, const Predicate& is, int depth = 0) {
  if (depth > 64) return false;
  if (is(v)) return true;
  for (const Value& i : v.items)
    if (any_inside(i, is, depth + 1)) return true;
  for (const Member& m : v.members)
    if (any_inside(m.value, is, depth + 1)) return true;
  return false;
}

// Whether `v` mentions the symbol `sym` anywhere: Bicep makes every symbolic
// reference a dependency.
bool mentions(const Value& v, std::string_view sym) {
  return any_inside(v, [&](const Value& x) { return x.kind == Value::Kind::Reference && x.text == sym; });
}

// A declaration of a deployment's document through which a credential is
// deployed: the credential resource itself, or the module or deployment
// resource that deploys it (Bicep: what a symbolic reference names; ARM: what
// dependsOn names).
struct Declaration {
  const Value* body = nullptr;
  std::string_view symbol;
  const Resource* resource = nullptr;  // null for a Bicep module
  SourceRange head;                    // `resource x`, `module x 'path'`, ARM's `{`
  bool operator==(const Declaration& o) const { return body == o.body; }
};

Declaration of(const Resource& r) { return {&r.body, r.symbol, &r, r.head_range}; }

Declaration of(const Module& m) {
  SourceRange head = m.range;  // from `module` to the end of its path
  head.end_line = m.path_range.end_line;
  head.end_column = m.path_range.end_column;
  head.end_offset = m.path_range.end_offset;
  return {&m.body, m.symbol, nullptr, head};
}

// The declaration in the parent's document that makes deployment `s`.
std::optional<Declaration> made_by(const Scope& s) {
  if (s.module) return of(*s.module);
  if (s.linked_by) return of(*s.linked_by);
  if (s.nested_in && s.doc->nested_in) return of(*s.doc->nested_in);
  return std::nullopt;
}

// The deployments from f's top deployment down to its own.
std::vector<const Scope*> deployments_of(const FederatedCredential& f) {
  std::vector<const Scope*> chain;
  for (const Scope* s = &f.scope->deployment(); s && chain.size() <= 64; s = s->parent()) chain.push_back(s);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

// `b` names `a` as a dependency (Bicep: any symbolic reference; ARM: dependsOn).
bool names_dependency(const Declaration& b, const Declaration& a, const Scope& in) {
  if (in.doc->format == Format::Bicep) return mentions(*b.body, a.symbol);
  const Value* deps = b.body->get("dependsOn");
  if (!a.resource || !deps || deps->kind != Value::Kind::Array) return false;
  for (const Value& d : deps->items) {
    Value id = evaluate(d, in);
    if (id.kind == Value::Kind::String && resource_by_id(*in.doc, in, id.text) == a.resource) return true;
  }
  return false;
}

// What after_in() found, by deployment and the two declarations' bodies.
using OrderMemo = std::map<std::tuple<const Scope*, const Value*, const Value*>, bool>;

// `b` is deployed after `a` in deployment `in`, directly or through other
// declarations of its document.
bool after_in(const Declaration& b, const Declaration& a, const Scope& in, OrderMemo& memo) {
  auto key = std::make_tuple(&in, b.body, a.body);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  std::vector<Declaration> all;
  for (const Resource& r : in.doc->resources) all.push_back(of(r));
  for (const Module& m : in.doc->modules) all.push_back(of(m));
  if (all.size() > 64) return memo[key] = names_dependency(b, a, in);  // the walk below is quadratic
  std::vector<Declaration> todo{b};
  std::vector<const Value*> seen{b.body};
  while (!todo.empty()) {
    Declaration next = todo.back();
    todo.pop_back();
    if (names_dependency(next, a, in)) return memo[key] = true;
    for (const Declaration& d : all)
      if (std::find(seen.begin(), seen.end(), d.body) == seen.end() && !(d == a) && names_dependency(next, d, in)) {
        seen.push_back(d.body);
        todo.push_back(d);
      }
  }
  return memo[key] = false;
}

enum class Order { After, NotAfter, Unknown };

// Where the deployments of two credentials part: the deployment both are in,
// and in it the declarations that lead to each (the credential itself, or the
// module or deployment that deploys it) and the deployments they make (null:
// the credential's own). None for credentials of different top deployments.
struct Parting {
  const Scope* common = nullptr;
  Declaration to_a, to_b;
  const Scope* below_a = nullptr;
  const Scope* below_b = nullptr;
};

std::optional<Parting> parting(const FederatedCredential& b, const FederatedCredential& a) {
  std::vector<const Scope*> ca = deployments_of(a), cb = deployments_of(b);
  if (ca.empty() || cb.empty() || ca.front() != cb.front()) return std::nullopt;
  size_t k = 1;
  while (k < ca.size() && k < cb.size() && ca[k] == cb[k]) ++k;
  Parting p;
  p.common = ca[k - 1];
  p.below_a = k < ca.size() ? ca[k] : nullptr;
  p.below_b = k < cb.size() ? cb[k] : nullptr;
  std::optional<Declaration> x = p.below_a ? made_by(*p.below_a) : of(*a.resource);
  std::optional<Declaration> y = p.below_b ? made_by(*p.below_b) : of(*b.resource);
  if (!x || !y) return std::nullopt;
  p.to_a = *x;
  p.to_b = *y;
  return p;
}

// Of two passes of one loop, `b`'s runs after `a`'s: the loop runs one pass at a time.
bool serially_after(const Scope& b, const Scope& a) { return b.pass->serial && b.pass->index > a.pass->index; }

// Whether `b` is deployed after `a`, compared where their deployments part.
// Credentials of different top deployments (files deployed on their own) run
// whenever those are deployed: unknown.
Order order(const FederatedCredential& b, const FederatedCredential& a, OrderMemo& memo) {
  std::optional<Parting> p = parting(b, a);
  if (!p) return Order::Unknown;
  if (p->to_a == p->to_b) {  // two passes of one module or deployment loop
    const Scope* pa = p->below_a ? p->below_a->made_in : nullptr;
    const Scope* pb = p->below_b ? p->below_b->made_in : nullptr;
    if (!pa || !pb) return Order::Unknown;
    return serially_after(*pb, *pa) ? Order::After : Order::NotAfter;
  }
  return after_in(p->to_b, p->to_a, *p->common, memo) ? Order::After : Order::NotAfter;
}

// Passes of one loop: the loop itself says whether they run one at a time.
bool same_loop(const FederatedCredential& a, const FederatedCredential& b) {
  const Scope* pa = nearest_pass(*a.scope);
  const Scope* pb = nearest_pass(*b.scope);
  return a.resource == b.resource && pa && pb && pa != pb && pa->pass->loop == pb->pass->loop &&
         pa->repeats == pb->repeats;
}

// Of two passes of one loop (same_loop), `b` is deployed after `a`.
bool later_pass(const FederatedCredential& b, const FederatedCredential& a) {
  return serially_after(*nearest_pass(*b.scope), *nearest_pass(*a.scope));
}

constexpr size_t kMaxOrdered = 256;

// What makes a loop run one pass at a time, as the format writes it.
std::string serial(Format format) {
  return format == Format::Arm ? "copy mode \"serial\" with batchSize 1" : "@batchSize(1)";
}

// Whether a loop's collection surely holds two or more items.
bool at_least_two(const FederatedCredential& f) {
  if (!f.resource->loop_over) return false;
  Value over = evaluate(*f.resource->loop_over, *f.scope);
  if (over.kind == Value::Kind::Array) return !over.spread && over.items.size() >= 2;
  if (over.kind != Value::Kind::Number) return false;
  long n = 0;
  for (char c : over.text) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
    if (n >= 2) return true;
  }
  return false;
}

// Whether `v` calls `function` (ARM's copyIndex()) anywhere.
bool calls(const Value& v, std::string_view function) {
  return any_inside(v, [&](const Value& x) { return x.kind == Value::Kind::Call && iequals(x.text, function); });
}

// A loop's condition that reads the item or the index: each pass has its own.
bool condition_per_pass(const Resource& r) {
  if (!r.condition) return false;
  return (!r.loop_item.empty() && mentions(*r.condition, r.loop_item)) ||
         (!r.loop_index.empty() && mentions(*r.condition, r.loop_index)) || calls(*r.condition, "copyIndex");
}

// Whether the loop of creds[i] may write two credentials at once: two passes, one
// of them surely deployed when the loop is (whenever another runs, two do). A
// condition on the item that patless cannot decide may hold for one item only.
// A loop that was not expanded (more passes than kMaxLoopPasses): its collection
// holds two items and no condition tells them apart.
bool writes_two(const std::vector<const FederatedCredential*>& creds, size_t i) {
  const FederatedCredential& f = *creds[i];
  const bool per_pass = condition_per_pass(*f.resource);
  if (!f.scope->pass) return !per_pass && at_least_two(f);
  size_t passes = 0, sure = 0;
  for (size_t k = 0; k < creds.size(); ++k) {
    const FederatedCredential& c = *creds[k];
    if (k != i && !same_loop(c, f)) continue;
    ++passes;
    if (!per_pass || deployed(*c.resource, *c.scope, &c.scope->deployment()) == Deployed::Yes) ++sure;
  }
  return passes >= 2 && sure >= 1;
}

// Whether two credentials are written together whenever one of them is, from
// the deployment where they part: one is surely deployed there. Two that
// conditions patless cannot decide lead to (`if (useA)` beside `if (!useA)`)
// may never run together.
bool deployed_together(const FederatedCredential& b, const FederatedCredential& a) {
  if (!a.maybe || !b.maybe) return true;
  std::optional<Parting> p = parting(b, a);
  return p && (deployed(*a.resource, *a.scope, p->common) == Deployed::Yes ||
               deployed(*b.resource, *b.scope, p->common) == Deployed::Yes);
}

class FederatedCredentialConcurrencyRule : public Rule {
 public:
  const RuleMeta& meta() const override {
    static const RuleMeta m{"PL405", "federated-credential-concurrency", Level::Warning, "BA",
                            "Federated credentials of one identity deployed in parallel (no @batchSize(1) or dependsOn "
                            "chain).",
                            "reliability", false};
    return m;
  }

  void check(const Graph& graph, Emitter& out) const override {
    for (const IdentityNode& id : graph.identities()) {
      const auto& creds = id.credentials;
      for (size_t i = 0; i < creds.size(); ++i) {
        const FederatedCredential* f = creds[i];
        if (i > 0 && same_loop(*f, *creds[i - 1])) continue;  // a loop is reported once
        // A loop over fewer than two items, or over a number patless cannot know, writes nothing in parallel.
        if (f->resource->loop && !f->serial_loop && writes_two(creds, i))
          report(*f, nullptr,
                 "Federated credentials are created in a loop without " + serial(f->scope->doc->format) +
                     ": Azure fails parallel writes to one identity "
                     "(ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity).",
                 out);
      }
      size_t n = creds.size();
      // Azure takes at most 20 per identity; the ordering below is cubic.
      if (n < 2 || n > kMaxOrdered) continue;
      // after[i][j]: i is deployed after j (or may be), directly or through other credentials.
      std::vector<std::vector<bool>> after(n, std::vector<bool>(n, false));
      OrderMemo memo;
      for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j) {
          const FederatedCredential &b = *creds[i], &a = *creds[j];
          after[i][j] = i != j && (same_loop(b, a) ? later_pass(b, a) : order(b, a, memo) != Order::NotAfter);
        }
      for (size_t k = 0; k < n; ++k)
        for (size_t i = 0; i < n; ++i)
          for (size_t j = 0; j < n; ++j) after[i][j] = after[i][j] || (after[i][k] && after[k][j]);
      for (size_t i = 1; i < n; ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (after[i][j] || after[j][i]) continue;
          // A resource loop is reported above; a module or deployment loop here, once.
          if (same_loop(*creds[i], *creds[j]) && creds[i]->scope->pass) continue;
          if (!deployed_together(*creds[i], *creds[j])) continue;
          report_pair(*creds[i], *creds[j], id, out);
          break;
        }
      }
    }
  }

 private:
  // Two credentials deployed at the same time: at the later one, or, when
  // modules or deployments make them, at the declaration that makes it, where
  // the dependsOn that orders them goes.
  static void report_pair(const FederatedCredential& b, const FederatedCredential& a, const IdentityNode& id,
                          Emitter& out) {
    std::optional<Parting> p = parting(b, a);
    if (!p || !p->below_b) {
      report(b, &a,
             "Federated credentials of identity " + id.quoted_name() + " are deployed in parallel: Azure fails "
             "concurrent writes to one identity. Add dependsOn to chain them.",
             out);
      return;
    }
    const char* kind = p->to_b.resource ? "deployment" : "module";
    std::string name = std::string(kind) + " '" + std::string(p->to_b.symbol) + "'";
    Finding f;
    f.path = p->common->doc->path;
    f.range = p->to_b.head;
    f.logical_location = std::string(kind) + "/" + std::string(p->to_b.symbol) + "#dependsOn";
    if (p->to_a == p->to_b) {  // passes of one loop
      f.message = "Federated credentials of identity " + id.quoted_name() + " are created by " + name +
                  " in a loop without " + serial(p->common->doc->format) +
                  ": Azure fails parallel writes to one identity "
                  "(ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity).";
    } else {
      f.message = "Federated credentials of identity " + id.quoted_name() + " are deployed in parallel: " + name +
                  " writes one while '" + std::string(p->to_a.symbol) +
                  "' writes another, and Azure fails concurrent writes to one identity. Add dependsOn to chain them.";
      f.related.push_back({p->common->doc->path, p->to_a.head, "what deploys the other credential"});
    }
    f.related.insert(f.related.begin(), related(b, "the credential it deploys"));
    add_deployment(f, p->common);
    out.report(std::move(f));
  }

  static void report(const FederatedCredential& f, const FederatedCredential* other, std::string message, Emitter& out) {
    Finding finding = finding_at(f, f.resource->head_range, "dependsOn", std::move(message));
    if (other) finding.related.push_back(related(*other, "a credential of the same identity deployed at the same time"));
    out.report(std::move(finding));
  }
};

PATLESS_REGISTER_RULE(FederatedCredentialConcurrencyRule);

}  // namespace
}  // namespace patless
