// Hostile inputs end quickly in PL001 or silence, never a crash or a hang.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/scan.h"
#include "grammars/yaml/yaml_documents.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("patless-hostile-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

// Values in a tree, itself included.
size_t values_in(const patless::Value& v) {
  size_t n = 1;
  for (const patless::Value& item : v.items) n += values_in(item);
  for (const patless::Member& m : v.members) n += values_in(m.value);
  return n;
}

// Lints one file; returns its findings as "RULE line:col".
std::vector<std::string> lint(const std::string& name, const std::string& bytes) {
  TempDir dir;
  fs::path file = dir.path / name;
  std::ofstream(file, std::ios::binary) << bytes;
  patless::ScanOptions options;
  options.paths = {file.string()};
  auto start = std::chrono::steady_clock::now();
  auto result = patless::scan(options);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // A bound against hangs, not a benchmark: loose enough for a Debug build under ASan and UBSan.
  CHECK(seconds < 30.0);
  std::vector<std::string> out;
  for (const auto& f : result.findings)
    out.push_back(f.rule_id + " " + std::to_string(f.range.start_line) + ":" + std::to_string(f.range.start_column));
  return out;
}

const std::string kArmHeader =
    "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"x\": ";

}  // namespace

TEST_CASE("200,000-deep JSON nesting is a PL001 at the first level too deep", "[hostile]") {
  std::string deep = kArmHeader + std::string(200000, '[') + std::string(200000, ']');
  std::string identity =
      ", \"resources\": [{\"type\": \"Microsoft.ManagedIdentity/userAssignedIdentities\", \"name\": \"id\"}]}";
  // The header is 100 bytes; the template object is level 1, the arrays start at
  // column 101, and the 256th array (level 257) is the first one too deep.
  CHECK(lint("deep.json", deep + identity) == std::vector<std::string>{"PL001 1:356"});
  // Outside the chain the template is only validated, building nothing: nothing too deep to read.
  CHECK(lint("deep.json", deep + "}").empty());
  // Not closed, or broken at the bottom: read whole, a PL001 at the first level too deep, in one
  // pass (the validation tried to pass over each level again, and took minutes).
  CHECK(lint("deep.json", kArmHeader + std::string(200000, '[')) == std::vector<std::string>{"PL001 1:356"});
  CHECK(lint("deep.json", kArmHeader + std::string(200000, '[') + "x" + std::string(200000, ']') + "}") ==
        std::vector<std::string>{"PL001 1:356"});
}

TEST_CASE("truncated JSON is a PL001 at the end", "[hostile]") {
  // 105 bytes: the error stands just past the last one.
  CHECK(lint("cut.json", kArmHeader + "[1, 2") == std::vector<std::string>{"PL001 1:106"});
}

TEST_CASE("50,000-deep YAML flow nesting is a PL001", "[hostile]") {
  std::string deep = "apiVersion: v1\nkind: ConfigMap\ndata: " + std::string(50000, '[') + std::string(50000, ']') + "\n";
  auto findings = lint("deep.yaml", deep);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rfind("PL001 ", 0) == 0);
}

TEST_CASE("a YAML alias bomb is bounded", "[hostile]") {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'i'; ++c, ++prev) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) bomb += std::string(i ? "," : "") + "*" + prev;
    bomb += "]\n";
  }
  // In an object the rules read, the expansion stops at the node budget: PL001.
  auto findings = lint("bomb.yaml", "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\n"
                                    "metadata:\n  name: lol\n" + bomb);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rfind("PL001 ", 0) == 0);
  // In one no rule reads (a ConfigMap), nothing is expanded at all.
  CHECK(lint("bomb.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\n" + bomb).empty());

  // The values built before it stops grow with the file, not up to two million for
  // any file (240 MB for a kilobyte).
  patless::SourceText src(bomb);
  patless::YamlDocuments small(src);
  patless::YamlDocument cut;
  CHECK_FALSE(small.read(bomb, [&](patless::YamlDocument& d) { cut = std::move(d); }));
  CHECK(cut.limit_hit);
  CHECK(values_in(cut.root) <= patless::limits::kMinNodesVisited + 1);  // and the one cut there
  CHECK(values_in(cut.root) > patless::limits::kMinNodesVisited / 2);
}

