// Reports are UTF-8 (XML, Graphviz and terminals insist): names read from a file
// with ill-formed UTF-8 in it get U+FFFD for each byte that does not fit.
#pragma once

#include <string>
#include <string_view>

#include "grammars/text_encoding.h"

namespace patless {

inline std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

}  // namespace patless
