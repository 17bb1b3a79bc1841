#include "grammars/arm/json_reader.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>

#include "grammars/arm/json_scan.h"
#include "grammars/arm/json_skip.h"
#include "grammars/limits.h"

namespace patless {
namespace {

bool literal_byte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

// Sees every byte nlohmann's lexer consumes, in order, exactly once, and keeps
// the offsets the SAX events need: where the current string, literal or
// bracket began, and which comments went by. nlohmann 3.11 reports no positions.
// Read this way: text with control characters in strings (TrackingIterator
// hands them on as spaces) and text that is not JSON; TokenFinder below reads
// the rest at less cost.
class TokenTracker {
 public:
  std::vector<std::pair<size_t, size_t>> comments;

  void consume(char c) {
    switch (state_) {
      case State::Normal: normal(c); break;
      case State::String:
        if (c == '\\') state_ = State::Escape;
        else if (c == '"') {
          state_ = State::Normal;
          string_end_ = pos_ + 1;
        }
        break;
      case State::Escape: state_ = State::String; break;
      case State::Slash:
        if (c == '/') state_ = State::LineComment;
        else if (c == '*') state_ = State::BlockComment;
        else state_ = State::Normal;
        break;
      case State::LineComment:
        if (ends_line_comment(c)) {
          comments.emplace_back(comment_start_, pos_);
          state_ = State::Normal;
        }
        break;
      case State::BlockComment:
        if (c == '*') state_ = State::BlockStar;
        break;
      case State::BlockStar:
        if (c == '/') {
          comments.emplace_back(comment_start_, pos_ + 1);
          state_ = State::Normal;
        } else if (c != '*') {
          state_ = State::BlockComment;
        }
        break;
    }
    ++pos_;
  }

  bool in_string() const { return state_ == State::String; }

  // Where the token of the SAX event at hand is, as ValueBuilder asks (TokenFinder's interface).
  std::pair<size_t, size_t> string() const { return {string_start_, string_end_}; }
  std::pair<size_t, size_t> literal() const { return {literal_start_, in_literal_ ? pos_ : literal_end_}; }
  size_t open() const { return last_open_; }
  size_t close() const { return last_close_; }
  // nlohmann is to read every byte through TrackingIterator: nothing is passed over.
  bool pass_over(size_t, JsonSkipLimits&) { return false; }

  void finish() {
    if (state_ == State::LineComment) comments.emplace_back(comment_start_, pos_);
  }

 private:
  enum class State { Normal, String, Escape, Slash, LineComment, BlockComment, BlockStar };
  State state_ = State::Normal;
  size_t pos_ = 0;  // bytes consumed so far
  size_t string_start_ = 0, string_end_ = 0;
  size_t literal_start_ = 0, literal_end_ = 0;
  bool in_literal_ = false;
  size_t last_open_ = 0, last_close_ = 0;
  size_t comment_start_ = 0;

  void normal(char c) {
    if (literal_byte(c)) {
      if (!in_literal_) literal_start_ = pos_;
      in_literal_ = true;
      return;
    }
    if (in_literal_) {
      in_literal_ = false;
      literal_end_ = pos_;
    }
    switch (c) {
      case '"':
        string_start_ = pos_;
        state_ = State::String;
        break;
      case '/':
        comment_start_ = pos_;
        state_ = State::Slash;
        break;
      case '{':
      case '[':
        last_open_ = pos_;
        break;
      case '}':
      case ']':
        last_close_ = pos_;
        break;
      default: break;
    }
  }
};

// What nlohmann's input adapter asks of an iterator over a text's bytes.
struct ByteIteratorTypes {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = char;
};

// A byte iterator that reports each byte it passes to the tracker.
class TrackingIterator : public ByteIteratorTypes {
 public:
  TrackingIterator() = default;
  TrackingIterator(const char* p, TokenTracker* t) : p_(p), t_(t) {}
  // ARM takes strings that run over several lines (and tabs in them); strict JSON
  // does not. A control character inside a string reads as a space: the same
  // expression, and a byte for a byte, so every offset stays the file's.
  reference operator*() const {
    char c = *p_;
    return t_->in_string() && static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  }
  TrackingIterator& operator++() {
    t_->consume(*p_);
    ++p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const TrackingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const TrackingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_ = nullptr;
  TokenTracker* t_ = nullptr;
};

// The bytes as nlohmann reads them, through a cursor TokenFinder can move
// ahead (pass_over); the end iterator's cursor stays at the text's end.
class CursorIterator : public ByteIteratorTypes {
 public:
  CursorIterator() = default;
  explicit CursorIterator(const char** cursor) : at_(cursor) {}
  reference operator*() const { return **at_; }
  CursorIterator& operator++() {
    ++*at_;
    return *this;
  }
  CursorIterator operator++(int) {
    CursorIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CursorIterator& o) const { return *at_ == *o.at_; }
  bool operator!=(const CursorIterator& o) const { return *at_ != *o.at_; }

