// One scan: read files in parallel, link them, run the rules.
#pragma once

#include <string>
#include <vector>

#include "grammars/model.h"
#include "rules/engine/finding.h"

namespace patless {

struct ScanOptions {
  std::vector<std::string> paths{"."};
  unsigned jobs = 0;  // 0: one per core
};

struct ScanResult {
  std::vector<Document> documents;
  std::vector<Finding> findings;
  std::vector<std::string> notifications;  // skipped files and why
  std::vector<std::string> missing_paths;
  size_t files_considered = 0;
};

ScanResult scan(const ScanOptions& options);

// Reads a whole file; false (with `error`) when it cannot.
bool read_file(const std::string& path, std::string& bytes, std::string& error);

}  // namespace patless
