#include "cli/bicep_registry.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/read_file.h"
#include "grammars/ascii.h"
#include "grammars/model.h"

namespace patless {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxTagLength = 128;  // OCI's limit, and the width of Bicep's case mask

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// An OCI repository path segment: lower-case letters and digits, separated by '.', '_', '__' or dashes.
bool is_path_segment(std::string_view s) {
  if (s.empty() || !is_lower_alnum(s.front()) || !is_lower_alnum(s.back())) return false;
  for (char c : s)
    if (!is_lower_alnum(c) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

bool is_registry(std::string_view s) {
  if (s.empty() || s == "." || s == "..") return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_' || c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

bool is_tag(std::string_view s) {
  if (s.empty() || s.size() > kMaxTagLength || s.front() == '.' || s.front() == '-') return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_';
    if (!ok) return false;
  }
  return true;
}

bool is_digest(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == s.size()) return false;
  for (char c : s)
    if (!is_lower_alnum(c) && c != ':' && c != '+' && c != '.' && c != '_' && c != '-') return false;
  return true;
}

std::string expand_home(const std::string& path, const std::string& home) {
  if (path.empty() || path[0] != '~') return path;
  if (path.size() == 1) return home;
  if (path[1] == '/') return home + path.substr(1);
  return path;  // ~user: not Bicep's
}

// A resource group, template spec or version name as a path segment: no separator, not "." or "..".
bool is_name_segment(std::string_view s) {
  if (s.empty() || s == "." || s == ".." || s.size() > 90) return false;
  for (char c : s)
    if (c == '/' || c == '\\' || c == ':' || static_cast<unsigned char>(c) < 0x20) return false;
  return true;
}

bool is_guid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    char c = s[i];
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex) return false;
  }
  return true;
}

// `<scheme>:<rest>` is <rest>; `<scheme>/<alias>:<rest>` is the alias's target, '/', <rest>.
// Nothing for another scheme or an alias the configuration does not define.
std::optional<std::string> unqualified(std::string_view reference, std::string_view scheme,
                                       const std::map<std::string, std::string>& aliases) {
  if (!reference.starts_with(scheme) || reference.size() <= scheme.size()) return std::nullopt;
  std::string_view rest = reference.substr(scheme.size());
  if (rest.front() == ':') return std::string(rest.substr(1));
  if (rest.front() != '/') return std::nullopt;
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto alias = aliases.find(std::string(rest.substr(1, colon - 1)));
  if (alias == aliases.end()) return std::nullopt;
  return alias->second + "/" + std::string(rest.substr(colon + 1));
}

}  // namespace

