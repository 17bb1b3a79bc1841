// Which files a pre-commit run parses (cli/context.h): enough for every finding
// the named files take part in, and, where nothing they reach touches the
// identity chain, only what deploys them and what that deploys.
#include "cli/context.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/read_file.h"
#include "cli/selection_cache.h"
#include "tests/read_text.h"

namespace fs = std::filesystem;

namespace {

// Every file under `dir`, as the scan's discovery would hand them to context_files().
std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> all;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) all.push_back(e.path().string());
  std::sort(all.begin(), all.end());
  return all;
}

// A repository of small files written for one test, removed after it.
class Repository {
 public:
  Repository()
      : root_(fs::temp_directory_path() /
              ("patless-context-" + std::to_string(::getpid()) + "-" +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()))) {
    fs::create_directories(root_);
  }
  ~Repository() { fs::remove_all(root_); }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative, std::ios::binary) << text;
  }
  // The files context_files() keeps when `named` are named, relative to the root, sorted.
  std::vector<std::string> kept_for(const std::vector<std::string>& named,
                                    patless::SelectionCache* cache = nullptr) const {
    std::vector<std::string> absolute;
    for (const std::string& n : named) absolute.push_back((root_ / n).string());
    std::vector<std::string> out;
    for (const std::string& f : patless::context_files(files_under(root_), absolute, 1, cache))
      out.push_back(fs::path(f).lexically_relative(root_).string());
    std::sort(out.begin(), out.end());
    return out;
  }
  const fs::path& root() const { return root_; }

 private:
  fs::path root_;
};

// A repository with a Flux chain beside infrastructure Flux does not depend on.
void write_platform(const Repository& r) {
  r.write("aks.bicep", R"(resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-prod'
  location: 'westeurope'
  properties: { dnsPrefix: 'aks' }
}
)");
  r.write("flux.bicep", R"(resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {
  name: 'aks-prod'
}
resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: { extensionType: 'microsoft.flux' }
}
)");
  r.write("clusters/prod/gotk-sync.yaml", R"(apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: { name: flux-system, namespace: flux-system }
spec: { url: 'https://dev.azure.com/contoso/infra/_git/fleet' }
)");
  // A storage account with a customer-managed key: an existing identity, and
  // types imported from the public registry.
  r.write("data/storage.bicep", R"(import { lockType } from 'br/public:avm/utl/types/avm-common-types:0.6.1'
param identityName string
resource cmk 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}
resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'sa'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
output id string = sa.id
)");
  r.write("data/network.bicep",
          "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'vnet'\n}\n");
  r.write("data/main.bicep", R"(module storage 'storage.bicep' = {
  name: 'storage'
  params: { identityName: 'id-cmk' }
}
module network 'network.bicep' = { name: 'network' }
)");
  r.write("data/main.bicepparam", "using 'main.bicep'\n");
  r.write("data/other.bicep", "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n}\n");
}

}  // namespace

TEST_CASE("a pre-commit run parses only what can change the named files' findings", "[pre-commit]") {
  const fs::path ex = fs::path(PATLESS_SOURCE_DIR) / "testdata/examples";
  auto kept = patless::context_files(files_under(ex), {(ex / "infra/modules/identity.bicep").string()}, 1);
  auto has = [&](const char* rel) { return std::find(kept.begin(), kept.end(), (ex / rel).string()) != kept.end(); };
  CHECK(has("infra/modules/identity.bicep"));          // named
  CHECK(has("infra/main.bicep"));                      // deploys it
  CHECK(has("infra/staging.bicep"));                   // Flux resources
  CHECK(has("infra/staging.bicepparam"));              // deploys staging.bicep
  CHECK(has("infra/modules/identity-staging.bicep"));  // staging.bicep deploys it
  CHECK(has("arm/azuredeploy.json"));                  // its Flux resources may name a cluster of the Bicep files
}

