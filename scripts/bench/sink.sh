#!/usr/bin/env bash
# A webhook sink's delivery speed, release build: COUNT file events (default 100,000) from a real SQLite store to a
# receiver over loopback, signed, in batches of 100 (the default) and 1,000. Target (issue: change events): at least
# 5,000 events/s in batches.
source "$(dirname "$0")/common.sh"
COUNT=${COUNT:-100000}
(cd "$ROOT" && swift build -c release --product SinkBenchmark --scratch-path .build-bench >&2)
for batch in 100 1000; do
  echo "sink, batches of $batch: $("$ROOT/.build-bench/release/SinkBenchmark" "$COUNT" "$batch")"
done
