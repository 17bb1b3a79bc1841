// Most files of a repository are infrastructure that the identity chain never
// touches. Their models are dropped as soon as they are parsed, so that memory
// grows with what the chain needs rather than with the repository; a dropped
// template that a kept one turns out to deploy is read again (cli/scan.cpp).
#pragma once

#include "grammars/model.h"

namespace patless {

// A Bicep or ARM template with no resource of the chain's types, no module, no
// nested deployment, no parse error and no suppression comment: no rule can
// report on it, and only a document that deploys it can read its outputs.
bool outside_chain(const Document& d);

// Keeps the path and the format: the document still counts and can be found.
void drop_model(Document& d);

}  // namespace patless
