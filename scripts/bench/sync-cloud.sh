#!/usr/bin/env bash
# The cloud providers against their in-process fakes over loopback, into SQLite, with release builds:
#   GoogleDriveBenchmark: a full sync of N files (default 100,000) and an incremental sync after 100 changes
#     (targets, issue 5: >= 50,000 files/s; the incremental sync under 1 s; about one request per page).
#   AutodeskBenchmark: a full sync of M items (default 50,000) and incremental syncs after 100 changes
#     (issue 6: report files/s, requests per sync, and the incremental walk entering only changed folders).
source "$(dirname "$0")/common.sh"
DRIVE_COUNT=${DRIVE_COUNT:-100000}
ACC_COUNT=${ACC_COUNT:-50000}
(cd "$ROOT" && swift build -c release --product GoogleDriveBenchmark --scratch-path .build-bench >&2)
(cd "$ROOT" && swift build -c release --product AutodeskBenchmark --scratch-path .build-bench >&2)
work="$BENCH_OUT/sync-cloud"
mkdir -p "$work"
rm -f "$work"/drive.db*
echo "google-drive $("$ROOT/.build-bench/release/GoogleDriveBenchmark" "$DRIVE_COUNT" "$work/drive.db")"
echo "autodesk-acc:"
"$ROOT/.build-bench/release/AutodeskBenchmark" "$ACC_COUNT"
