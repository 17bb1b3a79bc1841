// The files of one scan and what reading each gave: a model, an outline (its
// path and, for a Bicep file of modules, their paths: grammars/read_document.h)
// or nothing; and the files they reach that the listing did not give: the
// templates of registry modules Bicep restored, what they deploy from outside
// the paths named, and outlines read again, whole, because the chain reaches them.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/bicep_registry.h"
#include "cli/held_models.h"
#include "cli/path_list.h"
#include "cli/scan.h"
#include "cli/spill.h"
#include "grammars/read_document.h"

namespace patless {

class FileModels {
 public:
  FileModels(PathList files, const ScanOptions& options, unsigned jobs);

  // Reads the files listed, and the templates of the registry modules they deploy.
  // A pre-commit run that reaches the chain (templates_whole) parses the few files
  // its selection kept, the deployers of the chain's files among them, which the
  // rounds of read_back_outlines() would read a second time, whole: it reads its
  // templates whole at once (YAML is never read again). Otherwise they may be outlines.
  void read_listed(bool templates_whole);
  // What the files deploy or import from outside the paths named (`'../shared/flux.bicep'`
  // in a scan of `infra/`, a kustomization's `../../base`), as Bicep and kustomize
  // would: its findings are not reported (result.context), but what it deploys is known.
  void read_outside_paths(ScanResult& result);
  // Outlines that link to the chain, read again, whole, in rounds until none is left.
  void read_back_outlines();
  // The models into result.documents (put aside: their outlines, encoded, into
  // result.outlines), the outlines' paths into result.outlined, what could not be
  // read into the notifications, what could not be followed into the notes; and
  // the files considered. Marks the parameter files named (--params).
  void move_into(ScanResult& result);

 private:
  // Reads and parses the files todo[k] names on `jobs` threads, the largest first.
  void read(std::vector<size_t> todo, Detail detail);
  // The modules of files[todo], and the templates .bicepparam files use, that Bicep
  // restored: their templates join the files (the new ones' indices), and the
  // modules and `using`s name them.
  std::vector<size_t> resolve_registry_modules(const std::vector<size_t>& todo);
  // The files added since the last read join every table and are read.
  void read_restored(const std::vector<size_t>& added);

  const ScanOptions& options_;
  const unsigned jobs_;
  PathList files_;
  const size_t repository_files_;  // the files listed; after them, those the scan added
  // What is held of each file's model or outline. An outline is only a mark (its
  // path is files_[i]) unless it has modules: most files of a repository are
  // outlines, and an empty Document for each would make memory grow with the repository.
  HeldModels held_;
  std::shared_ptr<Spill> spill_;  // with ScanOptions::put_models_aside
  std::vector<uint8_t> state_;    // FileState (file_models.cpp); bytes: threads write apart
  // "<path>: why", for each file that could not be read (few), by index.
  std::mutex skipped_mutex_;
  std::vector<std::pair<size_t, std::string>> skipped_;
  // For each file the scan added (files_[repository_files_ + k]): the reference
  // when it is a registry module's template, else empty.
  std::vector<std::string> registry_;
  BicepRegistry bicep_cache_;
  std::map<std::string, size_t> restored_;  // template path -> index
  size_t other_case_ = 0;                   // targets that are not there but in other letter case
  std::string first_other_case_;
};

}  // namespace patless
