// Patterns as kustomize matches patch targets (Go's RE2 syntax, anchored), in linear time.
#include "rules/engine/pattern.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

TEST_CASE("patterns match all of the text, as Go's regexp anchored at both ends does", "[pattern]") {
  using patless::full_match;
  struct Case {
    const char* pattern;
    const char* text;
    bool matches;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"source-controller", "source-controller", true},
           {"source", "source-controller", false},  // anchored: all of it
           {"(source|image-reflector)-controller", "image-reflector-controller", true},
           {"(source|image-reflector)-controller", "kustomize-controller", false},
           {"(?:source|helm)-controller", "helm-controller", true},
           {"(?P<name>source)-controller", "source-controller", true},
           {".*-controller", "source-controller", true},
           {".*-controller", "source-controller-x", false},
           {"Deploy.*", "Deployment", true},
           {"[a-z]+-controller", "source-controller", true},
           {"[^-]+", "source-controller", false},
           {"[^-]+", "source", true},
           {"[]a]+", "a]a", true},
           {"[a-]+", "a-a", true},
           {"\\w+\\-\\w+", "source-controller", true},
           {"\\d{2,3}", "123", true},
           {"\\d{2,3}", "1234", false},
           {"a{2}", "aa", true},
           {"a{2,}", "aaaa", true},
           {"a{,2}", "a{,2}", true},  // not a count: literal braces, as in Go
           {"colou?r", "color", true},
           {"a+?b", "aaab", true},
           {"(?i)SOURCE-controller", "source-Controller", true},
           {"x(?i:ab)c", "xABc", true},
           {"x(?i:ab)c", "xABC", false},
           {"^flux-system$", "flux-system", true},
           {"a^b", "ab", false},
           {"", "", true},
           {"a|", "", true},
           {"(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", true},
           {"(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
       }) {
    INFO(c.pattern << " against " << c.text);
    auto m = full_match(c.pattern, c.text);
    REQUIRE(m.has_value());
    CHECK(*m == c.matches);
  }
  // Syntax Go rejects or this matcher does not know: it may match.
  for (const char* unknown : {"*a", "(a", "a)", "[a", "\\b", "\\pL", "[[:alpha:]]", "(?s).", "a{3,2}", "é"}) {
    INFO(unknown);
    CHECK_FALSE(full_match(unknown, "a").has_value());
  }
  CHECK_FALSE(full_match("a", "é").has_value());
  CHECK_FALSE(full_match(std::string(100, '(') + "a" + std::string(100, ')'), "a").has_value());  // too deep
  CHECK_FALSE(full_match("(a{1000}){1000}", "a").has_value());  // too large spelled out
}

TEST_CASE("a pattern never takes more than linear time", "[pattern]") {
  const std::string text(200000, 'a');
  auto start = std::chrono::steady_clock::now();
  for (const char* p : {"(a*)*b", "(a|aa)*c", "(a|b)*", "(.*)*x"}) CHECK(patless::full_match(p, text).has_value());
  // Backtracking takes longer than the universe here; a Pike VM, milliseconds.
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}
