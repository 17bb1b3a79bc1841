// NeedleSet finds exactly what comparing every needle at every offset finds,
// wherever the match falls among the sixteen-byte blocks it reads.
#include "grammars/needle_set.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "grammars/ascii.h"

namespace {

using patless::NeedleSet;

std::vector<NeedleSet::Match> every_offset(const std::vector<NeedleSet::Needle>& needles, std::string_view bytes) {
  std::vector<NeedleSet::Match> out;
  for (size_t at = 0; at < bytes.size(); ++at)
    for (size_t k = 0; k < needles.size(); ++k) {
      std::string_view t = needles[k].text;
      if (at + t.size() > bytes.size()) continue;
      std::string_view here = bytes.substr(at, t.size());
      if (needles[k].any_case ? patless::iequals(here, t) : here == t) out.push_back({k, at});
    }
  return out;
}

// "offset:needle ..." (Catch prints strings, not pairs).
std::string listed(const std::vector<NeedleSet::Match>& matches) {
  std::string out;
  for (const NeedleSet::Match& m : matches) out += std::to_string(m.offset) + ':' + std::to_string(m.needle) + ' ';
  return out;
}

}  // namespace

TEST_CASE("NeedleSet finds every occurrence, letters in any case where asked", "[needle_set]") {
  const NeedleSet set{{"managedclusters", true}, {".json", false}, {"lient", true}};
  std::vector<NeedleSet::Match> found;
  std::string text = "x ManagedClusters y 'a.json' 'b.JSON' azureClientID MANAGEDCLUSTERS";
  set.find_all(text, found);
  CHECK(listed(found) == "2:0 22:1 44:2 52:0 ");

  found.clear();
  set.find_all("", found);
  set.find_all("lien", found);
  CHECK(found.empty());
  // Bytes the 0x20 fold makes look alike ('\x0e' | 0x20 == '.', 'M' | 0x20 == 'm'
  // and '\xad' | 0x20 == '\xad') are compared whole.
  set.find_all(std::string(40, ' ') +
                   "\x0ejson \x0e"
                   "JSON l\x09\x05nt",
               found);
  CHECK(found.empty());
}

TEST_CASE("NeedleSet gives matches by offset, whichever of their bytes found them", "[needle_set]") {
  // Where AVX2 is, a needle is found by its rarest pair of bytes: "yc" in the
  // first, 16 bytes in; "ty" in the second, 6 in. The second is found first.
  const NeedleSet set{{"federatedidentitycredentials", true}, {"identity", false}, {"Y", true}};
  std::vector<NeedleSet::Match> found;
  set.find_all(
      std::string(40, '-') + "FederatedIdentityCredentials federatedidentitycredentials" + std::string(40, '-'), found);
  CHECK(listed(found) == "40:0 56:2 69:0 78:1 85:2 ");
}

TEST_CASE("NeedleSet agrees with a comparison at every offset", "[needle_set]") {
  const std::vector<NeedleSet::Needle> needles = {{"kubernetesconfiguration", true},
                                                  {"federatedidentitycredentials", true},
                                                  {"ab", true},
                                                  {".json", false},
                                                  {"aba", false},
                                                  {"x", false},
                                                  {"b\x0e", false}};
  // Each width of block: AVX2's where this processor has it (else SSE2's), SSE2's, none.
  using Blocks = NeedleSet::Blocks;
  const NeedleSet sets[] = {
      NeedleSet({needles[0], needles[1], needles[2], needles[3], needles[4], needles[5], needles[6]}, Blocks::Widest),
      NeedleSet({needles[0], needles[1], needles[2], needles[3], needles[4], needles[5], needles[6]}, Blocks::Sixteen),
      NeedleSet({needles[0], needles[1], needles[2], needles[3], needles[4], needles[5], needles[6]}, Blocks::One)};
  // More than the eight searched sixteen starts at a time: one start at a time.
  std::vector<NeedleSet::Needle> nine = needles;
  nine.push_back({"ba", false});
  nine.push_back({"json", true});
  const NeedleSet set_of_nine{nine[0], nine[1], nine[2], nine[3], nine[4], nine[5], nine[6], nine[7], nine[8]};
  // Few letters, so that the needles and the bytes they are found by (first and
  // last; or a rare pair, "yc" of "federatedidentitycredentials") are everywhere.
  const std::string alphabet = std::string("abABxX.\x0e jsonJSONycY") + '\0' + "\xc3\xa9";
  std::mt19937 random(7);
  for (int round = 0; round < 3000; ++round) {
    std::string bytes;
    const size_t size = random() % 300;
    for (size_t i = 0; i < size; ++i) bytes += alphabet[random() % alphabet.size()];
    // A long needle at any place, in some letter case.
    if (round % 3 == 0 && size > 30) {
      std::string word = round % 2 ? "KubernetesConfiguration" : "federatedIdentityCredentials";
      bytes.replace(random() % (size - word.size()), word.size(), word);
    }
    INFO("round " << round << ", " << bytes.size() << " bytes");
    std::vector<NeedleSet::Match> found;
    const std::string expected = listed(every_offset(needles, bytes));
    for (const NeedleSet& set : sets) {
      found.assign(1, {99, 99999});  // appended to, in order, what was there kept
      set.find_all(bytes, found);
      CHECK(listed(found) == "99999:99 " + expected);
    }
    found.clear();
    set_of_nine.find_all(bytes, found);
    CHECK(listed(found) == listed(every_offset(nine, bytes)));
  }
}
