// skip_json_container passes over exactly what nlohmann takes: read_json moves
// nlohmann past a value it passed over, so anything it took that nlohmann would
// not would hide a syntax error (a PL001) in a part of a template not built.
#include "grammars/arm/json_skip.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace {

using namespace std::string_literals;
using Comments = std::vector<std::pair<size_t, size_t>>;

constexpr patless::JsonSkipLimits kRoomy{256, 1'000'000};

std::optional<size_t> skip(const std::string& text, patless::JsonSkipLimits limits = kRoomy) {
  Comments comments;
  return patless::skip_json_container(text, 0, limits, comments);
}

bool nlohmann_takes(std::string_view text) {
  return nlohmann::json::accept(text, /*ignore_comments=*/true);
}

// The skip ends at the container's closing bracket when nlohmann takes the
// text, and when it ends earlier, nlohmann takes the text up to there.
void check_agrees(const std::string& text) {
  INFO(text);
  std::optional<size_t> close = skip(text);
  if (nlohmann_takes(text)) {
    CHECK(close == text.size() - 1);
  } else if (close) {
    CHECK(*close < text.size() - 1);
    CHECK(nlohmann_takes(std::string_view(text).substr(0, *close + 1)));
  }
}

const std::vector<std::string> kValid = {
    "{}",
    "[]",
    "{\"a\": 1}",
    "[1, -0, 0.5, 10, -1.5e-7, 1E+5, 2e3, 0e0, true, false, null, \"s\", \"\"]",
    "{\"a\": {\"b\": [[], {}, [{\"c\": [1]}]]}, \"d\": \"e\"}",
    // Escapes, and a quote after backslashes that escape each other.
    R"(["\"\\\/\b\f\n\r\t", "\u00e9\u65E5", "\uD83D\uDE00", "\\", "a\\\"b", "\\\\"])",
    // Characters of two, three and four bytes, at every place in an eight-byte word.
    "[\"\xC3\xA9\", \"a\xE6\x97\xA5\", \"ab\xF0\x9F\x98\x80\", \"abcdefg\xC3\xA9xyz\", "
    "\"\xEF\xBF\xBD\xF4\x8F\xBF\xBF\"]",
    // Comments of every kind between every pair of tokens; a line comment ends at a CR or a NUL too.
    "{/* a */\"a\"/* b */:// c\n1// d\r,\"b\"://e\0[/**/2/***/,/* * */3]}"s,
    "[\r\n\t 1 ,\r\n 2 ]",
    // Numbers at the edges of a double: below its smallest, 308 digits, its largest.
    "[1e-999, -1e-400, 1.7976931348623157e308, -1E+308]",
    "[" + std::string(308, '9') + ", -" + std::string(299, '1') + "." + std::string(400, '0') + "]",
};

const std::vector<std::string> kInvalid = {
    "{,}",
    "[,]",
    "[1,]",
    "{\"a\": 1,}",
    "{\"a\" 1}",
    "{a: 1}",
    "{\"a\": 1 \"b\": 2}",
    "{\"a\": 1: 2}",
    "[\"a\": 1]",
    "[1 2]",
    "[1,,2]",
    "[1}",
    "{\"a\": 1]",
    "[01]",
    "[-]",
    "[-a]",
    "[1.]",
    "[.5]",
    "[1e]",
    "[1e+]",
    "[+1]",
    "[tru]",
    "[truex]",
    "[nul]",
    "[fals]",
    "[NaN]",
    // What overflows a double: nlohmann takes no infinity.
    "[1e999]",
    "[-1E+400]",
    "[1.8e308]",
    "[" + std::string(309, '9') + "]",
    "[-" + std::string(400, '1') + ".5]",
    "[Infinity]",
    "[1",
    "{\"a\":",
    "[",
    "[\"abc",
    "[\"abc\\",
    "[\"\\x\"]",
    "[\"\\u12\"]",
    "[\"\\u12g4\"]",
    "[\"\\uD800\"]",
    "[\"\\uD800\\u0041\"]",
    "[\"\\uDC00\"]",
    "[\"\\uD800x\"]",
    "[\"\\uD800\\uDBFF\"]",
    // Control characters in a string (read_json reads those another way).
    "[\"a\tb\"]",
    "[\"a\nb\"]",
    "[\"\x01\"]",
    "[\"abcdefgh\x1F\"]",
    // Not UTF-8: a stray continuation, overlong forms, surrogates, past U+10FFFF, cut short.
    "[\"\x80\"]",
    "[\"\xC0\x80\"]",
    "[\"\xC1\xBF\"]",
    "[\"\xE0\x80\x80\"]",
    "[\"\xED\xA0\x80\"]",
    "[\"\xF0\x80\x80\x80\"]",
    "[\"\xF4\x90\x80\x80\"]",
    "[\"\xF5\x80\x80\x80\"]",
    "[\"\xE6\x97\"]",
    "[\"\xC3\"]",
    "[\xC3\xA9]",
    // Comments nlohmann does not take: a lone slash, unclosed, a NUL in a block comment.
    "[/x 1]",
    "[/* 1]",
    "[/* \0 */ 1]"s,
    "[1 /",
    "[1 // to the end",
    "[\0]"s,
};

}  // namespace

