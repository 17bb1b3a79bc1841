// Registry module references and where Bicep's cache keeps them
// (Azure/bicep: OciArtifactAddressComponents.TryParse, TagEncoder, OciArtifactRegistry).
#include "cli/bicep_registry.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "grammars/text_encoding.h"

namespace fs = std::filesystem;
using namespace patless;

namespace {

const std::map<std::string, std::string> kDefaults{{"public", "mcr.microsoft.com/bicep"}};

std::string cache_of(std::string_view reference, const std::map<std::string, std::string>& aliases = kDefaults) {
  auto r = parse_oci_reference(reference, aliases);
  return r ? cache_directory(*r) : "(none)";
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("registry references map to Bicep's cache directories", "[registry]") {
  CHECK(cache_of("br/public:avm/res/kubernetes-configuration/flux-configuration:0.3.8") ==
        "br/mcr.microsoft.com/bicep$avm$res$kubernetes-configuration$flux-configuration/0.3.8$");
  CHECK(cache_of("br:contoso.azurecr.io/bicep/modules/aks:v1") == "br/contoso.azurecr.io/bicep$modules$aks/v1$");
  // Registries are case-insensitive (lower-cased) and a port's ':' becomes '$'.
  CHECK(cache_of("br:Contoso.AzureCR.io:5000/aks:1.0") == "br/contoso.azurecr.io$5000/aks/1.0$");
  // A digest's ':' becomes '#'.
  CHECK(cache_of("br:contoso.azurecr.io/aks@sha256:0123abcd") == "br/contoso.azurecr.io/aks/sha256#0123abcd");
  // An alias with and without a module path.
  std::map<std::string, std::string> aliases = kDefaults;
  aliases["contoso"] = "contoso.azurecr.io/bicep/modules";
  aliases["bare"] = "contoso.azurecr.io";
  CHECK(cache_of("br/contoso:identity:1.2.0", aliases) == "br/contoso.azurecr.io/bicep$modules$identity/1.2.0$");
  CHECK(cache_of("br/bare:identity:1.2.0", aliases) == "br/contoso.azurecr.io/identity/1.2.0$");

  // Not registry modules, or references Bicep refuses: nothing.
  CHECK(cache_of("modules/aks.bicep") == "(none)");
  CHECK(cache_of("ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0") == "(none)");
  CHECK(cache_of("br/unknown:identity:1.0") == "(none)");
  CHECK(cache_of("br:contoso.azurecr.io/aks") == "(none)");           // no tag
  CHECK(cache_of("br:contoso.azurecr.io/Aks:1.0") == "(none)");       // upper case in the repository
  CHECK(cache_of("br:contoso.azurecr.io/../aks:1.0") == "(none)");    // not a path segment
  CHECK(cache_of("br:../x/aks:1.0") == "(none)");
  CHECK(cache_of("br:contoso.azurecr.io/aks:1.0/x") == "(none)");
  CHECK(cache_of("br:aks:1.0") == "(none)");                          // no repository
}

TEST_CASE("template spec references map to Bicep's cache directories, lower-cased", "[registry]") {
  auto ts = [](std::string_view reference, const std::map<std::string, std::string>& aliases = {}) {
    auto r = parse_template_spec_reference(reference, aliases);
    return r ? cache_directory(*r) : "(none)";
  };
  CHECK(ts("ts:11111111-2222-3333-4444-555555555555/Platform-RG/Flux-Config:2.0") ==
        "ts/11111111-2222-3333-4444-555555555555/platform-rg/flux-config/2.0");
  CHECK(ts("ts/platform:flux-config:2.0", {{"platform", "11111111-2222-3333-4444-555555555555/Specs"}}) ==
        "ts/11111111-2222-3333-4444-555555555555/specs/flux-config/2.0");
  CHECK(ts("ts/unknown:flux-config:2.0") == "(none)");
  CHECK(ts("ts:not-a-guid/rg/spec:1.0") == "(none)");
  CHECK(ts("ts:11111111-2222-3333-4444-555555555555/rg/spec") == "(none)");     // no version
  CHECK(ts("ts:11111111-2222-3333-4444-555555555555/../spec:1.0") == "(none)");  // not a name
  CHECK(ts("br/public:avm/res/x:1.0") == "(none)");
}

TEST_CASE("tags are encoded with a mask of their upper-case letters, as Bicep's TagEncoder does", "[registry]") {
  CHECK(encode_tag("1.0.0") == "1.0.0$");
  CHECK(encode_tag("V1") == "V1$1");
  CHECK(encode_tag("v1-Beta") == "v1-Beta$8");
  // A letter past the 64th sets the second word; the first is then written in full.
  std::string long_tag(70, 'a');
  long_tag[66] = 'B';
  CHECK(encode_tag(long_tag) == long_tag + "$4" + "0000000000000000");
  long_tag[0] = 'C';
  CHECK(encode_tag(long_tag) == long_tag + "$4" + "0000000000000001");
}

TEST_CASE("a restored module is found in Bicep's cache, moved by the nearest bicepconfig.json", "[registry]") {
  fs::path root = fs::temp_directory_path() / ("patless-registry-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::path home = root / "home";
  write(home / ".bicep/br/mcr.microsoft.com/bicep$avm$res$a/1.0$/main.json", "{}");
  write(root / "other-cache/br/contoso.azurecr.io/bicep$b/V2$1/main.json", "{}");
  write(root / "repo/main.bicep", "");
  write(root / "repo/team/bicepconfig.json",
        "{\n  // comments are allowed\n  \"cacheRootDirectory\": \"" + (root / "other-cache").string() +
            "\",\n  \"moduleAliases\": { \"br\": { \"contoso\": { \"registry\": \"contoso.azurecr.io\", "
            "\"modulePath\": \"bicep\" } } }\n}\n");
  write(root / "repo/team/deep/main.bicep", "");
  // Saved as UTF-16 (Windows PowerShell's `>`), which Bicep reads as well.
  write(root / "repo/utf16/bicepconfig.json",
        encode_from_utf8("\xEF\xBB\xBF{ \"moduleAliases\": { \"br\": { \"contoso\": { \"registry\": "
                         "\"contoso.azurecr.io\", \"modulePath\": \"bicep\" } } } }",
                         TextEncoding::Utf16LE));
  write(home / ".bicep/br/contoso.azurecr.io/bicep$b/V2$1/main.json", "{}");

  BicepRegistry registry(home.string());
  auto a = registry.cached_template((root / "repo/main.bicep").string(), "br/public:avm/res/a:1.0");
  REQUIRE(a);
  CHECK(*a == (home / ".bicep/br/mcr.microsoft.com/bicep$avm$res$a/1.0$/main.json").string());
  CHECK_FALSE(registry.cached_template((root / "repo/main.bicep").string(), "br/public:avm/res/a:2.0"));
  CHECK_FALSE(registry.cached_template((root / "repo/main.bicep").string(), "br/contoso:b:V2"));
  // Below repo/team the configuration adds the alias and moves the cache.
  auto b = registry.cached_template((root / "repo/team/deep/main.bicep").string(), "br/contoso:b:V2");
  REQUIRE(b);
  CHECK(*b == (root / "other-cache/br/contoso.azurecr.io/bicep$b/V2$1/main.json").string());
  CHECK_FALSE(registry.cached_template((root / "repo/team/deep/main.bicep").string(), "br/public:avm/res/a:1.0"));
  auto c = registry.cached_template((root / "repo/utf16/main.bicep").string(), "br/contoso:b:V2");
  REQUIRE(c);
  CHECK(*c == (home / ".bicep/br/contoso.azurecr.io/bicep$b/V2$1/main.json").string());
  fs::remove_all(root);
}
