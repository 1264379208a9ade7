#!/usr/bin/env bash
# libFuzzer targets for the parsers that read outside data (Fuzz/, see Fuzz/Corpus/README.md):
#   FuzzManifest    the manifest loader on one YAML/JSON file (schema, semantic checks, reports)
#   FuzzJSONSchema  the JSON parser; instances against the Endpoint schema; arbitrary schemas compiled and used
#   FuzzCron        cron expressions evaluated in zones with odd transitions; Go durations; zone names
#   FuzzDrive       Google Drive files.list / changes.list bodies (fast reader vs JSONDecoder) and their mapping
#   FuzzAutodesk    Autodesk JSON:API pages and tips, their mapping to files, next links, resume tokens
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET (default 60)] [TARGET...]   (default: all targets)
# Each target runs on a temporary copy of Fuzz/Corpus/<target> (with Fuzz/Dictionaries/<target>.dict when there
# is one); crash, timeout and OOM inputs go to Fuzz/artifacts/<target>/ with the target's log. Prints executions,
# exec/s, coverage and corpus size per target; exits non-zero when any target crashed, hung or ran out of memory.
# Environment: FUZZ_KEEP_CORPUS=1 keeps the grown corpora (their paths are printed); FUZZ_ARGS adds libFuzzer flags.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
all=(FuzzManifest FuzzJSONSchema FuzzCron FuzzDrive FuzzAutodesk)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

# ASan and libFuzzer's coverage on every Swift module; only the fuzz executables link libFuzzer (Fuzz/Package.swift).
# shellcheck disable=SC2054 # the commas are part of -sanitize-coverage's value
build=(swift build --package-path Fuzz -c release
  -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
  -Xswiftc -enable-testing)
if [ ${#targets[@]} -eq 1 ]; then "${build[@]}" --product "${targets[0]}"; else "${build[@]}"; fi
bin=$("${build[@]}" --show-bin-path)

work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz.XXXXXX")
[ "${FUZZ_KEEP_CORPUS:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
# Swift's runtime keeps caches alive until exit, which LeakSanitizer would report at every exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:handle_abort=1}
# A Swift runtime trap is reported by libFuzzer and ASan; Swift's own backtracer would only add noise.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

summary=()
failed=0
for target in "${targets[@]}"; do
  artifacts="Fuzz/artifacts/$target"
  mkdir -p "$artifacts" "$work/$target"
  [ -d "Fuzz/Corpus/$target" ] && cp -R "Fuzz/Corpus/$target/." "$work/$target/"
  options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
    -artifact_prefix="$artifacts/")
  [ -f "Fuzz/Dictionaries/$target.dict" ] && options+=(-dict="Fuzz/Dictionaries/$target.dict")
  # shellcheck disable=SC2206
  [ -n "${FUZZ_ARGS:-}" ] && options+=(${FUZZ_ARGS})
  before=$(find "$artifacts" -maxdepth 1 \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  log="$artifacts/fuzz.log"
  printf '\n==> %s for %ss\n' "$target" "$seconds"
  started=$(date +%s)
  status=0
  "$bin/$target" "${options[@]}" "$work/$target" >"$log" 2>&1 || status=$?
  elapsed=$(( $(date +%s) - started ))
  after=$(find "$artifacts" -maxdepth 1 \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  found=$((after - before))
  if [ "$status" -ne 0 ] && [ "$found" -eq 0 ]; then found=1; fi
  [ "$found" -eq 0 ] || { failed=1; grep -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*Fatal error:|artifact_prefix)' "$log" | head -5 || true; }
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  field() { sed -n "s/.* $1: \([^ ]*\).*/\1/p" <<<"$last"; }
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  summary+=("$(printf '%-15s %10s %8s %7s %8s %7s %6s %6s' "$target" "${execs:-?}" "${rate:-?}" \
    "$(field cov)" "$(field ft)" "$(find "$work/$target" -type f | wc -l)" "${elapsed}s" "$found")")
  [ "${FUZZ_KEEP_CORPUS:-0}" = 1 ] && echo "corpus kept in $work/$target"
done

printf '\n%-15s %10s %8s %7s %8s %7s %6s %6s\n' target executions exec/s cov ft corpus time crashes
printf '%s\n' "${summary[@]}"
[ "$failed" -eq 0 ] || { echo "fuzz: crashes, hangs or OOMs found: see Fuzz/artifacts/" >&2; exit 1; }
