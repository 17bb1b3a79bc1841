// Every fix a rule offers, applied to its fixture, removes the finding and adds none.
#include "cli/fix.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/scan.h"
#include "tests/read_text.h"

namespace fs = std::filesystem;

namespace {

std::vector<patless::Finding> lint(const fs::path& path) {
  patless::ScanOptions options;
  options.paths = {path.string()};
  options.jobs = 1;
  return patless::scan(options).findings;
}

// Applies replacements (byte offsets into `text`) from the last to the first.
std::string apply(std::string text, std::vector<patless::Replacement> edits) {
  std::sort(edits.begin(), edits.end(),
            [](const auto& a, const auto& b) { return a.range.start_offset > b.range.start_offset; });
  for (const auto& e : edits) text.replace(e.range.start_offset, e.range.end_offset - e.range.start_offset, e.text);
  return text;
}

}  // namespace

TEST_CASE("fixes remove their finding and add none", "[fixes]") {
  const fs::path rules = fs::path(PATLESS_SOURCE_DIR) / "testdata" / "rules";
  const std::pair<const char*, const char*> cases[] = {
      {"PL101", "bad.bicep"},
      {"PL101", "bad.json"},
      {"PL102", "bad.bicep"},
      {"PL102", "bad.json"},
      {"PL102", "bom_crlf.bicep"},
      {"PL103", "bad.bicep"},
      {"PL103", "bad.json"},
      {"PL501", "bad.yaml"},
      {"PL202", "bad.bicep"},
      {"PL202", "bad.json"},
      {"PL507", "bad.yaml"},
      {"PL501", "flux_instance.yaml"},
      {"PL501", "list.yaml"},
      {"PL501", "concatenated_boms.yaml"},
      {"PL507", "concatenated_boms.yaml"},
  };
  const fs::path tmp = fs::temp_directory_path() / ("patless-fix-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  for (const auto& [rule, file] : cases) {
    SECTION(std::string(rule) + "/" + file) {
      fs::path original = rules / rule / file;
      fs::path copy = tmp / file;
      fs::copy_file(original, copy, fs::copy_options::overwrite_existing);
      auto before = lint(copy);
      std::vector<patless::Replacement> edits;
      size_t fixable = 0, of_rule = 0;
      for (const auto& f : before) {
        if (f.rule_id != rule) continue;
        ++of_rule;
        if (!f.fix) continue;
        ++fixable;
        for (const auto& r : f.fix->replacements) edits.push_back(r);
        // The text it was made from is known: --fix checks the file still has it.
        CHECK(f.fix->text_hash == patless::text_hash(read_text(copy)));
      }
      INFO(copy.string());
      REQUIRE(fixable > 0);
      const std::string fixed = apply(read_text(copy), edits);
      std::ofstream(copy, std::ios::binary) << fixed;
      auto after = lint(copy);
      size_t remaining = 0;
      for (const auto& f : after) remaining += f.rule_id == rule;
      CHECK(remaining == of_rule - fixable);
      // PL509, the scan-wide note that any Azure-provider GitRepository raises, is the next step a
      // fix to provider: azure leads to, not something it breaks.
      for (const auto& f : after) {
        INFO(f.rule_id << " " << f.range.start_line << ": " << f.message);
        CHECK((f.rule_id == rule || f.rule_id == "PL509" || std::any_of(before.begin(), before.end(), [&](const auto& b) {
                 return b.rule_id == f.rule_id && b.message == f.message;
               })));
      }
      // A second pass changes nothing more for the fixed findings.
      for (const auto& f : after) CHECK((f.rule_id != rule || !f.fix));
    }
  }
  fs::remove_all(tmp);
}

TEST_CASE("a fix on an object an overlay patches edits the object's own apiVersion", "[fixes]") {
  // The overlay's patch file names the object's apiVersion too; the fix must
  // rewrite the base file where its apiVersion is, nothing else.
  const fs::path tmp = fs::temp_directory_path() / ("patless-fix-patched-" + std::to_string(::getpid()));
  fs::create_directories(tmp / "deploy");
  fs::create_directories(tmp / "overlay");
  auto write = [&](const fs::path& p, const std::string& text) { std::ofstream(tmp / p, std::ios::binary) << text; };
  const std::string base =
      "# comment\n---\napiVersion: source.toolkit.fluxcd.io/v1beta2\nkind: HelmRepository\nmetadata:\n"
      "  name: podinfo\nspec:\n  interval: 12h\n  url: https://stefanprodan.github.io/podinfo\n";
  write("deploy/podinfo.yaml", base);
  write("deploy/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - podinfo.yaml\n");
  write("overlay/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../deploy\npatches:\n"
        "  - path: patch.yaml\n    target:\n      kind: HelmRepository\n      name: podinfo\n");
  write("overlay/patch.yaml",
        "apiVersion: source.toolkit.fluxcd.io/v1beta2\nkind: HelmRepository\nmetadata:\n  name: podinfo\n"
        "spec:\n  interval: 1h\n");
  const patless::Finding* pl507 = nullptr;
  auto findings = lint(tmp);
  for (const auto& f : findings)
    if (f.rule_id == "PL507") pl507 = &f;
  REQUIRE(pl507);
  CHECK(pl507->range.start_line == 3);
  REQUIRE(pl507->fix);
  CHECK(fs::path(pl507->fix->path) == tmp / "deploy" / "podinfo.yaml");
  CHECK(fs::path(pl507->path) == tmp / "deploy" / "podinfo.yaml");
  CHECK(apply(base, pl507->fix->replacements) ==
        "# comment\n---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n"
        "  name: podinfo\nspec:\n  interval: 12h\n  url: https://stefanprodan.github.io/podinfo\n");
  fs::remove_all(tmp);
}