TEST_CASE("skip_json_container takes what nlohmann takes and nothing else", "[reader][arm]") {
  for (const std::string& text : kValid) {
    INFO(text);
    REQUIRE(nlohmann_takes(text));
    CHECK(skip(text) == text.size() - 1);
  }
  for (const std::string& text : kInvalid) {
    INFO(text);
    REQUIRE(!nlohmann_takes(text));
    CHECK(skip(text) == std::nullopt);
  }
  // Each case cut short, and without each of its bytes in turn.
  size_t variants = 0;
  for (const std::vector<std::string>* cases : {&kValid, &kInvalid})
    for (const std::string& text : *cases)
      for (size_t i = 1; i < text.size(); ++i) {
        check_agrees(text.substr(0, i));
        std::string without = text;
        without.erase(i, 1);
        check_agrees(without);
        variants += 2;
      }
  CHECK(variants > 1000);
}

TEST_CASE("skip_json_container stops where a string's special byte falls in its eight-byte word", "[reader][arm]") {
  // A string of n letters with a quote, an escape, a control character or a
  // multi-byte character at each place: the word-at-a-time scan must stop there.
  for (std::string special : {"\\\""s, "\\n"s, "\t"s, "\xC3\xA9"s, "\x80"s, "\""s}) {
    for (size_t before = 0; before < 20; ++before) {
      const std::string text = "[\"" + std::string(before, 'a') + special + std::string(20 - before, 'b') + "\"]";
      check_agrees(text);
    }
  }
}

TEST_CASE("skip_json_container keeps to the nesting and value limits it is given", "[reader][arm]") {
  const std::string nested = "[[[1]], {\"a\": []}]";  // three levels; five values inside the outer one
  CHECK(skip(nested, {3, 5}) == nested.size() - 1);
  CHECK(skip(nested, {2, 5}) == std::nullopt);
  CHECK(skip(nested, {3, 4}) == std::nullopt);
  // What it read is taken from the budget; nothing, when it gives up.
  patless::JsonSkipLimits limits{3, 10};
  Comments comments;
  CHECK(patless::skip_json_container(nested, 0, limits, comments) == nested.size() - 1);
  CHECK(limits.budget == 5);
  limits = {2, 10};
  CHECK(patless::skip_json_container(nested, 0, limits, comments) == std::nullopt);
  CHECK(limits.budget == 10);
}

TEST_CASE("skip_json_container keeps the comments it passes, and none when it gives up", "[reader][arm]") {
  const std::string text = "{\"a\": [1, // one\r\n 2 /* two */]}  // after";
  patless::JsonSkipLimits limits = kRoomy;
  Comments comments{{0, 0}};
  REQUIRE(patless::skip_json_container(text, 0, limits, comments) == text.find(']') + 1);
  CHECK(comments == Comments{{0, 0}, {10, 16}, {21, 30}});
  const std::string broken = "{\"a\": [1, // one\n 2 /* two */,]}";
  comments = {{0, 0}};
  CHECK(patless::skip_json_container(broken, 0, limits, comments) == std::nullopt);
  CHECK(comments == Comments{{0, 0}});
  // Only a container is passed over.
  CHECK(skip("1") == std::nullopt);
  CHECK(skip("") == std::nullopt);
}
