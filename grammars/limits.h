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
// For YAML, whose aliases expand: that many values per byte of the file, at
// least kMinNodesVisited. A value takes two bytes at the least ("a,"), so
// this leaves aliases room to repeat the densest file sixteen times over, and
// a kilobyte-sized bomb costs megabytes, not the 240 MB of two million values
// (per file read at once: one per thread).
inline constexpr size_t kNodesPerYamlByte = 8;
inline constexpr size_t kMinNodesVisited = 100'000;
// Wall-clock bound on one tree-sitter parse.
inline constexpr uint64_t kParseTimeoutMicros = 10'000'000;
// Files larger than this are skipped with a reason.
inline constexpr size_t kMaxFileBytes = 32 * 1024 * 1024;

}  // namespace patless::limits
