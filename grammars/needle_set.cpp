#include "grammars/needle_set.h"

#include <string.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "grammars/ascii.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace patless {

NeedleSet::NeedleSet(std::initializer_list<Needle> needles) : needles_(needles) {
  for (const Needle& n : needles_) {
    if (n.text.empty()) throw std::logic_error("NeedleSet: empty needle");
    longest_ = std::max(longest_, n.text.size());
  }
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
// Returns where it stopped: loads stay inside the bytes, the rest is the caller's.
template <size_t Count>
size_t NeedleSet::find_in_blocks(std::string_view bytes, std::vector<Match>& out) const {
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
  size_t at = 0;
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

void NeedleSet::find_all(std::string_view bytes, std::vector<Match>& out) const {
  size_t at = 0;
#if defined(__SSE2__)
  // The search compiled for each count of needles, one to eight.
  using Blocks = size_t (NeedleSet::*)(std::string_view, std::vector<Match>&) const;
  static constexpr Blocks kBlocks[] = {&NeedleSet::find_in_blocks<1>, &NeedleSet::find_in_blocks<2>,
                                       &NeedleSet::find_in_blocks<3>, &NeedleSet::find_in_blocks<4>,
                                       &NeedleSet::find_in_blocks<5>, &NeedleSet::find_in_blocks<6>,
                                       &NeedleSet::find_in_blocks<7>, &NeedleSet::find_in_blocks<8>};
  if (!needles_.empty() && needles_.size() <= std::size(kBlocks))  // more: one start at a time, below
    at = (this->*kBlocks[needles_.size() - 1])(bytes, out);
#endif
  for (; at < bytes.size(); ++at)
    for (size_t k = 0; k < needles_.size(); ++k)
      if ((bytes[at] | 0x20) == (needles_[k].text.front() | 0x20) && matches_at(k, bytes, at)) out.push_back({k, at});
}

}  // namespace patless
