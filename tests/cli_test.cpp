// End-to-end tests through the real binary: golden outputs, exit codes, SARIF
// shape, atomic --output, stable fingerprints.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <climits>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "cli/config.h"
#include "cli/selection_cache.h"
#include "cli/utf8.h"
#include "grammars/read_document.h"
#include "grammars/text_encoding.h"
#include "rules/engine/rule.h"
#include "tests/read_text.h"

namespace fs = std::filesystem;

namespace {

struct Run {
  int exit_code = -1;
  std::string out, err;
};

fs::path temp_dir() {
  fs::path p = fs::temp_directory_path() /
               ("patless-cli-" + std::to_string(::getpid()) + "-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  fs::create_directories(p);
  return p;
}

// `text` as one shell word.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// testdata/examples copied to `at`, made a git repository (nothing committed).
void example_repository(const fs::path& at) {
  fs::copy(fs::path(PATLESS_SOURCE_DIR) / "testdata/examples", at, fs::copy_options::recursive);
  REQUIRE(std::system(("git init -q " + quoted(at.string())).c_str()) == 0);
}

// The example repository at `at` with `config` as its .patless.yaml.
void example_repository(const fs::path& at, const std::string& config) {
  example_repository(at);
  std::ofstream(at / ".patless.yaml") << config;
}

// Runs the binary from `cwd`, its output kept outside it, and the cache of a
// run with files named too (unless `env` sets PATLESS_CACHE_DIR).
Run run_patless_in(const fs::path& cwd, const std::string& args, const std::string& env = "NO_COLOR=1",
                   const std::string& binary = PATLESS_BINARY) {
  fs::path dir = temp_dir();
  std::string cmd = "cd " + quoted(cwd.string()) + " && PATLESS_CACHE_DIR=" + quoted((dir / "cache").string()) + " " +
                    env + " " + quoted(binary) + " " + args + " >" + quoted((dir / "out").string()) + " 2>" +
                    quoted((dir / "err").string()) + " </dev/null";
  int status = std::system(cmd.c_str());
  Run r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(dir / "out");
  r.err = read_text(dir / "err");
  fs::remove_all(dir);
  return r;
}

// Runs the binary from the source root, as a user in a checkout would.
Run run_patless(const std::string& args, const std::string& env = "NO_COLOR=1",
                const std::string& binary = PATLESS_BINARY) {
  return run_patless_in(PATLESS_SOURCE_DIR, args, env, binary);
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

TEST_CASE("golden CLI cases in testdata/cli", "[cli]") {
  fs::path root = fs::path(PATLESS_SOURCE_DIR) / "testdata" / "cli";
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory() || !fs::exists(entry.path() / "args")) continue;
    ++cases;
    INFO("case " << entry.path().filename().string());
    // HOME is the case's own (home/, mostly absent): Bicep's module cache is ~/.bicep.
    Run r = run_patless(trim(read_text(entry.path() / "args")),
                        "NO_COLOR=1 HOME='" + (entry.path() / "home").string() + "'");
    CHECK(r.exit_code == std::stoi(read_text(entry.path() / "exit_code")));
    // @SOURCE@ stands for the checkout's path, which absolute paths in the output start with.
    std::string expected = read_text(entry.path() / "expected.txt");
    for (size_t at; (at = expected.find("@SOURCE@")) != std::string::npos;)
      expected.replace(at, 8, PATLESS_SOURCE_DIR);
    CHECK(r.out == expected);
    if (fs::exists(entry.path() / "expected_stderr.txt")) CHECK(r.err == read_text(entry.path() / "expected_stderr.txt"));
  }
  CHECK(cases >= 5);
}

TEST_CASE("SARIF on stdout is one JSON document with the full driver and results", "[cli][sarif]") {
  Run r = run_patless("check testdata/examples --format sarif");
  REQUIRE(r.exit_code == 1);
  auto log = nlohmann::json::parse(r.out);  // throws if anything else is mixed in
  CHECK(log["version"] == "2.1.0");
  const auto& run = log["runs"][0];
  const auto& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "patless");
  CHECK(driver["rules"].size() == ::patless::all_rules().size());
  CHECK(driver["rules"][4]["id"] == "PL102");
  CHECK(driver["rules"][4]["help"]["markdown"].get<std::string>().rfind("# PL102", 0) == 0);
  CHECK(driver["rules"][4]["properties"]["security-severity"] == "7.5");
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"].get<std::string>().rfind("file:///", 0) == 0);
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
  CHECK(run["columnKind"] == "unicodeCodePoints");

  const auto& results = run["results"];
  REQUIRE(results.size() == 12);
  // The PL101 finding: its location, rule index, fingerprint and fix.
  const nlohmann::json* pl101 = nullptr;
  for (const auto& res : results)
    if (res["ruleId"] == "PL101") pl101 = &res;
  REQUIRE(pl101);
  CHECK((*pl101)["ruleIndex"] == 3);
  CHECK((*pl101)["level"] == "error");
  const auto& loc = (*pl101)["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "testdata/examples/infra/main.bicep");
  CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(loc["region"] == nlohmann::json{{"startLine", 54}, {"startColumn", 78}, {"endLine", 54}, {"endColumn", 88}});
  CHECK((*pl101)["partialFingerprints"]["patless/v1"].get<std::string>().size() > 16);
  const auto& replacement = (*pl101)["fixes"][0]["artifactChanges"][0]["replacements"][0];
  CHECK(replacement["insertedContent"]["text"] == "2024-11-01");
}

TEST_CASE("SARIF names a file outside the repository by an absolute file URI, one in it from its top", "[cli][sarif]") {
  // `patless check ../infra` from a sibling directory: `file://../infra/…` would be a URI with
  // the host "..", which code scanning cannot place.
  fs::path top = temp_dir();
  fs::create_directories(top / "plain/infra");
  fs::create_directories(top / "plain/tools");
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", top / "plain/infra/main.bicep");
  auto uri = [](const Run& r) {
    auto log = nlohmann::json::parse(r.out);
    return log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  };
  Run outside = run_patless_in(top / "plain/tools", "check ../infra/main.bicep --format sarif");
  CHECK(outside.exit_code == 1);
  CHECK(uri(outside) ==
        nlohmann::json{{"uri", "file://" + (fs::weakly_canonical(top) / "plain/infra/main.bicep").string()}});

  // The same in a repository: below its top, from wherever in it patless runs.
  REQUIRE(std::system(("git init -q " + quoted((top / "plain").string())).c_str()) == 0);
  const std::pair<const char*, const char*> runs[] = {
      {"plain/tools", "../infra/main.bicep"}, {"plain/infra", "main.bicep"}, {"plain", "infra"}};
  for (const auto& [from, path] : runs) {
    Run inside = run_patless_in(top / from, std::string("check ") + path + " --format sarif");
    CHECK(inside.exit_code == 1);
    CHECK(uri(inside) == nlohmann::json{{"uri", "infra/main.bicep"}, {"uriBaseId", "%SRCROOT%"}});
  }
  fs::remove_all(top);
}

TEST_CASE("CI logging commands name a file from the repository's top, wherever in it patless runs", "[cli]") {
  // GitHub shows an annotation on a pull request's file only by its path from the
  // repository's top; from infra/ it said file=main.bicep.
  fs::path top = temp_dir();
  fs::create_directories(top / "repo/infra");
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", top / "repo/infra/main.bicep");
  REQUIRE(std::system(("git init -q " + quoted((top / "repo").string())).c_str()) == 0);
  Run github = run_patless_in(top / "repo/infra", "check . --format github");
  CHECK(github.exit_code == 1);
  CHECK(github.out.find("::error file=infra/main.bicep,line=15,endLine=15,col=12,endColumn=19,") == 0);
  Run azure = run_patless_in(top / "repo/infra", "check main.bicep --format azure");
  CHECK(azure.exit_code == 1);
  CHECK(azure.out.find("##vso[task.logissue type=error;sourcepath=infra/main.bicep;linenumber=15;columnnumber=12;") ==
        0);
  // Outside a repository: as reported, from the working directory.
  fs::remove_all(top / "repo/.git");
  Run plain = run_patless_in(top / "repo/infra", "check . --format github");
  CHECK(plain.out.find("::error file=main.bicep,line=15,") == 0);
  fs::remove_all(top);
}

TEST_CASE("a file's fingerprint is the same wherever in the repository patless runs", "[cli][sarif]") {
  // PL001 hashes the file's path: it was the path from the working directory.
  fs::path top = temp_dir();
  fs::create_directories(top / "repo/infra");
  std::ofstream(top / "repo/infra/broken.bicep") << "resource x 'A/b@2020-01-01' = {\n";
  REQUIRE(std::system(("git init -q " + quoted((top / "repo").string())).c_str()) == 0);
  auto print = [&](const char* from, const char* path) {
    Run r = run_patless_in(top / from, std::string("check ") + path + " --format sarif");
    CHECK(r.exit_code == 1);
    auto log = nlohmann::json::parse(r.out);
    CHECK(log["runs"][0]["results"][0]["ruleId"] == "PL001");
    return log["runs"][0]["results"][0]["partialFingerprints"]["patless/v1"].get<std::string>();
  };
  CHECK(print("repo", "infra") == print("repo/infra", "."));
  fs::remove_all(top);
}

TEST_CASE("fingerprints survive inserted lines", "[cli][sarif]") {
  fs::path dir = temp_dir();
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", dir / "main.bicep");
  auto prints = [&] {
    Run r = run_patless("check '" + (dir / "main.bicep").string() + "' --format sarif");
    CHECK(r.exit_code == 1);
    std::vector<std::string> out;
    auto log = nlohmann::json::parse(r.out);  // kept alive for the loop below
    for (const auto& res : log["runs"][0]["results"])
      out.push_back(res["partialFingerprints"]["patless/v1"]);
    return out;
  };
  auto before = prints();
  std::string text = read_text(dir / "main.bicep");
  std::ofstream(dir / "main.bicep", std::ios::binary) << "// a new comment\n\n\n" << text;
  auto after = prints();
  fs::remove_all(dir);
  CHECK(before.size() == 4);
  CHECK(before == after);
}

TEST_CASE("the report file of --output is written atomically and keeps the old file on failure", "[cli]") {
  fs::path dir = temp_dir();
  fs::path report = dir / "report.sarif";
  Run ok = run_patless("check testdata/examples --format sarif --output '" + report.string() + "'");
  CHECK(ok.exit_code == 1);
  CHECK(ok.out.empty());
  std::string written = read_text(report);
  CHECK(nlohmann::json::parse(written)["runs"][0]["results"].size() == 12);
  // No temporary file is left behind.
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  CHECK(files == 1);

  Run bad = run_patless("check testdata/examples --format sarif --output '" + (dir / "missing" / "r.sarif").string() + "'");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("cannot create a temporary file") != std::string::npos);
  CHECK(read_text(report) == written);
  fs::remove_all(dir);
}

