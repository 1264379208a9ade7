#!/usr/bin/env bash
# `get changes` over a large change log, release build: wall time and peak RSS per output format. The log is that of
# a first sync of a local tree of COUNT files (default 1,000,000; the tree sync-local.sh makes, reused when present)
# into a fresh SQLite file: an endpoint.created, a sync.started, COUNT file.created and a sync.succeeded. Expectation
# (issue: change events): memory flat whatever the count (events are read and written batch by batch, each file
# event with its file's record looked up by key), and seconds, not minutes, for a million events.
source "$(dirname "$0")/common.sh"
binary=$(bench_binary)
bench_need /usr/bin/time time
COUNT=${COUNT:-1000000}
work="$BENCH_OUT/get-changes"
db=$(bench_local_catalog "$binary" "$COUNT" "$work")
printf '%-9s %-7s %9s %9s %12s\n' events format seconds rss_MiB output_MiB
for format in csv json table; do
  /usr/bin/time -f "%e %M" -o "$work/$format.time" "$binary" --database "$db" get changes -o "$format" > "$work/$format.out"
  read -r seconds rss < "$work/$format.time"
  printf '%-9s %-7s %9s %9s %12s\n' "$((COUNT + 3))" "$format" "$seconds" "$(bench_mib $((rss * 1024)))" "$(bench_mib "$(stat -c %s "$work/$format.out")")"
  rm -f "$work/$format.out"
done
