// YAML text → model Values with exact source ranges, one document at a time,
// built straight from yaml-cpp's parser events: no yaml-cpp node tree, and a
// document the caller does not keep is gone before the next one is read. A
// document the caller says it will drop (its apiVersion and kind are enough to
// tell) is parsed to its end without building anything more of it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grammars/model.h"
#include "grammars/source_text.h"

namespace patless {

// One document of the text, as values.
struct YamlDocument {
  Value root;  // kind Null for an empty document
  // Nesting deeper than limits::kMaxNesting or the file's value budget (alias
  // bombs) stopped the building here: root is cut.
  std::optional<SourceRange> limit_hit;
  // The first key written twice in one mapping, which YAML forbids and kustomize
  // and kubectl reject (yaml-cpp keeps both): its second occurrence.
  std::optional<Member> duplicate_key;
  // Dropped by the caller's `keep` while it was read: root holds what was built until then.
  bool dropped = false;
  size_t values = 0;  // what it took from the file's budget
};

// Why a text is not YAML: where (a byte offset into the file) and yaml-cpp's message.
struct YamlError {
  size_t offset = 0;
  std::string message;
};

class YamlDocuments {
 public:
  // `src` is the file; `removed_boms` where the text yaml-cpp reads had a BOM
  // that starts a later line taken out (positions in yaml-cpp's terms, ascending).
  explicit YamlDocuments(const SourceText& src, std::vector<size_t> removed_boms = {});

  // Whether a document is kept, asked as its root mapping's own members come in
  // (merged ones excluded): nullopt until the members so far can tell.
  using Keep = std::function<std::optional<bool>(const Value& root_so_far)>;
  // Reads `text` and calls `take` with each document in turn. Returns the error
  // that makes the text no YAML, if any: the documents taken are then to be
  // dropped, as a YAML library drops a file it cannot load.
  std::optional<YamlError> read(std::string_view text, const std::function<void(YamlDocument&)>& take,
                                const Keep& keep = nullptr);
  // A document the caller does not keep gives back what it took from the budget.
  void refund(const YamlDocument& d) { budget_ += d.values; }

  // yaml-cpp's offsets count neither the file's BOM nor removed BOMs.
  size_t file_offset(size_t pos) const;

 private:
  const SourceText& src_;
  std::vector<size_t> removed_boms_;
  size_t budget_;  // values left to build in this file
};

}  // namespace patless
