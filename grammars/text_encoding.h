// Files saved as UTF-16 with a byte order mark — what Windows PowerShell 5.1's
// `>` and `Out-File` write, say `bicep build --stdout > main.json` or
// `kubectl get … -o yaml > x.yaml` — are read as the same text in UTF-8.
// The tools that deploy them read them so: Bicep (File.ReadAllText in its
// FileResolver detects the mark), the Azure CLI (read_file_content tries
// UTF-16 after UTF-8) and kustomize's YAML parser (kyaml's go-yaml decodes
// UTF-16 with a mark; fluxcd/pkg#648). Without this a UTF-16 template or
// manifest was passed over in silence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace patless {

enum class TextEncoding : uint8_t { Utf8, Utf16LE, Utf16BE };

// The length of the well-formed UTF-8 sequence at s[i], or 0.
inline size_t utf8_sequence(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return at(k) >= lo && at(k) <= hi; };
  unsigned b = at(0);
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(1) ? 2 : 0;
  if (b == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (b == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (b == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xF1 && b <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

// The code point that starts at utf8[i] and how many bytes it takes; a byte
// that starts none (or an encoded surrogate) is U+FFFD of one byte.
char32_t next_code_point(std::string_view utf8, size_t i, size_t& length);

// Appends code point `c` in UTF-8 (four bytes above U+FFFF, whatever its size).
void append_utf8(std::string& out, char32_t c);

const char* encoding_name(TextEncoding e);

// What `bytes` are by their byte order mark: UTF-16 of either order, or else
// UTF-8 (FF FE 00 00, UTF-32's mark, included: the readers report its NULs).
TextEncoding encoding_of(std::string_view bytes);

// Turns `bytes` that start with a UTF-16 byte order mark into UTF-8 that starts
// with the UTF-8 one (U+FEFF either way, so lines and code-point columns are the
// original file's); anything else is left as it is (UTF-8). A unit that is no
// character (a lone surrogate, an odd last byte) becomes U+FFFD, one code point
// as it was one column. Returns what `bytes` was.
TextEncoding decode_to_utf8(std::string& bytes);

// The reverse: UTF-8 (as decode_to_utf8 made it, BOM included) in `encoding`.
// A byte that is no UTF-8 becomes U+FFFD.
std::string encode_from_utf8(std::string_view utf8, TextEncoding encoding);

}  // namespace patless