TEST_CASE("a report written through a link goes to the file it points at with its mode, to a named pipe as it is",
          "[cli]") {
  fs::path dir = temp_dir();
  fs::create_directory(dir / "reports");
  { std::ofstream(dir / "reports" / "patless.sarif") << "old"; }
  fs::permissions(dir / "reports" / "patless.sarif", fs::perms::owner_read | fs::perms::owner_write);
  fs::create_symlink("reports/patless.sarif", dir / "latest.sarif");
  Run linked =
      run_patless("check testdata/examples --format sarif --output " + quoted((dir / "latest.sarif").string()));
  CHECK(linked.exit_code == 1);
  CHECK(fs::is_symlink(dir / "latest.sarif"));  // the link stays
  CHECK(nlohmann::json::parse(read_text(dir / "reports" / "patless.sarif"))["runs"][0]["results"].size() == 12);
  CHECK(fs::status(dir / "reports" / "patless.sarif").permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write));

  // A pipe (as /dev/stdout is, in a pipeline): renaming a file over it would break it.
  REQUIRE(::mkfifo((dir / "pipe").c_str(), 0600) == 0);
  int reader = ::open((dir / "pipe").c_str(), O_RDONLY | O_NONBLOCK);  // the writer does not wait for one
  REQUIRE(reader >= 0);
  Run piped =
      run_patless("check testdata/rules/PL502/bad.yaml --format json --output " + quoted((dir / "pipe").string()));
  CHECK(piped.exit_code == 1);
  std::string got(65536, '\0');
  ssize_t n = ::read(reader, got.data(), got.size());
  ::close(reader);
  REQUIRE(n > 0);
  got.resize(static_cast<size_t>(n));
  CHECK(nlohmann::json::parse(got)["findings"].size() == 2);
  CHECK(fs::is_fifo(dir / "pipe"));
  fs::remove_all(dir);
}

TEST_CASE("check --fix on a file reached through a symbolic link fixes the file and keeps the link and the mode",
          "[cli][fixes]") {
  fs::path dir = temp_dir();
  fs::create_directories(dir / "shared");
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", dir / "shared" / "flux.bicep");
  fs::permissions(dir / "shared" / "flux.bicep",
                  fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  fs::create_directories(dir / "cluster");
  fs::create_symlink("../shared/flux.bicep", dir / "cluster" / "flux.bicep");
  Run fix = run_patless("check " + quoted((dir / "cluster").string()) + " --fix --fail-level none");
  CHECK(fix.exit_code == 0);
  CHECK(fix.err.find("patless: fixed 2 findings in 1 file") == 0);
  CHECK(fs::is_symlink(dir / "cluster" / "flux.bicep"));
  CHECK(read_text(dir / "shared" / "flux.bicep").find("provider: 'Azure'") != std::string::npos);
  CHECK(fs::status(dir / "shared" / "flux.bicep").permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  fs::remove_all(dir);
}

TEST_CASE("one scan writes more formats with --report, each as its own run writes it", "[cli]") {
  fs::path dir = temp_dir();
  Run both =
      run_patless("check testdata/examples --format azure --report " + quoted("sarif:" + (dir / "r.sarif").string()) +
                  " --report " + quoted("junit:" + (dir / "r.xml").string()) + " --fail-level warning");
  CHECK(both.exit_code == 1);
  Run azure = run_patless("check testdata/examples --format azure");
  CHECK(both.out == azure.out);
  CHECK(read_text(dir / "r.xml") == run_patless("check testdata/examples --format junit").out);
  // The same SARIF but for the command line it records.
  auto sarif = nlohmann::json::parse(read_text(dir / "r.sarif"));
  auto alone = nlohmann::json::parse(run_patless("check testdata/examples --format sarif").out);
  sarif["runs"][0]["invocations"][0].erase("commandLine");
  alone["runs"][0]["invocations"][0].erase("commandLine");
  CHECK(sarif == alone);

  Run bad = run_patless("check testdata/examples --report sarif");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--report: expected FORMAT:FILE") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a report that would replace a file the scan read is refused before anything is written", "[cli]") {
  // `-o main.bicep` typed for `-o main.sarif` replaced the template with the report.
  fs::path dir = temp_dir();
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", dir / "main.bicep");
  const std::string before = read_text(dir / "main.bicep");
  for (const char* args : {"check . --format sarif -o main.bicep", "check . --fix --report sarif:./main.bicep"}) {
    Run r = run_patless_in(dir, args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(" is a file this scan read: the report would replace it; write it elsewhere\n") !=
          std::string::npos);
    CHECK(read_text(dir / "main.bicep") == before);  // neither the report nor the fix was written
  }
  // A file outside the chain, which the scan lists only by the reports' names.
  const std::string storage =
      "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n  location: 'westeurope'\n"
      "  kind: 'StorageV2'\n  sku: { name: 'Standard_LRS' }\n}\n";
  { std::ofstream(dir / "storage.bicep") << storage; }
  for (const char* args : {"check . --format json -o storage.bicep", "check . --report junit:storage.bicep"}) {
    Run r = run_patless_in(dir, args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("storage.bicep is a file this scan read") != std::string::npos);
    CHECK(read_text(dir / "storage.bicep") == storage);
  }
  fs::remove_all(dir);
}

TEST_CASE("JSON output lists findings with positions", "[cli]") {
  Run r = run_patless("check testdata/rules/PL502/bad.yaml --format json");
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 2);
  CHECK(j["findings"][0]["rule"] == "PL502");
  CHECK(j["findings"][0]["line"] == 10);
  CHECK(j["findings"][0]["column"] == 13);
  // Every key the README documents.
  Run p = run_patless("check testdata/cli/params_flag/template --params testdata/cli/params_flag/prod.parameters.json "
                      "--format json");
  auto k = nlohmann::json::parse(p.out);
  for (const char* key : {"version", "findings", "skipped", "notes"}) CHECK(k.contains(key));
  REQUIRE(k["findings"].size() == 1);
  const auto& f = k["findings"][0];
  for (const char* key : {"rule", "level", "message", "path", "line", "column", "endLine", "endColumn", "fingerprint"})
    CHECK(f.contains(key));
  REQUIRE(f["related"].size() == 2);
  for (const char* key : {"path", "line", "column", "message"}) CHECK(f["related"][1].contains(key));
  CHECK(f["related"][1]["message"] == "the URL, as written here");
}

TEST_CASE("the JSON report, written a finding at a time, is the bytes of nlohmann's dump of the whole log", "[cli]") {
  // Findings with related locations, skipped files, notes, and nothing at all.
  for (const char* args :
       {"check testdata/examples --format json", "check testdata/examples --format json --max-file-size 0.001",
        "check testdata/cli/registry_module --format json", "check testdata/rules/PL101/good.bicep --format json"}) {
    Run r = run_patless(args);
    INFO(args);
    CHECK(nlohmann::ordered_json::parse(r.out).dump(2) + "\n" == r.out);
  }
}

TEST_CASE("check FILE --params P in a repository deploys FILE with P, a JSON parameters file for a Bicep file too",
          "[cli][pre-commit]") {
  // The selection of the repository's files around FILE dropped P: "No findings".
  fs::path top = temp_dir();
  example_repository(top / "repo");
  const fs::path fixture = fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/json_parameters_bicep";
  fs::create_directories(top / "repo/flux");
  fs::copy_file(fixture / "main.bicep", top / "repo/flux/main.bicep");
  fs::copy_file(fixture / "other.parameters.json", top / "repo/prod.json");
  Run run = run_patless_in(top / "repo", "check flux/main.bicep --params prod.json");
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("flux/main.bicep:15:12: error[PL102]: gitRepository.url 'https://dev.azure.com/contoso/infra/_git/"
                     "other' is an Azure DevOps repository") == 0);
  CHECK(run.out.find("  note: prod.json:5:27: the URL, as written here\n") != std::string::npos);
  CHECK(run.out.find("1 error, 0 warnings, 0 notes in 1 file.") != std::string::npos);
  fs::remove_all(top);
}

TEST_CASE("fail levels set the exit code", "[cli]") {
  CHECK(run_patless("check testdata/rules/PL101/bad.bicep --fail-level error").exit_code == 1);
  CHECK(run_patless("check testdata/rules/PL101/good.bicep --fail-level note").exit_code == 0);
  // Only a warning in this file's scan: below the default fail level.
  CHECK(run_patless("check testdata/rules/PL501/bad.yaml --fail-level none").exit_code == 0);
}

TEST_CASE("colour only when asked for by a terminal, never with NO_COLOR", "[cli]") {
  Run r = run_patless("check testdata/rules/PL502/bad.yaml", "NO_COLOR=");
  CHECK(r.out.find('\x1b') == std::string::npos);  // stdout is a file here, not a TTY
}

TEST_CASE("version and explain", "[cli]") {
  Run v = run_patless("version");
  CHECK(v.exit_code == 0);
  CHECK(v.out == "patless " PATLESS_VERSION "\n");
  Run e = run_patless("explain pl301");
  CHECK(e.exit_code == 0);
  CHECK(e.out.rfind("# PL301 cluster-oidc-issuer", 0) == 0);
  CHECK(run_patless("explain PL999").exit_code == 2);
}

TEST_CASE("suppressed findings stay in SARIF with their reason and do not fail the run", "[cli][sarif]") {
  Run r = run_patless("check testdata/rules/PL002/good.bicep --format sarif");
  CHECK(r.exit_code == 0);
  auto log = nlohmann::json::parse(r.out);
  const auto& results = log["runs"][0]["results"];
  REQUIRE(results.size() == 3);
  CHECK(results[0]["suppressions"][0]["kind"] == "inSource");
  CHECK(results[0]["suppressions"][0]["justification"] == "the repository moves to workload identity in PLAT-123");
  CHECK(results[1]["suppressions"][0].count("justification") == 0);  // Bicep's #disable-next-line has no reason
  // Words of a reason that start like an id are the reason, not unknown ids (PL002).
  CHECK(results[2]["suppressions"][0]["justification"] == "placed here until the plan of PLAT-9 lands");
}

TEST_CASE("init writes a starter configuration that check accepts, and keeps an existing one", "[cli][config]") {
  fs::path dir = temp_dir();
  std::string in_dir = "cd '" + dir.string() + "' && '" + PATLESS_BINARY + "' ";
  CHECK(std::system((in_dir + "init >/dev/null").c_str()) == 0);
  CHECK(read_text(dir / ".patless.yaml").find("fail-level: error") != std::string::npos);
  CHECK(WEXITSTATUS(std::system((in_dir + "init 2>/dev/null").c_str())) == 2);
  CHECK(WEXITSTATUS(std::system((in_dir + "check . >/dev/null").c_str())) == 0);
  fs::remove_all(dir);
}

