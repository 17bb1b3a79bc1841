// Small pure functions over the facts of RULES.md: version order, URL kinds.
#pragma once

#include <optional>
#include <string_view>

namespace patless {

// Azure API versions order by date; a -preview sorts before the GA of the same date.
// Returns <0, 0, >0 like strcmp.
int compare_api_versions(std::string_view a, std::string_view b);

// Dotted numeric versions ("1.13.0"); nullopt when either is not one.
std::optional<int> compare_versions(std::string_view a, std::string_view b);

enum class RepoUrlKind {
  AzureDevOpsHttps,       // https://dev.azure.com/{org}/{project}/_git/{repo}
  VisualStudioHttps,      // https://{org}.visualstudio.com/...
  AzureDevOpsSsh,         // git@ssh.dev.azure.com:v3/..., ssh://git@ssh.dev.azure.com/v3/..., vs-ssh.visualstudio.com
  Other,
};
RepoUrlKind classify_repo_url(std::string_view url);
inline bool is_azure_devops(RepoUrlKind k) { return k != RepoUrlKind::Other; }
inline bool is_azure_devops_https(RepoUrlKind k) {
  return k == RepoUrlKind::AzureDevOpsHttps || k == RepoUrlKind::VisualStudioHttps;
}

}  // namespace patless