TEST_CASE("aliases that repeat a document some times over are read whole", "[hostile]") {
  // A map of 50 labels used 400 times: 20,000 values from 4 KB, more than anchors do in real files.
  std::string yaml = "labels: &labels {";
  for (int i = 0; i < 50; ++i) yaml += (i ? ", k" : "k") + std::to_string(i) + ": v";
  yaml += "}\nitems:\n";
  for (int i = 0; i < 400; ++i) yaml += "  - *labels\n";
  patless::SourceText src(yaml);
  patless::YamlDocument read;
  CHECK_FALSE(patless::YamlDocuments(src).read(yaml, [&](patless::YamlDocument& d) { read = std::move(d); }));
  CHECK_FALSE(read.limit_hit);
  CHECK(values_in(read.root) > 20'000);
}

TEST_CASE("65,536 unclosed brackets in a Bicep file are a PL001, not a double free", "[hostile]") {
  // libtree-sitter 0.20.7 counts a node's children in 16 bits: the ERROR node that
  // recovery builds here wrapped, and deleting the tree aborted the process.
  for (size_t n : {65'536u, 70'000u})
    CHECK(lint("brackets.bicep", "var x = " + std::string(n, '[') + "\n") == std::vector<std::string>{"PL001 1:1"});
}

TEST_CASE("65,536 comments in a row in a valid Bicep file are read, not a double free", "[hostile]") {
  // Comments are extras: the grammar made them children of one node, whose 16-bit
  // count wrapped (the file is valid, so no error marked the tree as at risk).
  std::string lines;
  for (int i = 0; i < 70'000; ++i) lines += "// a comment\n";
  CHECK(lint("comments.bicep", lines + "var x = 1\n").empty());
  std::string blocks;
  for (int i = 0; i < 70'000; ++i) blocks += "/**/";
  CHECK(lint("blocks.bicep", "var x = [\n  1 " + blocks + "\n]\n").empty());
  // An unterminated one is still the grammar's to fail on.
  CHECK(lint("open.bicep", "var x = 1\n/* no end\n") == std::vector<std::string>{"PL001 2:1"});
}

TEST_CASE("binary bytes in a .bicep file are a PL001", "[hostile]") {
  std::string binary("resource x 'A/b@2020-01-01' = {\n\x01\x02\xff\xfe\x00\x10 }\n", 41);
  CHECK(lint("binary.bicep", binary) == std::vector<std::string>{"PL001 2:5"});
  std::string no_nul = "\x7f\x45\x4c\x46\x02\x01\x01\xff\xfe\x03";
  auto findings = lint("elf.bicep", no_nul);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rfind("PL001 1:", 0) == 0);
}

TEST_CASE("empty files are silent", "[hostile]") {
  CHECK(lint("empty.bicep", "").empty());
  CHECK(lint("empty.bicepparam", "").empty());
  CHECK(lint("empty.json", "").empty());
  CHECK(lint("empty.yaml", "").empty());
}

TEST_CASE("deeply nested Bicep is a PL001, not a stack overflow", "[hostile]") {
  std::string deep = "var x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  // A template of the chain is read whole, so the limit applies.
  std::string cluster = "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n"
                        "  name: 'aks1'\n}\n";
  auto findings = lint("deep.bicep", cluster + deep);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rfind("PL001 4:", 0) == 0);
  // Outside the chain the file is only parsed (grammars/read_document.h): nothing to read too deep.
  CHECK(lint("deep.bicep", deep).empty());
}

TEST_CASE("a stray ',' that makes yaml-cpp loop forever is a PL001, fast (found by fuzz_yaml)", "[hostile]") {
  auto top = lint("a.yaml", "apiVersion: v1\nkind: ConfigMap\n,oops\n");
  REQUIRE(top.size() == 1);
  CHECK(top[0] == "PL001 3:1");
  // The input libFuzzer found, as a kustomization's inline patch.
  auto patch = lint("kustomization.yaml",
                    "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - patch: |\n"
                    "      ,r\x88\x04'&A\n      tru\n    target:\n      kind: Deployment\n");
  REQUIRE(patch.size() == 1);
  CHECK(patch[0] == "PL001 5:9");  // yaml-cpp stops at the control byte of the outer file first
  auto plain_patch = lint("kustomization.yaml",
                          "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n  - patch: |\n"
                          "      ,r'&A\n      tru\n    target:\n      kind: Deployment\n");
  REQUIRE(plain_patch.size() == 1);
  CHECK(plain_patch[0] == "PL001 4:12");  // the patch's own error: at the patch
  // Another input fuzz_yaml found: a ',' right after an anchor. yaml-cpp alone never returns on it.
  auto anchor = lint("c.yaml", "apiVersion: v1\nkind: ConfigMap\n---\n &r:M, CRLF\nkind: GitRepository\n");
  REQUIRE(anchor.size() == 1);
  CHECK(anchor[0] == "PL001 4:6");
  // A ',' inside a block scalar, a quoted scalar or a flow collection is content, not an error.
  CHECK(lint("b.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n    ,one\n  b: \"x\n    ,y\"\n  c: [1\n    ,2]\n")
            .empty());
}

namespace {

// The microsoft.flux extension on `aks`, running Flux as identity `id`.
const char* const kFluxExtension =
    "resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {\n"
    "  name: 'flux'\n"
    "  scope: aks\n"
    "  properties: {\n"
    "    extensionType: 'microsoft.flux'\n"
    "    configurationSettings: { 'workloadIdentity.enable': 'true', 'workloadIdentity.azureClientId': "
    "id.properties.clientId }\n"
    "  }\n"
    "}\n";

// Scans `dir` and checks that it took less than `seconds`.
patless::ScanResult scan_within(const std::filesystem::path& dir, double seconds) {
  patless::ScanOptions options;
  options.paths = {dir.string()};
  auto start = std::chrono::steady_clock::now();
  auto result = patless::scan(options);
  CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < seconds);
  return result;
}

}  // namespace

