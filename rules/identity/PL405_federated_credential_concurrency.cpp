// PL405: federated credentials of one identity must be written one at a time.
#include <functional>
#include <vector>

#include "rules/engine/references.h"
#include "rules/engine/report.h"
#include "rules/engine/rule.h"

namespace patless {
namespace {

// Whether `v` mentions the symbol `sym` anywhere: Bicep makes every symbolic
// reference a dependency.
bool mentions(const Value& v, std::string_view sym, int depth = 0) {
  if (depth > 64) return false;
  if (v.kind == Value::Kind::Reference && v.text == sym) return true;
  for (const Value& i : v.items)
    if (mentions(i, sym, depth + 1)) return true;
  for (const Member& m : v.members)
    if (mentions(m.value, sym, depth + 1)) return true;
  return false;
}

// `b` is deployed after `a` by a dependency it declares (Bicep reference or ARM dependsOn).
bool depends_on(const FederatedCredential& b, const FederatedCredential& a) {
  if (a.doc != b.doc) return false;
  if (b.doc->format == Format::Bicep) return mentions(b.resource->body, a.resource->symbol);
  const Value* deps = b.resource->body.get("dependsOn");
  if (!deps || deps->kind != Value::Kind::Array) return false;
  for (const Value& d : deps->items) {
    Value id = evaluate(d, *b.scope);
    if (id.kind == Value::Kind::String && resource_by_id(*b.doc, *b.scope, id.text) == a.resource) return true;
  }
  return false;
}

// The pass of a loop that made f (rules/engine/loops.h): its own loop's, else the
// nearest module or deployment loop's above it; null when none did.
const Scope* loop_pass(const FederatedCredential& f) {
  if (f.scope->pass) return f.scope;
  for (const Scope* s = f.scope; s;) {
    if (s->made_in) return s->made_in;
    if (s->nested_in) s = s->nested_in;
    else if (s->module || s->linked_by) s = s->caller;
    else break;
  }
  return nullptr;
}

// Passes of one loop: the loop itself says whether they run one at a time.
bool same_loop(const FederatedCredential& a, const FederatedCredential& b) {
  const Scope* pa = loop_pass(a);
  const Scope* pb = loop_pass(b);
  return a.resource == b.resource && pa && pb && pa != pb && pa->pass->loop == pb->pass->loop &&
         pa->repeats == pb->repeats;
}

// Of two passes of one serial loop, `b` is deployed after `a`.
bool later_pass(const FederatedCredential& b, const FederatedCredential& a) {
  const Scope* pa = loop_pass(a);
  const Scope* pb = loop_pass(b);
  return pb->pass->serial && pb->pass->index > pa->pass->index;
}

constexpr size_t kMaxOrdered = 256;

// Whether a loop surely runs over two or more items.
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
        if (f->resource->loop && !f->serial_loop && at_least_two(*f))
          report(*f, nullptr, "Federated credentials are created in a loop without @batchSize(1): Azure fails "
                              "parallel writes to one identity (ConcurrentFederatedIdentityCredentialsWritesForSingle"
                              "ManagedIdentity).", out);
      }
      size_t n = creds.size();
      // Azure takes at most 20 per identity; the ordering below is cubic.
      if (n < 2 || n > kMaxOrdered) continue;
      // ordered[i][j]: i is deployed after j, directly or through other credentials.
      std::vector<std::vector<bool>> after(n, std::vector<bool>(n, false));
      for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j)
          after[i][j] = i != j && (same_loop(*creds[i], *creds[j]) ? later_pass(*creds[i], *creds[j])
                                                                    : depends_on(*creds[i], *creds[j]));
      for (size_t k = 0; k < n; ++k)
        for (size_t i = 0; i < n; ++i)
          for (size_t j = 0; j < n; ++j) after[i][j] = after[i][j] || (after[i][k] && after[k][j]);
      for (size_t i = 1; i < n; ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (after[i][j] || after[j][i]) continue;
          if (same_loop(*creds[i], *creds[j])) {
            // A resource loop is reported above; a module or deployment loop here, once.
            if (creds[i]->scope->pass) continue;
            report(*creds[i], nullptr,
                   "Federated credentials of identity " + id.quoted_name() + " are created by a module or "
                   "deployment loop without @batchSize(1): Azure fails parallel writes to one identity "
                   "(ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity).",
                   out);
            break;
          }
          report(*creds[i], creds[j],
                 "Federated credentials of identity " + id.quoted_name() + " are deployed in parallel: Azure fails "
                 "concurrent writes to one identity. Add dependsOn to chain them.",
                 out);
          break;
        }
      }
    }
  }

 private:
  static void report(const FederatedCredential& f, const FederatedCredential* other, std::string message, Emitter& out) {
    Finding finding = finding_at(f, f.resource->head_range, "dependsOn", std::move(message));
    if (other) finding.related.push_back(related(*other, "a credential of the same identity deployed at the same time"));
    out.report(std::move(finding));
  }
};

PATLESS_REGISTER_RULE(FederatedCredentialConcurrencyRule);

}  // namespace
}  // namespace patless
