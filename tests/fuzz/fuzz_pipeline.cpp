// libFuzzer target: the whole pipeline on a small multi-file repository. The
// input is split at "\n===\n" into a Bicep module caller, a module, an ARM
// template and a Flux YAML file, read as a scan reads them (outlines outside the
// chain); then graph, rules and suppressions run, and the chain is drawn.
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "cli/reports.h"
#include "grammars/read_document.h"
#include "rules/engine/chain_view.h"
#include "rules/engine/graph.h"
#include "rules/engine/run_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  const char* names[] = {"main.bicep", "modules/identity.bicep", "azuredeploy.json", "flux/gotk-sync.yaml"};
  std::vector<patless::Document> docs;
  size_t at = 0;
  for (const char* name : names) {
    size_t end = text.find("\n===\n", at);
    std::string part = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (auto d = patless::read_document(name, part, patless::Detail::ChainOnly)) docs.push_back(std::move(*d));
    if (end == std::string::npos) break;
    at = end + 5;
  }
  patless::Graph graph(docs);
  std::vector<patless::Finding> findings = patless::run_rules(graph);
  // And the picture `patless graph` draws of it, in every format.
  patless::ChainView view = patless::build_chain_view(graph, findings);
  std::ostringstream sink;
  for (const char* format : {"text", "mermaid", "dot"}) patless::write_graph(sink, view, format);
  return 0;
}
