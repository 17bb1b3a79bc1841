#include "grammars/yaml/yaml_documents.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <streambuf>
#include <unordered_set>

#include "grammars/limits.h"

namespace patless {
namespace {

// The offset of a ',' that starts a line (after indentation) in block context,
// or npos. Quoted scalars, flow collections, comments and block scalars (`|`,
// `>`) are skipped. yaml-cpp 0.7 (Debian 12) never returns on a document that
// starts with one: its parser emits a null node without consuming the token,
// over and over.
size_t stray_flow_entry(std::string_view s) {
  int flow = 0;
  char quote = 0;
  bool line_start = true;
  size_t block_indent = std::string_view::npos;  // inside a block scalar: its parent's indentation
  size_t line_indent = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\n') {
      line_start = true;
      line_indent = 0;
      continue;
    }
    if (line_start) {
      if (c == ' ') {
        ++line_indent;
        continue;
      }
      line_start = false;
      if (block_indent != std::string_view::npos) {
        if (line_indent > block_indent || c == '\r') {  // still the block scalar's content
          size_t nl = s.find('\n', i);
          if (nl == std::string_view::npos) return std::string_view::npos;
          i = nl - 1;
          continue;
        }
        block_indent = std::string_view::npos;
      }
      if (!quote && flow == 0 && c == ',') return i;
    }
    if (quote) {
      if (c == quote) {
        if (quote == '\'' && i + 1 < s.size() && s[i + 1] == '\'')
          ++i;  // '' inside '...'
        else
          quote = 0;
      } else if (c == '\\' && quote == '"') {
        ++i;
      }
      continue;
    }
    if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
      size_t nl = s.find('\n', i);
      if (nl == std::string_view::npos) return std::string_view::npos;
      i = nl - 1;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      ++flow;
    } else if ((c == ']' || c == '}') && flow > 0) {
      --flow;
    } else if ((c == '|' || c == '>') && flow == 0) {
      // A block scalar indicator ends its line (after optional indicators and a comment).
      size_t j = i + 1;
      while (j < s.size() && (s[j] == '-' || s[j] == '+' || (s[j] >= '1' && s[j] <= '9'))) ++j;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      if (j >= s.size() || s[j] == '\n' || s[j] == '\r' || s[j] == '#') block_indent = line_indent;
    }
  }
  return std::string_view::npos;
}

// A node's mark is where its properties start (`&anchor`, `!tag`, in either
// order); the value's range starts after them, so that a fix that rewrites the
// value keeps the anchor its aliases need. `anchored` is set when they include an anchor.
size_t skip_properties(std::string_view b, size_t start, bool& anchored) {
  size_t i = start;
  while (i < b.size() && (b[i] == '&' || b[i] == '!')) {
    anchored = anchored || b[i] == '&';
    size_t j = i + 1;
    if (b[i] == '!' && j < b.size() && b[j] == '<') {
      j = b.find('>', j);
      if (j == std::string_view::npos) return start;
      ++j;
    }
    while (j < b.size() && b[j] != ' ' && b[j] != '\t' && b[j] != '\r' && b[j] != '\n') ++j;
    // Whitespace, line breaks and comments may stand between the properties and the value.
    while (j < b.size()) {
      if (b[j] == ' ' || b[j] == '\t' || b[j] == '\r' || b[j] == '\n') {
        ++j;
      } else if (b[j] == '#' && (b[j - 1] == ' ' || b[j - 1] == '\t' || b[j - 1] == '\n')) {
        while (j < b.size() && b[j] != '\n') ++j;
      } else {
        break;
      }
    }
    if (j >= b.size()) return start;
    i = j;
  }
  return i;
}

// yaml-cpp gives only where a scalar starts; where it ends is found in the source.
SourceRange scalar_range(const SourceText& src, size_t start, const std::string& value) {
  std::string_view b = src.bytes();
  if (start >= b.size()) return src.range(b.size(), b.size());
  char c = b[start];
  size_t i = start + 1;
  if (c == '"') {
    while (i < b.size() && b[i] != '"') i += b[i] == '\\' ? 2 : 1;
    return src.range(start, std::min(i + 1, b.size()));
  }
  if (c == '\'') {
    while (i < b.size()) {
      if (b[i] == '\'') {
        if (i + 1 < b.size() && b[i + 1] == '\'') {
          i += 2;
          continue;
        }
        break;
      }
      ++i;
    }
    return src.range(start, std::min(i + 1, b.size()));
  }
  if (b.compare(start, value.size(), value) == 0 && c != '|' && c != '>') return src.range(start, start + value.size());
  // Block scalar or folded plain scalar: its first line.
  size_t end = b.find_first_of("\r\n", start);
  if (end == std::string_view::npos) end = b.size();
  return src.range(start, end);
}