std::optional<OciReference> parse_oci_reference(std::string_view reference,
                                                const std::map<std::string, std::string>& aliases) {
  std::optional<std::string> expanded = unqualified(reference, "br", aliases);
  if (!expanded) return std::nullopt;
  const std::string& address = *expanded;  // registry/repository:tag
  size_t slash = address.find('/');
  if (slash == std::string::npos) return std::nullopt;
  OciReference r;
  r.registry = address.substr(0, slash);
  if (!is_registry(r.registry)) return std::nullopt;
  std::string_view path = std::string_view(address).substr(slash + 1);
  size_t last = path.rfind('/');
  std::string_view last_segment = last == std::string_view::npos ? path : path.substr(last + 1);
  size_t delimiter = last_segment.find_first_of(":@");
  if (delimiter == std::string_view::npos) return std::nullopt;  // Bicep requires a tag or a digest
  std::string_view version = last_segment.substr(delimiter + 1);
  if (last_segment[delimiter] == ':') {
    if (!is_tag(version)) return std::nullopt;
    r.tag = version;
  } else {
    if (!is_digest(version)) return std::nullopt;
    r.digest = version;
  }
  r.repository = path.substr(0, path.size() - last_segment.size() + delimiter);
  for (size_t start = 0;;) {
    size_t end = r.repository.find('/', start);
    std::string_view segment = std::string_view(r.repository).substr(start, end == std::string::npos ? end : end - start);
    if (!is_path_segment(segment)) return std::nullopt;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return r;
}

std::string encode_tag(std::string_view tag) {
  uint64_t mask[(kMaxTagLength + 63) / 64] = {};
  for (size_t i = 0; i < tag.size() && i < kMaxTagLength; ++i)
    if (tag[i] >= 'A' && tag[i] <= 'Z') mask[i / 64] |= uint64_t{1} << (i % 64);
  std::string out(tag);
  out += '$';
  bool leading_zeros = false;  // once a part is written, the next ones are written in full
  for (size_t i = std::size(mask); i-- > 0;) {
    if (mask[i] == 0 && !leading_zeros) continue;
    std::ostringstream hex;
    hex << std::hex;
    if (leading_zeros) {
      hex.width(16);
      hex.fill('0');
    }
    hex << mask[i];
    out += hex.str();
    leading_zeros = true;
  }
  return out;
}

std::string cache_directory(const OciReference& r) {
  std::string registry = ascii_lower(r.registry);
  for (char& c : registry)
    if (c == ':') c = '$';
  std::string repository = r.repository;
  for (char& c : repository)
    if (c == '/') c = '$';
  std::string version;
  if (!r.tag.empty()) {
    version = encode_tag(r.tag);
  } else {
    version = r.digest;
    for (char& c : version)
      if (c == ':') c = '#';
  }
  return "br/" + registry + "/" + repository + "/" + version;
}

std::optional<TemplateSpecReference> parse_template_spec_reference(std::string_view reference,
                                                                   const std::map<std::string, std::string>& aliases) {
  std::optional<std::string> expanded = unqualified(reference, "ts", aliases);
  if (!expanded) return std::nullopt;
  const std::string& full = *expanded;
  // {subscriptionId}/{resourceGroupName}/{templateSpecName}:{version}
  size_t first = full.find('/'), second = first == std::string::npos ? first : full.find('/', first + 1);
  size_t colon = second == std::string::npos ? second : full.find(':', second + 1);
  if (colon == std::string::npos) return std::nullopt;
  TemplateSpecReference r;
  r.subscription = full.substr(0, first);
  r.resource_group = full.substr(first + 1, second - first - 1);
  r.name = full.substr(second + 1, colon - second - 1);
  r.version = full.substr(colon + 1);
  if (!is_guid(r.subscription) || !is_name_segment(r.resource_group) || !is_name_segment(r.name) ||
      !is_name_segment(r.version))
    return std::nullopt;
  return r;
}

std::string cache_directory(const TemplateSpecReference& r) {
  return ascii_lower("ts/" + r.subscription + "/" + r.resource_group + "/" + r.name + "/" + r.version);
}

BicepRegistry::BicepRegistry(std::string home) : home_(std::move(home)) {
  if (home_.empty())
    if (const char* h = std::getenv("HOME")) home_ = h;
}

std::optional<std::string> BicepRegistry::cached_template(const std::string& bicep_file, std::string_view reference) {
  if (!is_registry_reference(reference)) return std::nullopt;
  std::error_code ec;
  fs::path directory = fs::absolute(fs::path(bicep_file), ec).parent_path();
  if (ec) return std::nullopt;
  const Config& config = config_for(directory.lexically_normal().string());
  std::string relative;
  if (is_template_spec_reference(reference)) {
    if (std::optional<TemplateSpecReference> r = parse_template_spec_reference(reference, config.ts_aliases))
      relative = cache_directory(*r);
  } else if (std::optional<OciReference> r = parse_oci_reference(reference, config.aliases)) {
    relative = cache_directory(*r);
  }
  if (relative.empty() || config.cache_root.empty()) return std::nullopt;
  fs::path file = fs::path(config.cache_root) / relative / "main.json";
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  return file.lexically_normal().string();
}

// The configuration of the nearest bicepconfig.json at or above `directory`
// (an absolute, normal path), over Bicep's defaults.
const BicepRegistry::Config& BicepRegistry::config_for(const std::string& directory) {
  auto found = by_directory_.find(directory);
  if (found != by_directory_.end()) return found->second;
  Config config;
  std::error_code ec;
  fs::path here(directory);
  if (fs::is_regular_file(here / "bicepconfig.json", ec)) {
    config = read_config(directory);
  } else if (here.has_parent_path() && here.parent_path() != here) {
    config = config_for(here.parent_path().string());
  } else {
    config = defaults();
  }
  return by_directory_.emplace(directory, std::move(config)).first->second;
}

// Bicep's own configuration: the public registry's alias, the cache in ~/.bicep.
BicepRegistry::Config BicepRegistry::defaults() const {
  Config config;
  config.aliases["public"] = "mcr.microsoft.com/bicep";
  if (!home_.empty()) config.cache_root = home_ + "/.bicep";
  return config;
}

BicepRegistry::Config BicepRegistry::read_config(const std::string& directory) {
  Config config = defaults();  // Bicep merges a bicepconfig.json into its defaults
  // As UTF-16 too, which Bicep reads (read_text_file); none, or one that cannot be read, adds nothing.
  std::string text, error;
  if (!read_text_file((fs::path(directory) / "bicepconfig.json").string(), text, error)) return config;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (!j.is_object()) return config;  // Bicep would refuse it: nothing to add
  if (auto root = j.find("cacheRootDirectory"); root != j.end() && root->is_string() && !root->get<std::string>().empty()) {
    std::error_code ec;
    config.cache_root = fs::absolute(expand_home(root->get<std::string>(), home_), ec).lexically_normal().string();
  }
  auto aliases = j.find("moduleAliases");
  if (aliases == j.end() || !aliases->is_object()) return config;
  auto string_at = [](const nlohmann::json& o, const char* key) {
    return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string();
  };
  if (auto br = aliases->find("br"); br != aliases->end() && br->is_object()) {
    for (const auto& [name, alias] : br->items()) {
      if (!alias.is_object() || string_at(alias, "registry").empty()) continue;
      std::string target = string_at(alias, "registry");
      if (!string_at(alias, "modulePath").empty()) target += "/" + string_at(alias, "modulePath");
      config.aliases[name] = std::move(target);
    }
  }
  if (auto ts = aliases->find("ts"); ts != aliases->end() && ts->is_object()) {
    for (const auto& [name, alias] : ts->items()) {
      if (!alias.is_object() || string_at(alias, "subscription").empty() || string_at(alias, "resourceGroup").empty()) continue;
      config.ts_aliases[name] = string_at(alias, "subscription") + "/" + string_at(alias, "resourceGroup");
    }
  }
  return config;
}

}  // namespace patless
