// What a scan keeps in memory: the models of the files in the identity chain
// and of the files that feed them, and only the paths of the rest.
#include "cli/scan.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "cli/read_file.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> names(std::vector<std::string> paths) {
  for (std::string& p : paths) p = fs::path(p).filename().string();
  std::sort(paths.begin(), paths.end());
  return paths;
}

patless::ScanResult scan_of(const char* fixture) {
  patless::ScanOptions options;
  options.paths = {(fs::path(PATLESS_SOURCE_DIR) / "testdata/rules" / fixture).string()};
  options.jobs = 1;
  return patless::scan(options);
}

}  // namespace

TEST_CASE("a Bicep file of modules is read whole when a module is in the chain, what it deploys when it reads the outputs",
          "[scan]") {
  auto caller = scan_of("PL201/caller_of_modules");
  std::vector<std::string> models;
  for (const auto& d : caller.documents) models.push_back(d.path);
  CHECK(names(models) == std::vector<std::string>{"flux.bicep", "main.bicep"});
  CHECK(names(caller.outlined) == std::vector<std::string>{"storage.bicep"});  // deployed, its outputs unread
  REQUIRE(caller.findings.size() == 1);
  CHECK(caller.findings[0].rule_id == "PL201");

  auto outputs = scan_of("PL201/output_of_modules");
  models.clear();
  for (const auto& d : outputs.documents) models.push_back(d.path);
  CHECK(names(models) == std::vector<std::string>{"main.bicep", "pinned.bicep", "versions.bicep"});
  CHECK(outputs.outlined.empty());
  REQUIRE(outputs.findings.size() == 1);
}

// Discovery passes over pipes; one put where a file was found is not waited on.
TEST_CASE("read_file refuses a named pipe at once instead of waiting for a writer", "[scan][hostile]") {
  fs::path fifo = fs::temp_directory_path() / ("patless-fifo-" + std::to_string(::getpid()) + ".yaml");
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string bytes, error;
  CHECK_FALSE(patless::read_file(fifo.string(), bytes, error));
  CHECK(error == "not a regular file");
  fs::remove(fifo);
}