 private:
  const char** at_ = nullptr;
};

// Finds where the tokens of text nlohmann has accepted are, from the SAX events
// alone: they come in the text's order, one for each token but ',' and ':', so
// between two tokens there are only blanks, separators and comments, and a
// string ends at the first quote no backslash escapes. nlohmann then reads the
// bytes themselves, not through TrackingIterator, and what lies inside strings
// (most of a template) is passed over with memchr.
class TokenFinder {
 public:
  explicit TokenFinder(std::string_view bytes) : b_(bytes), read_at_(bytes.data()) {
    if (b_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // nlohmann skips a BOM
  }
  std::vector<std::pair<size_t, size_t>> comments;

  // Where nlohmann reads next (through CursorIterator).
  const char** cursor() { return &read_at_; }
  // Moves nlohmann and the finder past what the container opening at `open`
  // (the last token nlohmann read) holds, to its closing bracket, when it is
  // JSON nlohmann would take: nlohmann then reads an empty container.
  bool pass_over(size_t open, JsonSkipLimits& limits) {
    std::optional<size_t> close = skip_json_container(b_, open, limits, comments);
    if (!close) return false;
    pos_ = *close;
    read_at_ = b_.data() + *close;
    return true;
  }

  std::pair<size_t, size_t> string() {
    size_t start = next_token();
    size_t end = std::min(start + 1, b_.size());  // bounded even were the events not this text's
    for (;;) {
      const void* quote = std::memchr(b_.data() + end, '"', b_.size() - end);
      if (!quote) {
        end = b_.size();
        break;
      }
      end = static_cast<size_t>(static_cast<const char*>(quote) - b_.data()) + 1;
      size_t backslashes = 0;
      while (end - 2 - backslashes > start && b_[end - 2 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) break;
    }
    pos_ = end;
    return {start, end};
  }
  std::pair<size_t, size_t> literal() {
    size_t start = next_token();
    pos_ = start;
    while (pos_ < b_.size() && literal_byte(b_[pos_])) ++pos_;
    return {start, pos_};
  }
  size_t open() { return bracket(); }
  size_t close() { return bracket(); }
  // After the last event: comments after the root value.
  void finish() { next_token(); }

 private:
  std::string_view b_;
  const char* read_at_;
  size_t pos_ = 0;  // just past the last token found

  size_t bracket() {
    size_t at = next_token();
    pos_ = at + 1;
    return at;
  }

  // Passes over blanks, separators and comments (keeping them) to the next token.
  size_t next_token() {
    while (pos_ < b_.size()) {
      char c = b_[pos_];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == ':') {
        ++pos_;
      } else if (c == '/' && pos_ + 1 < b_.size() && b_[pos_ + 1] == '/') {
        const size_t end = line_comment_end(b_, pos_);
        comments.emplace_back(pos_, end);
        pos_ = std::min(end + 1, b_.size());  // the lexer took the NUL (or line break) that ended it
      } else if (c == '/' && pos_ + 1 < b_.size() && b_[pos_ + 1] == '*') {
        size_t close = b_.find("*/", pos_ + 2);
        size_t end = close == std::string_view::npos ? b_.size() : close + 2;
        comments.emplace_back(pos_, end);
        pos_ = end;
      } else {
        break;
      }
    }
    return pos_;
  }
};

// Builds the Value tree from nlohmann's SAX events; Tokens (TokenTracker or
// TokenFinder) says where each event's token is, asked once per event.
template <typename Tokens>
class ValueBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  ValueBuilder(const SourceText& src, Tokens& t, JsonPruner* pruner) : src_(src), t_(t), pruner_(pruner) {}

  std::optional<Value> root;
  std::optional<ParseError> error;
  bool syntax_error = false;  // nlohmann's, not a limit of ours

