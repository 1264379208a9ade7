#!/usr/bin/env bash
# Syncs N files (default 10,000, 100,000 and 1,000,000) from the fake catalog API over loopback —
# the HTTP layer, the engine and a real store — with a release build, then an incremental sync after
# 100 changes. Prints one JSON line per run: files/s, requests, incremental time, peak RSS.
# Targets (issue 4): >= 50,000 files/s into SQLite; peak RSS < 64 MiB and flat; the incremental sync
# after 100 changes under 5% of the full sync's time.
source "$(dirname "$0")/common.sh"
COUNTS=${COUNTS:-"10000 100000 1000000"}
STORES=${STORES:-"sqlite"}
(cd "$ROOT" && swift build -c release --product SyncBenchmark --scratch-path .build-bench >&2)
bench="$ROOT/.build-bench/release/SyncBenchmark"
work="$BENCH_OUT/sync-http"
mkdir -p "$work"
if [[ " $STORES " == *" postgres "* ]]; then
  source "$ROOT/scripts/postgres.sh"; postgres_start; trap postgres_stop EXIT
fi
for count in $COUNTS; do
  for store in $STORES; do
    if [ "$store" = sqlite ]; then target="$work/bench-$count.db"; rm -f "$target"*
    else name="http_$count"; psql -q "$FILE_CONNECTOR_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
         target="${FILE_CONNECTOR_TEST_POSTGRES_URL/\/postgres\?//$name?}"; fi
    printf '%s %s\n' "$store" "$("$bench" "$count" "$target")"
  done
done
