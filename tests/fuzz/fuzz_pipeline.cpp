// libFuzzer target: the whole pipeline on a small multi-file repository. The
// input is split at "\n===\n" into a Bicep module caller, a module, an ARM
// template, a Flux YAML file, a kustomization, a patch file and a .bicepparam
// (its `using` may name the caller, the module or the template), written to a
// directory and scanned as `patless check` scans (outlines, the rounds that read
// them back, kustomize patch files); the chain is drawn and every report written
// too. The CI logging commands must stay one line a finding: a value from the
// files that broke a line would forge a command. A pre-commit run naming one of
// the files must give every finding of the whole scan that file takes part in,
// and no other; and the documents linted part by part (rules/engine/parts.h),
// in memory and with the models put aside as `patless check` does, the findings
// of them linted together.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "cli/reports.h"
#include "cli/scan.h"
#include "rules/engine/graph.h"
#include "rules/engine/parts.h"
#include "rules/engine/run_rules.h"
#include "tests/takes_part.h"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const fs::path dir = fs::temp_directory_path() / ("patless-fuzz-pipeline-" + std::to_string(getpid()));
  const char* names[] = {"main.bicep", "modules/identity.bicep", "azuredeploy.json",
                         "flux/gotk-sync.yaml", "flux/kustomization.yaml", "flux/patch.yaml", "main.bicepparam"};
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir / "modules");
  fs::create_directories(dir / "flux");
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t at = 0;
  for (const char* name : names) {
    size_t end = text.find("\n===\n", at);
    std::ofstream(dir / name, std::ios::binary) << text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (end == std::string::npos) break;
    at = end + 5;
  }
  patless::ScanOptions options;
  options.paths = {dir.string()};
  options.jobs = 1;
  options.draw_chain = true;
  patless::ScanResult result = patless::scan(options);
  std::ostringstream sink;
  if (result.chain)
    for (const char* format : {"text", "mermaid", "dot"}) patless::write_graph(sink, *result.chain, format);
  patless::write_text(sink, result, patless::TextStyle{});
  const patless::RepositoryPaths paths(dir.string(), "");
  patless::write_json(sink, result, paths);
  patless::write_junit(sink, result);
  patless::write_sarif(sink, result, patless::SarifContext{{"patless"}, paths});
  size_t lines = 1 + result.notifications.size() + result.notes.size();  // and the summary
  for (const patless::Finding& f : result.findings) lines += !f.suppressed && f.baseline != "unchanged";
  for (auto write : {patless::write_azure_annotations, patless::write_github_annotations}) {
    std::ostringstream out;
    write(out, result, paths);
    std::string s = out.str();
    if (static_cast<size_t>(std::count(s.begin(), s.end(), '\n')) != lines) __builtin_trap();
  }

  {
    auto everything = [](const std::vector<patless::Finding>& findings) {
      std::vector<std::string> out;
      for (const patless::Finding& f : findings) {
        std::string s = f.rule_id + " " + f.path + ":" + std::to_string(f.range.start_offset) + "-" +
                        std::to_string(f.range.end_offset) + " " + f.message + " " + f.logical_location;
        for (const auto& r : f.related) s += "|" + r.path + ":" + std::to_string(r.range.start_offset) + r.message;
        if (f.fix)
          for (const auto& r : f.fix->replacements) s += "|" + std::to_string(r.range.start_offset) + "=" + r.text;
        if (f.suppressed) s += "|suppressed " + *f.suppressed;
        out.push_back(std::move(s));
      }
      return out;
    };
    const std::vector<patless::Document>& documents = result.documents;
    const std::vector<std::string> together = everything(patless::run_rules(patless::Graph(documents)));
    const patless::LoadDocuments load = patless::copies_of(documents);
    if (everything(patless::run_rules_by_part(patless::lint_parts(documents, load), load)) != together)
      __builtin_trap();
    // And as `patless check` scans: the models put aside, linted part by part.
    patless::ScanOptions aside = options;
    aside.draw_chain = false;
    aside.put_models_aside = true;
    const patless::ScanResult put_aside = patless::scan(aside);
    if (everything(put_aside.findings) != everything(result.findings) ||
        put_aside.notifications != result.notifications || put_aside.notes != result.notes)
      __builtin_trap();
  }

  // The focused scan parses most of it again: not for the largest inputs, whose
  // error recovery alone can take most of the time limit under ASan.
  if (size > 16384) return 0;
  const std::string named = (dir / names[size % std::size(names)]).string();
  auto taken_part_in = [&](const std::vector<patless::Finding>& findings) {
    std::multiset<std::string> out;
    for (const patless::Finding& f : findings) {
      if (patless::testing::takes_part(f, named) && !f.suppressed)
        out.insert(f.rule_id + " " + f.path + ":" + std::to_string(f.range.start_offset) + "-" +
                   std::to_string(f.range.end_offset) + " " + patless::level_name(f.level));
    }
    return out;
  };
  patless::ScanOptions focused = options;
  focused.draw_chain = false;
  focused.focus = {named};
  if (taken_part_in(patless::scan(focused).findings) != taken_part_in(result.findings)) __builtin_trap();
  return 0;
}
