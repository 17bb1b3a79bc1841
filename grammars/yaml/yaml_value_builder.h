// yaml-cpp's parser events for one document → its model Values with exact source
// ranges, node for node as yaml-cpp's NodeBuilder would make its nodes: ranges
// start after anchors and tags, YAML's merge keys are applied, aliases are copied
// within the file's budget, and the first duplicate key is noted. Once the
// caller's Keep drops the document, the rest of it is parsed without being built.
#pragma once

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <string>
#include <unordered_set>
#include <vector>

#include "grammars/limits.h"
#include "grammars/model.h"
#include "grammars/source_text.h"
#include "grammars/yaml/yaml_documents.h"

namespace patless {

class YamlValueBuilder final : public YAML::EventHandler {
 public:
  // `positions` maps yaml-cpp's offsets to the file's; `budget` is the file's, shared by its documents.
  YamlValueBuilder(const SourceText& src, const YamlDocuments& positions, size_t& budget,
                   const YamlDocuments::Keep& keep)
      : src_(src), positions_(positions), budget_(budget), keep_(keep) {}

  YamlDocument doc;  // the document read last
  // For the reader's check of yaml-cpp's endless loop: where the document
  // started, its node events, and how many of them were nulls.
  int start_pos = -1;
  size_t events = 0, nulls = 0;

  void OnDocumentStart(const YAML::Mark& mark) override;
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    ++events;
    open(mark, anchor, Value::Kind::Array);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    ++events;
    open(mark, anchor, Value::Kind::Object);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapEnd() override { close(); }

 private:
  // What is known of a node once it is complete, beyond its value.
  struct Built {
    size_t start = 0;        // where its value starts in the file (after its properties)
    size_t values = 0;       // what it took from the budget
    int height = 0;          // levels of nesting below it
    bool anchored = false;   // its properties include an anchor: aliases may stand for it (Value::shared)
    bool scalar = false;     // a scalar node (yaml-cpp's IsScalar): only such a key has text
    bool merge_key = false;  // a plain or !!merge `<<`
  };
  struct Anchored {
    Value value;
    Built built;
    bool complete = false;
  };
  // A mapping or sequence being built.
  struct Frame {
    Value value;
    Built built;
    YAML::anchor_t anchor = 0;
    size_t values_before = 0;  // doc.values when it opened
    // A mapping alternates keys and values; the key waits here for its value.
    bool want_key = true;
    Member key;
    bool key_scalar = false, key_merge = false;
    std::vector<Value> merged;  // what its merge keys bring, added at its end
    std::unordered_set<std::string> seen;
  };

  const SourceText& src_;
  const YamlDocuments& positions_;
  size_t& budget_;
  const YamlDocuments::Keep& keep_;
  std::vector<Frame> stack_;
  std::vector<Anchored> anchors_;  // by yaml-cpp's anchor id (1, 2, …, in each document)
  // Inside a collection that is not built (a key that is a collection, or one
  // past a limit or in a dropped document): its depth, and where it started.
  size_t skipping_ = 0;
  Built skipped_;
  // False once a limit is hit or the document is dropped: only the root
  // mapping's scalars are still read (its apiVersion and kind), or nothing.
  bool building_ = true;
  bool asking_ = false;  // whether keep_ has yet to decide

  // A node of one value (a scalar or null; a collection counts its own at its end).
  Built start_of(const YAML::Mark& mark) const;
  // Inside an anchored node, or anchored itself.
  bool shared_here(const Built& b) const { return b.anchored || (!stack_.empty() && stack_.back().value.shared); }
  // Whether a value delivered now is kept: while building, and after a limit the
  // root mapping's own members (what tells whether the document is kept at all).
  bool keeps_value() const { return building_ || (root_member() && doc.limit_hit); }
  bool at_key() const {
    return !stack_.empty() && stack_.back().value.kind == Value::Kind::Object && stack_.back().want_key;
  }
  // A member of the root mapping: what a document's apiVersion and kind are.
  bool root_member() const { return stack_.size() == 1 && stack_.back().value.kind == Value::Kind::Object; }

  // Whether a node that nests `height` levels below it and holds `values` values
  // can be built here: within the nesting limit and the file's budget.
  bool fits(int height, size_t values) const {
    return static_cast<int>(stack_.size()) + height <= limits::kMaxNesting && values <= budget_;
  }
  void limit(size_t at);
  // Takes a value node from the budget; false when it is not built (then delivered as nothing).
  bool charge(const Built& b);
  void open(const YAML::Mark& mark, YAML::anchor_t anchor, Value::Kind kind);
  void close();
  // A complete node: anchored if it has an anchor, then placed in its parent.
  void deliver(Value v, const Built& b, YAML::anchor_t anchor);
  void check_duplicate(Frame& f);
  // Whether the caller keeps the document, once its root's members can tell.
  void ask();
};

}  // namespace patless
