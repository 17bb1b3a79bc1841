// The limit patless is measured against: finds, reads and parses the same files
// with the same libraries (tree-sitter-bicep, nlohmann/json, yaml-cpp) on the
// same number of threads, and does nothing else.
//
//   parse_only [--jobs N] PATH...
#include <tree_sitter/api.h>
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/discover.h"
#include "cli/read_file.h"
#include "grammars/bicep/bicep_scanner.h"
#include "grammars/read_document.h"

extern "C" const TSLanguage* tree_sitter_bicep(void);

int main(int argc, char** argv) {
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--jobs") && i + 1 < argc) jobs = static_cast<unsigned>(std::atoi(argv[++i]));
    else paths.push_back(argv[i]);
  }
  if (paths.empty()) paths.push_back(".");
  // Listed on as many threads as patless lists them.
  const std::vector<std::string> files = patless::discover(paths, jobs).files.strings();
  std::atomic<size_t> next{0}, bytes{0}, parsed{0};
  auto worker = [&] {
    TSParser* parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_bicep());
    std::string text, error;
    for (size_t i = next++; i < files.size(); i = next++) {
      const std::string& path = files[i];
      if (!patless::read_file(path, text, error)) continue;
      bytes += text.size();
      switch (patless::file_kind(path)) {
        case patless::FileKind::Bicep:
        case patless::FileKind::BicepParams:
          ts_tree_delete(patless::parse_bicep_text(parser, text));  // as patless parses
          break;
        case patless::FileKind::Json:
          if (nlohmann::json doc = nlohmann::json::parse(text, nullptr, false, true); doc.is_discarded()) continue;
          break;
        case patless::FileKind::Yaml:
          try {
            if (YAML::LoadAll(text).empty()) continue;
          } catch (const YAML::Exception&) {
          }
          break;
        default: continue;
      }
      ++parsed;
    }
    ts_parser_delete(parser);
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  std::printf("%zu files, %zu bytes parsed\n", parsed.load(), bytes.load());
  return 0;
}
