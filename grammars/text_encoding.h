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

const char* encoding_name(TextEncoding e);

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