  bool null() override {
    auto [start, end] = t_.literal();
    if (skipping()) return skip_scalar(start);
    return scalar(Value::Kind::Null, {}, src_.range(start, end));
  }
  bool boolean(bool b) override {
    auto [start, end] = t_.literal();
    if (skipping()) return skip_scalar(start);
    return scalar(Value::Kind::Bool, b ? "true" : "false", src_.range(start, end));
  }
  bool number_integer(number_integer_t) override { return number(); }
  bool number_unsigned(number_unsigned_t) override { return number(); }
  bool number_float(number_float_t, const string_t&) override { return number(); }
  bool string(string_t& s) override {
    auto [start, end] = t_.string();
    if (skipping()) return skip_scalar(start);
    return scalar(Value::Kind::String, std::move(s), src_.range(start, end));
  }
  bool binary(binary_t&) override { return false; }

  bool start_object(std::size_t) override { return open(Value::Kind::Object); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(Value::Kind::Array); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    auto [start, end] = t_.string();
    if (skip_depth_ > 0) return true;
    if (pruner_) {
      JsonPruner::Action action = pruner_->before_value(k, end);
      skip_next_ = action != JsonPruner::Action::Build;
      replace_next_ = action == JsonPruner::Action::Replace;
    }
    stack_.back().key = std::move(k);
    stack_.back().key_range = src_.range(start, end);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) override {
    syntax_error = true;
    std::string message = ex.what();
    size_t at = position > 0 ? position - 1 : 0;
    size_t end = std::min(at + 1, src_.bytes().size());
    if (const size_t tag_end = message.find("] "); message.starts_with("[json.exception.") && tag_end != message.npos)
      message.erase(0, tag_end + 2);
    if (ex.id == 406) {
      // "number overflow parsing '1e999'", just past the number: the number.
      at = position >= last_token.size() ? position - last_token.size() : 0;
      end = std::min(position, src_.bytes().size());
    } else if (size_t colon = message.find(": "); colon != std::string::npos) {
      message.erase(0, colon + 2);  // "parse error at line 1, column 2: syntax error ..." → "syntax error ..."
    }
    error = ParseError{message, src_.range(at, end)};
    return false;
  }

 private:
  struct Frame {
    Value value;
    std::string key;
    SourceRange key_range;
  };
  const SourceText& src_;
  Tokens& t_;
  JsonPruner* pruner_;
  std::vector<Frame> stack_;
  size_t budget_ = limits::kMaxNodesVisited;
  // A value the pruner does not want built: the next one (skip_next_), and the
  // depth inside it. Its nodes still count against the budget and the nesting limit.
  bool skip_next_ = false, replace_next_ = false;
  size_t skip_depth_ = 0, skip_open_ = 0;

  bool skipping() const { return skip_next_ || skip_depth_ > 0; }

  bool skip_scalar(size_t at) {
    if (over_budget(at)) return false;
    if (skip_depth_ == 0) skip_next_ = replace_next_ = false;  // an object was expected: nothing replaced
    return true;
  }

  bool number() {
    auto [start, end] = t_.literal();
    if (skipping()) return skip_scalar(start);
    SourceRange r = src_.range(start, end);
    return scalar(Value::Kind::Number, std::string(src_.bytes().substr(r.start_offset, r.end_offset - r.start_offset)), r);
  }

  bool over_budget(size_t at) {
    if (budget_-- > 0) return false;
    error = ParseError{"more than " + std::to_string(limits::kMaxNodesVisited) + " values: the file is not read",
                       src_.range(at, at + 1)};
    return true;
  }

  bool scalar(Value::Kind kind, std::string text, SourceRange r) {
    if (over_budget(r.start_offset)) return false;
    Value v;
    v.kind = kind;
    v.text = std::move(text);
    v.range = r;
    return attach(std::move(v));
  }

  bool open(Value::Kind kind) {
    const size_t at = t_.open();
    if (over_budget(at)) return false;
    if (stack_.size() + skip_depth_ >= static_cast<size_t>(limits::kMaxNesting)) {
      error =
          ParseError{"nesting deeper than " + std::to_string(limits::kMaxNesting) + " levels", src_.range(at, at + 1)};
      return false;
    }
    if (skipping()) {
      if (skip_depth_++ == 0) {
        skip_open_ = at;
        // Within the same limits: what does not stay in them nlohmann reads, and the limit is reported there.
        JsonSkipLimits within{static_cast<size_t>(limits::kMaxNesting) - stack_.size(), budget_};
        if (t_.pass_over(at, within)) budget_ = within.budget;
      }
      skip_next_ = false;
      return true;
    }
    if (pruner_) {
      const Frame* parent = stack_.empty() ? nullptr : &stack_.back();
      pruner_->enter(parent && parent->value.kind == Value::Kind::Object ? &parent->key : nullptr,
                     kind == Value::Kind::Object);
    }
    Frame f;
    f.value.kind = kind;
    f.value.range = src_.range(at, at + 1);
    stack_.push_back(std::move(f));
    return true;
  }

