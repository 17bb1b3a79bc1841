// Writers for the output formats: text for people, SARIF 2.1.0, JSON and JUnit for
// machines, CI logging commands, and the identity chain as a picture.
#pragma once

#include <ostream>
#include <string>

#include "cli/repository_paths.h"
#include "cli/scan.h"
#include "rules/engine/chain_view.h"

namespace patless {

struct TextStyle {
  bool color = false;
};

void write_text(std::ostream& out, const ScanResult& result, const TextStyle& style);
void write_json(std::ostream& out, const ScanResult& result, const RepositoryPaths& paths);

struct SarifContext {
  std::vector<std::string> command_line;
  RepositoryPaths paths;  // %SRCROOT%: the repository's top level
};
void write_sarif(std::ostream& out, const ScanResult& result, const SarifContext& context);

// JUnit XML for a pipeline's Tests tab: per file, one failing test case per
// rule that reported there, and one passing case for a file without findings.
void write_junit(std::ostream& out, const ScanResult& result);

// Logging commands that put findings on a CI run's summary and beside the code:
// Azure Pipelines (`##vso[task.logissue]`) and GitHub Actions (`::error`).
void write_azure_annotations(std::ostream& out, const ScanResult& result, const RepositoryPaths& paths);
void write_github_annotations(std::ostream& out, const ScanResult& result, const RepositoryPaths& paths);

// `patless graph`: format "text" (an indented tree), "mermaid" or "dot".
void write_graph(std::ostream& out, const ChainView& view, std::string_view format);

}  // namespace patless