TEST_CASE("exclude globs of --config given as a bare file name are relative to the current directory",
          "[cli][config]") {
  fs::path dir = temp_dir();
  fs::create_directories(dir / "skip");
  { std::ofstream(dir / ".patless.yaml") << "exclude:\n  - 'skip/**'\n"; }
  { std::ofstream(dir / "skip" / "broken.bicep") << "resource x 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"; }
  { std::ofstream(dir / "main.bicep") << "param name string = 'x'\n"; }
  Run r = run_patless("check . --config .patless.yaml", "cd '" + dir.string() + "' && NO_COLOR=1");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "No findings in 1 file.\n");
  fs::remove_all(dir);
}

TEST_CASE("configuration globs", "[config]") {
  CHECK(patless::glob_match("samples/**", "samples/flux/a.bicep"));
  CHECK(patless::glob_match("**/tests/e2e/**", "avm/res/x/tests/e2e/max/main.test.bicep"));
  CHECK(patless::glob_match("**/tests/e2e/**", "tests/e2e/a.bicep"));
  CHECK(patless::glob_match("*.json", "azuredeploy.json"));
  CHECK_FALSE(patless::glob_match("*.json", "arm/azuredeploy.json"));
  CHECK(patless::glob_match("arm/?zuredeploy.json", "arm/azuredeploy.json"));
  CHECK_FALSE(patless::glob_match("samples/**", "infra/samples/a.bicep"));
}

TEST_CASE("check --fix rewrites in place keeping BOM and CRLF, and a second run has nothing left to fix", "[cli][fixes]") {
  fs::path dir = temp_dir();
  for (const char* f : {"PL102/bom_crlf.bicep", "PL101/bad.json", "PL501/bad.yaml"})
    fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules" / f, dir / fs::path(f).filename());
  std::string before = read_text(dir / "bom_crlf.bicep");
  Run diff = run_patless("check '" + dir.string() + "' --diff");
  CHECK(diff.exit_code == 1);
  CHECK(diff.out.find("+      provider: 'Azure'\r\n") != std::string::npos);
  CHECK(read_text(dir / "bom_crlf.bicep") == before);  // --diff writes nothing

  Run fix = run_patless("check '" + dir.string() + "' --fix --fail-level none");
  CHECK(fix.exit_code == 0);
  CHECK(fix.err.find("patless: fixed ") == 0);
  std::string after = read_text(dir / "bom_crlf.bicep");
  CHECK(after.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(after.size() == before.size() + std::string("      provider: 'Azure'\r\n").size());
  for (size_t i = 0; i < after.size(); ++i)
    if (after[i] == '\n') CHECK((i > 0 && after[i - 1] == '\r'));  // no bare LF came in

  Run again = run_patless("check '" + dir.string() + "' --diff");
  CHECK(again.exit_code == 0);
  CHECK(again.out.empty());
  fs::remove_all(dir);
}

TEST_CASE("UTF-16 files: read, shown in UTF-8, fixed in UTF-16, not shown as a diff", "[cli][fixes][encoding]") {
  // What Windows PowerShell's `>` writes. The UTF-8 copy's results are the expected ones.
  fs::path dir = temp_dir();
  fs::create_directories(dir / "utf8");
  fs::create_directories(dir / "utf16");
  auto encoding_of = [](const std::string& name) {  // both byte orders
    return name == "bad.yaml" ? patless::TextEncoding::Utf16BE : patless::TextEncoding::Utf16LE;
  };
  std::map<std::string, std::string> originals;  // name -> UTF-8 text
  for (const char* f : {"PL101/bad.json", "PL501/bad.yaml", "PL102/bad.bicep"}) {
    const std::string text = "\xEF\xBB\xBF" + read_text(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules" / f);
    const std::string name = fs::path(f).filename().string();
    originals[name] = text;
    std::ofstream(dir / "utf8" / name, std::ios::binary) << text;
    std::ofstream(dir / "utf16" / name, std::ios::binary) << patless::encode_from_utf8(text, encoding_of(name));
  }
  Run utf8 = run_patless_in(dir / "utf8", "check .");
  Run utf16 = run_patless_in(dir / "utf16", "check .");
  CHECK(utf8.exit_code == 1);
  CHECK(utf16.exit_code == 1);
  CHECK(utf16.out == utf8.out);  // the same findings, places and source lines
  CHECK(utf16.out.find("error[PL101]") != std::string::npos);

  Run diff = run_patless_in(dir / "utf16", "check . --diff");
  CHECK(diff.exit_code == 2);
  CHECK(diff.out.empty());
  CHECK(diff.err.find("patless: cannot show the fixes of bad.json as a diff: it is UTF-16LE text (--fix applies "
                      "them)\n") != std::string::npos);

  Run fix8 = run_patless_in(dir / "utf8", "check . --fix --fail-level none");
  Run fix16 = run_patless_in(dir / "utf16", "check . --fix --fail-level none");
  CHECK(fix16.exit_code == 0);
  CHECK(fix16.err == fix8.err);
  for (const auto& [name, original] : originals) {
    INFO(name);
    const std::string fixed = read_text(dir / "utf8" / name);
    CHECK(fixed != original);  // each file had something to fix
    CHECK(read_text(dir / "utf16" / name) == patless::encode_from_utf8(fixed, encoding_of(name)));
  }
  fs::remove_all(dir);
}

TEST_CASE("check FILE reads a caller saved as UTF-16 around it", "[cli][pre-commit][encoding]") {
  fs::path repo = temp_dir();
  example_repository(repo);
  const fs::path caller = repo / "infra/main.bicep";
  const std::string utf16 =
      patless::encode_from_utf8("\xEF\xBB\xBF" + read_text(caller), patless::TextEncoding::Utf16LE);
  std::ofstream(caller, std::ios::binary) << utf16;
  Run run = run_patless_in(repo / "infra/modules", "check identity.bicep");
  CHECK(run.exit_code == 1);
  INFO(run.out);
  // The subject finding needs main.bicep, which deploys this module on the cluster the extension is on.
  CHECK(run.out.find("identity.bicep:15:14: error[PL402]") == 0);
  fs::remove_all(repo);
}

TEST_CASE("a module or kustomize resource named in other letter case than its file is a note", "[cli]") {
  // Found on Windows and macOS, not on Linux, where CI and Flux run; a remote kustomize resource is no file.
  fs::path dir = temp_dir();
  fs::create_directories(dir / "flux");
  std::ofstream(dir / "main.bicep") << "module id './Identity.bicep' = {\n  name: 'id'\n}\n";
  std::ofstream(dir / "identity.bicep") << "param p string = ''\n";
  std::ofstream(dir / "flux/kustomization.yaml")
      << "resources:\n  - github.com/org/repo//deploy?ref=v1\n  - git@github.com:org/repo.git\n";
  Run run = run_patless_in(dir, "check main.bicep flux/kustomization.yaml");
  CHECK(run.exit_code == 0);
  CHECK(run.out ==
        "patless: note: main.bicep names Identity.bicep, which is not there; identity.bicep is. Windows and macOS "
        "take one for the other; on Linux, where CI and Flux run, Bicep and kustomize do not find it. What it would "
        "deploy or build is unknown.\nNo findings in 2 files.\n");
  fs::remove_all(dir);
}

TEST_CASE("check FILE reports on that file with the repository around it as context", "[cli][pre-commit]") {
  fs::path repo = temp_dir();
  example_repository(repo);
  Run run = run_patless_in(repo / "infra/modules", "check identity.bicep");
  CHECK(run.exit_code == 1);
  const std::string& text = run.out;
  INFO(text);
  // The subject finding needs main.bicep, which deploys this module on the cluster the extension is on.
  CHECK(text.find("identity.bicep:15:14: error[PL402]") == 0);
  CHECK(text.find("main.bicep:16:3: error[PL302]") == std::string::npos);  // not a named file
  CHECK(text.find("1 error, 0 warnings, 0 notes in 1 file.") != std::string::npos);
  // Related places are written from the current directory, as the named file is.
  CHECK(text.find("  note: ../main.bicep:32:1: deployed by module 'fluxIdentity'") != std::string::npos);

  // SARIF: %SRCROOT% is the repository's top, wherever patless runs in it, and both places are
  // below it (the related one was `file://../../infra/main.bicep`, whose host is "..", then an
  // absolute URI; the named one was relative to infra/modules, where code scanning looks for nothing).
  Run sarif = run_patless_in(repo / "infra/modules", "check identity.bicep --format sarif");
  CHECK(sarif.exit_code == 1);
  auto log = nlohmann::json::parse(sarif.out);
  CHECK(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] ==
        "file://" + fs::weakly_canonical(repo).string() + "/");
  const auto& result = log["runs"][0]["results"][0];
  CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"] ==
        nlohmann::json{{"uri", "infra/modules/identity.bicep"}, {"uriBaseId", "%SRCROOT%"}});
  CHECK(result["relatedLocations"][0]["physicalLocation"]["artifactLocation"] ==
        nlohmann::json{{"uri", "infra/main.bicep"}, {"uriBaseId", "%SRCROOT%"}});

  // A file named by its absolute path: the related locations are absolute too.
  Run absolute = run_patless("check '" + (repo / "infra/modules/identity.bicep").string() + "'");
  CHECK(absolute.out.find("  note: " + (repo / "infra/main.bicep").string() + ":32:1: deployed by module") !=
        std::string::npos);
  fs::remove_all(repo);
}

TEST_CASE("check FILE keeps what it learnt of the repository in .patless_cache, which git ignores",
          "[cli][pre-commit][cache]") {
  fs::path repo = temp_dir();
  example_repository(repo);
  // Files changed less than kRacySeconds ago are read each time, not kept.
  std::this_thread::sleep_for(std::chrono::seconds(patless::SelectionCache::kRacySeconds) +
                              std::chrono::milliseconds(200));
  const std::string default_place = "PATLESS_CACHE_DIR= NO_COLOR=1";  // the harness sets its own
  Run first = run_patless_in(repo / "infra/modules", "check identity.bicep", default_place);
  CHECK(first.exit_code == 1);
  CHECK(fs::is_regular_file(repo / ".patless_cache/selection"));
  CHECK(std::system(("git -C " + quoted(repo.string()) + " check-ignore -q .patless_cache/selection").c_str()) == 0);
  CHECK(std::system(("git -C " + quoted(repo.string()) + " check-ignore -q .patless_cache/.gitignore").c_str()) == 0);
  // The next run reports the same, the cache read.
  Run second = run_patless_in(repo / "infra/modules", "check identity.bicep", default_place);
  CHECK(second.exit_code == 1);
  CHECK(second.out == first.out);
  CHECK(second.err == first.err);
  // --no-cache keeps nothing; PATLESS_CACHE_DIR puts the cache elsewhere.
  fs::remove_all(repo / ".patless_cache");
  Run none = run_patless_in(repo / "infra/modules", "check identity.bicep --no-cache", default_place);
  CHECK(none.out == first.out);
  CHECK_FALSE(fs::exists(repo / ".patless_cache"));
  fs::path elsewhere = temp_dir();
  Run moved = run_patless_in(repo / "infra/modules", "check identity.bicep",
                             "PATLESS_CACHE_DIR=" + quoted((elsewhere / "c").string()) + " NO_COLOR=1");
  CHECK(moved.out == first.out);
  CHECK(fs::is_regular_file(elsewhere / "c/selection"));
  CHECK_FALSE(fs::exists(repo / ".patless_cache"));
  // A whole scan keeps nothing: it reads every file anyway.
  run_patless_in(repo, "check .", default_place);
  CHECK_FALSE(fs::exists(repo / ".patless_cache"));
  fs::remove_all(repo);
  fs::remove_all(elsewhere);
}

