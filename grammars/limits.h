// Bounds every reader enforces so that hostile input ends in a finding, not a crash or a hang.
#pragma once

#include <cstddef>
#include <cstdint>

namespace patless::limits {

// Deepest object/array/expression nesting a reader follows. Real templates stay
// far below; recursion in readers and rules is bounded by it.
inline constexpr int kMaxNesting = 256;
// Values a reader may build from one file (defeats YAML alias bombs).
inline constexpr size_t kMaxNodesVisited = 2'000'000;
// Wall-clock bound on one tree-sitter parse.
inline constexpr uint64_t kParseTimeoutMicros = 10'000'000;
// Files larger than this are skipped with a reason.
inline constexpr size_t kMaxFileBytes = 32 * 1024 * 1024;

}  // namespace patless::limits
