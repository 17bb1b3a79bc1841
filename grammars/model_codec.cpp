#include "grammars/model_codec.h"

#include <concepts>
#include <type_traits>

#include "grammars/limits.h"

namespace patless {
namespace {

// Bump when the encoding changes.
constexpr uint8_t kVersion = 1;

// Readers nest values no deeper than kMaxNesting; evaluated and patched values stay near it.
constexpr int kMaxValueDepth = 4 * limits::kMaxNesting;

// Writes what fields() lists, in order. Numbers as LEB128.
class Writer {
 public:
  static constexpr bool kReads = false;
  explicit Writer(std::string& out) : out_(out) {}
  bool ok() const { return true; }

  void number(uint64_t n) {
    while (n >= 0x80) {
      out_.push_back(static_cast<char>((n & 0x7f) | 0x80));
      n >>= 7;
    }
    out_.push_back(static_cast<char>(n));
  }
  void field(const bool& b) { out_.push_back(b ? 1 : 0); }
  void field(const uint8_t& b) { out_.push_back(static_cast<char>(b)); }
  void field(const uint32_t& n) { number(n); }
  void field(const uint64_t& n) { number(n); }
  void field(const std::string& s) {
    number(s.size());
    out_.append(s);
  }
  template <class E>
  requires std::is_enum_v<E>
  void field(const E& e, E) { number(static_cast<uint64_t>(e)); }
  template <class T>
  void field(const std::optional<T>& v) {
    field(v.has_value());
    if (v) field(*v);
  }
  template <class T>
  void field(const std::vector<T>& items) {
    number(items.size());
    for (const T& item : items) field(item);
  }
  template <class T>
  requires requires(Writer& w, const T& t) { fields(w, t); }
  void field(const T& t) { fields(*this, t); }
  // Values nest: the reader bounds how deep.
  void nest() {}
  void unnest() {}

 private:
  std::string& out_;
};

// Reads what fields() lists, in order; any byte out of place makes it fail, and
// what it read then is thrown away.
class Reader {
 public:
  static constexpr bool kReads = true;
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && at_ == in_.size(); }
  uint64_t remaining() const { return in_.size() - at_; }
  void fail() { ok_ = false; }

  uint64_t number() {
    uint64_t n = 0;
    for (int shift = 0; shift < 64 && ok_; shift += 7) {
      if (at_ >= in_.size()) break;
      const auto byte = static_cast<uint8_t>(in_[at_++]);
      n |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return n;
    }
    fail();
    return 0;
  }
  void field(bool& b) {
    uint8_t v = 0;
    field(v);
    if (v > 1) fail();
    b = v == 1;
  }
  void field(uint8_t& b) {
    if (at_ >= in_.size()) return fail();
    b = static_cast<uint8_t>(in_[at_++]);
  }
  void field(uint32_t& n) {
    uint64_t v = number();
    if (v > UINT32_MAX) fail();
    n = static_cast<uint32_t>(v);
  }
  void field(uint64_t& n) { n = number(); }
  void field(std::string& s) {
    size_t n = count();
    s.assign(in_.substr(at_, n));
    at_ += n;
  }
  template <class E>
  requires std::is_enum_v<E>
  void field(E& e, E last) {
    uint64_t v = number();
    if (v > static_cast<uint64_t>(last)) fail();
    e = static_cast<E>(v);
  }
  template <class T>
  void field(std::optional<T>& v) {
    bool has = false;
    field(has);
    if (has) field(v.emplace());
  }
  template <class T>
  void field(std::vector<T>& items) {
    items.resize(count());
    for (T& item : items) {
      if (!ok_) return;
      field(item);
    }
  }
  template <class T>
  requires requires(Reader& r, T& t) { fields(r, t); }
  void field(T& t) { fields(*this, t); }
  void nest() {
    if (++depth_ > kMaxValueDepth) fail();
  }
  void unnest() { --depth_; }

 private:
  // How many items follow: each takes a byte at least, so no more than are left.
  size_t count() {
    uint64_t n = number();
    if (n > remaining()) fail();
    return ok_ ? static_cast<size_t>(n) : 0;
  }