TEST_CASE("check FILE reports what the file takes part in elsewhere, not what the modules it deploys had",
          "[cli][pre-commit]") {
  fs::path repo = temp_dir();
  auto write = [&](const char* name, const char* text) { std::ofstream(repo / name, std::ios::binary) << text; };
  write("aks.bicep", R"(resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {
  name: 'aks-prod'
  location: 'westeurope'
  identity: { type: 'SystemAssigned' }
  properties: {
    dnsPrefix: 'aks-prod'
    kubernetesVersion: '1.30.6'
    oidcIssuerProfile: { enabled: false }
    securityProfile: { workloadIdentity: { enabled: true } }
  }
}
)");
  // Puts Flux on that cluster, from another deployment; its own API version is old.
  write("flux.bicep", R"(resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {
  name: 'aks-prod'
}
resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: { extensionType: 'microsoft.flux', autoUpgradeMinorVersion: true }
}
resource cfg 'Microsoft.KubernetesConfiguration/fluxConfigurations@2023-05-01' = {
  name: 'cfg'
  scope: aks
  properties: { gitRepository: { url: 'https://github.com/contoso/fleet', provider: 'GitHub' } }
}
)");
  write("main.bicep", "module flux 'flux.bicep' = { name: 'flux' }\n");
  REQUIRE(std::system(("git -C '" + repo.string() + "' init -q").c_str()) == 0);
  auto check = [&](const std::string& named) { return run_patless_in(repo, "check " + named).out; };
  // The cluster's finding has a related place in flux.bicep: the extension that needs the issuer.
  std::string flux = check("flux.bicep");
  INFO(flux);
  CHECK(flux.find("aks.bicep:8:35: error[PL301]") != std::string::npos);
  CHECK(flux.find("  note: flux.bicep:4:1: the microsoft.flux extension on this cluster") != std::string::npos);
  CHECK(flux.find("flux.bicep:9:68: error[PL101]") != std::string::npos);
  // main.bicep only deploys flux.bicep: neither finding is main.bicep's.
  CHECK(check("main.bicep").find("No findings in 1 file.") == 0);
  fs::remove_all(repo);
  // What `check --help` says of the files named.
  CHECK(run_patless("check --help").out.find("the findings they take part in") != std::string::npos);
}

TEST_CASE("check FILE --fix changes only the files named", "[cli][pre-commit][fix]") {
  fs::path repo = temp_dir();
  auto write = [&](const char* name, const char* text) { std::ofstream(repo / name, std::ios::binary) << text; };
  const char* module = R"(param version string
resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' existing = {
  name: 'aks'
}
resource flux 'Microsoft.KubernetesConfiguration/extensions@2024-11-01' = {
  name: 'flux'
  scope: aks
  properties: { extensionType: 'microsoft.flux', autoUpgradeMinorVersion: true, version: version }
}
)";
  write("ext.bicep", module);
  write("caller.bicep", "module ext 'ext.bicep' = {\n  name: 'ext'\n  params: { version: '1.14.1' }\n}\n");
  REQUIRE(std::system(("git -C '" + repo.string() + "' init -q").c_str()) == 0);
  // The version the caller writes takes part in the module's PL202; its fix is in the module.
  Run caller = run_patless_in(repo, "check caller.bicep --fix");
  INFO(caller.out << caller.err);
  CHECK(caller.exit_code == 1);
  CHECK(caller.out.find("ext.bicep:8:90: error[PL202]") != std::string::npos);
  CHECK(read_text(repo / "ext.bicep") == module);
  CHECK(run_patless_in(repo, "check ext.bicep --fix").err.find("patless: fixed 1 finding in 1 file") !=
        std::string::npos);
  CHECK(read_text(repo / "ext.bicep") != module);
  fs::remove_all(repo);
}

TEST_CASE("the pre-commit hook definition runs patless on the files pre-commit passes", "[cli][pre-commit]") {
  YAML::Node hooks = YAML::LoadFile(std::string(PATLESS_SOURCE_DIR) + "/.pre-commit-hooks.yaml");
  REQUIRE(hooks.IsSequence());
  const YAML::Node hook = hooks[0];
  CHECK(hook["id"].as<std::string>() == "patless");
  CHECK(hook["language"].as<std::string>() == "system");
  const std::string entry = hook["entry"].as<std::string>();
  REQUIRE(entry.rfind("patless ", 0) == 0);
  // The files patless reads, in the one pattern install-hook's script uses too.
  CHECK(hook["files"].as<std::string>() == patless::kReadNamePattern);
  std::regex files(hook["files"].as<std::string>());  // pre-commit matches with Python's re.search
  for (const char* f :
       {"main.bicep", "main.bicepparam", "azuredeploy.json",           "a.jsonc",           "gotk-sync.yaml",
        "k.yml",      "MAIN.BICEP",      "infra/Main.BicepParam",      "deploy/X.JSON",     "k.YAML",
        "a/b.Yml",    "Kustomization",   "clusters/dev/Kustomization", "README.md",         "main.bicep.bak",
        "Dockerfile", "x.json5",         "a/MyKustomization",          "Kustomization.bak", "kustomization",
        "yaml",       "a.bicepparams"}) {
    INFO(f);
    CHECK(std::regex_search(f, files) == (patless::file_kind(f) != patless::FileKind::Other));
  }
  for (const char* f : {"README.md", "main.bicep.bak", "Dockerfile"}) CHECK_FALSE(std::regex_search(f, files));

  // What pre-commit runs: the entry, then the matching staged file names.
  fs::path repo = temp_dir();
  example_repository(repo);
  std::string staged;
  for (const char* f : {"infra/main.bicep", "infra/staging.bicep", "azure-pipelines.yml"})
    if (std::regex_search(f, files)) staged += std::string(" '") + f + "'";
  Run run = run_patless_in(repo, entry.substr(8) + staged);
  CHECK(run.exit_code == 1);
  const std::string& text = run.out;
  INFO(text);
  CHECK(text.find("infra/main.bicep:16:3: error[PL302]") != std::string::npos);
  CHECK(text.find("staging.bicep:") == std::string::npos);  // the healthy chain
  // Not staged, but main.bicep deploys that credential and runs Flux as its identity.
  CHECK(text.find("infra/modules/identity.bicep:15:14: error[PL402]") != std::string::npos);
  CHECK(text.find("infra/sandbox.bicep:60:1") == std::string::npos);  // not staged, nothing of them in it
  CHECK(text.find("arm/") == std::string::npos);
  CHECK(text.find("clusters/") == std::string::npos);
  fs::remove_all(repo);
}

TEST_CASE("install-hook installs a git pre-commit hook that blocks a bad commit", "[cli][pre-commit]") {
  fs::path repo = temp_dir();
  std::string git = "git -C '" + repo.string() + "' ";
  REQUIRE(std::system((git + "init -q && " + git + "config user.email t@example.com && " + git +
                       "config user.name t").c_str()) == 0);
  std::string in_repo = "cd '" + repo.string() + "' && ";
  CHECK(std::system((in_repo + "'" + PATLESS_BINARY + "' install-hook >/dev/null").c_str()) == 0);
  fs::path hook = repo / ".git/hooks/pre-commit";
  REQUIRE(fs::exists(hook));
  CHECK((fs::status(hook).permissions() & fs::perms::owner_exec) != fs::perms::none);
  CHECK(WEXITSTATUS(std::system((in_repo + "'" + PATLESS_BINARY + "' install-hook 2>/dev/null").c_str())) == 2);

  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/good.bicep", repo / "good config.bicep");
  CHECK(std::system((git + "add 'good config.bicep' && " + git + "commit -qm good >/dev/null 2>&1").c_str()) == 0);
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", repo / "bad.bicep");
  CHECK(std::system((git + "add bad.bicep && " + git + "commit -qm bad >/dev/null 2>&1").c_str()) != 0);
  // A name in capitals, which patless reads too (the hook's pattern is kReadNamePattern).
  CHECK(std::system((git + "rm -q --cached bad.bicep && mv '" + (repo / "bad.bicep").string() + "' '" +
                     (repo / "BAD.BICEP").string() + "' && " + git + "add BAD.BICEP && " + git +
                     "commit -qm bad >/dev/null 2>&1")
                        .c_str()) != 0);
  CHECK(std::system(
            (git + "rm -q --cached BAD.BICEP && " + git + "commit -qm empty --allow-empty >/dev/null 2>&1").c_str()) ==
        0);  // what stopped it was the file
  fs::remove_all(repo);
}

TEST_CASE("install-hook installs where git runs hooks: core.hooksPath, or the hooks a worktree shares",
          "[cli][pre-commit]") {
  fs::path top = temp_dir();
  fs::path repo = top / "repo";
  std::string git = "git -C " + quoted(repo.string()) + " ";
  REQUIRE(std::system(("git init -q " + quoted(repo.string()) + " && " + git + "-c user.email=t@example.com " +
                       "-c user.name=t commit -q --allow-empty -m init && " + git + "worktree add -q " +
                       quoted((top / "feature").string()) + " 2>/dev/null")
                          .c_str()) == 0);
  // In a worktree, .git is a file: the hook goes to the repository's hooks, which git runs there.
  Run worktree = run_patless_in(top / "feature", "install-hook");
  CHECK(worktree.exit_code == 0);
  CHECK(worktree.out == "Installed " + (repo / ".git/hooks/pre-commit").string() + "\n");
  CHECK(fs::exists(repo / ".git/hooks/pre-commit"));

  // core.hooksPath: there (relative to the top level), from any directory.
  REQUIRE(std::system((git + "config core.hooksPath .githooks").c_str()) == 0);
  fs::create_directories(repo / "infra");
  Run hooks_path = run_patless_in(repo / "infra", "install-hook");
  CHECK(hooks_path.exit_code == 0);
  CHECK(hooks_path.out == "Installed " + (repo / ".githooks/pre-commit").string() + "\n");
  CHECK(fs::exists(repo / ".githooks/pre-commit"));
  fs::remove_all(top);
}