TEST_CASE("module loops inside module loops are bounded, and the credentials they reach still checked", "[hostile]") {
  // Five levels of 64 passes: 64^5 deployments if every loop were expanded.
  TempDir dir;
  for (int level = 0; level < 5; ++level)
    std::ofstream(dir.path / ("level" + std::to_string(level) + ".bicep"))
        << "param n int = 0\n"
           "module next 'level" << level + 1 << ".bicep' = [for i in range(0, 64): {\n"
           "  name: 'l" << level << "-${i}'\n"
           "  params: { n: i }\n"
           "}]\n";
  std::ofstream(dir.path / "level5.bicep")
      << "param n int = 0\n"
         "resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {\n"
         "  name: 'id-flux-deep'\n"
         "}\n"
         "resource c 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {\n"
         "  parent: id\n"
         "  name: 'flux-${n}'\n"
         "  properties: {\n"
         "    issuer: 'https://issuer.example'\n"
         "    subject: 'system:serviceaccount:flux-system:source-controler'\n"
         "    audiences: [ 'api://AzureADTokenExchange' ]\n"
         "  }\n"
         "}\n";
  std::ofstream(dir.path / "main.bicep")
      << "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n"
         "  name: 'aks-deep'\n"
         "  properties: { oidcIssuerProfile: { enabled: true }, securityProfile: { workloadIdentity: { enabled: true } } }\n"
         "}\n"
         "resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {\n"
         "  name: 'id-flux-deep'\n"
         "}\n"
         << kFluxExtension << "module deep 'level0.bicep' = { name: 'deep' }\n";
  auto result = scan_within(dir.path, 30.0);
  // The credential's typo is reported once, at its one place, however many passes deploy it.
  size_t typos = 0;
  for (const auto& f : result.findings)
    if (f.rule_id == "PL402") {
      ++typos;
      CHECK(f.path.ends_with("level5.bicep"));
      CHECK(f.range.start_line == 10);
    }
  CHECK(typos == 1);
}

TEST_CASE("existing clusters and identities in thousands of scoped module passes are linked in bounded time",
          "[hostile]") {
  // 4,096 deployments, each reading the cluster and the identity as existing in the
  // resource group its module loop names: as many nodes to link by name and group.
  TempDir dir;
  for (int level = 0; level < 4; ++level)
    std::ofstream(dir.path / ("level" + std::to_string(level) + ".bicep"))
        << "module next 'level" << level + 1 << ".bicep' = [for i in range(0, 64): {\n"
           "  name: 'l" << level << "-${i}'\n"
           "  scope: resourceGroup('rg-${i}')\n"
           "}]\n";
  std::ofstream(dir.path / "level4.bicep")
      << "resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {\n"
         "  name: 'id-flux'\n"
         "}\n"
         "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {\n"
         "  name: 'aks1'\n"
         "}\n"
         "resource c 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {\n"
         "  parent: id\n"
         "  name: 'flux'\n"
         "  properties: {\n"
         "    issuer: aks.properties.oidcIssuerProfile.issuerURL\n"
         "    subject: 'system:serviceaccount:flux-system:source-controler'\n"
         "    audiences: [ 'api://AzureADTokenExchange' ]\n"
         "  }\n"
         "}\n"
         << kFluxExtension;
  auto result = scan_within(dir.path, 30.0);
  size_t typos = 0, others = 0;
  for (const auto& f : result.findings) {
    if (f.rule_id == "PL402" && f.path.ends_with("level4.bicep") && f.range.start_line == 12) ++typos;
    else if (!f.suppressed) ++others;
  }
  CHECK(typos == 1);
  CHECK(others == 0);  // one cluster per resource group: no credential trusts another cluster's issuer
}

