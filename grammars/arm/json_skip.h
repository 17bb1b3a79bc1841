// Passing over a JSON value read_json() does not build (most of a compiled
// pattern module: resources outside the chain, nested templates that name
// nothing of it) at memory speed, instead of through nlohmann's lexer, which
// copies every byte of every string into a token buffer.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace patless {

struct JsonSkipLimits {
  // Containers that may still open inside the one skipped (it is open already).
  size_t room = 0;
  // Values that may still be read; what the skip reads is taken from it.
  size_t budget = 0;
};

// The offset of the '}' or ']' that closes the object or array opening at
// `open`, when what lies between is JSON that nlohmann takes with comments
// ignored (and no control character in a string, which read_json reads another
// way) and stays within `limits`. The comments in it are added to `comments`,
// as read_json keeps them. Otherwise nullopt and nothing is changed: the caller
// lets nlohmann read the value, and report what is wrong with it where it is.
std::optional<size_t> skip_json_container(std::string_view bytes, size_t open, JsonSkipLimits& limits,
                                          std::vector<std::pair<size_t, size_t>>& comments);

}  // namespace patless
