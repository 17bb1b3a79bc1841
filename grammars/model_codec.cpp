#include "grammars/model_codec.h"

#include "grammars/limits.h"

namespace patless {
namespace {

// Bump when the encoding changes.
constexpr uint8_t kVersion = 1;

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void number(uint64_t n) {  // LEB128
    while (n >= 0x80) {
      out_.push_back(static_cast<char>((n & 0x7f) | 0x80));
      n >>= 7;
    }
    out_.push_back(static_cast<char>(n));
  }
  void flag(bool b) { out_.push_back(b ? 1 : 0); }
  void text(std::string_view s) {
    number(s.size());
    out_.append(s);
  }
  void range(const SourceRange& r) {
    number(r.start_line);
    number(r.start_column);
    number(r.end_line);
    number(r.end_column);
    number(r.start_offset);
    number(r.end_offset);
  }
  void value(const Value& v) {
    out_.push_back(static_cast<char>(v.kind));
    out_.push_back(static_cast<char>(v.spread | v.shared << 1 | v.safe << 2 | v.grouped << 3));
    out_.push_back(static_cast<char>(v.origin));
    text(v.text);
    range(v.range);
    values(v.items);
    number(v.members.size());
    for (const Member& m : v.members) {
      text(m.key);
      range(m.key_range);
      flag(m.spread);
      value(m.value);
    }
  }
  void values(const std::vector<Value>& vs) {
    number(vs.size());
    for (const Value& v : vs) value(v);
  }
  void maybe(const std::optional<Value>& v) {
    flag(v.has_value());
    if (v) value(*v);
  }
  void maybe(const std::optional<std::string>& s) {
    flag(s.has_value());
    if (s) text(*s);
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && at_ == in_.size(); }
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
  uint32_t number32() {
    uint64_t n = number();
    if (n > UINT32_MAX) fail();
    return static_cast<uint32_t>(n);
  }
  uint8_t byte() {
    if (at_ >= in_.size()) {
      fail();
      return 0;
    }
    return static_cast<uint8_t>(in_[at_++]);
  }
  bool flag() {
    uint8_t b = byte();
    if (b > 1) fail();
    return b == 1;
  }
  // How many items follow: each takes a byte at least, so no more than are left.
  size_t count() {
    uint64_t n = number();
    if (n > in_.size() - at_) fail();
    return ok_ ? static_cast<size_t>(n) : 0;
  }
  std::string text() {
    size_t n = count();
    std::string s(in_.substr(at_, n));
    at_ += n;
    return s;
  }
  SourceRange range() {
    SourceRange r;
    r.start_line = number32();
    r.start_column = number32();
    r.end_line = number32();
    r.end_column = number32();
    r.start_offset = number32();
    r.end_offset = number32();
    return r;
  }
  void value(Value& v, int depth) {
    // Readers nest no deeper than kMaxNesting; evaluated and patched values stay near it.
    if (depth > 4 * limits::kMaxNesting) return fail();
    uint8_t kind = byte();
    if (kind > static_cast<uint8_t>(Value::Kind::Opaque)) return fail();
    v.kind = static_cast<Value::Kind>(kind);
    uint8_t flags = byte();
    if (flags > 0xf) return fail();
    v.spread = flags & 1;
    v.shared = flags & 2;
    v.safe = flags & 4;
    v.grouped = flags & 8;
    v.origin = byte();
    v.text = text();
    v.range = range();
    values(v.items, depth + 1);
    size_t members = count();
    v.members.resize(members);
    for (Member& m : v.members) {
      if (!ok_) return;
      m.key = text();
      m.key_range = range();
      m.spread = flag();
      value(m.value, depth + 1);
    }
  }
  void values(std::vector<Value>& vs, int depth = 0) {
    vs.resize(count());
    for (Value& v : vs) {
      if (!ok_) return;
      value(v, depth);
    }
  }
  void maybe(std::optional<Value>& v) {
    if (flag()) value(v.emplace(), 0);
  }
  void maybe(std::optional<std::string>& s) {
    if (flag()) s = text();
  }