TEST_CASE("the hook in a worktree reads the repository around the staged file", "[cli][pre-commit]") {
  // git runs a worktree's hooks with GIT_DIR set: with it, git asked from infra/modules
  // called that directory the top level, and the commit passed, its module read alone.
  fs::path top = temp_dir();
  fs::path repo = top / "repo", feature = top / "feature";
  example_repository(repo);
  std::string git = "git -c user.email=t@example.com -c user.name=t -C ";
  REQUIRE(
      std::system((git + quoted(repo.string()) + " add . && " + git + quoted(repo.string()) + " commit -qm init && " +
                   git + quoted(repo.string()) + " worktree add -q " + quoted(feature.string()) + " 2>/dev/null")
                      .c_str()) == 0);
  REQUIRE(run_patless_in(feature, "install-hook").exit_code == 0);
  std::ofstream(feature / "infra/modules/identity.bicep", std::ios::app) << "// touched\n";
  fs::path log = top / "commit.log";
  int status = std::system((git + quoted(feature.string()) + " add infra/modules/identity.bicep && " + git +
                            quoted(feature.string()) + " commit -qm touch >" + quoted(log.string()) + " 2>&1")
                               .c_str());
  CHECK(WEXITSTATUS(status) == 1);
  std::string output = read_text(log);
  INFO(output);
  CHECK(output.find("infra/modules/identity.bicep:15:14: error[PL402]") == 0);
  CHECK(output.find("  note: infra/main.bicep:40:1: the microsoft.flux extension that runs as this identity") !=
        std::string::npos);
  fs::remove_all(top);
}

TEST_CASE("files named from two repositories, or outside --root, are a usage error, not dropped", "[cli][pre-commit]") {
  // They were read around the first one's repository: the other's findings were
  // dropped ("No findings" for a file with four), or mixed with the first's.
  fs::path top = temp_dir();
  for (std::string name : {"a", "b"}) {
    example_repository(top / name);
  }
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", top / "loose.bicep");
  const std::string canonical_a = fs::weakly_canonical(top / "a").string();
  for (const std::string& args : {"check infra/main.bicep " + quoted((top / "b/infra/main.bicep").string()),
                                  "graph infra/main.bicep " + quoted((top / "b/infra/main.bicep").string()),
                                  "check " + quoted((top / "loose.bicep").string()) + " --root ."}) {
    INFO(args);
    Run run = run_patless_in(top / "a", args);
    CHECK(run.exit_code == 2);
    CHECK(run.out.empty());
    CHECK(run.err.find(" is not in " + canonical_a +
                       ", the repository read around the files named (the first one's, or --root): run patless once "
                       "per repository\n") != std::string::npos);
  }
  fs::remove_all(top);
}

TEST_CASE("check FILE says why a file named is not linted: excluded, or not a file patless reads",
          "[cli][pre-commit]") {
  // It said "No findings in 1 file" and nothing else: as if it had been linted.
  fs::path top = temp_dir();
  example_repository(top / "repo", "exclude:\n  - \"infra/sandbox.bicep\"\n");
  std::ofstream(top / "repo/infra/notes.txt") << "not infrastructure\n";
  Run run = run_patless_in(top / "repo/infra", "check sandbox.bicep notes.txt");
  CHECK(run.exit_code == 0);
  CHECK(run.out ==
        "patless: skipped notes.txt: not a Bicep, ARM JSON or YAML file name\n"
        "patless: skipped sandbox.bicep: excluded by ../.patless.yaml\n"
        "No findings in 0 files.\n");  // neither was linted
  fs::remove_all(top);
}

TEST_CASE("check DIR in a subdirectory of a repository keeps the repository's .patless.yaml, not one outside it",
          "[cli][config]") {
  // It looked in the directory scanned alone: the repository's exclusions and
  // fail level were lost to whoever ran patless from infra/.
  fs::path top = temp_dir();
  example_repository(top / "repo", "fail-level: none\nexclude:\n  - \"infra/sandbox.bicep\"\n");
  Run inside = run_patless_in(top / "repo/infra", "check .");
  CHECK(inside.exit_code == 0);
  CHECK(inside.out.find("sandbox.bicep") == std::string::npos);
  Run named_dir = run_patless_in(top / "repo", "check infra");
  CHECK(named_dir.exit_code == 0);
  CHECK(named_dir.out.find("sandbox.bicep") == std::string::npos);
  auto summary = [](const std::string& out) {  // "N errors, N warnings, N notes in N files."
    size_t at = out.rfind(" notes in ");
    size_t start = out.rfind('\n', at) + 1;
    return out.substr(start, out.find('\n', at) - start);
  };
  CHECK(summary(named_dir.out) == summary(inside.out));

  // The directory's own configuration comes first.
  std::ofstream(top / "repo/infra/.patless.yaml") << "fail-level: error\n";
  CHECK(run_patless_in(top / "repo/infra", "check .").exit_code == 1);
  fs::remove(top / "repo/infra/.patless.yaml");

  // Outside a repository only the directory's own is read: a parent's may belong to anything.
  fs::remove_all(top / "repo/.git");
  Run outside = run_patless_in(top / "repo/infra", "check .");
  CHECK(outside.exit_code == 1);
  CHECK(outside.out.find("sandbox.bicep") != std::string::npos);
  fs::remove_all(top);
}

TEST_CASE("check FILE lints a file named in a directory a scan passes over (build/, out/)", "[cli][pre-commit]") {
  // The repository's scan does not walk into build/: the file named was not in
  // it, and "No findings in 1 file" hid its four.
  fs::path top = temp_dir();
  example_repository(top / "repo");
  fs::create_directories(top / "repo/build");
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", top / "repo/build/flux.bicep");
  Run run = run_patless_in(top / "repo/infra", "check ../build/flux.bicep");
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("../build/flux.bicep:15:12: error[PL102]") == 0);
  CHECK(run.out.find("3 errors, 1 warning, 0 notes in 1 file.") != std::string::npos);
  fs::remove_all(top);
}

TEST_CASE("check FILE names a symbolic link in the repository to a file outside it as a file of the repository",
          "[cli][pre-commit]") {
  // The link was resolved before it was placed: outside the repository, and its
  // findings dropped ("No findings in 1 file").
  fs::path top = temp_dir();
  example_repository(top / "repo");
  fs::create_directories(top / "shared");
  fs::rename(top / "repo/infra/sandbox.bicep", top / "shared/sandbox.bicep");
  fs::create_symlink("../../shared/sandbox.bicep", top / "repo/infra/sandbox.bicep");
  Run run = run_patless_in(top / "repo", "check infra/sandbox.bicep");
  CHECK(run.exit_code == 1);
  CHECK(run.out.find("infra/sandbox.bicep:33:13: error[PL403]") == 0);
  CHECK(run.out.find("2 errors, 1 warning, 0 notes in 1 file.") != std::string::npos);
  fs::remove_all(top);
}

TEST_CASE("check FILE finds the repository around it: whatever its path holds, and where git refuses to work",
          "[cli][pre-commit]") {
  fs::path top = temp_dir();
  std::map<std::string, Run> runs;
  for (std::string name : {"plain", "o'brien's infra $(x) `y`"}) {
    fs::path repo = top / name;
    example_repository(repo);
    runs[name] = run_patless_in(repo, "check infra/main.bicep");
  }
  const Run& plain = runs["plain"];
  CHECK(plain.exit_code == 1);
  CHECK(plain.out.find("6 errors, 0 warnings, 0 notes in 1 file.") != std::string::npos);
  const Run& odd = runs["o'brien's infra $(x) `y`"];
  CHECK(odd.exit_code == plain.exit_code);
  CHECK(odd.out == plain.out);  // it was the file alone: "4 errors", its module read as context
  CHECK(odd.err == plain.err);
  // A checkout another user owns (mounted into a container): git refuses to work
  // there ("dubious ownership"), and the module was read alone, with no finding.
  Run foreign = run_patless_in(top / "plain" / "infra", "check modules/identity.bicep",
                               "NO_COLOR=1 GIT_TEST_ASSUME_DIFFERENT_OWNER=1");
  CHECK(foreign.exit_code == 1);
  CHECK(foreign.out.find("modules/identity.bicep:15:14: error[PL402]") == 0);
  fs::remove_all(top);
}

TEST_CASE("the Azure Pipelines template publishes CodeAnalysisLogs and fails by level", "[pipelines]") {
  YAML::Node t = YAML::LoadFile(std::string(PATLESS_SOURCE_DIR) + "/integrations/azure-pipelines/patless.yml");
  std::map<std::string, YAML::Node> params;
  const YAML::Node parameters = t["parameters"];
  for (const YAML::Node& p : parameters) params[p["name"].as<std::string>()] = p;
  REQUIRE(params.count("failLevel"));
  CHECK(params["failLevel"]["default"].as<std::string>() == "error");
  CHECK(params["failLevel"]["values"].size() == 4);
  CHECK(params.count("paths"));
  CHECK(params["advancedSecurity"]["type"].as<std::string>() == "boolean");

  // Steps, with the template's ${{ if }} blocks flattened.
  std::vector<YAML::Node> steps;
  const YAML::Node all_steps = t["steps"];
  for (const YAML::Node& s : all_steps) {
    if (s.IsMap() && s.size() == 1 && s.begin()->first.as<std::string>().rfind("${{ if", 0) == 0) {
      const YAML::Node block = s.begin()->second;
      for (const YAML::Node& inner : block) steps.push_back(inner);
    } else {
      steps.push_back(s);
    }
  }
  auto task = [&](const std::string& name) -> YAML::Node {
    for (const auto& s : steps)
      if (s["task"] && s["task"].as<std::string>() == name) return s;
    return YAML::Node();
  };
  YAML::Node artifact = task("PublishBuildArtifacts@1");
  REQUIRE(artifact);
  CHECK(artifact["inputs"]["ArtifactName"].as<std::string>() == "CodeAnalysisLogs");
  CHECK(artifact["condition"].as<std::string>() == "succeededOrFailed()");
  CHECK(task("PublishTestResults@2")["inputs"]["testResultsFormat"].as<std::string>() == "JUnit");
  CHECK(task("AdvancedSecurity-Publish@1")["inputs"]["SarifsInputDirectory"].as<std::string>().find("CodeAnalysisLogs") !=
        std::string::npos);
  std::string scripts;
  for (const auto& s : steps)
    if (s["bash"]) scripts += s["bash"].as<std::string>() + "\n";
  // One scan writes the logging commands, SARIF and JUnit.
  CHECK(scripts.find("--format azure --fail-level ${{ parameters.failLevel }}") != std::string::npos);
  CHECK(scripts.find("--report \"sarif:$(Build.ArtifactStagingDirectory)/CodeAnalysisLogs/patless.sarif\"") !=
        std::string::npos);
  CHECK(scripts.find("--report \"junit:$(Build.ArtifactStagingDirectory)/patless-junit.xml\"") != std::string::npos);
  size_t scans = 0;
  for (size_t at = scripts.find("patless check"); at != std::string::npos; at = scripts.find("patless check", at + 1))
    ++scans;
  CHECK(scans == 1);
  CHECK(scripts.find("cmake --install") != std::string::npos);
  // Registry modules restored before the scan, when asked for.
  CHECK(params["bicepRestore"]["default"].as<std::string>().empty());
  CHECK(scripts.find("az bicep restore --file") != std::string::npos);
}

