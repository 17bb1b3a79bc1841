#include "rules/engine/pattern.h"

#include <bitset>
#include <vector>

namespace patless {
namespace {

constexpr size_t kMaxPattern = 4096;   // bytes of pattern
constexpr size_t kMaxProgram = 20000;  // instructions, after counted repetition is spelled out
constexpr int kMaxDepth = 64;          // nested groups

using ByteSet = std::bitset<256>;

// The pattern as a tree: what the parser makes and the compiler walks.
struct Node {
  enum class Kind { Set, Concat, Alt, Repeat, Begin, End } kind = Kind::Concat;
  ByteSet set;                 // Set
  std::vector<Node> children;  // Concat, Alt; Repeat has one
  int min = 0, max = -1;       // Repeat; max -1: no bound
};

bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Recursive descent over Go's syntax; `ok` turns false at anything it does not know.
class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  std::optional<Node> parse() {
    Node n = alternation(0);
    if (!ok_ || at_ != p_.size()) return std::nullopt;
    return n;
  }

 private:
  std::string_view p_;
  size_t at_ = 0;
  bool ok_ = true;
  bool fold_ = false;  // (?i): letters match either case

  bool more() const { return at_ < p_.size(); }
  char peek() const { return p_[at_]; }

  Node alternation(int depth) {
    Node alt;
    alt.kind = Node::Kind::Alt;
    alt.children.push_back(concatenation(depth));
    while (ok_ && more() && peek() == '|') {
      ++at_;
      alt.children.push_back(concatenation(depth));
    }
    if (alt.children.size() == 1) return std::move(alt.children[0]);
    return alt;
  }

  Node concatenation(int depth) {
    Node cat;
    cat.kind = Node::Kind::Concat;
    while (ok_ && more() && peek() != '|' && peek() != ')') {
      Node atom_node = atom(depth);
      if (!ok_) break;
      repeats(atom_node);
      cat.children.push_back(std::move(atom_node));
    }
    return cat;
  }

  // `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each maybe followed by `?` (lazy: the same for a full match).
  void repeats(Node& n) {
    while (ok_ && more()) {
      int min = 0, max = -1;
      char c = peek();
      if (c == '*') {
        ++at_;
      } else if (c == '+') {
        min = 1, ++at_;
      } else if (c == '?') {
        max = 1, ++at_;
      } else if (c == '{' && counted(min, max)) {
        // read by counted()
      } else {
        return;
      }
      if (n.kind == Node::Kind::Begin || n.kind == Node::Kind::End) {
        ok_ = false;  // a repeated assertion: Go accepts it, this matcher does not bother
        return;
      }
      if (more() && peek() == '?') ++at_;
      Node r;
      r.kind = Node::Kind::Repeat;
      r.min = min;
      r.max = max;
      r.children.push_back(std::move(n));
      n = std::move(r);
    }
  }

  // `{n}`, `{n,}` or `{n,m}` at `at_`; otherwise `{` is a literal and nothing is read.
  bool counted(int& min, int& max) {
    size_t i = at_ + 1;
    auto number = [&](int& out) {
      size_t start = i;
      out = 0;
      while (i < p_.size() && p_[i] >= '0' && p_[i] <= '9' && i - start < 4) out = out * 10 + (p_[i++] - '0');
      return i > start && !(i < p_.size() && p_[i] >= '0' && p_[i] <= '9');
    };
    if (!number(min)) return false;
    max = min;
    if (i < p_.size() && p_[i] == ',') {
      ++i;
      max = -1;
      if (i < p_.size() && p_[i] != '}' && !number(max)) return false;
    }
    if (i >= p_.size() || p_[i] != '}') return false;
    if (max != -1 && max < min) {
      ok_ = false;
      return false;
    }
    at_ = i + 1;
    return true;
  }

  Node atom(int depth) {
    Node n;
    n.kind = Node::Kind::Set;
    char c = p_[at_++];
    switch (c) {
      case '(':
        return group(depth);
      case '[':
        n.set = bracket();
        break;
      case '.':
        n.set.set();
        n.set.reset('\n');
        break;
      case '^':
        n.kind = Node::Kind::Begin;
        break;
      case '$':
        n.kind = Node::Kind::End;
        break;
      case '\\':
        n.set = escape();
        break;
      case '*':
      case '+':
      case '?':
        ok_ = false;
        break;  // nothing to repeat: Go rejects it
      default:
        literal(n.set, static_cast<unsigned char>(c));
    }
    return n;
  }

