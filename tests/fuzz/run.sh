#!/usr/bin/env bash
# Runs one libFuzzer target for a while, seeded with the repository's fixtures.
#   tests/fuzz/run.sh fuzz_bicep 600 [build/fuzz]
# Build first: cmake -S . -B build/fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
#   -DPATLESS_FUZZ=ON -DPATLESS_BUILD_TESTS=OFF && cmake --build build/fuzz
set -euo pipefail
target=${1:?target: fuzz_bicep, fuzz_arm, fuzz_yaml, fuzz_pipeline, fuzz_selectors, fuzz_encoding or fuzz_codec}
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
  fuzz_selectors) pattern='kustomization.yaml' ;;  # below: seeds whose first line is a pattern
  fuzz_encoding) pattern='bom_crlf.*' ;;  # below: UTF-16 seeds of both byte orders
  fuzz_codec) pattern='*.*' ;;  # files it reads, then encodes
esac
find "$source_dir/testdata" -type f -name "$pattern" ! -name '*.expect' -exec cp -n {} "$corpus/" \; 2>/dev/null || true
if [ "$target" = fuzz_encoding ]; then
  printf '\xff\xfea\x00\r\x00\n\x00\x3d\xd8\x00\xde' > "$corpus/seed-utf16le"  # a, CRLF, a surrogate pair
  printf '\xfe\xff\x00a\x00\n\xd8\x3d\xde\x00\xdc\x00' > "$corpus/seed-utf16be"  # and a lone low surrogate
fi
if [ "$target" = fuzz_pipeline ]; then
  # Whole repositories in the target's seven parts (see fuzz_pipeline.cpp): a caller of
  # modules, a module, an ARM template, Flux YAML, a kustomization, its patch file and a .bicepparam.
  r="$source_dir/testdata/rules"
  join() { local first=1; for f in "$@"; do [ $first = 1 ] || printf '\n===\n'; first=0; cat "$f" 2>/dev/null; done; }
  join "$r/PL201/caller_of_modules/main.bicep" "$r/PL201/caller_of_modules/flux.bicep" "$r/PL201/bad.json" \
    "$r/PL506/patch_files/gotk-sync.yaml" "$r/PL506/patch_files/kustomization.yaml" "$r/PL506/patch_files/sa-patch.yaml" \
    > "$corpus/seed-modules-and-patch-files"
  join "$r/PL201/output_of_modules/main.bicep" "$r/PL201/output_of_modules/versions.bicep" "$r/PL106/bad.json" \
    "$r/PL506/fleet/clusters/qa/flux-system/gotk-sync.yaml" "$r/PL506/unknown_patch/kustomization.yaml" \
    "$r/PL506/unknown_patch/source-controller-ops.yaml" > "$corpus/seed-outputs-and-unknown-patch"
  # Loops: a module that loops over what its caller passes, ARM copy loops of nested deployments.
  sed "s|'identity.bicep'|'modules/identity.bicep'|" "$r/PL402/loop_module/main.bicep" > "$build/loop-main.bicep"
  join "$build/loop-main.bicep" "$r/PL402/loop_module/identity.bicep" "$r/PL402/nested_copy.json" \
    "$r/PL506/patch_files/gotk-sync.yaml" "$r/PL506/patch_files/kustomization.yaml" "$r/PL506/patch_files/sa-patch.yaml" \
    > "$corpus/seed-loops"
  # Environments: a module loop where one pass fails, one where every pass does, an ARM copy
  # of linked deployments (the graph draws each deployment and names the pass of a finding).
  l="$source_dir/testdata/cli/loop_passes/repo"
  sed "s|'cluster.bicep'|'modules/identity.bicep'|" "$l/main.bicep" > "$build/environments-main.bicep"
  join "$build/environments-main.bicep" "$l/cluster.bicep" "$l/azuredeploy.json" > "$corpus/seed-environments"
  # Resource groups: modules scoped to a group the caller makes, existing identities there,
  # and an ARM nested deployment with `resourceGroup`.
  sed "s|'credential.bicep'|'modules/identity.bicep'|" "$r/PL402/existing_in_subscription_template/main.bicep" \
    > "$build/groups-main.bicep"
  join "$build/groups-main.bicep" "$r/PL402/existing_in_subscription_template/credential.bicep" \
    "$r/PL402/existing_in_resource_group_arm/azuredeploy.json" "$r/PL506/patch_files/gotk-sync.yaml" \
    "$r/PL506/patch_files/kustomization.yaml" "$r/PL506/patch_files/sa-patch.yaml" > "$corpus/seed-resource-groups"
  # Files from Windows: the ARM template and the Flux YAML in UTF-16 (LE, BE), the kustomization
  # without apiVersion and kind, a BOM starting a later document.
  utf16() { { printf '\xef\xbb\xbf'; cat "$2"; } | iconv -f UTF-8 -t "$1" > "$build/$(basename "$2").$1"; echo "$build/$(basename "$2").$1"; }
  grep -v '^apiVersion: kustomize\|^kind: Kustomization' "$r/PL506/patch_files/kustomization.yaml" > "$build/bare-kustomization.yaml"
  join "$r/PL201/caller_of_modules/main.bicep" "$r/PL201/caller_of_modules/flux.bicep" "$(utf16 UTF-16LE "$r/PL201/bad.json")" \
    "$(utf16 UTF-16BE "$r/PL506/patch_files/gotk-sync.yaml")" "$build/bare-kustomization.yaml" \
    "$r/PL501/concatenated_boms.yaml" > "$corpus/seed-windows"
  # A parameter file that deploys the caller with its values, and extends a base that is not there.
  { join "$r/PL102/parameter_file/main.bicep" /dev/null /dev/null /dev/null /dev/null /dev/null \
      "$r/PL102/parameter_file/main.bicepparam"; printf "\nextends './base.bicepparam'\n"; } > "$corpus/seed-parameter-file"
fi
if [ "$target" = fuzz_selectors ]; then
  printf '(source|image-reflector)-controller\nsource-controller' > "$corpus/seed-alternation"
  printf '(?i)[a-z]+-\\w{2,10}(?:x|y)*$\nSource-controller' > "$corpus/seed-classes"
  printf 'app in (a, b),!legacy,tier!=db,n>2\napp=a\nn=3' > "$corpus/seed-selector"
fi
exec "$build/tests/fuzz/$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$build/crashes/$target/" -print_final_stats=1
