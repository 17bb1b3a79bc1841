// Registry modules as Bicep restores them. `bicep build` and `bicep restore`
// download each `br:` module's compiled ARM template into Bicep's module cache:
//   <cacheRootDirectory, or ~/.bicep>/br/<registry>/<repository, '/' as '$'>/<tag, encoded>/main.json
// (Azure/bicep, src/Bicep.Core/Registry/OciArtifactRegistry.cs), and each `ts:`
// template spec to <cache root>/ts/<subscription>/<resource group>/<name>/<version>/main.json
// (TemplateSpecModuleRegistry.cs). patless reads them there, the templates Bicep
// would deploy; a module not restored stays unknown.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace patless {

// An OCI artifact reference, aliases expanded: `br/public:avm/res/x:1.0` is
// registry mcr.microsoft.com, repository bicep/avm/res/x, tag 1.0.
struct OciReference {
  std::string registry, repository, tag, digest;  // a tag or a digest
};

// `br:<registry>/<repository>:<tag>` or `@<digest>`, or `br/<alias>:<path>:<tag>`
// with `aliases` mapping an alias to "registry[/modulePath]". Nothing for
// anything else (a local path, `ts:`, an unknown alias, a malformed reference).
std::optional<OciReference> parse_oci_reference(std::string_view reference,
                                                const std::map<std::string, std::string>& aliases);

// Bicep's TagEncoder: the tag, '$', and in hex a mask of its upper-case letters
// (so that tags differing in case differ on case-insensitive file systems).
std::string encode_tag(std::string_view tag);

// The cache directory of `r` below the cache root: br/<registry>/<repository>/<tag or digest>.
std::string cache_directory(const OciReference& r);

// A template spec reference, aliases expanded: `ts:<subscription>/<resource group>/<name>:<version>`,
// or `ts/<alias>:<name>:<version>` with `aliases` mapping an alias to "subscription/resourceGroup".
struct TemplateSpecReference {
  std::string subscription, resource_group, name, version;
};
std::optional<TemplateSpecReference> parse_template_spec_reference(std::string_view reference,
                                                                   const std::map<std::string, std::string>& aliases);

// Its cache directory below the cache root, lower-cased as Bicep writes it:
// ts/<subscription>/<resource group>/<name>/<version>. The main.json there is the
// template spec version as Azure returns it, its template in properties.mainTemplate.
std::string cache_directory(const TemplateSpecReference& r);

class BicepRegistry {
 public:
  // `home` stands for `~` ($HOME when empty).
  explicit BicepRegistry(std::string home = {});
  // The restored template of the module `reference` (`br:` or `ts:`) written in
  // `bicep_file`, if Bicep's cache has it. The bicepconfig.json nearest the file (its directory or
  // a parent) adds aliases and may move the cache (cacheRootDirectory).
  std::optional<std::string> cached_template(const std::string& bicep_file, std::string_view reference);

 private:
  struct Config {
    std::map<std::string, std::string> aliases;     // br: alias -> registry[/modulePath]
    std::map<std::string, std::string> ts_aliases;  // ts: alias -> subscription/resourceGroup
    std::string cache_root;
  };
  Config defaults() const;
  const Config& config_for(const std::string& directory);
  Config read_config(const std::string& directory);

  std::string home_;
  std::map<std::string, Config> by_directory_;
};

}  // namespace patless