// Quoted scalars are strings; plain ones (tag "?") are typed the way Kubernetes
// reads them; one with a ${variable} in it is Opaque (unknown), text kept.
// (yaml-cpp reports a plain null, `~` or nothing as a null node, not a scalar.)
Value::Kind scalar_kind(const std::string& tag, const std::string& s) {
  // Flux post-build substitution (${cluster_name}, ${VAR:=default}) or envsubst
  // fills it in later: its value is unknown here.
  if (s.find("${") != std::string::npos) return Value::Kind::Opaque;
  if (tag != "?") return Value::Kind::String;
  if (s == "true" || s == "false" || s == "True" || s == "False" || s == "TRUE" || s == "FALSE")
    return Value::Kind::Bool;
  bool number = !s.empty();
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (!((c >= '0' && c <= '9') || c == '.' || ((c == '-' || c == '+') && i == 0))) number = false;
  }
  return number ? Value::Kind::Number : Value::Kind::String;
}

// Whether `key` is already a key of `object`: a scan of a small mapping, a set
// for a large one, so that a mapping of a million keys stays linear.
bool seen_before(const Value& object, const std::string& key, std::unordered_set<std::string>& seen) {
  constexpr size_t kScan = 32;
  if (object.members.size() < kScan) {
    for (const Member& e : object.members)
      if (e.key == key) return true;
    return false;
  }
  if (seen.empty())
    for (const Member& e : object.members) seen.insert(e.key);
  return !seen.insert(key).second;
}

void mark_shared(Value& v) {
  v.shared = true;
  for (Value& i : v.items) mark_shared(i);
  for (Member& m : v.members) mark_shared(m.value);
}

// `<<: *base` (or `<<: [*a, *b]`): YAML's merge key, which Kubernetes' and
// kustomize's YAML libraries apply and yaml-cpp does not. The key was a plain
// (or !!merge) `<<`; what it merges must be a mapping or a list of them.
bool mergeable(const Value& v) {
  if (v.kind == Value::Kind::Object) return true;
  if (v.kind != Value::Kind::Array) return false;
  return std::all_of(v.items.begin(), v.items.end(), [](const Value& i) { return i.kind == Value::Kind::Object; });
}

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

// yaml-cpp's events for one document → its values, node by node as yaml-cpp's
// NodeBuilder would make its nodes, and as patless's models want them.
class Builder final : public YAML::EventHandler {
 public:
  Builder(const SourceText& src, const YamlDocuments& positions, size_t& budget, const YamlDocuments::Keep& keep)
      : src_(src), positions_(positions), budget_(budget), keep_(keep) {}

  YamlDocument doc;
  // For the stuck check: where the document started, and whether it is one null alone.
  int start_pos = -1;
  size_t events = 0, nulls = 0;

