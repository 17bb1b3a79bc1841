// `patless check FILE...` inside a repository: which other files can change the
// findings of the files named, decided at the byte level so that a pre-commit
// run does not parse the whole repository.
#pragma once

#include <string>
#include <vector>

namespace patless {

// From every file of the repository, those to parse: the files named; the files
// that deploy them or that they deploy (modules, `using`, templateLink), found
// through quoted paths and followed both ways; the Flux resources and objects of
// their formats (microsoft.flux extensions, flux configurations, federated
// credentials, Flux and kustomize YAML) and the files a kept kustomization names (patch files); ARM
// parameter files beside an ARM template kept. Bicep and ARM look at YAML too
// (object-level service accounts); YAML looks at YAML only.
std::vector<std::string> context_files(const std::vector<std::string>& all, const std::vector<std::string>& named,
                                       unsigned jobs);

}  // namespace patless
