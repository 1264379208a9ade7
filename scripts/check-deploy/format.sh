#!/usr/bin/env bash
# The Swift sources as `.swift-format` lays them out (swift-format ships with the toolchain): a file that
# `swift format --in-place` would change, or a lint rule the configuration turns on, fails the check.
set -euo pipefail
cd "$(dirname "$0")/../.."
paths=(Package.swift Sources Tests Benchmarks Fuzz/Package.swift)
for directory in Fuzz/Sources/Fuzz*; do paths+=("$directory"); done  # the rest of Fuzz/Sources links to Sources/
swift format lint --strict --recursive --parallel "${paths[@]}"
unformatted=()
while IFS= read -r -d '' file; do
  if ! swift format format "$file" | cmp -s - "$file"; then unformatted+=("$file"); fi
done < <(find "${paths[@]}" -name '*.swift' -type f -print0)
if [ ${#unformatted[@]} -gt 0 ]; then
  printf 'format: not as .swift-format lays it out (run swift format --in-place on it):\n' >&2
  printf '  %s\n' "${unformatted[@]}" >&2
  exit 1
fi
echo "format: every Swift file is as .swift-format lays it out"
