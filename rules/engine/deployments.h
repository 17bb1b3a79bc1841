// The deployments of a scan (see Scope): what gets evaluated, and with which
// parameter values.
#pragma once

#include <deque>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "grammars/model.h"
#include "rules/engine/evaluate.h"

namespace patless {

// Every document once, except that a template is deployed once per parameter
// file that targets it (.bicepparam `using`, or an ARM parameters file beside
// it) and a Bicep file that a scanned module declaration names is deployed once
// per such declaration, with the caller's `params`. Module cycles and chains
// deeper than kMaxModuleDepth are not followed.
std::deque<Scope> build_deployments(std::span<const Document> documents);

inline constexpr int kMaxModuleDepth = 16;

// A Bicep file or an ARM template: what deploys resources, as parameter files and YAML do not.
bool is_template(const Document& d);

// Whether a deployment's resources belong in the graph (templates, not
// parameter files or YAML).
bool deploys_resources(const Scope& s);

// The files a document deploys by path: local Bicep modules and ARM linked
// templates (templateLink.relativePath), as normalised paths.
std::vector<std::string> deployed_files(const Document& d);

// The files whose values a document reads: the local modules it takes `.outputs`
// of, every ARM linked template, and the files it imports from. What it deploys
// without reading back cannot change its values.
std::vector<std::string> output_sources(const Document& d);
// The same in two steps: the symbols of the modules whose outputs `d` reads,
// then the files, from a document that keeps at least its modules, linked
// templates and imports (cli/model_outline.h).
std::set<std::string> output_readers(const Document& d);
std::vector<std::string> output_sources(const Document& d, const std::set<std::string>& readers);

// The local files a document imports from (`import { a } from 'types.bicep'`), as normalised paths.
std::vector<std::string> imported_files(const Document& d);

}  // namespace patless