TEST_CASE("no fix edits YAML that an anchor or a merge key shares with other places", "[fixes]") {
  // Rewriting an anchored value would change its aliases too; inserting after a
  // merged-in url would write into the mapping it was merged from.
  const fs::path tmp = fs::temp_directory_path() / ("patless-fix-shared-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  const std::string head =
      "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: r\n  namespace: flux-system\n";
  const std::pair<const char*, bool> cases[] = {
      {"spec:\n  url: https://dev.azure.com/o/p/_git/r\n  provider: generic\n", true},
      {"spec:\n  url: https://dev.azure.com/o/p/_git/r\n  provider: &p generic\n", false},
      {"spec:\n  <<: {url: https://dev.azure.com/o/p/_git/r}\n  interval: 1m\n", false},
      {"spec: &s\n  url: https://dev.azure.com/o/p/_git/r\n  interval: 1m\n", false},
  };
  for (const auto& [spec, fixable] : cases) {
    std::ofstream(tmp / "repo.yaml", std::ios::binary) << head << spec;
    size_t pl501 = 0;
    for (const auto& f : lint(tmp / "repo.yaml")) {
      if (f.rule_id != "PL501") continue;
      ++pl501;
      INFO(spec);
      CHECK(f.fix.has_value() == fixable);
    }
    CHECK(pl501 == 1);
  }
  fs::remove_all(tmp);
}

TEST_CASE("no fix adds a key the object already has, set to null", "[fixes]") {
  // null counts as not set, so the finding stands; a second key would be a duplicate
  // that Bicep, ARM and kustomize reject.
  const fs::path tmp = fs::temp_directory_path() / ("patless-fix-null-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  const std::tuple<const char*, const char*, const char*> cases[] = {
      {"PL102", "main.bicep",
       "resource c 'Microsoft.KubernetesConfiguration/fluxConfigurations@2024-11-01' = {\n  name: 'c'\n"
       "  properties: {\n    gitRepository: {\n      url: 'https://dev.azure.com/o/p/_git/r'\n      provider: null\n"
       "    }\n  }\n}\n"},
      {"PL202", "main.bicep",
       "resource e 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {\n  name: 'flux'\n  properties: {\n"
       "    extensionType: 'microsoft.flux'\n    version: '1.14.1'\n    autoUpgradeMinorVersion: null\n  }\n}\n"},
      {"PL501", "repo.yaml",
       "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: r\nspec:\n"
       "  url: https://dev.azure.com/o/p/_git/r\n  provider:\n  interval: 1m\n"},
  };
  for (const auto& [rule, file, text] : cases) {
    INFO(rule);
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    std::ofstream(tmp / file, std::ios::binary) << text;
    size_t found = 0;
    for (const auto& f : lint(tmp / file)) {
      if (f.rule_id != rule) continue;
      ++found;
      CHECK_FALSE(f.fix.has_value());
    }
    CHECK(found == 1);
  }
  fs::remove_all(tmp);
}

// The fixes' offsets are those of the text the scan read: a file changed since
// (an editor saving it, a formatter run beside patless) would have them land in
// the wrong places, and its text be lost.
TEST_CASE("a file changed after the scan read it is not fixed", "[fixes]") {
  const fs::path tmp = fs::temp_directory_path() / ("patless-fix-changed-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  const fs::path file = tmp / "main.bicep";
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", file);
  std::vector<patless::Finding> findings = lint(file);
  size_t fixable = 0;
  for (const patless::Finding& f : findings) fixable += f.fix.has_value();
  REQUIRE(fixable > 0);

  std::vector<std::string> errors;
  CHECK(patless::plan_fixes(findings, errors).size() == 1);  // unchanged: fixed
  CHECK(errors.empty());

  // A comment added at the top moves everything below it.
  const std::string changed = "// reviewed\n" + read_text(file);
  std::ofstream(file, std::ios::binary) << changed;
  errors.clear();
  CHECK(patless::plan_fixes(findings, errors).empty());
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == file.string() + ": changed since patless read it; run patless again");
  CHECK(read_text(file) == changed);
  fs::remove_all(tmp);
}
