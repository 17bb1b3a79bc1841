// What a pre-commit run's selection (cli/context.h) took from each file's bytes,
// kept for the next run: a file whose stamp has not changed is not read again.
// Listing the repository and comparing stamps is a few milliseconds; reading
// and searching every template of a large repository is most of a run's time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace patless {

// What tells a file's content changed without reading it, as git's index does:
// an edit changes the size or the modification time, and always the change time
// (which no tool sets back); a file replaced by another has another inode.
struct FileStamp {
  uint64_t device = 0, inode = 0, size = 0;
  int64_t modified_ns = 0, changed_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

// The stamp of the file at `path`; none when it cannot be taken.
std::optional<FileStamp> stamp_of(const std::string& path);

// What the selection takes from a file's bytes: which parts of the chain it
// names, and the files it deploys, patches with or is the parameters of.
struct SelectionFacts {
  bool flux = false;         // Flux resources or objects
  bool cluster = false;      // names AKS clusters
  bool credentials = false;  // deploys federated credentials
  bool client_id = false;    // names workloadIdentity.azureClientId
  bool arm_parameters = false;
  std::vector<std::string> targets;  // normal paths, as written in the file, resolved
  bool operator==(const SelectionFacts&) const = default;
};

// Bump when what cli/context.cpp takes from a file's bytes changes: a cache of
// another version is not read.
inline constexpr uint32_t kSelectionFactsVersion = 1;

class SelectionCache {
 public:
  // The facts kept in `directory` for runs from `working_directory` (an
  // absolute path; the files' paths are relative to it). Empty when there are
  // none, when they are of another version of patless, another working
  // directory, or not intact: a cache is never trusted over the files.
  static SelectionCache load(const std::string& directory, const std::string& working_directory);
  // The same as if loaded at `now_ns` (nanoseconds since the epoch): for tests,
  // whose files were all written less than kRacySeconds ago.
  static SelectionCache load(const std::string& directory, const std::string& working_directory, int64_t now_ns);

  // The facts of the file at `normal` when its stamp is the one they were taken
  // with; they stay where they are until keep_only() or a put() for that file.
  const SelectionFacts* find(const std::string& normal, const FileStamp& stamp) const;
  // Keeps what was taken from the file at `normal` with `stamp`. Not when the
  // file changed less than kRacySeconds before this cache was loaded: an edit in
  // the same tick of the file system's clock would leave its stamp as it is.
  void put(const std::string& normal, const FileStamp& stamp, SelectionFacts facts);
  // Forgets the files not listed any more.
  void keep_only(const std::unordered_set<std::string>& listed);

  // Writes the cache (atomically; the directory made, and ignored by git and
  // backups) when anything changed. False with `error` when it cannot: the run
  // goes on without it.
  bool save(std::string& error) const;

  size_t size() const { return entries_.size(); }
  // The bytes save() writes.
  std::string serialized() const;

  static constexpr int64_t kRacySeconds = 3;  // FAT's clock ticks every 2 s
  static constexpr const char* kFileName = "selection";

 private:
  struct Entry {
    FileStamp stamp;
    SelectionFacts facts;
  };
  std::string directory_, working_directory_;
  int64_t loaded_ns_ = 0;  // the time the run started, in the file system's clock
  std::unordered_map<std::string, Entry> entries_;
  bool changed_ = false;

  bool parse(std::string_view bytes);
};

}  // namespace patless
