#include "cli/baseline.h"

#include <nlohmann/json.hpp>
#include <set>

#include "cli/fingerprint.h"
#include "cli/read_file.h"

namespace patless {

std::optional<Baseline> load_baseline(const std::string& path, std::string& error) {
  std::string text;
  if (!read_text_file(path, text, error)) {
    error = path + ": " + error;
    return std::nullopt;
  }
  nlohmann::json log = nlohmann::json::parse(text, nullptr, false);
  if (log.is_discarded() || !log.contains("runs") || !log["runs"].is_array()) {
    error = path + ": not a SARIF log";
    return std::nullopt;
  }
  Baseline b;
  for (const auto& run : log["runs"]) {
    if (!run.contains("results")) continue;
    for (const auto& r : run["results"]) {
      if (!r.contains("partialFingerprints") || !r["partialFingerprints"].contains("patless/v1")) continue;
      if (r.value("baselineState", "") == "absent") continue;  // gone already in that run
      b.results[r["partialFingerprints"]["patless/v1"].get<std::string>()] = r.dump();
    }
  }
  return b;
}

std::vector<std::string> compare_with_baseline(const Baseline& baseline, std::vector<Finding>& findings,
                                               const RepositoryPaths& paths) {
  std::vector<std::string> prints = fingerprints(findings, paths);
  std::set<std::string> seen;
  for (size_t i = 0; i < findings.size(); ++i) {
    bool known = baseline.results.count(prints[i]) > 0;
    findings[i].baseline = known ? "unchanged" : "new";
    if (known) seen.insert(prints[i]);
  }
  std::vector<std::string> absent;
  for (const auto& [print, result] : baseline.results) {
    if (seen.count(print)) continue;
    nlohmann::json r = nlohmann::json::parse(result);
    r["baselineState"] = "absent";
    r.erase("ruleIndex");  // indexes into the old log's rules
    absent.push_back(r.dump());
  }
  return absent;
}

}  // namespace patless
