// Helpers rules use to word and place findings consistently.
#pragma once

#include <optional>
#include <string>

#include "rules/engine/graph.h"
#include "rules/engine/rule.h"

namespace patless {

// A finding on `node`'s file at `range`; `property` ("properties.gitRepository.url")
// joins the resource's identity to make the logical location.
Finding finding_at(const ResourceNode& node, const SourceRange& range, std::string_view property,
                   std::string message, Level level = Level::None);

// The same for a Kubernetes object: identity is kind/namespace/name. `written`
// is the value the range belongs to, when a kustomize patch may have put it
// there: the finding then names the patch's file.
Finding finding_at(const ObjectNode& node, const SourceRange& range, std::string_view property,
                   std::string message, Level level = Level::None, const Value* written = nullptr);

RelatedLocation related(const ResourceNode& node, std::string message);

// Adds the deployments that produced a finding made in `scope` as related
// locations: the parameter file, the module declarations above it.
void add_deployment(Finding& f, const Scope* scope);

// How a message shows a value a rule found wrong: a string quoted ('x'), a
// number or boolean as written, null, or what it is ("an array", "an object").
std::string shown(const Value& v);

// Whether two related locations are the same note: one place, the same words.
bool same_note(const RelatedLocation& a, const RelatedLocation& b);
// Whether two notes are of one loop's deployments at one place (RelatedLocation::passes).
bool same_loop(const RelatedLocation& a, const RelatedLocation& b);
// Adds `from`'s passes to `into`'s (notes of one loop), and says so in its message:
// the module indexed as Bicep indexes a module collection ('envs[1]', 'envs[0, 2-4]'),
// ARM's copyIndex(), or no pass when every pass made the finding.
void merge_passes(RelatedLocation& into, const RelatedLocation& from);

// A value that came from another file (what a caller passes as a parameter, an
// item of a loop over it) is reported where the resource reads it; this is where
// it is written, found among the documents of the deployments above `node`:
// "<what>, as written here"; in the resource's own file, a parameter's default or
// a variable. None for a value written in the resource itself.
std::optional<RelatedLocation> written_elsewhere(const ResourceNode& node, const Lookup& l, const std::string& what);
std::optional<RelatedLocation> written_elsewhere(const ResourceNode& node, const Value& value, const std::string& what);

// Adds written_elsewhere(node, l, what) to `f`'s related locations, if any.
void add_written_elsewhere(Finding& f, const ResourceNode& node, const Lookup& l, const std::string& what);

// Where to point when a property is missing: the deepest object that exists
// (its key), else the resource's declaration head.
SourceRange missing_property_range(const ResourceNode& node, const Lookup& l);

}  // namespace patless