TEST_CASE("check --baseline: moved and reformatted findings are unchanged, fixed ones absent, only new ones fail", "[cli][baseline]") {
  fs::path repo = temp_dir();
  fs::copy(fs::path(PATLESS_SOURCE_DIR) / "testdata/examples", repo / "ex", fs::copy_options::recursive);
  fs::path baseline = repo / "baseline.sarif";
  Run first = run_patless("check '" + (repo / "ex").string() + "' --format sarif --output '" + baseline.string() + "'");
  REQUIRE(first.exit_code == 1);

  // Lines inserted above everything, a file renamed, one finding fixed, one introduced.
  std::string main = read_text(repo / "ex/infra/main.bicep");
  std::ofstream(repo / "ex/infra/main.bicep", std::ios::binary) << "// owner: platform team\n\n\n" << main;
  fs::rename(repo / "ex/clusters/staging/apps-source.yaml", repo / "ex/clusters/staging/sources.yaml");
  std::string sync = read_text(repo / "ex/clusters/prod/flux-system/gotk-sync.yaml");
  sync.replace(sync.find("  url: https"), 0, "  provider: azure\n");
  std::ofstream(repo / "ex/clusters/prod/flux-system/gotk-sync.yaml", std::ios::binary) << sync;
  std::string staging = read_text(repo / "ex/infra/staging.bicep");
  staging.replace(staging.find("provider: 'Azure'"), 17, "provider: 'Generic'");
  std::ofstream(repo / "ex/infra/staging.bicep", std::ios::binary) << staging;

  Run second = run_patless("check '" + (repo / "ex").string() + "' --format sarif --baseline '" + baseline.string() + "'");
  CHECK(second.exit_code == 1);  // the new PL102
  auto log = nlohmann::json::parse(second.out);
  std::map<std::string, std::vector<std::string>> states;  // ruleId → states
  for (const auto& r : log["runs"][0]["results"]) states[r["ruleId"]].push_back(r["baselineState"]);
  CHECK(states["PL302"] == std::vector<std::string>{"unchanged"});  // 3 lines lower now
  CHECK(states["PL502"] == std::vector<std::string>{"unchanged"});  // in a renamed file
  CHECK(states["PL501"] == std::vector<std::string>{"absent"});     // fixed
  CHECK(std::count(states["PL102"].begin(), states["PL102"].end(), "new") == 1);
  CHECK(std::count(states["PL102"].begin(), states["PL102"].end(), "unchanged") == 1);

  Run text = run_patless("check '" + (repo / "ex").string() + "' --baseline '" + baseline.string() + "' --fail-level error");
  CHECK(text.out.find("staging.bicep") != std::string::npos);
  CHECK(text.out.find("main.bicep:19:3: error[PL302]") == std::string::npos);  // unchanged: not news
  CHECK(text.out.find("unchanged from the baseline, 1 fixed since the baseline)") != std::string::npos);
  fs::remove_all(repo);
}

TEST_CASE("check --diff output applies with patch(1)", "[cli][fixes]") {
  fs::path dir = temp_dir();
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL202/bad.bicep", dir / "bad.bicep");
  std::string in_dir = "cd '" + dir.string() + "' && ";
  REQUIRE(std::system((in_dir + "'" + PATLESS_BINARY + "' check bad.bicep --diff >fix.patch").c_str()) != -1);
  REQUIRE(std::system((in_dir + "patch -s -p0 <fix.patch").c_str()) == 0);
  std::string patched = read_text(dir / "bad.bicep");
  CHECK(std::system((in_dir + "'" + PATLESS_BINARY + "' check bad.bicep --fix >/dev/null 2>&1").c_str()) != -1);
  CHECK(read_text(dir / "bad.bicep") == patched);  // --fix writes what --diff showed
  fs::remove_all(dir);
}

