#!/usr/bin/env bash
# Syncs a generated tree of N files (default 100,000; also 10,000 and 1,000,000 with COUNTS=...) from
# the local provider into SQLite (and PostgreSQL with STORES="sqlite postgres"), with a release
# build, and times `rclone lsjson -R` listing the same tree. Reports wall time, files/s and peak RSS
# (from /usr/bin/time), and the time of a second sync after 100 changes. Each time is the median of RUNS runs
# (default 3; every first sync into a fresh catalog), rclone's too, so one noisy run decides nothing.
# CHECKSUMS=1 syncs with `local.checksums: true` and has rclone hash too (`--hash --hash-type sha256`).
# Targets (issue 4): faster than rclone lsjson; peak RSS under 64 MiB and flat as N grows.
source "$(dirname "$0")/common.sh"
binary=$(bench_binary)
bench_need rclone rclone
bench_need /usr/bin/time time
COUNTS=${COUNTS:-"100000"}
STORES=${STORES:-"sqlite"}
RUNS=${RUNS:-3}
CHECKSUMS=${CHECKSUMS:-0}  # 1: `local.checksums: true`, against `rclone lsjson -R --hash --hash-type sha256`
checksums=false; rclone_hash=()
if [ "$CHECKSUMS" = 1 ]; then checksums=true; rclone_hash=(--hash --hash-type sha256); fi
work="$BENCH_OUT/sync-local"
mkdir -p "$work"
if [[ " $STORES " == *" postgres "* ]]; then
  source "$ROOT/scripts/postgres.sh"; postgres_start; trap postgres_stop EXIT
fi

measure() {  # measure OUTPUT_PREFIX COMMAND...: prints "seconds peak_rss_mib"
  /usr/bin/time -f "%e %M" -o "$1.time" "${@:2}" >"$1.out" 2>"$1.err" || { cat "$1.err" >&2; return 1; }
  awk '{ printf "%.2f %.1f\n", $1, $2 / 1024 }' "$1.time"
}

median() {  # median "seconds rss" lines on stdin: the median seconds and the largest RSS
  sort -n | awk '{ s[NR] = $1; if ($2 > rss) rss = $2 } END { printf "%s %s\n", s[int((NR + 1) / 2)], rss }'
}

store_url() {  # store_url DIR STORE COUNT: the --database value of the run's catalog
  if [ "$2" = sqlite ]; then echo "sqlite:$1/catalog.db"; else echo "${FILE_CONNECTOR_TEST_POSTGRES_URL/\/postgres\?//sync_$3?}"; fi
}

fresh_store() {  # fresh_store DIR STORE COUNT: an empty catalog at store_url holding the endpoint
  rm -rf "$1"; mkdir -p "$1/manifests"
  printf 'apiVersion: fileconnector/v1\nkind: Endpoint\nmetadata: {name: tree}\nspec:\n  provider: local\n  local: {path: %s, checksums: %s}\n  schedule: {interval: 1h}\n' "$tree" "$checksums" > "$1/manifests/tree.yaml"
  [ "$2" = sqlite ] || psql -q "$FILE_CONNECTOR_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS sync_$3" -c "CREATE DATABASE sync_$3"
  "$binary" --database "$(store_url "$@")" reconcile --no-sync "$1/manifests" >/dev/null
}

printf '%-9s %-8s %10s %10s %10s %12s %12s\n' count store sync_s files/s rss_MiB rclone_s after100_s
for count in $COUNTS; do
  tree="$work/tree-$count"
  [ -d "$tree" ] || bench_make_tree "$count" "$tree"
  read -r rclone_s _ < <(for run in $(seq "$RUNS"); do measure "$work/rclone-$count" rclone lsjson -R --files-only "${rclone_hash[@]}" "$tree"; done | median)
  for store in $STORES; do
    dir="$work/run-$count-$store"; db=$(store_url "$dir" "$store" "$count")
    read -r sync_s rss < <(for run in $(seq "$RUNS"); do
      fresh_store "$dir" "$store" "$count"; measure "$dir/sync" "$binary" --database "$db" sync tree; done | median)
    read -r after_s _ < <(for run in $(seq "$RUNS"); do
      for index in $(seq 0 99); do echo "changed $run" > "$tree/d0000/f$(printf '%07d' "$index").pdf"; done
      measure "$dir/sync2" "$binary" --database "$db" sync tree; done | median)
    rate=$(python3 -c "print(int($count / max($sync_s, 0.01)))")
    printf '%-9s %-8s %10s %10s %10s %12s %12s\n' "$count" "$store" "$sync_s" "$rate" "$rss" "$rclone_s" "$after_s"
    grep -h "sync tree" "$dir/sync2.out" >&2 || true
  done
done
