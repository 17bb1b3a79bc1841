// How long the reports take for many findings (10,000 by default): SARIF, and
// text for findings that are all on one line of a minified template.
//
//   sarif_bench [FINDINGS]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/reports.h"

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? static_cast<size_t>(std::atol(argv[1])) : 10000;
  patless::ScanResult result;
  for (size_t i = 0; i < n; ++i) {
    patless::Finding f;
    f.rule_id = i % 2 ? "PL102" : "PL301";
    f.level = patless::Level::Error;
    f.message = "gitRepository.url 'https://dev.azure.com/contoso/infra/_git/config' is an Azure DevOps repository "
                "but no provider is set.";
    f.path = "env" + std::to_string(i / 100) + "/infra/cluster-" + std::to_string(i) + ".bicep";
    f.range = patless::SourceRange{12, 12, 12, 61, 300, 349};
    f.logical_location = "Microsoft.KubernetesConfiguration/fluxConfigurations/config-" + std::to_string(i) +
                         "#properties.gitRepository.provider";
    f.related.push_back({f.path, patless::SourceRange{3, 1, 3, 13, 40, 52}, "the cluster"});
    result.findings.push_back(std::move(f));
  }
  patless::SarifContext context{{"patless", "check", "."}, patless::RepositoryPaths("/repo", "")};
  std::vector<double> ms;
  size_t size = 0;
  for (int run = 0; run < 5; ++run) {
    std::ostringstream out;
    auto t0 = std::chrono::steady_clock::now();
    patless::write_sarif(out, result, context);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    size = out.str().size();
  }
  std::sort(ms.begin(), ms.end());
  std::printf("SARIF for %zu findings: %.1f ms (median of 5), %.1f MB\n", n, ms[2], size / 1e6);

  // Text: each finding shows its line; here every one is on the same line of 1.2 MB.
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("patless-bench-" + std::to_string(::getpid()) + ".json");
  const uint32_t width = 120;  // bytes per finding along the line
  std::ofstream(file) << std::string(static_cast<size_t>(width) * n, 'x') << "\n";
  for (size_t i = 0; i < n; ++i) {
    patless::Finding& f = result.findings[i];
    f.path = file.string();
    const uint32_t column = static_cast<uint32_t>(i) * width + 1;
    f.range = patless::SourceRange{1, column, 1, column + 10, column - 1, column + 9};
  }
  ms.clear();
  for (int run = 0; run < 5; ++run) {
    std::ostringstream out;
    auto t0 = std::chrono::steady_clock::now();
    patless::write_text(out, result, patless::TextStyle{});
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::filesystem::remove(file);
  std::sort(ms.begin(), ms.end());
  std::printf("Text for %zu findings on one line of %.1f MB: %.1f ms (median of 5)\n", n,
              static_cast<double>(width) * static_cast<double>(n) / 1e6, ms[2]);
  return 0;
}
