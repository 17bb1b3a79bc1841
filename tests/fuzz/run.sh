#!/usr/bin/env bash
# Runs one libFuzzer target for a while, seeded with the repository's fixtures.
#   tests/fuzz/run.sh fuzz_bicep 600 [build/fuzz]
# Build first: cmake -S . -B build/fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
#   -DPATLESS_FUZZ=ON -DPATLESS_BUILD_TESTS=OFF && cmake --build build/fuzz
set -euo pipefail
target=${1:?target: fuzz_bicep, fuzz_arm, fuzz_yaml or fuzz_pipeline}
seconds=${2:-600}
build=${3:-build/fuzz}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
corpus="$build/corpus/$target"
mkdir -p "$corpus" "$build/crashes/$target"
case "$target" in
  fuzz_bicep) pattern='*.bicep*' ;;
  fuzz_arm) pattern='*.json' ;;
  fuzz_yaml) pattern='*.y*ml' ;;
  fuzz_pipeline) pattern='*' ;;
esac
find "$source_dir/testdata" -type f -name "$pattern" ! -name '*.expect' -exec cp -n {} "$corpus/" \; 2>/dev/null || true
exec "$build/tests/fuzz/$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$build/crashes/$target/" -print_final_stats=1
