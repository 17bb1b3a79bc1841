// Linting a scan part by part (rules/engine/parts.h) gives the findings of
// linting it all together, to the last field.
#include "rules/engine/parts.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

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
  patless::ScanOptions options;
  options.paths = {dir.string()};
  options.jobs = 1;
  std::vector<patless::Document> documents = patless::scan(options).documents;
  std::vector<std::vector<std::string>> parts;
  for (const std::vector<size_t>& indices : patless::lint_parts(documents, patless::copies_of(documents)).parts) {
    auto& part = parts.emplace_back();
    for (size_t i : indices) part.push_back(fs::relative(documents[i].path, dir).generic_string());
    std::sort(part.begin(), part.end());
  }
  std::sort(parts.begin(), parts.end());
  fs::remove_all(dir);
  CHECK(parts == std::vector<std::vector<std::string>>{{"a/cluster.bicep", "b/flux.bicep"},
                                                       {"c/main.bicep", "c/modules/other.bicep"},
                                                       {"d/identity.bicep", "e/credential.json"},
                                                       {"f/repo.yaml", "g/repo.yaml"},
                                                       {"h/cluster.bicep"},
                                                       {"i/cluster.bicep"}});
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
  CHECK(aside.spilled.size() == aside.documents.size());
  CHECK(reported(kept) == reported(aside));
}

}  // namespace

TEST_CASE("a scan that puts its models aside reports what one that keeps them does", "[parts][fixtures]") {
  check_aside_same(fs::path(PATLESS_SOURCE_DIR) / "testdata");
  for (const fs::path& unit : patless::testing::fixture_units())
    if (fs::is_directory(unit)) check_aside_same(unit);
}
