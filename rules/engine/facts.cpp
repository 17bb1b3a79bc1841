#include "rules/engine/facts.h"

#include <string>

#include "rules/engine/evaluate.h"

namespace patless {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

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
  std::string url = lower(raw);
  if (starts_with(url, "https://") || starts_with(url, "http://")) {
    std::string_view rest = std::string_view(url).substr(url.find("//") + 2);
    std::string_view host = rest.substr(0, rest.find('/'));
    if (size_t at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);  // user@host
    if (size_t colon = host.find(':'); colon != std::string_view::npos) host = host.substr(0, colon);
    if (host == "dev.azure.com") return RepoUrlKind::AzureDevOpsHttps;
    if (ends_with(host, ".visualstudio.com") && host != "vs-ssh.visualstudio.com") return RepoUrlKind::VisualStudioHttps;
    return RepoUrlKind::Other;
  }
  if (starts_with(url, "git@ssh.dev.azure.com:") || starts_with(url, "ssh://git@ssh.dev.azure.com/") ||
      starts_with(url, "ssh://ssh.dev.azure.com/") || url.find("vs-ssh.visualstudio.com") != std::string::npos)
    return RepoUrlKind::AzureDevOpsSsh;
  return RepoUrlKind::Other;
}

}  // namespace patless