  Node group(int depth) {
    if (depth >= kMaxDepth) {
      ok_ = false;
      return {};
    }
    bool saved_fold = fold_;
    if (more() && peek() == '?') {
      std::string_view rest = p_.substr(at_);
      if (rest.starts_with("?:")) {
        at_ += 2;
      } else if (rest.starts_with("?i:")) {
        at_ += 3;
        fold_ = true;
      } else if (rest.starts_with("?i)")) {  // case-insensitive from here to the end of the enclosing group
        at_ += 3;
        fold_ = true;
        Node empty;
        return empty;
      } else if (rest.starts_with("?P<") || rest.starts_with("?<")) {  // a named group: the name does not matter
        size_t close = p_.find('>', at_);
        if (close == std::string_view::npos) {
          ok_ = false;
          return {};
        }
        at_ = close + 1;
      } else {
        ok_ = false;
        return {};
      }
    }
    Node inner = alternation(depth + 1);
    if (!more() || peek() != ')') {
      ok_ = false;
      return {};
    }
    ++at_;
    fold_ = saved_fold;
    return inner;
  }

  void literal(ByteSet& set, unsigned char c) {
    set.set(c);
    if (fold_ && c >= 'a' && c <= 'z') set.set(c - 'a' + 'A');
    if (fold_ && c >= 'A' && c <= 'Z') set.set(c - 'A' + 'a');
  }

  // After a backslash: \d \w \s, their complements \D \W \S, \n \t \r, or an
  // escaped punctuation character.
  ByteSet escape() {
    ByteSet set;
    if (!more()) {
      ok_ = false;
      return set;
    }
    unsigned char c = static_cast<unsigned char>(p_[at_++]);
    bool (*in_class)(unsigned char) = nullptr;
    switch (c | 0x20) {  // the lower-case letter: the upper case is the complement
      case 'd':
        in_class = is_digit;
        break;
      case 'w':
        in_class = is_word;
        break;
      case 's':
        in_class = is_space;
        break;
    }
    if (in_class) {
      bool complement = c < 'a';
      for (int b = 0; b < 256; ++b)
        if (in_class(static_cast<unsigned char>(b)) != complement) set.set(b);
    } else if (c == 'n' || c == 't' || c == 'r') {
      set.set(c == 'n' ? '\n' : c == 't' ? '\t' : '\r');
    } else if (is_word(c) || c >= 0x80) {
      ok_ = false;  // \b, \pL, \Q, \x41 ...: not known here
    } else {
      literal(set, c);
    }
    return set;
  }

  // `[...]` after its `[`: ranges, escapes, a leading `^` negates.
  ByteSet bracket() {
    ByteSet set;
    bool negate = more() && peek() == '^';
    if (negate) ++at_;
    bool first = true;
    while (ok_ && more() && (peek() != ']' || first)) {
      first = false;
      if (p_.substr(at_).starts_with("[:")) {  // [[:alpha:]]: POSIX classes are not known here
        ok_ = false;
        break;
      }
      ByteSet one;
      int low = -1;
      if (peek() == '\\') {
        ++at_;
        one = escape();
        if (one.count() == 1)
          for (int b = 0; b < 256; ++b)
            if (one.test(b)) low = b;
      } else {
        low = static_cast<unsigned char>(p_[at_++]);
        literal(one, static_cast<unsigned char>(low));
      }
      if (low >= 0 && at_ + 1 < p_.size() && peek() == '-' && p_[at_ + 1] != ']') {
        ++at_;
        int high = static_cast<unsigned char>(p_[at_++]);
        if (high == '\\') {
          if (!more()) break;
          high = static_cast<unsigned char>(p_[at_++]);
        }
        if (high < low) {
          ok_ = false;
          break;
        }
        for (int b = low; b <= high; ++b) literal(one, static_cast<unsigned char>(b));
      }
      set |= one;
    }
    if (!more())
      ok_ = false;  // no closing ]
    else
      ++at_;
    if (negate) set.flip();  // Go's Perl flags let a negated class match a line break
    return set;
  }
};

// A program for a Pike VM: no backtracking, every thread advances in step.
struct Instruction {
  enum class Op { Byte, Split, Jump, Begin, End, Match } op;
  int x = 0, y = 0;  // Split: both targets; Jump: x; Byte: x indexes the sets
};

class Compiler {
 public:
  std::vector<Instruction> program;
  std::vector<ByteSet> sets;
  bool ok = true;

