// Where any of a few words occur in a file's bytes, all found in one pass, ASCII
// letters in either case where asked. Whether a template can touch the chain,
// and what a pre-commit run reads around the named files, are searches of every
// file of a repository (90 MB in bicep-registry-modules) for a few words; a pass
// per word, or over a lowercased copy, was most of that time.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace patless {

class NeedleSet {
 public:
  struct Needle {
    std::string_view text;  // lower case when any_case; not empty
    bool any_case = false;  // ASCII letters match in either case
  };
  struct Match {
    size_t needle;  // index in the set
    size_t offset;  // where it starts in the bytes
  };

  // How the places a needle may start are found: 32 bytes at a time by two of
  // its bytes looked up in tables where the processor has AVX2 (the default);
  // 16 at a time by its first and last byte (SSE2, every x86-64); or one at a
  // time. The same matches either way.
  enum class Blocks { Widest, Sixteen, One };

  explicit NeedleSet(std::initializer_list<Needle> needles, Blocks blocks = Blocks::Widest);

  // Every occurrence of every needle (overlapping ones too), by offset, then
  // by needle; appended to `out`.
  void find_all(std::string_view bytes, std::vector<Match>& out) const;

  size_t size() const { return needles_.size(); }

 private:
  bool matches_at(size_t needle, std::string_view bytes, size_t offset) const;
  template <size_t Count>
  size_t find_in_blocks(std::string_view bytes, size_t from, std::vector<Match>& out) const;
  void find_by_tables(std::string_view bytes, std::vector<Match>& out) const;
  void build_tables();

  std::vector<Needle> needles_;
  size_t longest_ = 0;
  Blocks blocks_;
  // For find_by_tables: where in each needle the two bytes it is found by
  // are, and, for each of those two places, which needles (bit k for needle k)
  // the low and the high half of a byte there allows, twice over (one table
  // per 16-byte lane).
  std::vector<size_t> window_;
  unsigned char low_[2][32] = {};
  unsigned char high_[2][32] = {};
};

}  // namespace patless
