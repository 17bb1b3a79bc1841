// Loops whose collection patless knows: each pass is a deployment of its own
// (Scope::pass), in which the loop's variables have that pass's values.
#pragma once

#include <deque>
#include <optional>
#include <vector>

#include "grammars/model.h"
#include "rules/engine/evaluate.h"

namespace patless {

// Federated credentials are few (at most 20 per identity), and so are the
// deployments that make them: a longer loop is not expanded.
inline constexpr size_t kMaxLoopPasses = 64;
// Loops in modules in loops multiply: the deployments a scan makes for passes, at most.
inline constexpr size_t kMaxLoopDeployments = 4096;

// The passes of a resource's loop (Bicep `[for …]`, ARM `copy`) or a module's,
// evaluated in `scope`: one for each item (none for an empty collection).
// nullopt when it is no loop, or what it runs over is unknown: then it stands
// once, with its loop variables unknown.
std::optional<std::vector<LoopPass>> loop_passes(const Resource& r, const Scope& scope);
std::optional<std::vector<LoopPass>> loop_passes(const Module& m, const Scope& scope);

// Whether a loop runs one pass at a time, or may: `@batchSize(1)` (Bicep), or
// `copy: { mode: 'serial', batchSize: 1 }` (ARM), where a mode or size patless
// cannot know may be those.
bool serial_loop(const Resource& r, const Scope& scope);
bool serial_loop(const Module& m, const Scope& scope);

// The pass of a loop that a resource deployed in `s` is made in: its own loop's
// (s is a pass), else that of the nearest module or deployment loop above it;
// null when no loop made it.
const Scope* nearest_pass(const Scope& s);

// A copy of `deployment` for one pass, stored in `storage`.
const Scope* pass_scope(const Scope& deployment, LoopPass pass, std::deque<Scope>& storage);

// The copies of `deployment` for the passes of d's loop (a Resource or a
// Module), made in `storage` while `budget` lasts, which they spend; nullopt
// when d is no loop, what it runs over is unknown, or the budget is too small.
template <typename Declaration>
std::optional<std::vector<const Scope*>> expand_loop(const Declaration& d, const Scope& deployment,
                                                    std::deque<Scope>& storage, size_t& budget) {
  auto passes = loop_passes(d, deployment);
  if (!passes || passes->size() > budget) return std::nullopt;
  budget -= passes->size();
  std::vector<const Scope*> out;
  for (LoopPass& p : *passes) out.push_back(pass_scope(deployment, std::move(p), storage));
  return out;
}

}  // namespace patless
