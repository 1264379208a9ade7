#!/usr/bin/env bash
# The test suite under a sanitizer (issue 9): address (ASan, with leak detection off: Swift's runtime keeps
# metadata caches for the life of the process) and thread (TSan). Each builds the package and its tests from
# scratch in its own folder (.build-asan, .build-tsan): about 15 minutes each on two cores, longer than CI allows,
# so this is a script whose figures go in the issue notes. A throwaway PostgreSQL is started as for the tests.
# Usage: scripts/sanitize.sh [address|thread ...] [-- swift test arguments, e.g. --filter X]
set -euo pipefail
cd "$(dirname "$0")/.."
kinds=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do kinds+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#kinds[@]} -gt 0 ] || kinds=(address thread)
# shellcheck source=scripts/postgres.sh
. scripts/postgres.sh
postgres_start
trap postgres_stop EXIT
default_groups=(
  "--filter ConnectorJSONSchemaTests|ConnectorScheduleTests|ConnectorManifestTests|ConnectorStoreTests|ConnectorSyncTests|ConnectorHTTPTests|ConnectorWatchTests|ConnectorPlanTests|ConnectorReconcilerTests"
  "--filter ConnectorProviderGoogleDriveTests|ConnectorProviderAutodeskTests|ConnectorDaemonTests"
  "--filter FileConnectorCLITests"
)
status=0
for kind in "${kinds[@]}"; do
  case "$kind" in
    # detect_stack_use_after_return=0: with it, locals live on a heap "fake stack", and the JSON Schema validator's
    # stack budget (which measures the real stack by a local's address) would measure the wrong thing.
    address) scratch=.build-asan; export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:detect_stack_use_after_return=0:${ASAN_OPTIONS:-}" ;;
    thread) scratch=.build-tsan; export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:${TSAN_OPTIONS:-}" ;;
    *) echo "unknown sanitizer $kind: address or thread" >&2; exit 2 ;;
  esac
  printf '==> %s sanitizer: building\n' "$kind" >&2
  start=$(date +%s)
  swift build --build-tests --sanitize="$kind" --scratch-path "$scratch"
  built=$(date +%s)
  # The suite in three groups, one after the other: all of it at once under a sanitizer's slowdown on two cores
  # runs past the end-to-end tests' time limits. Extra arguments replace the groups.
  if [ $# -gt 0 ]; then groups=("$*"); else groups=("${default_groups[@]}"); fi
  for group in "${groups[@]}"; do
    printf '==> %s sanitizer: testing %s\n' "$kind" "$group" >&2
    # The tests run the real binary too: the sanitized one, from the same build.
    # shellcheck disable=SC2086
    if FILE_CONNECTOR_BINARY="$(swift build --sanitize="$kind" --scratch-path "$scratch" --show-bin-path)/file-connector" \
      swift test --skip-build --sanitize="$kind" --scratch-path "$scratch" $group 2>&1 | tee "$scratch/sanitize-test.log"; then
      result=passed
    else
      result=FAILED; status=1
    fi
    printf '==> %s sanitizer: %s: %s\n' "$kind" "$group" "$result" >&2
    grep -E "Test run with|WARNING: ThreadSanitizer|ERROR: (Address|Leak)Sanitizer" "$scratch/sanitize-test.log" | sort | uniq -c | head -20 >&2 || true
  done
  printf '==> %s sanitizer: build %ss, tests %ss\n' "$kind" "$((built - start))" "$(( $(date +%s) - built ))" >&2
done
exit $status
