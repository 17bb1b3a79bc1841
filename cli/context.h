// `patless check FILE...` inside a repository: which other files can change the
// findings the files named take part in, decided at the byte level so that a
// pre-commit run does not parse the whole repository.
#pragma once

#include <string>
#include <vector>

namespace patless {

class SelectionCache;

// From every file of the repository, those to parse. First the named files'
// family: what deploys them (modules, `using`, templateLink, an ARM parameters
// file's templates, found through quoted paths), what deploys that, and so on,
// then everything those deploy. When nothing in the family names a cluster, Flux
// or a federated credential, or deploys a restored registry module that does,
// that is all: no chain rule can report in it. Otherwise also the chain around
// it, each part with its family: Flux resources and objects of the named
// formats, clusters, the files a kept kustomization names (patch files), and,
// when one of them gives the extension an identity, the federated credentials.
// Bicep and ARM look at YAML too (object-level service accounts); YAML looks at
// YAML only. With only Bicep named, ARM templates are read where Bicep deploys
// them, and all of them once the chain is reached (one may name a cluster or an
// identity of the Bicep files). With a cache, a file that has not changed since it was taken
// into the cache is not read again, and what was read goes into it. `chain`,
// when given, is set to whether the files kept go past the family.
std::vector<std::string> context_files(const std::vector<std::string>& all, const std::vector<std::string>& named,
                                       unsigned jobs, SelectionCache* cache = nullptr, bool* chain = nullptr);

}  // namespace patless