  void emit(const Node& n) {
    if (!ok) return;
    if (program.size() > kMaxProgram) {
      ok = false;
      return;
    }
    switch (n.kind) {
      case Node::Kind::Set:
        sets.push_back(n.set);
        program.push_back({Instruction::Op::Byte, static_cast<int>(sets.size() - 1)});
        break;
      case Node::Kind::Begin:
        program.push_back({Instruction::Op::Begin});
        break;
      case Node::Kind::End:
        program.push_back({Instruction::Op::End});
        break;
      case Node::Kind::Concat:
        for (const Node& c : n.children) emit(c);
        break;
      case Node::Kind::Alt: {
        std::vector<size_t> jumps;
        for (size_t i = 0; i < n.children.size(); ++i) {
          size_t split = program.size();
          bool last = i + 1 == n.children.size();
          if (!last) program.push_back({Instruction::Op::Split, static_cast<int>(split + 1)});
          emit(n.children[i]);
          if (!last) {
            jumps.push_back(program.size());
            program.push_back({Instruction::Op::Jump});
            program[split].y = static_cast<int>(program.size());
          }
        }
        for (size_t j : jumps) program[j].x = static_cast<int>(program.size());
        break;
      }
      case Node::Kind::Repeat: {
        const Node& body = n.children[0];
        for (int i = 0; i < n.min && ok; ++i) emit(body);
        if (n.max == -1) {  // loop: split into the body or out, the body jumps back
          size_t split = program.size();
          program.push_back({Instruction::Op::Split, static_cast<int>(split + 1)});
          emit(body);
          program.push_back({Instruction::Op::Jump, static_cast<int>(split)});
          program[split].y = static_cast<int>(program.size());
        } else {  // up to max - min more, each optional
          std::vector<size_t> splits;
          for (int i = n.min; i < n.max && ok; ++i) {
            splits.push_back(program.size());
            program.push_back({Instruction::Op::Split, static_cast<int>(program.size() + 1)});
            emit(body);
          }
          for (size_t s : splits) program[s].y = static_cast<int>(program.size());
        }
        break;
      }
    }
  }
};

// The threads at one position: a sparse set of instruction indexes.
struct Threads {
  std::vector<int> pcs;
  std::vector<size_t> seen;  // per instruction: the generation that added it
};

void add(Threads& t, const std::vector<Instruction>& program, int start, size_t pos, size_t size, size_t generation,
         std::vector<int>& stack) {
  stack.assign(1, start);
  while (!stack.empty()) {
    int pc = stack.back();
    stack.pop_back();
    if (t.seen[pc] == generation) continue;
    t.seen[pc] = generation;
    const Instruction& in = program[pc];
    switch (in.op) {
      case Instruction::Op::Jump:
        stack.push_back(in.x);
        break;
      case Instruction::Op::Split:
        stack.push_back(in.y);
        stack.push_back(in.x);
        break;
      case Instruction::Op::Begin:
        if (pos == 0) stack.push_back(pc + 1);
        break;
      case Instruction::Op::End:
        if (pos == size) stack.push_back(pc + 1);
        break;
      default:
        t.pcs.push_back(pc);
    }
  }
}

}  // namespace

std::optional<bool> full_match(std::string_view pattern, std::string_view text) {
  if (pattern.size() > kMaxPattern) return std::nullopt;
  for (char c : pattern)
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;  // what `.` and classes mean for UTF-8: not here
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80) return std::nullopt;
  std::optional<Node> tree = Parser(pattern).parse();
  if (!tree) return std::nullopt;
  Compiler compiler;
  compiler.emit(*tree);
  if (!compiler.ok || compiler.program.size() > kMaxProgram) return std::nullopt;
  std::vector<Instruction>& program = compiler.program;
  program.push_back({Instruction::Op::Match});

  Threads current, next;
  current.seen.assign(program.size(), 0);
  next.seen.assign(program.size(), 0);
  std::vector<int> stack;
  size_t generation = 1;
  add(current, program, 0, 0, text.size(), generation, stack);
  for (size_t pos = 0; pos < text.size() && !current.pcs.empty(); ++pos) {
    ++generation;
    next.pcs.clear();
    auto byte = static_cast<unsigned char>(text[pos]);
    for (int pc : current.pcs) {
      const Instruction& in = program[pc];
      if (in.op == Instruction::Op::Byte && compiler.sets[in.x].test(byte))
        add(next, program, pc + 1, pos + 1, text.size(), generation, stack);
    }
    std::swap(current, next);
  }
  for (int pc : current.pcs)
    if (program[pc].op == Instruction::Op::Match) return true;
  return false;
}

}  // namespace patless
