#include "grammars/needle_set.h"

#include <string.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string_view>

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
  if (blocks_ == Blocks::Widest) build_tables();
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

namespace {

// How rarely a byte may be expected in templates and manifests, higher for
// rarer: ASCII letters by their order of frequency in English, the bytes of
// JSON and YAML layout as the commonest, any other byte as rare. The two
// bytes a needle is found by are its rarest pair by this, so that few places
// need comparing whole (`Clusters` of "managedclusters", not `ma`).
int rarity(unsigned char c) {
  constexpr std::string_view kLettersByFrequency = "etaoinshrdlcumwfgypbvkjxqz";
  if (ascii_letter(static_cast<char>(c)))
    return static_cast<int>(kLettersByFrequency.find(static_cast<char>(c | 0x20)));
  constexpr std::string_view kLayout = " \"'\n\r\t,:{}[]";
  return kLayout.find(static_cast<char>(c)) != std::string_view::npos ? 0 : 20;
}

}  // namespace

void NeedleSet::build_tables() {
  if (needles_.size() > 8) return;
  window_.assign(needles_.size(), 0);
  for (size_t k = 0; k < needles_.size(); ++k) {
    const Needle& n = needles_[k];
    int best = -1;
    for (size_t at = 0; at + 2 <= n.text.size(); ++at) {
      const int score =
          rarity(static_cast<unsigned char>(n.text[at])) + rarity(static_cast<unsigned char>(n.text[at + 1]));
      if (score > best) best = score, window_[k] = at;
    }
    const unsigned char bit = static_cast<unsigned char>(1u << k);
    for (size_t place = 0; place < 2; ++place) {
      auto allow = [&](unsigned char c) {
        for (size_t lane : {0, 16}) {
          low_[place][lane + (c & 15)] |= bit;
          high_[place][lane + (c >> 4)] |= bit;
        }
      };
      if (window_[k] + place >= n.text.size()) {  // a one-byte needle: any byte after it
        for (unsigned c = 0; c < 16; ++c) allow(static_cast<unsigned char>(c << 4 | c));
        continue;
      }
      const char c = n.text[window_[k] + place];
      allow(static_cast<unsigned char>(c));
      if (n.any_case && ascii_letter(c)) allow(static_cast<unsigned char>(c ^ 0x20));
    }
  }
}

#if defined(PATLESS_NEEDLE_AVX2)
namespace {

// Which needles each byte of `x` allows, by its low and its high half.
__attribute__((target("avx2"))) inline __m256i needles_at(__m256i low, __m256i high, __m256i x) {
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  return _mm256_and_si256(_mm256_shuffle_epi8(low, _mm256_and_si256(x, nibble)),
                          _mm256_shuffle_epi8(high, _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble)));
}

}  // namespace

// Teddy (Hyperscan's, as ripgrep uses it): each byte's low and high half look
// up, in a table per place, which needles may have that byte there; the two
// places' answers ANDed say which needles may start at each of 32 offsets. The
// few such starts are compared whole. A needle's two bytes are its own
// (window_), so a place found at offset p is the needle starting at p minus
// where its pair is; the matches are sorted after.
__attribute__((target("avx2"))) void NeedleSet::find_by_tables(std::string_view bytes, std::vector<Match>& out) const {
  const size_t first_new = out.size();
  const __m256i low0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(low_[0]));
  const __m256i high0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(high_[0]));
  const __m256i low1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(low_[1]));
  const __m256i high1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(high_[1]));
  const __m256i zero = _mm256_setzero_si256();
  size_t at = 0;
  for (; at + 33 <= bytes.size(); at += 32) {
    const __m256i here = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes.data() + at));
    const __m256i next = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes.data() + at + 1));
    const __m256i may = _mm256_and_si256(needles_at(low0, high0, here), needles_at(low1, high1, next));
    unsigned places = ~static_cast<unsigned>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(may, zero)));
    if (!places) continue;
    unsigned char which[32];
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(which), may);
    for (; places; places &= places - 1) {
      const size_t place = at + static_cast<size_t>(__builtin_ctz(places));
      for (unsigned k = which[place - at]; k; k &= k - 1) {
        const size_t needle = static_cast<size_t>(__builtin_ctz(k));
        if (place >= window_[needle] && matches_at(needle, bytes, place - window_[needle]))
          out.push_back({needle, place - window_[needle]});
      }
    }
  }
  // The starts whose pair lies at or past `at`, one at a time.
  const size_t furthest = *std::max_element(window_.begin(), window_.end());
  for (size_t start = at > furthest ? at - furthest : 0; start < bytes.size(); ++start)
    for (size_t k = 0; k < needles_.size(); ++k)
      if (start + window_[k] >= at && matches_at(k, bytes, start)) out.push_back({k, start});
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first_new), out.end(), [](const Match& a, const Match& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.needle < b.needle;
  });
}
#endif

void NeedleSet::find_all(std::string_view bytes, std::vector<Match>& out) const {
  size_t at = 0;
  // The searches for one to eight needles; more: one start at a time, below.
  // The SSE2 search goes as far as its loads stay inside the bytes.
  const size_t count = needles_.size();
  const bool blocks = blocks_ != Blocks::One && count >= 1 && count <= 8;
#if defined(PATLESS_NEEDLE_AVX2)
  if (blocks && blocks_ == Blocks::Widest) return find_by_tables(bytes, out);
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
