// What a scan holds in memory of each file while it reads (cli/file_models.h):
// nothing (most files), a Document (a model, or an outline that has modules),
// or for a model put aside (cli/spill.h) where it is, the modules whose outputs
// it reads, and its outline (cli/model_outline.h) encoded. A Document's fields
// alone take 512 bytes, a repository's chain thousands of files: encoded, an
// outline takes what it holds.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/spill.h"
#include "grammars/model.h"

namespace patless {

class HeldModels {
 public:
  struct Aside {
    Spill::Handle at;
    std::set<std::string> output_readers;
  };

  size_t size() const { return documents_.size(); }
  void resize(size_t n);
  // These three are safe on distinct files from different threads.
  void hold(size_t i, Document document);
  void hold_aside(size_t i, Aside aside, const Document& outline);
  void drop(size_t i);

  // Where file i's model is when it is put aside, else null.
  const Aside* aside(size_t i) const { return aside_[i] ? &aside_[i]->aside : nullptr; }
  // File i's document, or null: for a model put aside its outline, decoded into `scratch`.
  const Document* get(size_t i, std::optional<Document>& scratch) const;
  // Lets `change` alter file i's document, if one is held; an outline put aside is
  // encoded again when `change` returns true (it changed something).
  void change(size_t i, const std::function<bool(Document&)>& change);
  // File i's document, taken out (nothing is held for it after: ask aside() first), or nullopt.
  std::optional<Document> take(size_t i);
  // The encoded outline of file i's model put aside, taken out likewise; empty when there is none.
  std::string take_outline(size_t i);

 private:
  struct Encoded {
    Aside aside;
    std::string outline;
  };
  std::vector<std::unique_ptr<Document>> documents_;
  std::vector<std::unique_ptr<Encoded>> aside_;
};

}  // namespace patless
