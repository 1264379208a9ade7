#!/usr/bin/env bash
# The cloud providers against their in-process fakes over loopback, into SQLite, with release builds:
#   GoogleDriveBenchmark: a full sync of N files (default 100,000, Drive's random 33-character ids and names as long
#     as real ones) and an incremental sync after 100 changes, then the same with 100 ms (+ up to 20 ms) of latency
#     per request, one request at a time and with 8 in flight (avg_in_flight = requests x latency / wall time).
#   Microsoft365Benchmark: a full sync of a SharePoint library of N files (default 100,000; ODB-shaped ids, rows of
#     about 1.3 KB), an incremental sync after 100 changes (target: under 5% of the full sync's time) and a forced
#     full enumeration; then the same 100 ms away.
#   AutodeskBenchmark: a full sync of M items (default 50,000) and incremental syncs after 100 changes
#     (issue 6: report files/s, requests per sync, and the incremental walk entering only changed folders).
source "$(dirname "$0")/common.sh"
DRIVE_COUNT=${DRIVE_COUNT:-100000}
ACC_COUNT=${ACC_COUNT:-50000}
(cd "$ROOT" && swift build -c release --product GoogleDriveBenchmark --scratch-path .build-bench >&2)
(cd "$ROOT" && swift build -c release --product AutodeskBenchmark --scratch-path .build-bench >&2)
(cd "$ROOT" && swift build -c release --product Microsoft365Benchmark --scratch-path .build-bench >&2)
work="$BENCH_OUT/sync-cloud"
mkdir -p "$work"
rm -f "$work"/drive.db*
echo "google-drive $("$ROOT/.build-bench/release/GoogleDriveBenchmark" "$DRIVE_COUNT" "$work/drive.db")"
for concurrent in 1 8; do
  echo "google-drive, 100 ms latency, $concurrent in flight at most $(DRIVE_LATENCY_MS=100 DRIVE_JITTER_MS=20 DRIVE_MAX_CONCURRENT=$concurrent \
    "$ROOT/.build-bench/release/GoogleDriveBenchmark" "$DRIVE_COUNT" "$work/drive.db")"
done
M365_COUNT=${M365_COUNT:-$DRIVE_COUNT}
rm -f "$work"/m365.db*
echo "microsoft-365 $("$ROOT/.build-bench/release/Microsoft365Benchmark" "$M365_COUNT" "$work/m365.db")"
echo "microsoft-365, 100 ms latency $(M365_LATENCY_MS=100 M365_JITTER_MS=20 "$ROOT/.build-bench/release/Microsoft365Benchmark" "$M365_COUNT" "$work/m365.db")"
echo "autodesk-acc:"
"$ROOT/.build-bench/release/AutodeskBenchmark" "$ACC_COUNT"
