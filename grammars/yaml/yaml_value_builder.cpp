#include "grammars/yaml/yaml_value_builder.h"

#include <algorithm>

namespace patless {
namespace {

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

}  // namespace

void YamlValueBuilder::OnDocumentStart(const YAML::Mark& mark) {
  doc = YamlDocument{};
  stack_.clear();
  anchors_.clear();
  skipping_ = 0;
  building_ = true;
  asking_ = static_cast<bool>(keep_);
  start_pos = mark.pos;
  events = nulls = 0;
}

void YamlValueBuilder::OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) {
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

void YamlValueBuilder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
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
    if (!fits(a.built.height, a.built.values)) {
      limit(start_of(mark).start);
      return deliver(Value{}, a.built, 0);
    }
    budget_ -= a.built.values;
    doc.values += a.built.values;
  }
  deliver(Value(a.value), a.built, 0);
}

void YamlValueBuilder::OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                                const std::string& value) {
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

YamlValueBuilder::Built YamlValueBuilder::start_of(const YAML::Mark& mark) const {
  Built b;
  size_t at = mark.pos < 0 ? src_.bytes().size() : positions_.file_offset(static_cast<size_t>(mark.pos));
  b.start = skip_properties(src_.bytes(), at, b.anchored);
  b.values = 1;
  return b;
}

void YamlValueBuilder::limit(size_t at) {
  if (!doc.limit_hit) doc.limit_hit = src_.range(at, at + 1);
  building_ = false;
}

bool YamlValueBuilder::charge(const Built& b) {
  if (!building_) {
    if (keeps_value()) return true;  // read, not charged
    deliver(Value{}, b, 0);
    return false;
  }
  if (!fits(0, 1)) {
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

void YamlValueBuilder::open(const YAML::Mark& mark, YAML::anchor_t anchor, Value::Kind kind) {
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
  if (!building_ || !fits(0, 1)) {
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

void YamlValueBuilder::close() {
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

void YamlValueBuilder::deliver(Value v, const Built& b, YAML::anchor_t anchor) {
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

void YamlValueBuilder::check_duplicate(Frame& f) {
  if (!doc.duplicate_key && f.key_scalar && building_ && seen_before(f.value, f.key.key, f.seen)) {
    doc.duplicate_key = Member{};
    doc.duplicate_key->key = f.key.key;
    doc.duplicate_key->key_range = f.key.key_range;
  }
}

void YamlValueBuilder::ask() {
  std::optional<bool> kept = keep_(stack_.front().value);
  if (!kept) return;
  asking_ = false;
  if (*kept) return;
  doc.dropped = true;
  building_ = false;
  doc.limit_hit.reset();  // a limit in a document dropped is not the reader's concern
}

}  // namespace patless
