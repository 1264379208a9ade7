#!/usr/bin/env bash
# The test command (README, CI): installs what is missing, starts a throwaway PostgreSQL, builds,
# and runs the whole test suite. PostgreSQL is stopped by its pid on exit, also on failure.
# Usage: scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '==> %s\n' "$*" >&2; }

command -v swift >/dev/null 2>&1 || { echo "swift is not on PATH: install the Swift 6 toolchain first" >&2; exit 1; }

# Debian packages the build and the tests need (prometheus for promtool); installed only when missing.
need=()
for pkg in libsqlite3-dev postgresql util-linux git prometheus; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The official JSON-Schema-Test-Suite: an override, shared/ beside the checkout, or fetched from PyPI and cached.
# shellcheck source=scripts/json-schema-test-suite.sh
. scripts/json-schema-test-suite.sh
json_schema_test_suite
log "JSON-Schema-Test-Suite at $JSON_SCHEMA_TEST_SUITE"

# The Standard Webhooks reference library (Python), the receiver's side of the sink tests.
# shellcheck source=scripts/standard-webhooks.sh
. scripts/standard-webhooks.sh
standard_webhooks
log "Standard Webhooks library at $FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS"

# shellcheck source=scripts/postgres.sh
. scripts/postgres.sh
postgres_start
trap postgres_stop EXIT

log "building"
swift build --build-tests
# Swift Testing starts every test at once unless told otherwise: on two cores, 600 tests shared the machine, and the
# tests that bound a product's time (a shutdown within its grace, a pacing, a lease) measured the queue for the CPU.
# Four test cases per core at a time keep the suite as fast and give those tests the machine they describe.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-$(( $(nproc) * 4 ))}"

# Runs `swift test --skip-build ARGS` within LIMIT (a `sleep` duration). A test awaiting what nothing will resume
# would otherwise hold CI to its own limit without a word on which test it was: at LIMIT the test process is ended,
# swift test prints what it had, and the tests that started and never ended are named.
tests_within() {
  local limit=$1 output status=0
  shift
  output=$(mktemp)
  swift test --skip-build "$@" >"$output" 2>&1 &
  local runner=$!
  tail -n +1 -f --pid="$runner" "$output" &
  local printer=$!
  ( sleep "$limit" && touch "$output.late" && pkill -TERM -P "$runner" ) >/dev/null 2>&1 &
  local watchdog=$!
  wait "$runner" || status=$?
  wait "$printer" || true
  pkill -P "$watchdog" >/dev/null 2>&1 || true
  wait "$watchdog" 2>/dev/null || true
  if [ -e "$output.late" ]; then
    log "the tests did not finish within $limit; these started and never ended:"
    awk '
      /^◇ Test .* started\.$/ && !/^◇ Test (case|run) / { name = $0; sub(/^[^ ]+ Test /, "", name); sub(/ started\.$/, "", name); open[name] = 1 }
      /^(✔|✘) Test .* (passed|failed) after / {
        name = $0; sub(/^[^ ]+ Test /, "", name); sub(/( with [0-9]+ test cases?)? (passed|failed) after .*$/, "", name)
        delete open[name]
      }
      END { for (name in open) print "  " name }' "$output" >&2
    status=1
  fi
  rm -f "$output" "$output.late"
  return "$status"
}

log "testing (PostgreSQL at $FILE_CONNECTOR_TEST_POSTGRES_DISPLAY, $SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH test cases at a time)"
if [ $# -gt 0 ]; then
  tests_within "${FILE_CONNECTOR_TEST_LIMIT:-30m}" "$@"
else
  # The tests that count requests per window at a fake run after the rest, one at a time: under the whole suite the
  # machine's load, not the product, would set the times they count (a fake noting requests seconds late).
  rate_tests=('\.FamilyBudgetTests/' SharedFamilyBudgetTests ReplicaBudgetTests)
  tests_within "${FILE_CONNECTOR_TEST_LIMIT:-30m}" --skip "$(IFS='|'; echo "${rate_tests[*]}")"
  for suite in "${rate_tests[@]}"; do
    log "testing request rates alone: $suite"
    tests_within 10m --filter "$suite"
  done
fi