TEST_CASE("a pre-commit run reads the patch files of the kustomizations it keeps", "[pre-commit]") {
  const fs::path fixture = fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL506/patch_files_bad";
  std::vector<std::string> all;
  for (const auto& e : fs::directory_iterator(fixture)) all.push_back(e.path().string());
  for (const char* named : {"kustomization.yaml", "sa-patch.yaml"}) {
    INFO("named " << named);
    auto kept = patless::context_files(all, {(fixture / named).string()}, 1);
    std::sort(kept.begin(), kept.end());
    std::vector<std::string> want = all;  // the patch file too, though it names no Flux type
    std::sort(want.begin(), want.end());
    CHECK(kept == want);
  }
}

TEST_CASE("a pre-commit run keeps the other clusters' FluxInstances, which claim their own Alerts", "[pre-commit]") {
  // Without dev's FluxInstance, dev's Alert would belong to no installation and
  // count for prod too, hiding prod's PL509.
  const fs::path fixture = fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL506/flux_instance";
  auto kept = patless::context_files(files_under(fixture),
                                     {(fixture / "clusters/prod/flux-system/flux-instance.yaml").string()}, 1);
  CHECK(std::find(kept.begin(), kept.end(), (fixture / "clusters/dev/flux-system/flux-instance.yaml").string()) !=
        kept.end());
}

TEST_CASE("a pre-commit run that reaches nothing of the identity chain parses the named files' family alone",
          "[pre-commit]") {
  Repository r;
  write_platform(r);
  // What deploys storage.bicep, and what that deploys; not the chain elsewhere.
  using Files = std::vector<std::string>;
  CHECK(r.kept_for({"data/storage.bicep"}) ==
        Files{"data/main.bicep", "data/main.bicepparam", "data/network.bicep", "data/storage.bicep"});
  CHECK(r.kept_for({"data/other.bicep"}) == Files{"data/other.bicep"});
  // Once the family deploys Flux, the chain around it is read: the cluster the
  // extension names, the Flux YAML.
  r.write("data/main.bicep",
          read_text(r.root() / "data/main.bicep") + "module flux '../flux.bicep' = { name: 'flux' }\n");
  CHECK(r.kept_for({"data/storage.bicep"}) == Files{"aks.bicep", "clusters/prod/gotk-sync.yaml", "data/main.bicep",
                                                    "data/main.bicepparam", "data/network.bicep", "data/storage.bicep",
                                                    "flux.bicep"});
}

TEST_CASE("a pre-commit run counts the registry modules Bicep restored, not the types it imports", "[pre-commit]") {
  Repository r;
  write_platform(r);
  // Bicep's cache, moved here by bicepconfig.json: br:contoso.azurecr.io/modules/flux-ext:v1.
  r.write("bicepconfig.json", "{ \"cacheRootDirectory\": \"" + (r.root() / "cache").string() + "\" }\n");
  r.write("cache/br/contoso.azurecr.io/modules$flux-ext/v1$/main.json",
          R"({ "resources": [ { "type": "Microsoft.KubernetesConfiguration/extensions" } ] })");
  r.write("cache/br/contoso.azurecr.io/modules$storage/v1$/main.json",
          R"({ "resources": [ { "type": "Microsoft.Storage/storageAccounts" } ] })");
  using Files = std::vector<std::string>;
  r.write("data/registry.bicep",
          "module s 'br:contoso.azurecr.io/modules/storage:v1' = { name: 's' }\n"
          "module t 'br:contoso.azurecr.io/modules/not-restored:v1' = { name: 't' }\n");
  CHECK(r.kept_for({"data/registry.bicep"}) == Files{"data/registry.bicep"});
  r.write("data/registry.bicep", "module f 'br:contoso.azurecr.io/modules/flux-ext:v1' = { name: 'f' }\n");
  // The cache is in the repository here: its template of an extension is a file of the chain too.
  CHECK(r.kept_for({"data/registry.bicep"}) ==
        Files{"aks.bicep", "cache/br/contoso.azurecr.io/modules$flux-ext/v1$/main.json", "clusters/prod/gotk-sync.yaml",
              "data/registry.bicep", "flux.bicep"});
}