TEST_CASE("a kustomize target pattern that backtracks forever, against a 200,000-byte name, ends fast", "[hostile]") {
  // std::regex took exponential time on `(a*)*b`, and overflowed the stack on a long name.
  TempDir dir;
  std::ofstream(dir.path / "sa.yaml") << "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: "
                                      << std::string(200000, 'a') << "\n  namespace: flux-system\n";
  std::ofstream(dir.path / "kustomization.yaml")
      << "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - sa.yaml\n"
         "patches:\n"
         "  - patch: |-\n      apiVersion: v1\n      kind: ServiceAccount\n      metadata:\n        name: x\n"
         "    target:\n      kind: (Service)*Account\n      name: \"(a*)*b\"\n"
         "  - patch: |-\n      apiVersion: v1\n      kind: ServiceAccount\n      metadata:\n        name: x\n"
         "    target:\n      name: \"(a|b)*\"\n";
  auto result = scan_within(dir.path, 30.0);
  CHECK(result.findings.empty());
}

namespace {

// A cluster that needs workload identity (its extension is microsoft.flux), with
// `enabled` read from `expression` after the declarations `declarations`.
std::string cluster_reading(const std::string& declarations, const std::string& expression) {
  return declarations +
         "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n"
         "  name: 'aks'\n  location: 'westeurope'\n  identity: { type: 'SystemAssigned' }\n"
         "  properties: {\n    oidcIssuerProfile: { enabled: true }\n"
         "    securityProfile: { workloadIdentity: { enabled: " +
         expression +
         " } }\n  }\n}\n"
         "resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {\n"
         "  name: 'flux'\n  scope: aks\n  properties: { extensionType: 'microsoft.flux' }\n}\n";
}

}  // namespace

TEST_CASE("declarations that repeat each other forty levels deep are evaluated in bounded time", "[hostile]") {
  // 4^40 copies of 'x' in full: what evaluation makes or copies is bounded, and
  // what it does not reach is unknown. The array it is is still not `true`.
  std::ostringstream vars;
  vars << "var a0 = 'x'\n";
  for (int i = 1; i < 40; ++i)
    vars << "var a" << i << " = [a" << i - 1 << ", a" << i - 1 << ", a" << i - 1 << ", a" << i - 1 << "]\n";
  CHECK(lint("main.bicep", cluster_reading(vars.str(), "a39")) == std::vector<std::string>{"PL302 47:53"});
  CHECK(lint("main.bicep", cluster_reading(vars.str(), "length(a39) == 4")).empty());
  // For-expressions that repeat their items: each level eight times the one before.
  std::ostringstream loops;
  loops << "var a0 = [for i in range(0, 100): 'item-${i}']\n";
  for (int i = 1; i < 13; ++i) loops << "var a" << i << " = [for x in a" << i - 1 << ": [x, x, x, x, x, x, x, x]]\n";
  CHECK(lint("main.bicep", cluster_reading(loops.str(), "a12")) == std::vector<std::string>{"PL302 20:53"});
}

TEST_CASE("a declaration that reads itself is unknown, not a hang (found by fuzz_pipeline)", "[hostile]") {
  // Error recovery put a loop over `clusters` into the default of `clusters`, twice:
  // each read of it read it four times more, 64 levels deep. Bicep rejects a cycle.
  const std::string self =
      "param clusters array = [\n  [for c in clusters: c]\n  [for c in clusters: c]\n"
      "  [for c in clusters: c]\n  [for c in clusters: c]\n]\n";
  CHECK(lint("main.bicep", cluster_reading(self, "length(clusters) == 4")).empty());
  CHECK(lint("main.bicep", cluster_reading(self, "clusters")) == std::vector<std::string>{"PL302 13:53"});
  const std::string cycle = "var a = [b, b, b, b]\nvar b = [a, a, a, a]\n";
  CHECK(lint("main.bicep", cluster_reading(cycle, "a")) == std::vector<std::string>{"PL302 9:53"});
  CHECK(lint("main.bicep", cluster_reading("var a = b\nvar b = a\n", "a")).empty());  // unknown
}