TEST_CASE("paths with quotes, line breaks and tabs are escaped in text, SARIF and JUnit", "[cli][hostile]") {
  fs::path dir = temp_dir();
  const std::string name = "we\"ird 'name'\nwith\ttab.bicep";
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", dir / name);
  Run text = run_patless("check '" + dir.string() + "'");
  CHECK(text.out.find("'name'\\x0awith") != std::string::npos);  // one finding, one line
  CHECK(text.out.find("'name'\nwith") == std::string::npos);

  Run sarif = run_patless("check '" + dir.string() + "' --format sarif");
  auto log = nlohmann::json::parse(sarif.out);
  std::string uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
  CHECK(uri.find("we%22ird%20%27name%27%0Awith%09tab.bicep") != std::string::npos);

  Run junit = run_patless("check '" + dir.string() + "' --format junit");
  CHECK(junit.out.find("we&quot;ird &apos;name&apos;&#10;with&#9;tab.bicep") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("CI logging commands: a line a finding, and no file name ends a field or issues one", "[cli][hostile]") {
  fs::path dir = temp_dir();
  // ';' and ']' end an Azure property, ',' and ':' a GitHub one, '%' starts an escape,
  // a line break a command, and "##vso[" anywhere in a line is one for the Azure agent.
  const std::string name = "a;b]c,d:e%f\n##vso[task.setvariable variable=x]g.bicep";
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", dir / name);
  auto lines = [](const std::string& out) {
    std::vector<std::string> v;
    std::istringstream in(out);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  };

  Run azure = run_patless("check '" + dir.string() + "' --format azure");
  CHECK(azure.exit_code == 1);
  auto a = lines(azure.out);
  REQUIRE(a.size() == 5);  // the file's four findings and the summary
  CHECK(a[0].rfind("##vso[task.logissue type=error;sourcepath=", 0) == 0);
  CHECK(a[0].find("a%3Bb%5Dc,d:e%AZP25f%0A# #vso[task.setvariable variable=x%5Dg.bicep;linenumber=15;columnnumber=12;"
                  "code=PL102;]PL102: ") != std::string::npos);
  CHECK(a[3].rfind("##vso[task.logissue type=warning;", 0) == 0);
  for (const std::string& line : a) CHECK(line.find("##vso", 1) == std::string::npos);  // one command a line at most
  CHECK(a[4] == "patless: 3 errors, 1 warning, 0 notes in 1 file.");

  Run github = run_patless("check '" + dir.string() + "' --format github");
  CHECK(github.exit_code == 1);
  auto g = lines(github.out);
  REQUIRE(g.size() == 5);
  CHECK(g[0].rfind("::error file=", 0) == 0);
  const std::string file = "a;b]c%2Cd%3Ae%25f%0A##vso[task.setvariable variable=x]g.bicep";
  CHECK(g[0].find(file + ",line=15,endLine=15,col=12,endColumn=") != std::string::npos);
  CHECK(g[0].find(",title=PL102 azure-devops-provider::gitRepository.url ") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a directory named like a Bicep file and a symlink loop are walked safely", "[cli][hostile]") {
  fs::path dir = temp_dir();
  fs::create_directories(dir / "modules.bicep" / "inner.json");  // directories with file-like names
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", dir / "modules.bicep" / "main.bicep");
  fs::create_directory_symlink(dir, dir / "modules.bicep" / "loop");  // a cycle back to the top
  Run r = run_patless("check '" + dir.string() + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("modules.bicep/main.bicep:15:12: error[PL102]") != std::string::npos);
  CHECK(r.out.find("in 1 file.") != std::string::npos);  // neither directory nor the loop counts as a file
  fs::remove_all(dir);
}

TEST_CASE("a kustomization that builds the root directory reads no file system", "[cli][hostile]") {
  // `../..` from a file in /tmp is `/`: kustomize reads the kustomization there (none),
  // not every file below it. A mutant of a fixture had patless walk the whole disk.
  fs::path dir = temp_dir();
  std::ofstream(dir / "kustomization.yaml") << "resources:\n  - ../../../../../../../../../..\n  - /\n";
  auto t0 = std::chrono::steady_clock::now();
  Run r = run_patless("check '" + (dir / "kustomization.yaml").string() + "'");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(r.exit_code == 0);
  CHECK(r.out == "No findings in 1 file.\n");  // and no note of files read for context
  CHECK(seconds < 2);
  fs::remove_all(dir);
}

// Directories are opened by name in the one above, so the walk could go deeper
// than a path reaches; it stops where paths do (the files are read by path).
TEST_CASE("a directory tree deeper than a path can name is walked as far as paths reach", "[cli][hostile]") {
  fs::path dir = temp_dir();
  const std::string bad = read_text(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep");
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  for (int level = 1; level <= 400 && fd >= 0; ++level) {
    REQUIRE(::mkdirat(fd, "dddddddddd", 0755) == 0);
    int below = ::openat(fd, "dddddddddd", O_RDONLY | O_DIRECTORY);
    ::close(fd);
    fd = below;
    if (level == 3 || level == 390) {
      int file = ::openat(fd, "main.bicep", O_WRONLY | O_CREAT, 0644);
      REQUIRE(::write(file, bad.data(), bad.size()) == static_cast<ssize_t>(bad.size()));
      ::close(file);
    }
  }
  ::close(fd);
  std::string path;  // the first directory whose path is PATH_MAX bytes or more
  for (path = "dddddddddd"; path.size() < PATH_MAX;) path += "/dddddddddd";
  Run r = run_patless_in(dir, "check .");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("patless: skipped " + path + ": File name too long\n") != std::string::npos);
  CHECK(r.out.find("patless: skipped ", r.out.find("patless: skipped ") + 1) == std::string::npos);  // once
  CHECK(r.out.find("dddddddddd/dddddddddd/dddddddddd/main.bicep:15:12: error[PL102]") != std::string::npos);
  CHECK(r.out.find("in 1 file.") != std::string::npos);
  CHECK(std::system(("rm -rf '" + dir.string() + "'").c_str()) == 0);  // remove_all stops at PATH_MAX
}

TEST_CASE("a named pipe, a device and a link to nothing with a file's name are skipped with the reason",
          "[cli][hostile]") {
  fs::path dir = temp_dir();
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", dir / "main.bicep");
  REQUIRE(::mkfifo((dir / "pipe.yaml").c_str(), 0600) == 0);  // reading it would wait for a writer
  fs::create_symlink("/dev/zero", dir / "zero.bicep");        // and this would never end
  fs::create_symlink(dir / "gone.json", dir / "dangling.json");
  fs::create_symlink("loop.bicep", dir / "loop.bicep");

  // Walked: each is said (in the report), in the order of their paths, and the file is linted.
  Run walked = run_patless_in(dir, "check .");
  CHECK(walked.exit_code == 1);
  CHECK(walked.out.find("patless: skipped dangling.json: a symbolic link to nothing\n"
                        "patless: skipped loop.bicep: Too many levels of symbolic links\n"
                        "patless: skipped pipe.yaml: a named pipe, not a regular file\n"
                        "patless: skipped zero.bicep: a device, not a regular file\n") != std::string::npos);
  CHECK(walked.out.find("main.bicep:15:12: error[PL102]") != std::string::npos);
  CHECK(walked.out.find("in 1 file.") != std::string::npos);

  // Named (as a pre-commit hook would): the same reasons, not "Not a directory".
  Run named = run_patless_in(dir, "check pipe.yaml zero.bicep loop.bicep main.bicep");
  CHECK(named.exit_code == 1);
  CHECK(named.out.find("patless: skipped loop.bicep: Too many levels of symbolic links\n"
                       "patless: skipped pipe.yaml: a named pipe, not a regular file\n"
                       "patless: skipped zero.bicep: a device, not a regular file\n") != std::string::npos);
  CHECK(named.out.find("main.bicep:15:12: error[PL102]") != std::string::npos);
  fs::remove_all(dir);
}

// The CI user is root, whom permissions do not stop: the run then drops to nobody.
TEST_CASE("unreadable files and directories are notifications and the scan goes on", "[cli][hostile]") {
  std::string as_user;
  if (::geteuid() == 0) {
    if (std::system("command -v setpriv >/dev/null 2>&1") != 0) {
      WARN("running as root without setpriv: permission denied cannot be produced here");
      return;
    }
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  fs::path dir = temp_dir();
  fs::path bin = temp_dir();  // a copy nobody can run, wherever the build directory is
  fs::copy_file(PATLESS_BINARY, bin / "patless");
  fs::permissions(bin, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                           fs::perms::others_read | fs::perms::others_exec);
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", dir / "readable.bicep");
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", dir / "secret.bicep");
  fs::create_directory(dir / "locked");
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL102/bad.bicep", dir / "locked" / "inner.bicep");
  fs::permissions(dir, fs::perms::all);  // nobody must be able to walk the rest
  fs::permissions(dir / "readable.bicep", fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir / "secret.bicep", fs::perms::none);
  fs::permissions(dir / "locked", fs::perms::none);

  Run r = run_patless("check '" + dir.string() + "' --format sarif", "NO_COLOR=1 " + as_user, bin / "patless");
  CHECK(r.exit_code == 1);  // the readable file's finding still fails the run
  auto log = nlohmann::json::parse(r.out);
  auto& run = log["runs"][0];
  REQUIRE(run["results"].size() == 4);  // all four of the fixture's, all from the readable copy
  for (auto& result : run["results"])
    CHECK(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>().ends_with(
        "/readable.bicep"));
  std::vector<std::string> notes;
  for (auto& n : run["invocations"][0]["toolExecutionNotifications"]) notes.push_back(n["message"]["text"]);
  std::sort(notes.begin(), notes.end());
  REQUIRE(notes.size() == 2);
  CHECK(notes[0] == "Skipped " + (dir / "locked").string() + ": Permission denied");
  CHECK(notes[1] == "Skipped " + (dir / "secret.bicep").string() + ": Permission denied");

  Run text = run_patless("check '" + dir.string() + "'", "NO_COLOR=1 " + as_user, bin / "patless");
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("patless: skipped " + (dir / "locked").string() + ": Permission denied\n"
                      "patless: skipped " + (dir / "secret.bicep").string() + ": Permission denied\n"
                      "3 errors, 1 warning, 0 notes in 1 file.\n") != std::string::npos);
  // Named itself, the directory is not a scan that found nothing.
  Run named = run_patless("check '" + (dir / "locked").string() + "'", "NO_COLOR=1 " + as_user, bin / "patless");
  CHECK(named.exit_code == 0);
  CHECK(named.out ==
        "patless: skipped " + (dir / "locked").string() + ": Permission denied\nNo findings in 0 files.\n");
  fs::permissions(dir / "locked", fs::perms::all);
  fs::remove_all(dir);
  fs::remove_all(bin);
}

TEST_CASE("Graphviz renders patless graph's DOT, and the README's picture is what the build draws", "[cli][graph]") {
  // graphviz is a test dependency (.ci/deps installs it).
  REQUIRE(std::system("command -v dot >/dev/null 2>&1") == 0);
  fs::path dir = temp_dir();
  Run dot = run_patless("graph testdata/examples --format dot --output '" + (dir / "chain.dot").string() + "'");
  REQUIRE(dot.exit_code == 0);
  std::string render = "dot -Tsvg '" + (dir / "chain.dot").string() + "' -o '" + (dir / "chain.svg").string() +
                       "' 2>'" + (dir / "dot.err").string() + "'";
  CHECK(std::system(render.c_str()) == 0);
  CHECK(read_text(dir / "dot.err").empty());  // no warning either
  std::string svg = read_text(dir / "chain.svg");
  CHECK(svg.find("<svg") != std::string::npos);
  CHECK(svg.find("✗ PL402 federated for") != std::string::npos);
  // The committed picture (README) is reproducible from the command shown beside it.
  CHECK(svg == read_text(fs::path(PATLESS_SOURCE_DIR) / "testdata/examples/chain.svg"));
  fs::remove_all(dir);
}

TEST_CASE("graph FILE in a repository draws the trees the file is in, read as check FILE reads it", "[cli][graph]") {
  fs::path repo = temp_dir();
  example_repository(repo);
  auto graph = [&](const std::string& dir, const std::string& file) {
    fs::path out = repo / "graph.txt";
    std::string cmd = "cd '" + (repo / dir).string() + "' && '" + PATLESS_BINARY + "' graph --format text " + file +
                      " >'" + out.string() + "'";
    CHECK(WEXITSTATUS(std::system(cmd.c_str())) == 0);
    return read_text(out);
  };
  // The identity module alone deploys no cluster: its tree is aks-prod's, whose
  // extension runs as it (main.bicep deploys it), and nothing of the other clusters.
  std::string identity = graph("infra/modules", "identity.bicep");
  INFO(identity);
  CHECK(identity.rfind("AKS cluster 'aks-prod'  ../main.bicep:10  ✗ PL302\n", 0) == 0);
  CHECK(identity.find("managed identity 'id-flux-source-controller'  identity.bicep:5\n") != std::string::npos);
  CHECK(identity.find("aks-sandbox") == std::string::npos);
  CHECK(identity.find("aks-staging") == std::string::npos);
  // A credential that trusts another cluster's issuer: that cluster is drawn, not its tree.
  std::string sandbox = graph("infra", "sandbox.bicep");
  INFO(sandbox);
  CHECK(sandbox.rfind("AKS cluster 'aks-prod'  main.bicep:10  ✗ PL302\n\n", 0) == 0);
  CHECK(sandbox.find("[✗ PL403 issuer of] AKS cluster 'aks-prod' (above)") != std::string::npos);
  CHECK(sandbox.find("cluster-config' (provider: (not set))  main.bicep") == std::string::npos);
  fs::remove_all(repo);
}

TEST_CASE("the README's graph example is what patless prints", "[cli][graph]") {
  std::string readme = read_text(fs::path(PATLESS_SOURCE_DIR) / "README.md");
  const std::string prompt = "$ patless graph ";
  size_t at = readme.find(prompt);
  REQUIRE(at != std::string::npos);
  size_t line_end = readme.find('\n', at), block_end = readme.find("\n```", line_end);
  REQUIRE(block_end != std::string::npos);
  std::string args = readme.substr(at + prompt.size(), line_end - at - prompt.size());
  std::string shown = readme.substr(line_end + 1, block_end - line_end);
  Run r = run_patless("graph " + args);
  CHECK(r.exit_code == 0);
  CHECK(trim(r.out) == trim(shown));
}

TEST_CASE("graph: Mermaid by default when the output is not a terminal, and check points at it", "[cli][graph]") {
  Run plain = run_patless("graph testdata/examples");
  CHECK(plain.exit_code == 0);
  CHECK(plain.out.rfind("graph LR\n", 0) == 0);
  CHECK(plain.out == read_text(fs::path(PATLESS_SOURCE_DIR) / "testdata/cli/graph_mermaid/expected.txt"));
  // Unsuppressed chain findings end a text report with the pointer; a clean run has none.
  CHECK(run_patless("check testdata/examples").out.ends_with(
      "`patless graph` with the same paths draws the identity chain and where it breaks.\n"));
  Run clean = run_patless("check testdata/rules/PL402/good.bicep --root testdata/rules/PL402");
  CHECK(clean.out.find("patless graph") == std::string::npos);
  Run missing = run_patless("graph testdata/no-such-dir");
  CHECK(missing.exit_code == 2);
  // Past the 500 links Mermaid draws by default, a word on stderr; DOT has no such limit.
  Run big = run_patless("graph testdata/rules --format mermaid");
  CHECK(big.exit_code == 0);
  CHECK(big.err.find("more than the 500 Mermaid draws by default") != std::string::npos);
  CHECK(run_patless("graph testdata/rules --format dot").err.empty());
}

TEST_CASE("graph: values patless cannot know are drawn as unknown, not as broken", "[cli][graph]") {
  const fs::path dir = "testdata/cli/graph_unknown/repo";
  Run check = run_patless("check '" + dir.string() + "'");
  CHECK(check.out.find("No findings") == 0);  // nothing is wrong, some of it is unknown
  Run mermaid = run_patless("graph '" + dir.string() + "' --format mermaid");
  CHECK(mermaid.out.find("✗") == std::string::npos);
  CHECK(mermaid.out.find("[\"identity (unknown)\"]") != std::string::npos);
  CHECK(mermaid.out.find("-.->|\"client id of (unknown)\"|") != std::string::npos);
  CHECK(mermaid.out.find("-.->|\"pulls (unknown)\"|") != std::string::npos);
  CHECK(mermaid.out.find("-.->|\"federated for (unknown)\"|") != std::string::npos);
  CHECK(mermaid.out.find("id-for-an-app") == std::string::npos);  // not linked to Flux: not the chain
  Run dot = run_patless("graph '" + dir.string() + "' --format dot");
  CHECK(dot.out.find("label=\"client id of (unknown)\", color=\"#888888\", fontcolor=\"#666666\", style=dotted") !=
        std::string::npos);
  CHECK(dot.out.find("#d00000") == std::string::npos);
}

TEST_CASE("graph: an OCI, bucket or blob source is drawn with its kind and URL, not a Git provider", "[cli][graph]") {
  Run text = run_patless("graph testdata/rules/PL101/other_sources.bicep --format text");
  CHECK(text.out.find("provider:") == std::string::npos);
  CHECK(text.out.find("flux configuration 'apps' (source: OCIRepository)") != std::string::npos);
  CHECK(text.out.find("[pulls (unknown)] repository (unknown)") != std::string::npos);  // ociRepository.url of {}
  CHECK(text.out.find("flux configuration 'bucket' (source: Bucket)  testdata/rules/PL101/other_sources.bicep:27\n"
                      "│  └─ [pulls] repository https://s3.example.com\n") != std::string::npos);
  CHECK(text.out.find("flux configuration 'blob' (source: AzureBlob)  testdata/rules/PL101/other_sources.bicep:39\n"
                      "   └─ [pulls] repository https://contoso.blob.core.windows.net\n") != std::string::npos);
}

TEST_CASE("graph: a configuration's own object-level identity is drawn with its client id", "[cli][graph]") {
  Run text = run_patless("graph testdata/rules/PL102/good.bicep --format text");
  CHECK(text.out.find("flux configuration 'object-level' (provider: (not set); object-level identity: "
                      "9d2c439a-3b52-4a08-b64f-1d5f3e0d537e)") != std::string::npos);
}

TEST_CASE("graph: each pass of a credential loop is a credential of its own, the typo on its own", "[cli][graph]") {
  // testdata/rules/PL402/loop.bicep: 'orders' first, then 'flux' with the typo, both written at one place.
  fs::path dir = temp_dir();
  fs::copy_file(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL402/loop.bicep", dir / "loop.bicep");
  Run text = run_patless("graph '" + dir.string() + "' --format text");
  std::string orders = "[parent] federated credential 'orders' (audience: api://AzureADTokenExchange)";
  std::string flux = "[parent] federated credential 'flux' (audience: api://AzureADTokenExchange)";
  size_t at_orders = text.out.find(orders), at_flux = text.out.find(flux);
  REQUIRE(at_orders != std::string::npos);
  REQUIRE(at_flux != std::string::npos);
  CHECK(at_orders < at_flux);
  // The broken link is the second pass's, not the first's (which is another workload's).
  CHECK(text.out.find("[federated for] service account shop/orders", at_orders) < at_flux);
  CHECK(text.out.find("[✗ PL402 federated for] service account flux-system/source-controler", at_flux) !=
        std::string::npos);
  Run check = run_patless("check '" + dir.string() + "'");
  CHECK(check.out.find("loop.bicep:32:14: error[PL402]: Federated credential subject "
                       "'system:serviceaccount:flux-system:source-controler'") != std::string::npos);
  CHECK(check.out.find("1 error, 0 warnings, 0 notes") != std::string::npos);
  // The same when a module loop makes each credential (testdata/rules/PL402/module_loop).
  fs::path modules = dir / "modules";
  fs::copy(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules/PL402/module_loop", modules);
  Run drawn = run_patless("graph '" + modules.string() + "' --format text");
  size_t second = drawn.out.find("[parent] federated credential 'id-flux-module-loop/flux'");
  REQUIRE(second != std::string::npos);
  CHECK(drawn.out.find("[parent] federated credential 'id-flux-module-loop/orders'") < second);
  CHECK(drawn.out.find("[✗ PL402 federated for] service account flux-system/source-controler", second) !=
        std::string::npos);
  CHECK(drawn.out.find("✗") > second);
  // The typo is reported where the module writes the subject, and found where the caller wrote it.
  Run checked = run_patless("check '" + modules.string() + "'");
  CHECK(checked.out.find("credential.bicep:12:14: error[PL402]") != std::string::npos);
  CHECK(checked.out.find("main.bicep:28:18: the subject, as written here") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("ill-formed UTF-8 in the files: every report is well-formed UTF-8", "[cli][hostile]") {
  fs::path dir = temp_dir();
  std::ofstream(dir / "c.yaml", std::ios::binary)
      << "apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: x\xff\xfe\n"
         "spec:\n  url: https://dev.azure.com/c/p/_git/r\n";
  std::ofstream(dir / "a.bicep", std::ios::binary)
      << "resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n  name: 'aks\xc3'\n}\n";
  auto well_formed = [](const std::string& s) {
    for (size_t i = 0; i < s.size();) {
      size_t n = patless::utf8_sequence(s, i);
      if (n == 0) return false;
      i += n;
    }
    return true;
  };
  for (std::string args : {"check", "check --format sarif", "check --format json", "check --format junit",
                           "graph --format text", "graph --format mermaid", "graph --format dot"}) {
    INFO(args);
    Run r = run_patless(args + " '" + dir.string() + "'");
    CHECK(r.exit_code == (args.starts_with("check") ? 1 : 0));
    CHECK(well_formed(r.out));
    CHECK(r.out.find("x\xEF\xBF\xBD\xEF\xBF\xBD") != std::string::npos);  // U+FFFD for each byte
  }
  fs::remove_all(dir);
}

TEST_CASE("graph: a cluster rule reported at a variable is drawn on the cluster, other identities stay out",
          "[cli][graph]") {
  const fs::path dir = "testdata/cli/graph_cluster_rule/repo";
  Run check = run_patless("check '" + dir.string() + "'");
  CHECK(check.out.find("main.bicep:3:30: error[PL301]") != std::string::npos);  // at the variable, outside the cluster
  Run text = run_patless("graph '" + dir.string() + "' --format text");
  CHECK(text.out.find("AKS cluster 'aks1'  " + dir.string() + "/main.bicep:4  ✗ PL301\n") != std::string::npos);
  CHECK(text.out.find("id-web-app") == std::string::npos);  // trusts the cluster's issuer, but is not Flux's
  CHECK(text.out.find("shop/web") == std::string::npos);
  // Every link of the DOT output joins two nodes it declares (the issuer link to the dropped credential is gone).
  Run dot = run_patless("graph '" + dir.string() + "' --format dot");
  std::set<std::string> declared, linked;
  std::istringstream lines(dot.out);
  for (std::string l; std::getline(lines, l);) {
    std::smatch m;
    if (std::regex_search(l, m, std::regex("^  (n\\d+) -> (n\\d+) "))) {
      linked.insert(m[1]);
      linked.insert(m[2]);
    } else if (std::regex_search(l, m, std::regex("^  (n\\d+) \\[label="))) {
      declared.insert(m[1]);
    }
  }
  CHECK(declared.size() == 2);
  for (const std::string& n : linked) CHECK(declared.count(n) == 1);
}

TEST_CASE("a registry module whose cached template is broken is a notification, and stays unknown", "[cli][registry]") {
  fs::path dir = temp_dir();
  fs::copy(fs::path(PATLESS_SOURCE_DIR) / "testdata/cli/registry_module_restored", dir / "case",
           fs::copy_options::recursive);
  fs::path cached;
  for (const auto& e : fs::recursive_directory_iterator(dir / "case/home"))
    if (e.path().filename() == "main.json" && e.path().string().find("flux-configuration") != std::string::npos)
      cached = e.path();
  REQUIRE(!cached.empty());
  std::string text = read_text(cached);
  std::ofstream(cached, std::ios::binary) << text.substr(0, 300);  // truncated, as an interrupted download leaves it
  Run r = run_patless("check '" + (dir / "case/repo").string() + "'",
                      "NO_COLOR=1 HOME='" + (dir / "case/home").string() + "'");
  // Nothing reported inside Bicep's cache, and no PL102 through that module: it is unknown again.
  // (The template spec of the case still gives its own PL102.)
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("PL001") == std::string::npos);
  CHECK(r.out.find("In registry module 'br/public:avm/res/kubernetes-configuration/flux-configuration") ==
        std::string::npos);
  CHECK(r.out.find("In template spec 'ts/platform:flux-config:2.0'") != std::string::npos);
  CHECK((r.out + r.err).find("Bicep's cached template of 'br/public:avm/res/kubernetes-configuration/flux-configuration:0.3.8' "
                   "cannot be read") != std::string::npos);
  // Four module declarations and two .bicepparam `using`s: the broken template's are counted unknown again.
  CHECK(r.out.find("6 modules from a registry or template spec") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a .bicepparam that uses a restored registry module, named before a commit, reports at its `using`",
          "[cli][registry][precommit]") {
  const fs::path dir = fs::path(PATLESS_SOURCE_DIR) / "testdata/cli/registry_module_restored";
  Run r = run_patless(
      "check --no-cache --root testdata/cli/registry_module_restored/repo "
      "testdata/cli/registry_module_restored/repo/flux.bicepparam",
      "NO_COLOR=1 HOME='" + (dir / "home").string() + "'");
  CHECK(r.exit_code == 1);
  CHECK(
      r.out.starts_with("testdata/cli/registry_module_restored/repo/flux.bicepparam:4:7: error[PL102]: In registry "
                        "module 'br/public:avm/res/kubernetes-configuration/flux-configuration:0.3.8': "));
  CHECK(r.out.find("repo/flux.bicepparam:9:8: the URL, as written here") != std::string::npos);
  CHECK(r.out.find("1 error, 0 warnings, 0 notes in 1 file.") != std::string::npos);
}

TEST_CASE("graph: a node written in a registry module or template spec says which, not Bicep's cache path",
          "[cli][graph][registry]") {
  const fs::path dir = fs::path(PATLESS_SOURCE_DIR) / "testdata/cli/registry_module_restored";
  Run r = run_patless("graph testdata/cli/registry_module_restored/repo --format text",
                      "NO_COLOR=1 HOME='" + (dir / "home").string() + "'");
  CHECK(r.out.find("microsoft.flux extension 'flux'  'br/contoso:aks-flux:V1' (main.json:23)") != std::string::npos);
  CHECK(r.out.find("flux configuration 'platform-config' (provider: (not set))  'ts/platform:flux-config:2.0' "
                   "(main.json:15)") != std::string::npos);
  CHECK(r.out.find(".bicep/") == std::string::npos);
}

TEST_CASE("check --no-module-cache leaves registry modules unknown, as without a cache", "[cli][registry]") {
  const fs::path dir = fs::path(PATLESS_SOURCE_DIR) / "testdata/cli/registry_module_restored";
  Run r = run_patless("check testdata/cli/registry_module_restored/repo --no-module-cache",
                      "NO_COLOR=1 HOME='" + (dir / "home").string() + "'");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("In registry module") == std::string::npos);
  CHECK(r.out.find("In template spec") == std::string::npos);
  CHECK(r.out.find("8 modules from a registry or template spec") != std::string::npos);  // 6 modules, 2 `using`s
  CHECK(r.out.find("Bicep's module cache is not read (--no-module-cache)") != std::string::npos);
}