 private:
  std::string_view in_;
  size_t at_ = 0;
  bool ok_ = true;
};

void write_document(Writer& w, const Document& d, const Document* parent) {
  w.text(d.path);
  w.number(static_cast<uint64_t>(d.format));
  w.number(d.resources.size());
  for (const Resource& r : d.resources) {
    w.text(r.symbol);
    w.text(r.type);
    w.maybe(r.api_version);
    w.range(r.type_range);
    w.range(r.api_version_range);
    w.range(r.range);
    w.range(r.head_range);
    w.flag(r.existing);
    w.flag(r.conditional);
    w.maybe(r.condition);
    w.maybe(r.loop_over);
    w.flag(r.loop);
    w.text(r.loop_item);
    w.text(r.loop_index);
    w.text(r.parent_symbol);
    w.values(r.decorators);
    w.value(r.body);
  }
  w.number(d.parameters.size());
  for (const Parameter& p : d.parameters) {
    w.text(p.name);
    w.range(p.range);
    w.text(p.type);
    w.maybe(p.default_value);
    w.flag(p.nullable);
    w.values(p.decorators);
  }
  w.number(d.variables.size());
  for (const Variable& v : d.variables) {
    w.text(v.name);
    w.range(v.range);
    w.value(v.value);
  }
  w.number(d.modules.size());
  for (const Module& m : d.modules) {
    w.text(m.symbol);
    w.flag(m.loop);
    w.maybe(m.loop_over);
    w.text(m.loop_item);
    w.text(m.loop_index);
    w.values(m.decorators);
    w.text(m.path);
    w.range(m.range);
    w.range(m.path_range);
    w.text(m.registry);
    w.flag(m.conditional);
    w.maybe(m.condition);
    w.value(m.body);
  }
  w.number(d.imports.size());
  for (const Import& i : d.imports) {
    w.text(i.path);
    w.number(i.names.size());
    for (const auto& [name, local] : i.names) {
      w.text(name);
      w.text(local);
    }
    w.text(i.wildcard);
  }
  w.number(d.outputs.size());
  for (const Output& o : d.outputs) {
    w.text(o.name);
    w.range(o.range);
    w.value(o.value);
  }
  w.number(d.objects.size());
  for (const K8sObject& o : d.objects) {
    w.text(o.api_version);
    w.text(o.kind);
    w.text(o.name);
    w.text(o.namespace_);
    w.range(o.range);
    w.value(o.root);
    w.number(static_cast<uint64_t>(o.generated_by + 1));
  }
  w.number(d.patches.size());
  for (const KustomizePatch& p : d.patches) {
    w.number(static_cast<uint64_t>(p.type));
    for (const std::string* s : {&p.target_group, &p.target_version, &p.target_kind, &p.target_name,
                                 &p.target_namespace, &p.label_selector, &p.annotation_selector})
      w.text(*s);
    w.value(p.body);
    w.range(p.range);
    w.flag(p.of_flux_instance);
    w.text(p.file);
  }
  w.number(d.nested.size());
  for (const Document& n : d.nested) write_document(w, n, &d);
  // A nested document's deployment is a resource of its parent: by index.
  w.number(d.nested_in && parent ? static_cast<uint64_t>(d.nested_in - parent->resources.data()) + 1 : 0);
  w.flag(d.outer_expressions);
  w.flag(d.given_as_parameters);
  w.number(d.comments.size());
  for (const Comment& c : d.comments) {
    w.text(c.text);
    w.range(c.range);
  }
  w.number(d.errors.size());
  for (const ParseError& e : d.errors) {
    w.text(e.message);
    w.range(e.range);
  }
  w.text(d.using_path);
  w.range(d.using_range);
  w.range(d.using_path_range);
  w.text(d.using_registry);
  w.text(d.extends_path);
  w.flag(d.outline);
  w.text(d.registry);
  w.number(d.text_hash);
}

void read_document(Reader& r, Document& d, const Document* parent, int depth) {
  if (depth > limits::kMaxNesting) return r.fail();
  d.path = r.text();
  uint64_t format = r.number();
  if (format > static_cast<uint64_t>(Format::Yaml)) return r.fail();
  d.format = static_cast<Format>(format);
  d.resources.resize(r.count());
  for (Resource& x : d.resources) {
    if (!r.ok()) return;
    x.symbol = r.text();
    x.type = r.text();
    r.maybe(x.api_version);
    x.type_range = r.range();
    x.api_version_range = r.range();
    x.range = r.range();
    x.head_range = r.range();
    x.existing = r.flag();
    x.conditional = r.flag();
    r.maybe(x.condition);
    r.maybe(x.loop_over);
    x.loop = r.flag();
    x.loop_item = r.text();
    x.loop_index = r.text();
    x.parent_symbol = r.text();
    r.values(x.decorators);
    r.value(x.body, 0);
  }
  d.parameters.resize(r.count());
  for (Parameter& p : d.parameters) {
    if (!r.ok()) return;
    p.name = r.text();
    p.range = r.range();
    p.type = r.text();
    r.maybe(p.default_value);
    p.nullable = r.flag();
    r.values(p.decorators);
  }
  d.variables.resize(r.count());
  for (Variable& v : d.variables) {
    if (!r.ok()) return;
    v.name = r.text();
    v.range = r.range();
    r.value(v.value, 0);
  }
  d.modules.resize(r.count());
  for (Module& m : d.modules) {
    if (!r.ok()) return;
    m.symbol = r.text();
    m.loop = r.flag();
    r.maybe(m.loop_over);
    m.loop_item = r.text();
    m.loop_index = r.text();
    r.values(m.decorators);
    m.path = r.text();
    m.range = r.range();
    m.path_range = r.range();
    m.registry = r.text();
    m.conditional = r.flag();
    r.maybe(m.condition);
    r.value(m.body, 0);
  }
  d.imports.resize(r.count());
  for (Import& i : d.imports) {
    if (!r.ok()) return;
    i.path = r.text();
    i.names.resize(r.count());
    for (auto& [name, local] : i.names) {
      name = r.text();
      local = r.text();
    }
    i.wildcard = r.text();
  }
  d.outputs.resize(r.count());
  for (Output& o : d.outputs) {
    if (!r.ok()) return;
    o.name = r.text();
    o.range = r.range();
    r.value(o.value, 0);
  }
  d.objects.resize(r.count());
  for (K8sObject& o : d.objects) {
    if (!r.ok()) return;
    o.api_version = r.text();
    o.kind = r.text();
    o.name = r.text();
    o.namespace_ = r.text();
    o.range = r.range();
    r.value(o.root, 0);
    // The object that makes it comes before it (rules/engine/graph_flux_instance.cpp), or none.
    uint64_t maker = r.number();
    if (maker > static_cast<uint64_t>(&o - d.objects.data())) return r.fail();
    o.generated_by = static_cast<int>(maker) - 1;
  }
  d.patches.resize(r.count());
  for (KustomizePatch& p : d.patches) {
    if (!r.ok()) return;
    uint64_t type = r.number();
    if (type > static_cast<uint64_t>(KustomizePatch::Type::Json6902)) return r.fail();
    p.type = static_cast<KustomizePatch::Type>(type);
    for (std::string* s : {&p.target_group, &p.target_version, &p.target_kind, &p.target_name, &p.target_namespace,
                           &p.label_selector, &p.annotation_selector})
      *s = r.text();
    r.value(p.body, 0);
    p.range = r.range();
    p.of_flux_instance = r.flag();
    p.file = r.text();
  }
  d.nested.resize(r.count());
  for (Document& n : d.nested) {
    if (!r.ok()) return;
    read_document(r, n, &d, depth + 1);
  }
  uint64_t in = r.number();
  if (in > 0) {
    if (!parent || in > parent->resources.size()) return r.fail();
    d.nested_in = &parent->resources[in - 1];
  }
  d.outer_expressions = r.flag();
  d.given_as_parameters = r.flag();
  d.comments.resize(r.count());
  for (Comment& c : d.comments) {
    if (!r.ok()) return;
    c.text = r.text();
    c.range = r.range();
  }
  d.errors.resize(r.count());
  for (ParseError& e : d.errors) {
    if (!r.ok()) return;
    e.message = r.text();
    e.range = r.range();
  }
  d.using_path = r.text();
  d.using_range = r.range();
  d.using_path_range = r.range();
  d.using_registry = r.text();
  d.extends_path = r.text();
  d.outline = r.flag();
  d.registry = r.text();
  d.text_hash = r.number();
}

}  // namespace

void encode(const Document& document, std::string& out) {
  out.push_back(static_cast<char>(kVersion));
  Writer w(out);
  write_document(w, document, nullptr);
}

std::optional<Document> decode_document(std::string_view bytes) {
  if (bytes.empty() || static_cast<uint8_t>(bytes[0]) != kVersion) return std::nullopt;
  Reader r(bytes.substr(1));
  std::optional<Document> d(std::in_place);
  read_document(r, *d, nullptr, 0);
  if (!r.done()) return std::nullopt;
  return d;
}

}  // namespace patless