TEST_CASE("a pre-commit run reads the ARM templates named Bicep deploys, and a named parameters file's template",
          "[pre-commit]") {
  Repository r;
  write_platform(r);
  const std::string flux_template =
      R"({ "resources": [ { "type": "Microsoft.KubernetesConfiguration/fluxConfigurations" } ] })";
  r.write("arm/flux.json", flux_template);
  r.write("arm/unrelated.json", flux_template);
  r.write("deploy.bicep", "module f 'arm/flux.json' = { name: 'f' }\n");
  using Files = std::vector<std::string>;
  // Only Bicep named: ARM templates are read where Bicep deploys them, and once
  // the chain is reached, every one: a configuration in one may name a cluster
  // of the Bicep files.
  CHECK(r.kept_for({"deploy.bicep"}) == Files{"aks.bicep", "arm/flux.json", "arm/unrelated.json",
                                              "clusters/prod/gotk-sync.yaml", "deploy.bicep", "flux.bicep"});
  // Short of the chain, none.
  CHECK(r.kept_for({"data/storage.bicep"}) ==
        Files{"data/main.bicep", "data/main.bicepparam", "data/network.bicep", "data/storage.bicep"});
  r.write("net/azuredeploy.json", R"({ "resources": [ { "type": "Microsoft.Network/virtualNetworks" } ] })");
  r.write("net/azuredeploy.parameters.json",
          R"({ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#" })");
  CHECK(r.kept_for({"net/azuredeploy.parameters.json"}) ==
        Files{"net/azuredeploy.json", "net/azuredeploy.parameters.json"});
}

TEST_CASE("a pre-commit run finds the chain's types in any letter case, as ARM reads them", "[pre-commit]") {
  Repository r;
  r.write("main.json", R"({ "resources": [ { "type": "Microsoft.ManagedIdentity/userAssignedIdentities" } ] })");
  r.write("flux.json", R"({ "resources": [ { "type": "microsoft.kubernetesConfiguration/Extensions",
  "properties": { "configurationSettings": { "workloadIdentity.AzureClientID": "[variables('id')]" } } } ] })");
  r.write("aks.json", R"({ "resources": [ { "type": "Microsoft.ContainerService/ManagedClusters" } ] })");
  r.write(
      "fic.json",
      R"({ "resources": [ { "type": "MICROSOFT.MANAGEDIDENTITY/USERASSIGNEDIDENTITIES/FEDERATEDIDENTITYCREDENTIALS" } ] })");
  r.write("storage.json", R"({ "resources": [ { "type": "Microsoft.Storage/storageAccounts" } ] })");
  using Files = std::vector<std::string>;
  CHECK(r.kept_for({"main.json"}) == Files{"main.json"});  // an identity alone: nothing of the chain
  r.write("main.json", R"({ "resources": [ { "type": "microsoft.containerservice/managedclusters" } ] })");
  CHECK(r.kept_for({"main.json"}) == Files{"aks.json", "fic.json", "flux.json", "main.json"});
  r.write("main.json", R"({ "resources": [ { "type": "MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS" } ] })");
  CHECK(r.kept_for({"main.json"}) == Files{"aks.json", "fic.json", "flux.json", "main.json"});
}

TEST_CASE("a pre-commit run finds words and quoted paths wherever they fall among the windows it reads",
          "[pre-commit]") {
  // A large Bicep file that deploys flux.bicep, the module's quoted path placed
  // at every offset around the end of the first window (cli/read_file.h), and
  // a type of the chain placed the same way.
  Repository r;
  r.write("flux.bicep", "resource f 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {}\n");
  r.write("other.bicep", "resource s 'Microsoft.Storage/storageAccounts@2023-05-01' = {}\n");
  const std::string module = "module f './flux.bicep' = { name: 'f' }\n";
  const std::string cluster = "resource a 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {}\n";
  using Files = std::vector<std::string>;
  const size_t w = patless::kWindowBytes, m = patless::kWindowMargin;
  for (size_t at = w - m - 40; at < w + 8; ++at) {
    INFO("at " << at);
    std::string padding = "// " + std::string(at - 4, 'x') + "\n";  // `at` bytes
    r.write("main.bicep", padding + module + padding);
    CHECK(r.kept_for({"main.bicep"}) == Files{"flux.bicep", "main.bicep"});
    r.write("main.bicep", padding + cluster + padding);
    CHECK(r.kept_for({"other.bicep"}) == Files{"other.bicep"});
    CHECK(r.kept_for({"flux.bicep"}) == Files{"flux.bicep", "main.bicep"});  // the cluster it may go on
  }
}

