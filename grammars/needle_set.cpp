#include "grammars/needle_set.h"

#include <string.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "grammars/ascii.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// AVX2 compiled for the search alone and taken where the processor has it.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define PATLESS_NEEDLE_AVX2 1
#endif

namespace patless {

NeedleSet::NeedleSet(std::initializer_list<Needle> needles, Blocks blocks) : needles_(needles), blocks_(blocks) {
  for (const Needle& n : needles_) {
    if (n.text.empty()) throw std::logic_error("NeedleSet: empty needle");
    longest_ = std::max(longest_, n.text.size());
  }
#if defined(PATLESS_NEEDLE_AVX2)
  if (blocks_ == Blocks::Widest && !__builtin_cpu_supports("avx2")) blocks_ = Blocks::Sixteen;
#else
  if (blocks_ == Blocks::Widest) blocks_ = Blocks::Sixteen;
#endif
}

bool NeedleSet::matches_at(size_t needle, std::string_view bytes, size_t offset) const {
  const Needle& n = needles_[needle];
  if (offset + n.text.size() > bytes.size()) return false;
  std::string_view here = bytes.substr(offset, n.text.size());
  return n.any_case ? iequals(here, n.text) : ::memcmp(here.data(), n.text.data(), n.text.size()) == 0;
}

#if defined(__SSE2__)
// Sixteen starts at a time, `Count` needles known when compiled (their bytes
// stay in registers). A needle may start where its first and its last byte are,
// both compared with the 0x20 bit set (which folds ASCII letters and keeps '.',
// digits and '/' as they are); the few such places are then compared whole.
// Starts at `from`; returns where it stopped: loads stay inside the bytes, the
// rest is the caller's.
template <size_t Count>
size_t NeedleSet::find_in_blocks(std::string_view bytes, size_t from, std::vector<Match>& out) const {
  const __m128i fold = _mm_set1_epi8(0x20);
  __m128i first[Count], last[Count];
  size_t tail_offset[Count];
  for (size_t k = 0; k < Count; ++k) {
    std::string_view t = needles_[k].text;
    first[k] = _mm_set1_epi8(static_cast<char>(t.front() | 0x20));
    last[k] = _mm_set1_epi8(static_cast<char>(t.back() | 0x20));
    tail_offset[k] = t.size() - 1;
  }
  auto load = [&](size_t offset) {
    return _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes.data() + offset)), fold);
  };
  size_t at = from;
  for (; at + longest_ + 15 <= bytes.size(); at += 16) {
    const __m128i head = load(at);
    unsigned masks[Count];
    unsigned any = 0;
    for (size_t k = 0; k < Count; ++k) {
      const __m128i tail = load(at + tail_offset[k]);
      masks[k] = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(head, first[k]), _mm_cmpeq_epi8(tail, last[k]))));
      any |= masks[k];
    }
    for (; any; any &= any - 1) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(any));
      for (size_t k = 0; k < Count; ++k)
        if ((masks[k] >> bit & 1) && matches_at(k, bytes, at + bit)) out.push_back({k, at + bit});
    }
  }
  return at;
}
#endif

#if defined(PATLESS_NEEDLE_AVX2)
// The same, thirty-two starts at a time.
template <size_t Count>
__attribute__((target("avx2"))) size_t NeedleSet::find_in_wide_blocks(std::string_view bytes,
                                                                      std::vector<Match>& out) const {
  const __m256i fold = _mm256_set1_epi8(0x20);
  __m256i first[Count], last[Count];
  size_t tail_offset[Count];
  for (size_t k = 0; k < Count; ++k) {
    std::string_view t = needles_[k].text;
    first[k] = _mm256_set1_epi8(static_cast<char>(t.front() | 0x20));
    last[k] = _mm256_set1_epi8(static_cast<char>(t.back() | 0x20));
    tail_offset[k] = t.size() - 1;
  }
  size_t at = 0;
  for (; at + longest_ + 31 <= bytes.size(); at += 32) {
    const __m256i head = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes.data() + at)), fold);
    unsigned masks[Count];
    unsigned any = 0;
    for (size_t k = 0; k < Count; ++k) {
      const __m256i tail = _mm256_or_si256(
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes.data() + at + tail_offset[k])), fold);
      masks[k] = static_cast<unsigned>(
          _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(head, first[k]), _mm256_cmpeq_epi8(tail, last[k]))));
      any |= masks[k];
    }
    for (; any; any &= any - 1) {
      const unsigned bit = static_cast<unsigned>(__builtin_ctz(any));
      for (size_t k = 0; k < Count; ++k)
        if ((masks[k] >> bit & 1) && matches_at(k, bytes, at + bit)) out.push_back({k, at + bit});
    }
  }
  return at;
}
#endif

void NeedleSet::find_all(std::string_view bytes, std::vector<Match>& out) const {
  size_t at = 0;
  // The searches compiled for each count of needles, one to eight; more: one
  // start at a time, below. Each goes as far as its loads stay inside the bytes.
  const size_t count = needles_.size();
  const bool blocks = blocks_ != Blocks::One && count >= 1 && count <= 8;
#if defined(PATLESS_NEEDLE_AVX2)
  using Wide = size_t (NeedleSet::*)(std::string_view, std::vector<Match>&) const;
  static constexpr Wide kWide[] = {&NeedleSet::find_in_wide_blocks<1>, &NeedleSet::find_in_wide_blocks<2>,
                                   &NeedleSet::find_in_wide_blocks<3>, &NeedleSet::find_in_wide_blocks<4>,
                                   &NeedleSet::find_in_wide_blocks<5>, &NeedleSet::find_in_wide_blocks<6>,
                                   &NeedleSet::find_in_wide_blocks<7>, &NeedleSet::find_in_wide_blocks<8>};
  if (blocks && blocks_ == Blocks::Widest) at = (this->*kWide[count - 1])(bytes, out);
#endif
#if defined(__SSE2__)
  using Narrow = size_t (NeedleSet::*)(std::string_view, size_t, std::vector<Match>&) const;
  static constexpr Narrow kNarrow[] = {&NeedleSet::find_in_blocks<1>, &NeedleSet::find_in_blocks<2>,
                                       &NeedleSet::find_in_blocks<3>, &NeedleSet::find_in_blocks<4>,
                                       &NeedleSet::find_in_blocks<5>, &NeedleSet::find_in_blocks<6>,
                                       &NeedleSet::find_in_blocks<7>, &NeedleSet::find_in_blocks<8>};
  if (blocks) at = (this->*kNarrow[count - 1])(bytes, at, out);
#endif
  for (; at < bytes.size(); ++at)
    for (size_t k = 0; k < needles_.size(); ++k)
      if ((bytes[at] | 0x20) == (needles_[k].text.front() | 0x20) && matches_at(k, bytes, at)) out.push_back({k, at});
}

}  // namespace patless
