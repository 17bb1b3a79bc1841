// Writers for the output formats: text for people, SARIF 2.1.0, JSON and JUnit for
// machines, CI logging commands, and the identity chain as a picture.
#pragma once

#include <ostream>
#include <string>

#include "cli/scan.h"
#include "rules/engine/chain_view.h"

namespace patless {

struct TextStyle {
  bool color = false;
};

void write_text(std::ostream& out, const ScanResult& result, const TextStyle& style);
void write_json(std::ostream& out, const ScanResult& result);

struct SarifContext {
  std::string working_directory;  // absolute, for %SRCROOT%
  std::vector<std::string> command_line;
};
void write_sarif(std::ostream& out, const ScanResult& result, const SarifContext& context);

// JUnit XML for a pipeline's Tests tab: per file, one failing test case per
// rule that reported there, and one passing case for a file without findings.
void write_junit(std::ostream& out, const ScanResult& result);

// Logging commands that put findings on a CI run's summary and beside the code:
// Azure Pipelines (`##vso[task.logissue]`) and GitHub Actions (`::error`).
void write_azure_annotations(std::ostream& out, const ScanResult& result);
void write_github_annotations(std::ostream& out, const ScanResult& result);

// `patless graph`: format "text" (an indented tree), "mermaid" or "dot".
void write_graph(std::ostream& out, const ChainView& view, std::string_view format);

}  // namespace patless