TEST_CASE("a pre-commit run takes what it knows of unchanged files from its cache, and reads changed ones again",
          "[pre-commit][cache]") {
  Repository r;
  write_platform(r);
  using Files = std::vector<std::string>;
  const std::string dir = (r.root() / ".patless_cache").string();
  // As if a minute later: the files were all written less than kRacySeconds ago.
  auto load = [&] {
    auto now = std::chrono::system_clock::now() + std::chrono::minutes(1);
    int64_t ns = std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
    return patless::SelectionCache::load(dir, fs::current_path().string(), ns);
  };
  auto normal = [&](const char* rel) { return (r.root() / rel).lexically_normal().string(); };
  std::string error;
  {
    patless::SelectionCache cache = load();
    CHECK(r.kept_for({"data/storage.bicep"}, &cache) ==
          Files{"data/main.bicep", "data/main.bicepparam", "data/network.bicep", "data/storage.bicep"});
    CHECK(cache.size() == 8);  // every file: a named Bicep file reads YAML and Bicep
    REQUIRE(cache.save(error));
  }
  {
    // Taken from the cache, not from the files: what the cache says of
    // other.bicep (that it deploys flux.bicep) is what the selection follows.
    patless::SelectionCache cache = load();
    REQUIRE(cache.size() == 8);
    patless::SelectionFacts facts;
    facts.targets = {normal("flux.bicep")};
    cache.put(normal("data/other.bicep"), *patless::stamp_of(normal("data/other.bicep")), facts);
    CHECK(r.kept_for({"data/other.bicep"}, &cache) ==
          Files{"aks.bicep", "clusters/prod/gotk-sync.yaml", "data/other.bicep", "flux.bicep"});
    REQUIRE(cache.save(error));
  }
  {
    // An edit of the same size with the modification time put back: the change
    // time tells. (Past the file system clock's tick, as any edit after the
    // cache's run is, given kRacySeconds.)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    struct stat before {};
    REQUIRE(::stat(normal("data/other.bicep").c_str(), &before) == 0);
    std::string text = read_text(r.root() / "data/other.bicep");
    text.replace(text.find("'kv'"), 4, "'k2'");
    r.write("data/other.bicep", text);
    const struct timespec times[2] = {before.st_atim, before.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, normal("data/other.bicep").c_str(), times, 0) == 0);
    patless::SelectionCache cache = load();
    CHECK(r.kept_for({"data/other.bicep"}, &cache) == Files{"data/other.bicep"});
    // A file changed: what its new text deploys.
    r.write("data/main.bicep",
            read_text(r.root() / "data/main.bicep") + "module flux '../flux.bicep' = { name: 'flux' }\n");
    CHECK(r.kept_for({"data/storage.bicep"}, &cache) ==
          Files{"aks.bicep", "clusters/prod/gotk-sync.yaml", "data/main.bicep", "data/main.bicepparam",
                "data/network.bicep", "data/storage.bicep", "flux.bicep"});
    // A file removed leaves the cache.
    fs::remove(r.root() / "data/network.bicep");
    r.kept_for({"data/storage.bicep"}, &cache);
    CHECK(cache.size() == 7);
  }
  // With the clock as it is, files written less than kRacySeconds ago are not
  // kept: an edit within the same tick of the file system's clock would not
  // change their stamps.
  fs::remove_all(dir);
  patless::SelectionCache now = patless::SelectionCache::load(dir, fs::current_path().string());
  r.kept_for({"data/storage.bicep"}, &now);
  CHECK(now.size() == 0);
}
