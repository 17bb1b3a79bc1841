// Kubernetes label selectors ("app=x,tier!=db", "env in (a,b)", "!legacy"), as
// kustomize matches a patch target's labelSelector and annotationSelector.
#pragma once

#include <string_view>

#include "grammars/model.h"

namespace patless {

// Whether `selector` selects an object whose labels (or annotations) are `set`
// (an Object, or null for none). An empty selector selects everything; one
// that does not parse (kustomize refuses the build) is taken to select too:
// patless claims nothing about a kustomization that does not build.
bool selector_matches(std::string_view selector, const Value* set);

}  // namespace patless
