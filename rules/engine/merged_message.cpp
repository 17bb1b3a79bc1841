#include "rules/engine/merged_message.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "grammars/ascii.h"

namespace patless {

namespace {

constexpr size_t kMaxNamed = 5;  // words named in the parenthesis; more are counted

// One quoted word of a message: its quotes' offsets. An opening quote follows a
// blank or a parenthesis, and a closing one no letter follows (not "cluster's").
struct QuotedWord {
  size_t open = 0, close = 0;
};

// The quoted word that holds offset `at` (its first character past the opening quote or later).
std::optional<QuotedWord> word_around(std::string_view m, size_t at) {
  if (at == 0) return std::nullopt;
  const size_t open = m.rfind('\'', at - 1);
  if (open == std::string_view::npos || (open > 0 && m[open - 1] != ' ' && m[open - 1] != '(')) return std::nullopt;
  const size_t close = m.find('\'', open + 1);
  if (close == std::string_view::npos || (close + 1 < m.size() && ascii_letter(m[close + 1]))) return std::nullopt;
  return QuotedWord{open, close};
}

// The word of `first` in which `other` differs from it, and other's word, when
// that is all they differ in.
std::optional<std::pair<QuotedWord, std::string_view>> one_word_apart(std::string_view first, std::string_view other) {
  size_t prefix = 0;
  while (prefix < first.size() && prefix < other.size() && first[prefix] == other[prefix]) ++prefix;
  const std::optional<QuotedWord> a = word_around(first, prefix);
  const std::optional<QuotedWord> b = word_around(other, prefix);
  if (!a || !b || a->open != b->open || a->close < prefix || b->close < prefix) return std::nullopt;
  if (first.substr(a->close) != other.substr(b->close)) return std::nullopt;
  return std::make_pair(*a, other.substr(b->open, b->close + 1 - b->open));
}

}  // namespace

std::string merged_message(const std::string& first, const std::vector<std::string>& others) {
  std::optional<QuotedWord> word;
  std::vector<std::string_view> names;
  for (const std::string& other : others) {
    if (other == first) continue;
    auto apart = one_word_apart(first, other);
    if (!apart || (word && apart->first.open != word->open)) return first;
    word = apart->first;
    if (std::find(names.begin(), names.end(), apart->second) == names.end()) names.push_back(apart->second);
  }
  if (!word) return first;
  std::string also = " (also ";
  const size_t named = names.size() > kMaxNamed ? kMaxNamed : names.size();
  for (size_t i = 0; i < named; ++i) {
    if (i > 0) also += i + 1 == named && named == names.size() ? " and " : ", ";
    also += names[i];
  }
  if (named < names.size()) also += " and " + std::to_string(names.size() - named) + " more";
  also += ")";
  std::string out = first;
  out.insert(word->close + 1, also);
  return out;
}

}  // namespace patless