  std::string_view in_;
  size_t at_ = 0;
  bool ok_ = true;
  int depth_ = 0;
};

// Each struct's fields, in the order they are encoded: one list for both ways.
// `S` is the struct, const when writing.
template <class A, class S>
requires std::same_as<std::remove_const_t<S>, SourceRange>
void fields(A& a, S& r) {
  for (auto* n : {&r.start_line, &r.start_column, &r.end_line, &r.end_column, &r.start_offset, &r.end_offset})
    a.field(*n);
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, Value>
void fields(A& a, S& v) {
  if (!a.ok()) return;
  a.nest();
  a.field(v.kind, Value::Kind::Opaque);
  auto flags = static_cast<uint8_t>(v.spread | v.shared << 1 | v.safe << 2 | v.grouped << 3);
  a.field(flags);
  if constexpr (A::kReads) {
    if (flags > 0xf) a.fail();
    v.spread = flags & 1;
    v.shared = flags & 2;
    v.safe = flags & 4;
    v.grouped = flags & 8;
  }
  a.field(v.origin);
  a.field(v.text);
  a.field(v.range);
  a.field(v.items);
  a.field(v.members);
  a.unnest();
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, Member>
void fields(A& a, S& m) {
  a.field(m.key);
  a.field(m.key_range);
  a.field(m.spread);
  a.field(m.value);
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, Resource>
void fields(A& a, S& r) {
  for (auto* s : {&r.symbol, &r.type}) a.field(*s);
  a.field(r.api_version);
  for (auto* range : {&r.type_range, &r.api_version_range, &r.range, &r.head_range}) a.field(*range);
  for (auto* b : {&r.existing, &r.conditional, &r.loop}) a.field(*b);
  for (auto* v : {&r.condition, &r.loop_over}) a.field(*v);
  for (auto* s : {&r.loop_item, &r.loop_index, &r.parent_symbol}) a.field(*s);
  a.field(r.decorators);
  a.field(r.body);
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, Parameter>
void fields(A& a, S& p) {
  a.field(p.name);
  a.field(p.range);
  a.field(p.type);
  a.field(p.default_value);
  a.field(p.nullable);
  a.field(p.decorators);
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, Variable> || std::same_as<std::remove_const_t<S>, Output>
void fields(A& a, S& v) {
  a.field(v.name);
  a.field(v.range);
  a.field(v.value);
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, Module>
void fields(A& a, S& m) {
  a.field(m.symbol);
  for (auto* b : {&m.loop, &m.conditional}) a.field(*b);
  for (auto* v : {&m.loop_over, &m.condition}) a.field(*v);
  for (auto* s : {&m.loop_item, &m.loop_index, &m.path, &m.registry}) a.field(*s);
  a.field(m.decorators);
  a.field(m.range);
  a.field(m.path_range);
  a.field(m.body);
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, Import>
void fields(A& a, S& i) {
  a.field(i.path);
  a.field(i.names);
  a.field(i.wildcard);
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, std::pair<std::string, std::string>>
void fields(A& a, S& p) {
  a.field(p.first);
  a.field(p.second);
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, K8sObject>
void fields(A& a, S& o) {
  for (auto* s : {&o.api_version, &o.kind, &o.name, &o.namespace_}) a.field(*s);
  a.field(o.range);
  a.field(o.root);
  // The object that makes another comes before it in its document (checked in read_document).
  uint64_t maker = static_cast<uint64_t>(o.generated_by + 1);
  a.field(maker);
  if constexpr (A::kReads) o.generated_by = maker <= INT32_MAX ? static_cast<int>(maker) - 1 : INT32_MAX;
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, KustomizePatch>
void fields(A& a, S& p) {
  a.field(p.type, KustomizePatch::Type::Json6902);
  for (auto* s : {&p.target_group, &p.target_version, &p.target_kind, &p.target_name, &p.target_namespace,
                  &p.label_selector, &p.annotation_selector})
    a.field(*s);
  a.field(p.body);
  a.field(p.range);
  a.field(p.of_flux_instance);
  a.field(p.file);
}

template <class A, class S>
requires std::same_as<std::remove_const_t<S>, Comment> || std::same_as<std::remove_const_t<S>, ParseError>
void fields(A& a, S& c) {
  if constexpr (std::same_as<std::remove_const_t<S>, Comment>)
    a.field(c.text);
  else
    a.field(c.message);
  a.field(c.range);
}

// A document, its nested ones with it. `parent`: the document it is nested in;
// its deployment resource is encoded by its place among the parent's resources.
template <class A, class D>
void document_fields(A& a, D& d, D* parent, int depth) {
  if (depth > limits::kMaxNesting) {
    if constexpr (A::kReads) a.fail();
    return;
  }
  a.field(d.path);
  a.field(d.format, Format::Yaml);
  a.field(d.resources);
  a.field(d.parameters);
  a.field(d.variables);
  a.field(d.modules);
  a.field(d.imports);
  a.field(d.outputs);
  a.field(d.objects);
  a.field(d.patches);
  uint64_t nested = d.nested.size();
  a.field(nested);
  if constexpr (A::kReads) {
    if (nested > a.remaining()) return a.fail();  // each takes a byte at least
    d.nested.resize(static_cast<size_t>(nested));
  }
  for (auto& n : d.nested) {
    if (!a.ok()) return;
    document_fields(a, n, &d, depth + 1);
  }
  uint64_t in = d.nested_in && parent ? static_cast<uint64_t>(d.nested_in - parent->resources.data()) + 1 : 0;
  a.field(in);
  if constexpr (A::kReads) {
    if (in > 0 && (!parent || in > parent->resources.size())) return a.fail();
    d.nested_in = in > 0 ? &parent->resources[in - 1] : nullptr;
    for (size_t k = 0; k < d.objects.size(); ++k)
      if (d.objects[k].generated_by >= static_cast<int>(k)) return a.fail();
  }
  for (auto* b : {&d.outer_expressions, &d.given_as_parameters}) a.field(*b);
  a.field(d.comments);
  a.field(d.errors);
  a.field(d.using_path);
  a.field(d.using_range);
  a.field(d.using_path_range);
  for (auto* s : {&d.using_registry, &d.extends_path}) a.field(*s);
  a.field(d.outline);
  a.field(d.registry);
  a.field(d.text_hash);
}

}  // namespace

void encode(const Document& document, std::string& out) {
  out.push_back(static_cast<char>(kVersion));
  Writer w(out);
  document_fields<Writer, const Document>(w, document, nullptr, 0);
}

std::optional<Document> decode_document(std::string_view bytes) {
  if (bytes.empty() || static_cast<uint8_t>(bytes[0]) != kVersion) return std::nullopt;
  Reader r(bytes.substr(1));
  std::optional<Document> d(std::in_place);
  document_fields<Reader, Document>(r, *d, nullptr, 0);
  if (!r.done()) return std::nullopt;
  return d;
}

}  // namespace patless
