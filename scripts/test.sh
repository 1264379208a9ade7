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
log "testing (PostgreSQL at $FILE_CONNECTOR_TEST_POSTGRES_DISPLAY)"
if [ $# -gt 0 ]; then
  swift test --skip-build "$@"
else
  # The tests that count requests per window at a fake run after the rest, one at a time: under the whole suite the
  # machine's load, not the product, would set the times they count (a fake noting requests seconds late).
  rate_tests=('\.FamilyBudgetTests/' SharedFamilyBudgetTests ReplicaBudgetTests)
  swift test --skip-build --skip "$(IFS='|'; echo "${rate_tests[*]}")"
  for suite in "${rate_tests[@]}"; do
    log "testing request rates alone: $suite"
    swift test --skip-build --filter "$suite"
  done
fi
