// scan_json calls the events nlohmann's SAX parser calls, with the same
// strings, for exactly the texts nlohmann takes: read_json builds templates
// from them, and falls back on nlohmann for anything else.
#include "grammars/arm/json_scan.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/json_events.h"

namespace {

using namespace std::string_literals;

using Recorder = patless::testing::EventRecorder;

// The events of both readings, or "rejected".
std::string by_nlohmann(const std::string& text) {
  Recorder r;
  bool ok = nlohmann::json::sax_parse(text, &r, nlohmann::json::input_format_t::json, /*strict=*/true,
                                      /*ignore_comments=*/true);
  return ok ? r.events : "rejected";
}
std::string by_scan(const std::string& text) {
  Recorder r;
  patless::ScannedTokens tokens(text);
  return patless::scan_json(text, r, tokens) ? r.events : "rejected";
}

const std::vector<std::string> kCases = {
    "{}",
    "[]",
    "5",
    "-0.5e+7",
    "\"text\"",
    " \r\n\t null \r\n\t ",
    "true",
    "\xEF\xBB\xBF{\"a\": 1}",
    "{\"a\": [1, -0, 0.5, 10, -1.5e-7, 1E+5, 2e3, 0e0, true, false, null, \"s\", \"\"], \"b\": {}}",
    "{\"a\": {\"b\": [[], {}, [{\"c\": [1]}]]}, \"d\": \"e\"}",
    // Escapes of every kind, in keys too; a quote after backslashes that escape each other.
    R"({"a\"b\\": ["\"\\\/\b\f\n\r\t", "\u00e9\u65E5x\u0041", "\uD83D\uDE00", "\u0000", "a\\\"b", "\\\\"]})",
    "[\"\xC3\xA9\", \"a\xE6\x97\xA5\", \"ab\xF0\x9F\x98\x80\", \"abcdefg\xC3\xA9xyz\"]",
    // Comments everywhere, a line comment ending at a CR, a NUL, or the text's end.
    "/* a */{/* b */\"a\"/* c */:// d\n1// e\r,\"b\"://f\0[/**/2/***/,/* * */3]}// last"s,
    "[1] /* after */ // and more",
    "[1]\n// no line break at the end",
    // nlohmann ends the text at a NUL.
    "[1] \0 [2] not read"s,
    "[1, \0 2]"s,
    // Numbers at a double's edges: what it holds, and what overflows it.
    "[1e-999, 1.7976931348623157e308, " + std::string(308, '9') + "]",
    "[1e999]",
    "[" + std::string(309, '9') + "]",
    // Not JSON, or not JSON the scan reads (control characters in strings).
    "",
    "// only a comment",
    "[1] [2]",
    "[1] x",
    "{\"a\": 1,}",
    "{\"a\" 1}",
    "[01]",
    "[tru]",
    "[\"a\tb\"]",
    "[\"\\uD800\"]",
    "[\"\xC0\x80\"]",
    "[1 /* open",
    "[/* \0 */ 1]"s,
    "\xEF\xBB",
};

}  // namespace

TEST_CASE("scan_json calls nlohmann's events for the texts nlohmann takes, and takes no other", "[reader][arm]") {
  for (const std::string& text : kCases) {
    INFO(text);
    CHECK(by_scan(text) == by_nlohmann(text));
  }
  CHECK(by_scan(kCases[10]) ==
        "{ k'a\"b\\' [ '\"\\/\b\f\n\r\t' '\xC3\xA9\xE6\x97\xA5x"
        "A' '\xF0\x9F\x98\x80' '"s +
            '\0' + "' 'a\\\"b' '\\\\' ] } ");
  // Each case cut short, and without each of its bytes in turn.
  size_t variants = 0, taken = 0;
  for (const std::string& text : kCases)
    for (size_t i = 1; i < text.size(); ++i) {
      for (const std::string& variant : {text.substr(0, i), std::string(text).erase(i, 1)}) {
        INFO(variant);
        const std::string expected = by_nlohmann(variant);
        CHECK(by_scan(variant) == expected);
        taken += expected != "rejected";
        ++variants;
      }
    }
  CHECK(variants > 1000);
  CHECK(taken > 100);
}

TEST_CASE("scan_json goes on at the closing bracket of a container passed over", "[reader][arm]") {
  // Passes over every container inside the root.
  class Outline : public Recorder {
   public:
    explicit Outline(patless::ScannedTokens& t) : tokens_(t) {}
    bool start_object(std::size_t n) override { return pass(Recorder::start_object(n)); }
    bool start_array(std::size_t n) override { return pass(Recorder::start_array(n)); }

   private:
    patless::ScannedTokens& tokens_;
    int depth_ = 0;
    bool pass(bool ok) {
      patless::JsonSkipLimits limits{100, 100};
      if (depth_++ > 0) tokens_.pass_over(tokens_.open(), limits);
      return ok;
    }
  };
  const std::string text = "{\"a\": [1, {\"b\": 2} /* c */], \"d\": {\"e\": [3]}, \"f\": 4}";
  patless::ScannedTokens tokens(text);
  Outline outline(tokens);
  REQUIRE(patless::scan_json(text, outline, tokens));
  CHECK(outline.events == "{ k'a' [ ] k'd' { } k'f' # } ");
  CHECK(tokens.comments == std::vector<std::pair<size_t, size_t>>{{19, 26}});
  // Where the pass fails, the scan reads the inside itself.
  const std::string bad = "{\"a\": [1, 01]}";
  patless::ScannedTokens bad_tokens(bad);
  Outline bad_outline(bad_tokens);
  CHECK_FALSE(patless::scan_json(bad, bad_outline, bad_tokens));
  CHECK(bad_outline.events == "{ k'a' [ # # ");  // 0, then 1 where a comma must be
}
