#include "rules/engine/facts.h"

#include <string>

#include "grammars/ascii.h"

namespace patless {
int compare_api_versions(std::string_view a, std::string_view b) {
  std::string_view da = a.substr(0, 10), db = b.substr(0, 10);
  if (int c = da.compare(db); c != 0) return c < 0 ? -1 : 1;
  bool pa = a.size() > 10, pb = b.size() > 10;  // a suffix such as -preview
  if (pa == pb) return 0;
  return pa ? -1 : 1;
}

std::optional<int> compare_versions(std::string_view a, std::string_view b) {
  auto next = [](std::string_view& s) -> std::optional<long> {
    if (s.empty() || s[0] < '0' || s[0] > '9') return std::nullopt;
    long n = 0;
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && n < 1'000'000) n = n * 10 + (s[i++] - '0');
    s.remove_prefix(i);
    if (!s.empty() && s[0] == '.') s.remove_prefix(1);
    return n;
  };
  for (int part = 0; part < 4; ++part) {
    if (a.empty() && b.empty()) return 0;
    std::optional<long> x = a.empty() ? 0 : next(a), y = b.empty() ? 0 : next(b);
    if (!x || !y) return std::nullopt;
    if (*x != *y) return *x < *y ? -1 : 1;
  }
  return a.empty() && b.empty() ? std::optional<int>(0) : std::nullopt;
}

RepoUrlKind classify_repo_url(std::string_view raw) {
  // A ${variable} (Flux substitution) after the host leaves the kind known; one in the host does not.
  if (size_t var = raw.find("${"); var != std::string_view::npos) {
    std::string_view known = raw.substr(0, var);
    size_t scheme = known.find("://");
    bool host_written = scheme != std::string_view::npos ? known.find('/', scheme + 3) != std::string_view::npos
                                                         : known.find(':') != std::string_view::npos;  // git@host:path
    if (!host_written) return RepoUrlKind::Other;
  }
  const std::string lowered = ascii_lower(raw);
  std::string_view url = lowered;
  if (url.starts_with("https://") || url.starts_with("http://")) {
    std::string_view rest = url.substr(url.find("//") + 2);
    std::string_view host = rest.substr(0, rest.find('/'));
    if (size_t at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);  // user@host
    if (size_t colon = host.find(':'); colon != std::string_view::npos) host = host.substr(0, colon);
    if (host == "dev.azure.com") return RepoUrlKind::AzureDevOpsHttps;
    if (host.ends_with(".visualstudio.com") && host != "vs-ssh.visualstudio.com") return RepoUrlKind::VisualStudioHttps;
    return RepoUrlKind::Other;
  }
  if (url.starts_with("git@ssh.dev.azure.com:") || url.starts_with("ssh://git@ssh.dev.azure.com/") ||
      url.starts_with("ssh://ssh.dev.azure.com/") || url.find("vs-ssh.visualstudio.com") != std::string_view::npos)
    return RepoUrlKind::AzureDevOpsSsh;
  return RepoUrlKind::Other;
}

}  // namespace patless
