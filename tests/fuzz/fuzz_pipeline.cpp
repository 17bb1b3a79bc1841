// libFuzzer target: the whole pipeline on a small multi-file repository. The
// input is split at "\n===\n" into a Bicep module caller, a module, an ARM
// template and a Flux YAML file, read as a scan reads them (outlines outside the
// chain); then graph, rules and suppressions run.
#include <cstdint>
#include <string>
#include <vector>

#include "grammars/read_document.h"
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
  patless::run_rules(graph);
  return 0;
}
