// What the Bicep compatibility layer (grammars/bicep/bicep_compat.h) costs:
// parses the same files with the bare grammar and with the rewrite first, on
// one thread, and prints the median time of each and their ratio.
//
//   bicep_parse_bench [--runs N] PATH...
#include <tree_sitter/api.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "grammars/bicep/bicep_compat.h"
#include "grammars/bicep/bicep_scanner.h"

extern "C" const TSLanguage* tree_sitter_bicep(void);

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct File {
  std::string path, bytes;
  bool bare_clean = false;
};

void collect(const fs::path& p, std::vector<File>& out) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec) && it->path().filename() == ".git") it.disable_recursion_pending();
      else if (it->is_regular_file(ec)) collect(it->path(), out);
    }
    return;
  }
  std::string ext = p.extension().string();
  if (ext != ".bicep" && ext != ".bicepparam") return;
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  out.push_back({p.string(), ss.str()});
}

// Parses one text; returns whether the tree is free of errors.
bool parse(TSParser* parser, const std::string& text) {
  TSTree* tree = patless::parse_bicep_text(parser, text);  // as patless parses
  bool clean = !ts_node_has_error(ts_tree_root_node(tree));
  ts_tree_delete(tree);
  return clean;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Result {
  std::vector<double> bare_ms, compat_ms;
  size_t bare_errors = 0, compat_errors = 0;
};

void run(TSParser* parser, const std::vector<const File*>& files, int runs, Result& r) {
  for (int i = 0; i < runs; ++i) {
    size_t bare_errors = 0, compat_errors = 0;
    auto t0 = Clock::now();
    for (const File* f : files) bare_errors += !parse(parser, f->bytes);
    auto t1 = Clock::now();
    for (const File* f : files) {
      bool params = f->path.ends_with(".bicepparam");
      compat_errors += !parse(parser, patless::make_grammar_compatible(f->bytes, params).text);
    }
    auto t2 = Clock::now();
    r.bare_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    r.compat_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    r.bare_errors = bare_errors;
    r.compat_errors = compat_errors;
  }
}

void print(const char* label, const std::vector<const File*>& files, const Result& r) {
  size_t bytes = 0;
  for (const File* f : files) bytes += f->bytes.size();
  double bare = median(r.bare_ms), compat = median(r.compat_ms);
  std::printf("%-22s %6zu files %7.2f MB | bare %8.1f ms (%5.2f MB/s, %4zu with errors) | patless %8.1f ms (%5.2f MB/s, %4zu with errors) | ratio %.3f\n",
              label, files.size(), bytes / 1e6, bare, bytes / 1e3 / bare, r.bare_errors, compat, bytes / 1e3 / compat,
              r.compat_errors, compat / bare);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::vector<File> files;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else collect(argv[i], files);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: bicep_parse_bench [--runs N] PATH...\n");
    return 2;
  }
  TSParser* parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_bicep());
  std::vector<const File*> all, clean;
  for (File& f : files) {
    f.bare_clean = parse(parser, f.bytes);
    all.push_back(&f);
    if (f.bare_clean) clean.push_back(&f);
  }
  Result all_result, clean_result;
  run(parser, all, runs, all_result);
  run(parser, clean, runs, clean_result);
  std::printf("median of %d runs, one thread\n", runs);
  print("all files", all, all_result);
  print("bare grammar clean", clean, clean_result);
  ts_parser_delete(parser);
  return 0;
}
