#!/usr/bin/env bash
# `get changes` over a large change log, release build: wall time and peak RSS per output format. The log is that of
# a first sync of a local tree of COUNT files (default 1,000,000; the tree sync-local.sh makes, reused when present)
# into a fresh SQLite file: an endpoint.created, a sync.started, COUNT file.created and a sync.succeeded. Expectation
# (issue: change events): memory flat whatever the count (events are read and written batch by batch, each file
# event with its file's record looked up by key), and seconds, not minutes, for a million events.
source "$(dirname "$0")/common.sh"
binary=$(bench_binary)
bench_need /usr/bin/time time
mib() { awk -v bytes="$1" 'BEGIN { printf "%.1f", bytes / 1048576 }'; }
COUNT=${COUNT:-1000000}
tree="$BENCH_OUT/sync-local/tree-$COUNT"
work="$BENCH_OUT/get-changes"
rm -rf "$work"; mkdir -p "$work/manifests" "$BENCH_OUT/sync-local"
[ -d "$tree" ] || bench_make_tree "$COUNT" "$tree"
printf 'apiVersion: fileconnector/v1\nkind: Endpoint\nmetadata: {name: tree}\nspec:\n  provider: local\n  local: {path: %s}\n  schedule: {interval: 1h}\n' "$tree" > "$work/manifests/tree.yaml"
db="sqlite:$work/catalog.db"
"$binary" --database "$db" reconcile "$work/manifests" >/dev/null 2>&1
printf '%-9s %-7s %9s %9s %12s\n' events format seconds rss_MiB output_MiB
for format in csv json table; do
  /usr/bin/time -f "%e %M" -o "$work/$format.time" "$binary" --database "$db" get changes -o "$format" > "$work/$format.out"
  read -r seconds rss < "$work/$format.time"
  printf '%-9s %-7s %9s %9s %12s\n' "$((COUNT + 3))" "$format" "$seconds" "$(mib $((rss * 1024)))" "$(mib "$(stat -c %s "$work/$format.out")")"
  rm -f "$work/$format.out"
done
