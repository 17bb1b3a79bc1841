// Linting a scan part by part (rules/engine/parts.h) gives the findings of
// linting it all together, to the last field.
#include "rules/engine/parts.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/scan.h"
#include "rules/engine/graph.h"
#include "rules/engine/run_rules.h"
#include "tests/fixture_expectations.h"

namespace fs = std::filesystem;

namespace {

std::string shown(const patless::SourceRange& r) {
  return std::to_string(r.start_line) + ":" + std::to_string(r.start_column) + "-" + std::to_string(r.end_line) + ":" +
         std::to_string(r.end_column);
}

// Every field of a finding that a report shows.
std::string everything_of(const patless::Finding& f) {
  std::string s = f.rule_id + " " + patless::level_name(f.level) + " " + f.path + " " + shown(f.range) + " " +
                  f.message + " | " + f.logical_location;
  for (const auto& l : f.related) {
    s += " [" + l.path + " " + shown(l.range) + " " + l.message + (l.deployer ? " deployer " : " ");
    s += std::to_string(l.loop_passes);
    s += l.loop_module;
    for (size_t p : l.passes) {
      s += ' ';
      s += std::to_string(p);
    }
    s += "]";
  }
  for (const auto& m : f.merged_locations) s += " {" + m + "}";
  if (f.fix) {
    s += " fix: " + f.fix->description + " " + f.fix->path;
    for (const auto& r : f.fix->replacements) {
      s += ' ';
      s += shown(r.range);
      s += '=';
      s += r.text;
    }
  }
  if (f.suppressed) s += " suppressed: " + *f.suppressed;
  return s;
}

struct Compared {
  std::vector<std::string> together, by_part;
  size_t parts = 0;
};

Compared compare(const fs::path& dir) {
  patless::ScanOptions options;
  options.paths = {dir.string()};
  options.jobs = 1;
  std::vector<patless::Document> documents = patless::scan(options).documents;
  Compared out;
  {
    const patless::Graph graph(documents);
    for (const auto& f : patless::run_rules(graph)) out.together.push_back(everything_of(f));
  }
  const patless::LoadDocuments load = patless::copies_of(documents);
  const patless::LintParts parts = patless::lint_parts(documents, load);
  out.parts = parts.parts.size();
  for (const auto& f : patless::run_rules_by_part(parts, load)) out.by_part.push_back(everything_of(f));
  return out;
}

void check_same(const fs::path& dir) {
  const Compared c = compare(dir);
  INFO(dir.string());
  for (const auto& f : c.together)
    if (std::find(c.by_part.begin(), c.by_part.end(), f) == c.by_part.end()) UNSCOPED_INFO("only together: " << f);
  for (const auto& f : c.by_part)
    if (std::find(c.together.begin(), c.together.end(), f) == c.together.end()) UNSCOPED_INFO("only by part: " << f);
  CHECK(c.together == c.by_part);
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// The parts of a scan of `paths`, each the sorted paths of its documents relative to `dir`.
std::vector<std::vector<std::string>> parts_of(const fs::path& dir, const std::vector<std::string>& paths) {
  patless::ScanOptions options;
  options.paths = paths;
  options.jobs = 1;
  std::vector<patless::Document> documents = patless::scan(options).documents;
  std::vector<std::vector<std::string>> parts;
  for (const std::vector<size_t>& indices : patless::lint_parts(documents, patless::copies_of(documents)).parts) {
    auto& part = parts.emplace_back();
    for (size_t i : indices) part.push_back(fs::relative(documents[i].path, dir).generic_string());
    std::sort(part.begin(), part.end());
  }
  std::sort(parts.begin(), parts.end());
  return parts;
}

}  // namespace

TEST_CASE("all of testdata, linted part by part, has the findings of it linted together", "[parts]") {
  // One scan of every fixture: the credentials, extensions and object-level
  // GitRepositories of one fixture change the findings of others (scan_facts.h).
  const Compared c = compare(fs::path(PATLESS_SOURCE_DIR) / "testdata");
  CHECK(c.parts > 50);
  CHECK(c.together.size() > 200);
  check_same(fs::path(PATLESS_SOURCE_DIR) / "testdata");
}

TEST_CASE("each fixture, linted part by part, has the findings of it linted together", "[parts][fixtures]") {
  for (const fs::path& unit : patless::testing::fixture_units())
    if (fs::is_directory(unit)) check_same(unit);
}

TEST_CASE("documents are one part when they deploy one another or one looks for a cluster or identity the other has",
          "[parts]") {
  const fs::path dir = fs::temp_directory_path() / ("patless-parts-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const std::string cluster =
      "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n  name: 'NAME'\n  location: "
      "'westeurope'\n}\n";
  auto named = [&](const std::string& name) {
    std::string s = cluster;
    return s.replace(s.find("NAME"), 4, name);
  };
  write(dir / "a/cluster.bicep", named("aks-one"));
  // An `existing` cluster of the same name in another deployment (case differs: Azure's names do not).
  write(dir / "b/flux.bicep",
        "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {\n  name: 'AKS-one'\n}\n"
        "resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {\n  name: 'flux'\n  scope: aks\n"
        "  properties: { extensionType: 'microsoft.flux' }\n}\n");
  // Two clusters of one name that nothing looks for (dev and prod, say) link nothing.
  write(dir / "h/cluster.bicep", named("aks-three"));
  write(dir / "i/cluster.bicep", named("aks-three"));
  write(dir / "c/main.bicep", "module m 'modules/other.bicep' = {\n  name: 'm'\n}\n");
  write(dir / "c/modules/other.bicep", named("aks-two"));
  write(dir / "d/identity.bicep",
        "resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {\n  name: 'id-flux'\n"
        "  location: 'westeurope'\n}\n");
  write(dir / "e/credential.json",
        R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
"contentVersion": "1.0.0.0", "resources": [{"type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
"apiVersion": "2023-01-31", "name": "id-flux/flux", "properties": {"issuer": "https://issuer", "subject": "s", "audiences": ["api://AzureADTokenExchange"]}}]})");
  write(
      dir / "f/repo.yaml",
      "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: a\nspec:\n  url: https://x\n");
  write(
      dir / "g/repo.yaml",
      "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: b\nspec:\n  url: https://y\n");
  const auto parts = parts_of(dir, {dir.string()});
  fs::remove_all(dir);
  CHECK(parts == std::vector<std::vector<std::string>>{{"a/cluster.bicep", "b/flux.bicep"},
                                                       {"c/main.bicep", "c/modules/other.bicep"},
                                                       {"d/identity.bicep", "e/credential.json"},
                                                       {"f/repo.yaml"},
                                                       {"g/repo.yaml"},
                                                       {"h/cluster.bicep"},
                                                       {"i/cluster.bicep"}});
}

namespace {

// A self-managed Flux for `cluster` (a fleet repository's clusters/<cluster>)
// that syncs apps/<cluster>, where an Azure-provider GitRepository runs as a
// ServiceAccount of its own in the namespace team-<cluster>.
void write_cluster(const fs::path& dir, const std::string& c) {
  const fs::path flux = dir / "clusters" / c / "flux-system";
  write(flux / "kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - gotk-components.yaml\n"
        "  - gotk-sync.yaml\n");
  write(flux / "gotk-components.yaml",
        "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: source-controller\n  namespace: flux-system\n---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: source-controller\n  namespace: flux-system\n");
  write(flux / "gotk-sync.yaml",
        "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n"
        "  namespace: flux-system\nspec:\n  url: https://dev.azure.com/org/proj/_git/fleet\n  provider: azure\n---\n"
        "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: flux-system\n"
        "  namespace: flux-system\nspec:\n  path: ./clusters/" +
            c +
            "\n  sourceRef:\n    kind: GitRepository\n"
            "    name: flux-system\n");
  write(dir / "clusters" / c / "apps.yaml",
        "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n"
        "  namespace: flux-system\nspec:\n  path: ./apps/" +
            c + "\n  targetNamespace: team-" + c + "\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n");
  write(dir / "apps" / c / "repo.yaml",
        "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: app-" + c +
            "\nspec:\n  url: https://dev.azure.com/org/proj/_git/app-" + c +
            "\n  provider: azure\n"
            "  serviceAccountName: app-" +
            c + "\n");
}

size_t count_of(const Compared& c, std::string_view rule) {
  return static_cast<size_t>(
      std::count_if(c.together.begin(), c.together.end(), [&](const std::string& f) { return f.starts_with(rule); }));
}

}  // namespace

TEST_CASE("Kubernetes objects are one part with the Flux that applies them and the kustomizations that build them",
          "[parts]") {
  const fs::path dir = fs::temp_directory_path() / ("patless-parts-yaml-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  write_cluster(dir, "one");
  write_cluster(dir, "two");
  write(dir / "notes/repo.yaml",
        "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: notes\nspec:\n"
        "  url: https://github.com/org/notes\n");
  const std::vector<std::string> one = {
      "apps/one/repo.yaml", "clusters/one/apps.yaml", "clusters/one/flux-system/gotk-components.yaml",
      "clusters/one/flux-system/gotk-sync.yaml", "clusters/one/flux-system/kustomization.yaml"};
  std::vector<std::string> two = one;
  for (std::string& p : two) p.replace(p.find("one"), 3, "two");
  CHECK(parts_of(dir, {dir.string()}) == std::vector<std::vector<std::string>>{one, two, {"notes/repo.yaml"}});
  SECTION("the only installation, when no sync path places it, applies every object: they are one part") {
    const std::vector<std::string> paths = {(dir / "clusters/one").string(), (dir / "apps/one").string(),
                                            (dir / "notes").string()};
    CHECK(parts_of(dir, paths) == std::vector<std::vector<std::string>>{one, {"notes/repo.yaml"}});
    const fs::path sync = dir / "clusters/one/flux-system/gotk-sync.yaml";
    std::string text = (std::stringstream() << std::ifstream(sync).rdbuf()).str();
    write(sync, text.replace(text.find("./clusters/one"), 14, "./fleet/one"));
    std::vector<std::string> all = one;
    all.push_back("notes/repo.yaml");
    std::sort(all.begin(), all.end());
    CHECK(parts_of(dir, paths) == std::vector<std::vector<std::string>>{all});
  }
  // Each links the clusters' parts in a way the findings show: linted part by part, they are the same.
  SECTION("what links them is in the scan's facts") {
    const Compared apart = compare(dir);
    CHECK(apart.parts == 3);
    CHECK(count_of(apart, "PL509") == 2);  // per installation
    check_same(dir);
    SECTION("an Alert that no installation applies may tell either cluster") {
      write(dir / "alerts/alert.yaml",
            "apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n  name: git\nspec:\n"
            "  eventSeverity: error\n  eventSources:\n    - kind: GitRepository\n      name: '*'\n");
      CHECK(count_of(compare(dir), "PL509") == 0);
      check_same(dir);
    }
    SECTION("a Flux Kustomization's patch whose path patless cannot place may patch either cluster's objects") {
      write(dir / "loose/patching.yaml",
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: anywhere\n"
            "spec:\n  path: ./\n  patches:\n    - target:\n        kind: GitRepository\n"
            "      patch: |\n        - op: remove\n          path: /spec/provider\n");
      CHECK(count_of(compare(dir), "PL509") == 0);
      check_same(dir);
    }
    SECTION("one cluster's targetNamespace moves the other's GitRepository in a subject") {
      write(dir / "identity/flux.bicep",
            "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {\n  name: 'aks'\n}\n"
            "resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {\n"
            "  name: 'id-apps'\n}\nresource fic 'Microsoft.ManagedIdentity/userAssignedIdentities/"
            "federatedIdentityCredentials@2023-01-31' = {\n  parent: id\n  name: 'apps'\n  properties: {\n"
            "    issuer: aks.properties.oidcIssuerProfile.issuerURL\n"
            "    subject: 'system:serviceaccount:team-one:app-two'\n"
            "    audiences: ['api://AzureADTokenExchange']\n  }\n}\n"
            "resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {\n"
            "  name: 'flux'\n  scope: aks\n  properties: {\n    extensionType: 'microsoft.flux'\n"
            "    configurationSettings: { 'workloadIdentity.enable': 'true', 'workloadIdentity.azureClientId': "
            "id.properties.clientId }\n  }\n}\n");
      CHECK(count_of(compare(dir), "PL402") == 0);
      check_same(dir);
    }
  }
  SECTION("the first Azure-provider GitRepository no installation applies is the scan's first, not a part's") {
    write(dir / "a/repo.yaml",
          "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: a\nspec:\n"
          "  url: https://dev.azure.com/org/proj/_git/a\n  provider: azure\n");
    write(dir / "b/repo.yaml",
          "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: b\nspec:\n"
          "  url: https://dev.azure.com/org/proj/_git/b\n  provider: azure\n");
    const Compared c = compare(dir);
    CHECK(c.parts == 5);
    CHECK(count_of(c, "PL509") == 3);
    check_same(dir);
  }
  fs::remove_all(dir);
}

namespace {

// Everything a scan reports, to the last field.
std::vector<std::string> reported(const patless::ScanResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.push_back(everything_of(f));
  for (const auto& n : r.notifications) out.push_back("notification: " + n);
  for (const auto& n : r.notes) out.push_back("note: " + n);
  for (const auto& c : r.context) out.push_back("context: " + c);
  out.push_back("files: " + std::to_string(r.files_considered));
  return out;
}

void check_aside_same(const fs::path& dir) {
  patless::ScanOptions options;
  options.paths = {dir.string()};
  options.jobs = 2;
  const patless::ScanResult kept = patless::scan(options);
  options.put_models_aside = true;
  const patless::ScanResult aside = patless::scan(options);
  INFO(dir.string());
  REQUIRE(aside.spill);
  CHECK(aside.documents.empty());
  CHECK(aside.spilled.size() == aside.outlines.size());
  CHECK(reported(kept) == reported(aside));
}

}  // namespace

TEST_CASE("a scan that puts its models aside reports what one that keeps them does", "[parts][fixtures]") {
  check_aside_same(fs::path(PATLESS_SOURCE_DIR) / "testdata");
  for (const fs::path& unit : patless::testing::fixture_units())
    if (fs::is_directory(unit)) check_aside_same(unit);
}