  bool close() {
    const size_t at = t_.close();
    if (skip_depth_ > 0) {
      if (--skip_depth_ > 0 || !replace_next_) return true;
      replace_next_ = false;
      return attach(pruner_->replacement(src_.range(skip_open_, at + 1)));
    }
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (pruner_) pruner_->leave();
    f.value.range = src_.range(f.value.range.start_offset, at + 1);
    // Complete now; the model keeps parts of the tree as they are (grammars/arm/arm_reader.cpp).
    f.value.members.shrink_to_fit();
    f.value.items.shrink_to_fit();
    return attach(std::move(f.value));
  }

  bool attach(Value v) {
    if (stack_.empty()) {
      root = std::move(v);
      return true;
    }
    Frame& top = stack_.back();
    if (top.value.kind == Value::Kind::Object) {
      if (pruner_) pruner_->value(&top.key, v);
      top.value.members.push_back({std::move(top.key), top.key_range, std::move(v)});
      top.key.clear();
    } else {
      if (pruner_) pruner_->value(nullptr, v);
      top.value.items.push_back(std::move(v));
    }
    return true;
  }
};

// The result of a reading that ended with `ok` and these comments.
template <typename Builder>
JsonReadResult result_of(const SourceText& src, Builder& builder, bool ok,
                         const std::vector<std::pair<size_t, size_t>>& comments, const JsonPruner* pruner) {
  std::string_view bytes = src.bytes();
  JsonReadResult result;
  for (auto [s, e] : comments) result.comments.push_back({std::string(bytes.substr(s, e - s)), src.range(s, e)});
  result.pruned_unsafely = pruner && pruner->unsafe();
  if (ok && builder.root) {
    result.root = std::move(builder.root);
  } else {
    result.error = builder.error ? *builder.error
                                 : ParseError{"the JSON text is incomplete", src.range(bytes.size(), bytes.size())};
  }
  return result;
}

}  // namespace

JsonReadResult read_json(const SourceText& src, JsonPruner* pruner) {
  std::string_view bytes = src.bytes();
  {
    ScannedTokens tokens(bytes);
    ValueBuilder<ScannedTokens> builder(src, tokens, pruner);
    if (scan_json(bytes, builder, tokens)) return result_of(src, builder, true, tokens.comments, pruner);
  }
  // Not JSON the scan reads: nlohmann reads it, to say what is wrong where it
  // says it (a limit of ours is reported at the same token).
  if (pruner) pruner->restart();
  {
    TokenFinder finder(bytes);
    ValueBuilder<TokenFinder> builder(src, finder, pruner);
    const char* end = bytes.data() + bytes.size();
    bool ok = nlohmann::json::sax_parse(CursorIterator(finder.cursor()), CursorIterator(&end), &builder,
                                        nlohmann::json::input_format_t::json, /*strict=*/true,
                                        /*ignore_comments=*/true);
    if (ok || !builder.syntax_error) {  // read, or stopped by a limit at a token found
      if (ok) finder.finish();
      return result_of(src, builder, ok, finder.comments, pruner);
    }
  }
  // Not JSON nlohmann takes: a string with a line break or a tab in it (ARM
  // takes those), an error. Read again, every byte tracked.
  if (pruner) pruner->restart();
  return read_json_tracked(src, pruner);
}

JsonReadResult read_json_tracked(const SourceText& src, JsonPruner* pruner) {
  std::string_view bytes = src.bytes();
  TokenTracker tracker;
  ValueBuilder<TokenTracker> builder(src, tracker, pruner);
  TrackingIterator first(bytes.data(), &tracker), last(bytes.data() + bytes.size(), &tracker);
  bool ok = nlohmann::json::sax_parse(first, last, &builder, nlohmann::json::input_format_t::json,
                                      /*strict=*/true, /*ignore_comments=*/true);
  tracker.finish();
  return result_of(src, builder, ok, tracker.comments, pruner);
}

}  // namespace patless
