#!/usr/bin/env bash
# The test command (README, CI): installs what is missing, builds, and runs the whole test suite.
# Usage: scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }

# Debian packages the build and the tests need; installed only when missing.
REQUIRED_DEBIAN_PACKAGES=()
need_packages=()
command -v swift >/dev/null 2>&1 || { echo "swift is not on PATH: install the Swift 6 toolchain first" >&2; exit 1; }
for pkg in "${REQUIRED_DEBIAN_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_packages+=("$pkg")
done
if [ ${#need_packages[@]} -gt 0 ]; then
  log "installing ${need_packages[*]}"
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}"
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}"; fi
fi

# The official JSON-Schema-Test-Suite lives in shared/ beside the checkout (CI copies it there).
if [ -z "${JSON_SCHEMA_TEST_SUITE:-}" ] && [ ! -d ../shared/conformance/json-schema-test-suite ]; then
  echo "JSON-Schema-Test-Suite not found at ../shared/conformance/json-schema-test-suite; set JSON_SCHEMA_TEST_SUITE" >&2
  exit 1
fi

log "building"
swift build --build-tests
log "testing"
swift test --skip-build "$@"
