// One scan: read files in parallel, link them, run the rules.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/config.h"
#include "cli/spill.h"
#include "grammars/limits.h"
#include "grammars/model.h"
#include "rules/engine/chain_view.h"
#include "rules/engine/finding.h"

namespace patless {

struct ScanOptions {
  std::vector<std::string> paths{"."};
  // Parameter files to deploy the templates with (--params): a .bicepparam
  // deploys the template its `using` names, an ARM parameters file every ARM
  // template of the scan.
  std::vector<std::string> parameter_files;
  unsigned jobs = 0;  // 0: one per CPU the process may use (available_cpus())
  Config config;      // .patless.yaml (empty when there is none)
  // Files named on the command line inside a repository (`paths` is then the
  // repository): only what can change their findings is parsed (cli/context.h).
  std::vector<std::string> focus;
  size_t max_file_bytes = limits::kMaxFileBytes;  // larger files are skipped with a reason
  bool draw_chain = false;  // fill ScanResult::chain (patless graph)
  // Read registry modules and template specs Bicep restored from its module
  // cache (cli/bicep_registry.h); off (--no-module-cache), they stay unknown.
  bool module_cache = true;
  // With files named: where what the selection took from the repository's
  // files is kept between runs (cli/selection_cache.h); empty: not kept.
  std::string selection_cache;
  // Put each model aside as bytes once read (cli/spill.h), keep its outline
  // (cli/model_outline.h), and lint part by part (rules/engine/parts.h), each
  // part's models decoded in turn: memory grows with the largest part, not with
  // the repository. ScanResult::documents are then outlines. Not with draw_chain.
  // `patless check` does it when no file is named.
  bool put_models_aside = false;
  // Which files read outside the chain ScanResult::outlined lists: all (a JUnit
  // report has a test for each), or only those with one of `outlined_names` as
  // their name (a report must not replace a file read): a repository's worth of
  // paths is memory that grows with it.
  bool list_outlined = true;
  std::set<std::string> outlined_names;
};

struct ScanResult {
  // The models of the files in the chain. With put_models_aside, `outlines`
  // instead, and `documents` is empty: their outlines, encoded
  // (grammars/model_codec.h; a Document's fields alone take 512 bytes), and the
  // models in `spill` where `spilled` says (none: the outline is the model).
  std::vector<Document> documents;
  std::vector<std::string> outlines;
  std::shared_ptr<Spill> spill;
  std::vector<std::optional<Spill::Handle>> spilled;
  std::vector<std::string> outlined;  // files read whole but outside the chain (ScanOptions::list_outlined)
  // Files outside the paths named that the scanned files deploy or import from, read
  // only for that: their findings are not reported, and they are not counted.
  std::set<std::string> context;
  std::vector<Finding> findings;
  std::vector<std::string> notifications;  // skipped files and why
  std::vector<std::string> notes;          // what the scan could not follow (registry modules)
  std::vector<std::string> absent;         // --baseline: SARIF results (JSON) no longer found
  std::vector<std::string> missing_paths;
  size_t files_considered = 0;
  std::optional<ChainView> chain;  // with ScanOptions::draw_chain

  // Calls `read` with each document, or outline decoded, in turn.
  void each_document(const std::function<void(const Document&)>& read) const;
};

ScanResult scan(const ScanOptions& options);

}  // namespace patless
