#include "cli/fingerprint.h"

#include <cstdint>
#include <map>

namespace patless {
namespace {

uint64_t fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::string hex(uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = digits[v & 15];
  return out;
}

}  // namespace

std::vector<std::string> fingerprints(const std::vector<Finding>& findings, const RepositoryPaths& paths) {
  std::vector<std::string> out;
  std::map<std::string, int> seen;
  for (const Finding& f : findings) {
    std::string key = f.rule_id;
    key += '|';
    if (f.logical_location.empty() || f.logical_location.starts_with("file")) {
      key += paths.below_root(f.path).value_or(f.path);
      key += '|';
    }
    key += f.logical_location;
    int n = seen[key]++;
    out.push_back(hex(fnv1a(key)) + ":" + std::to_string(n + 1));
  }
  return out;
}

}  // namespace patless
