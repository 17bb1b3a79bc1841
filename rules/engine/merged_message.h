// The words of a finding that stands for several: one place reported by a
// loop's passes, or by the deployments of one file, each naming its own resource.
#pragma once

#include <string>
#include <vector>

namespace patless {

// `first`, the message of the finding kept, naming what the others name too
// when each differs from it in one quoted word only, the same one:
// "AKS cluster 'aks-0' (also 'aks-1' and 'aks-2') does not set …". Otherwise
// `first` as it is: the related locations still say which deployments made it.
std::string merged_message(const std::string& first, const std::vector<std::string>& others);

}  // namespace patless
