// Which resource a value reads from, without evaluating it: the links of the
// identity chain are references (`uami.properties.clientId`,
// `reference(resourceId(...)).oidcIssuerProfile.issuerURL`), not values.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/model.h"
#include "rules/engine/evaluate.h"

namespace patless {

struct PropertyReference {
  const Scope* scope = nullptr;        // the deployment the resource is in (a module's, through outputs)
  const Resource* resource = nullptr;  // a resource of scope->doc
  std::vector<std::string> path;       // the property read, below `properties` ("clientId")
  // Bicep `aks[i].properties…`: the pass of the resource's loop that is read.
  std::optional<size_t> index;
};

// Follows `v` through variables and module outputs (`mod.outputs.x`) to
// `sym.properties.a.b` or `sym[i].properties.a.b` (Bicep) or
// `reference(id[, version[, 'Full']]).a.b` (ARM); nullopt for anything else.
std::optional<PropertyReference> property_reference(const Value& v, const Scope& scope);

// The value written at `path` below `root`, following variables, spreads and
// union() as Azure merges them, and parameters to what the deployment passes
// (a caller's module params, a parameter file) or their default; null when
// absent or not statically there. `written_in` gets the deployment the value is
// written in, where it must be read: the caller's for a value it passes.
const Value* written_value(const Value& root, std::initializer_list<std::string_view> path, const Scope& scope,
                           const Scope** written_in = nullptr);

// A resource of the same document named by an ARM resource id, a resourceId()
// result ("T/u/name") or a bare name; null when none matches.
const Resource* resource_by_id(const Document& doc, const Scope& scope, std::string_view id);

// The resource's `name`, when known.
std::optional<std::string> resource_name(const Resource& r, const Scope& scope);

}  // namespace patless
