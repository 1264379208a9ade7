#!/usr/bin/env bash
# `get files` over a large catalog, release build: wall time and peak RSS per output format. The catalog is a
# local tree of COUNT files (default 1,000,000; the tree sync-local.sh makes, reused when present) synced into a
# fresh SQLite file. Expectation (README, "get"): memory flat whatever the count (files are written as they are
# read), and seconds, not minutes, for a million files.
source "$(dirname "$0")/common.sh"
binary=$(bench_binary)
bench_need /usr/bin/time time
COUNT=${COUNT:-1000000}
work="$BENCH_OUT/get-files"
db=$(bench_local_catalog "$binary" "$COUNT" "$work")
printf '%-9s %-7s %9s %9s %12s\n' files format seconds rss_MiB output_MiB
for format in csv json table yaml; do
  /usr/bin/time -f "%e %M" -o "$work/$format.time" "$binary" --database "$db" get files -o "$format" > "$work/$format.out"
  read -r seconds rss < "$work/$format.time"
  printf '%-9s %-7s %9s %9s %12s\n' "$COUNT" "$format" "$seconds" "$(bench_mib $((rss * 1024)))" "$(bench_mib "$(stat -c %s "$work/$format.out")")"
  rm -f "$work/$format.out"
done