  void OnDocumentStart(const YAML::Mark& mark) override {
    doc = YamlDocument{};
    stack_.clear();
    anchors_.clear();
    skipping_ = 0;
    building_ = true;
    asking_ = static_cast<bool>(keep_);
    start_pos = mark.pos;
    events = nulls = 0;
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    ++events;
    ++nulls;
    if (skipping_) return;
    Built b = start_of(mark);
    if (at_key()) return deliver(Value{}, b, anchor);
    if (!charge(b)) return;
    Value v;  // kind Null, and no range: a member takes its key's
    v.shared = shared_here(b);
    deliver(std::move(v), b, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    ++events;
    if (skipping_) return;
    if (anchor >= anchors_.size() || !anchors_[anchor].complete) {  // an alias inside what it names: a cycle
      Built b = start_of(mark);
      if (!at_key() && building_) limit(b.start);
      return deliver(Value{}, b, 0);
    }
    const Anchored& a = anchors_[anchor];
    if (at_key()) return deliver(a.built.scalar ? Value(a.value) : Value{}, a.built, 0);
    if (!keeps_value()) return deliver(Value{}, a.built, 0);
    if (building_) {
      if (static_cast<int>(stack_.size()) + a.built.height > limits::kMaxNesting || a.built.values > budget_) {
        limit(start_of(mark).start);
        return deliver(Value{}, a.built, 0);
      }
      budget_ -= a.built.values;
      doc.values += a.built.values;
    }
    deliver(Value(a.value), a.built, 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    ++events;
    if (skipping_) return;
    Built b = start_of(mark);
    b.scalar = true;
    b.merge_key = value == "<<" && (tag == "?" || tag == "tag:yaml.org,2002:merge");
    if (!at_key() && !charge(b)) return;
    Value v;
    v.range = scalar_range(src_, b.start, value);
    v.kind = scalar_kind(tag, value);
    v.text = value;
    v.shared = shared_here(b);
    deliver(std::move(v), b, anchor);
  }

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
  struct Frame {
    Value value;  // the mapping or sequence
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
  Built start_of(const YAML::Mark& mark) const {
    Built b;
    size_t at = mark.pos < 0 ? src_.bytes().size() : positions_.file_offset(static_cast<size_t>(mark.pos));
    b.start = skip_properties(src_.bytes(), at, b.anchored);
    b.values = 1;
    return b;
  }
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

  void limit(size_t at) {
    if (!doc.limit_hit) doc.limit_hit = src_.range(at, at + 1);
    building_ = false;
  }

  // Takes a value node from the budget; false when it is not built (then delivered as nothing).
  bool charge(const Built& b) {
    if (!building_) {
      if (keeps_value()) return true;  // read, not charged
      deliver(Value{}, b, 0);
      return false;
    }
    if (static_cast<int>(stack_.size()) > limits::kMaxNesting || budget_ == 0) {
      limit(b.start);
      Value v;
      v.kind = Value::Kind::Opaque;
      deliver(std::move(v), b, 0);
      return false;
    }
    --budget_;
    ++doc.values;
    return true;
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, Value::Kind kind) {
    if (skipping_) {
      ++skipping_;
      return;
    }
    Built b = start_of(mark);
    bool shared = shared_here(b);
    if (at_key()) {  // a key that is a collection has no text: not built
      stack_.back().key = Member{};
      stack_.back().key.key_range = src_.range(b.start, b.start + 1);
      ++skipping_;
      return;
    }
    if (!building_ || static_cast<int>(stack_.size()) > limits::kMaxNesting || budget_ == 0) {
      if (building_) limit(b.start);
      ++skipping_;
      skipped_ = b;
      return;
    }
    --budget_;
    ++doc.values;
    Frame& f = stack_.emplace_back();
    f.value.kind = kind;
    f.value.range = src_.range(b.start, b.start + 1);
    f.value.shared = shared;
    f.built = b;
    f.anchor = anchor;
    f.values_before = doc.values - 1;
  }

  void close() {
    if (skipping_) {
      if (--skipping_ > 0) return;
      // The collection just skipped: a key (set when it opened), or a value not built.
      if (at_key()) {
        Frame& f = stack_.back();
        f.want_key = false;
        f.key_scalar = f.key_merge = false;
        return;
      }
      Value v;
      v.kind = Value::Kind::Opaque;
      deliver(std::move(v), skipped_, 0);
      return;
    }
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    Value& v = f.value;
    // The mapping's own keys win over merged ones, and in `<<: [*a, *b]` a's keys
    // win over b's, as YAML's merge key is specified.
    for (Value& source : f.merged) {
      std::unordered_set<std::string> keys;
      for (const Member& m : v.members) keys.insert(m.key);
      auto add = [&](Value& from) {
        for (Member& m : from.members)
          if (keys.insert(m.key).second) {
            mark_shared(m.value);
            v.members.push_back(std::move(m));
          }
      };
      if (source.kind == Value::Kind::Object)
        add(source);
      else
        for (Value& item : source.items) add(item);
    }
    v.items.shrink_to_fit();  // models are kept: no slack from doubling
    v.members.shrink_to_fit();
    f.built.values = doc.values - f.values_before;
    deliver(std::move(v), f.built, f.anchor);
  }

  // A complete node: anchored if it has an anchor, then placed in its parent.
  void deliver(Value v, const Built& b, YAML::anchor_t anchor) {
    if (anchor && building_) {
      if (anchor >= anchors_.size()) anchors_.resize(anchor + 1);
      anchors_[anchor] = Anchored{v, b, true};
    }
    if (stack_.empty()) {
      doc.root = std::move(v);
      return;
    }
    bool keep_value = keeps_value();
    Frame& f = stack_.back();
    if (f.value.kind == Value::Kind::Array) {
      if (keep_value) f.value.items.push_back(std::move(v));
      f.built.height = std::max(f.built.height, b.height + 1);
      return;
    }
    if (f.want_key) {
      f.want_key = false;
      f.key = Member{};
      f.key_scalar = b.scalar;
      f.key_merge = b.merge_key;
      if (b.scalar) {
        f.key.key = std::move(v.text);
        f.key.key_range = v.range;
      } else {
        f.key.key_range = src_.range(b.start, b.start + 1);
      }
      if (!f.key_merge) check_duplicate(f);
      return;
    }
    f.want_key = true;
    f.built.height = std::max(f.built.height, b.height + 1);
    if (!keep_value) return;
    if (f.key_merge && mergeable(v)) {
      f.merged.push_back(std::move(v));
      return;
    }
    if (f.key_merge) check_duplicate(f);
    Member& m = f.value.members.emplace_back(std::move(f.key));
    m.value = std::move(v);
    if (m.value.kind == Value::Kind::Null || !m.value.range.valid()) m.value.range = m.key_range;
    if (asking_ && stack_.size() == 1) ask();
  }

  void check_duplicate(Frame& f) {
    if (!doc.duplicate_key && f.key_scalar && building_ && seen_before(f.value, f.key.key, f.seen)) {
      doc.duplicate_key = Member{};
      doc.duplicate_key->key = f.key.key;
      doc.duplicate_key->key_range = f.key.key_range;
    }
  }

  // Whether the caller keeps the document, once its root's members can tell.
  void ask() {
    std::optional<bool> kept = keep_(stack_.front().value);
    if (!kept) return;
    asking_ = false;
    if (*kept) return;
    doc.dropped = true;
    building_ = false;
    doc.limit_hit.reset();  // a limit in a document dropped is not the reader's concern
  }
};

// A std::istream's buffer over text, without copying it.
class TextBuffer : public std::streambuf {
 public:
  explicit TextBuffer(std::string_view s) {
    char* p = const_cast<char*>(s.data());  // only read
    setg(p, p, p + s.size());
  }
};

}  // namespace

YamlDocuments::YamlDocuments(const SourceText& src, std::vector<size_t> removed_boms)
    : src_(src),
      removed_boms_(std::move(removed_boms)),
      budget_(std::clamp(src.bytes().size() * limits::kNodesPerYamlByte, limits::kMinNodesVisited,
                         limits::kMaxNodesVisited)) {}

size_t YamlDocuments::file_offset(size_t pos) const {
  size_t removed =
      static_cast<size_t>(std::upper_bound(removed_boms_.begin(), removed_boms_.end(), pos) - removed_boms_.begin());
  return std::min(pos + src_.content_start() + 3 * removed, src_.bytes().size());
}

std::optional<YamlError> YamlDocuments::read(std::string_view text, const std::function<void(YamlDocument&)>& take,
                                             const Keep& keep) {
  if (size_t at = stray_flow_entry(text); at != std::string_view::npos) {
    // An offset into the text, whose BOM yaml-cpp's offsets do not count.
    size_t pos = at - std::min<size_t>(at, src_.content_start());
    return YamlError{file_offset(pos), "unexpected ',' at the start of a line (a flow entry outside [...] or {...})"};
  }
  TextBuffer buffer(text);
  std::istream in(&buffer);
  Builder builder(src_, *this, budget_, keep);
  size_t same = 0;  // documents in a row that are one null at the same place
  int last_pos = -1;
  try {
    YAML::Parser parser(in);
    for (size_t documents = 0; parser.HandleNextDocument(builder); ++documents) {
      // yaml-cpp's parser can be stuck on a token it does not consume (a ',' right
      // after an anchor): it returns the same empty document forever.
      bool empty_here = builder.events == 1 && builder.nulls == 1 && builder.start_pos == last_pos;
      same = empty_here ? same + 1 : 0;
      last_pos = builder.start_pos;
      if (same > 16 || documents > limits::kMaxNodesVisited)
        return YamlError{file_offset(builder.start_pos >= 0 ? static_cast<size_t>(builder.start_pos) : 0),
                         "unexpected token: the YAML parser cannot go on from here"};
      take(builder.doc);
    }
  } catch (const YAML::Exception& e) {
    return YamlError{file_offset(e.mark.pos >= 0 ? static_cast<size_t>(e.mark.pos) : 0), e.msg};
  }
  return std::nullopt;
}

}  // namespace patless
