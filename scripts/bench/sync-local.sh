#!/usr/bin/env bash
# Syncs a generated tree of N files (default 100,000; also 10,000 and 1,000,000 with COUNTS=...) from
# the local provider into SQLite (and PostgreSQL with STORES="sqlite postgres"), with a release
# build, and times `rclone lsjson -R` listing the same tree. Reports wall time, files/s and peak RSS
# (from /usr/bin/time), and the time of a second sync after 100 changes.
# Targets (issue 4): faster than rclone lsjson; peak RSS under 64 MiB and flat as N grows.
source "$(dirname "$0")/common.sh"
binary=$(bench_binary)
bench_need rclone rclone
bench_need /usr/bin/time time
COUNTS=${COUNTS:-"100000"}
STORES=${STORES:-"sqlite"}
work="$BENCH_OUT/sync-local"
mkdir -p "$work"
if [[ " $STORES " == *" postgres "* ]]; then
  source "$ROOT/scripts/postgres.sh"; postgres_start; trap postgres_stop EXIT
fi

make_tree() {  # make_tree N DIR: N small files, 1,000 per directory
  python3 - "$1" "$2" <<'PY'
import os, sys
count, root = int(sys.argv[1]), sys.argv[2]
for index in range(count):
    directory = os.path.join(root, f"d{index // 1000:04d}")
    if index % 1000 == 0:
        os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, f"f{index:07d}.pdf"), "w") as handle:
        handle.write(str(index))
PY
}

measure() {  # measure OUTPUT_PREFIX COMMAND...: prints "seconds peak_rss_mib"
  /usr/bin/time -f "%e %M" -o "$1.time" "${@:2}" >"$1.out" 2>"$1.err" || { cat "$1.err" >&2; return 1; }
  awk '{ printf "%.2f %.1f\n", $1, $2 / 1024 }' "$1.time"
}

printf '%-9s %-8s %10s %10s %10s %12s %12s\n' count store sync_s files/s rss_MiB rclone_s after100_s
for count in $COUNTS; do
  tree="$work/tree-$count"
  [ -d "$tree" ] || make_tree "$count" "$tree"
  read -r rclone_s _ < <(measure "$work/rclone-$count" rclone lsjson -R --files-only "$tree")
  for store in $STORES; do
    dir="$work/run-$count-$store"; rm -rf "$dir"; mkdir -p "$dir/manifests"
    printf 'apiVersion: fileconnector/v1\nkind: Endpoint\nmetadata: {name: tree}\nspec:\n  provider: local\n  local: {path: %s}\n  schedule: {interval: 1h}\n' "$tree" > "$dir/manifests/tree.yaml"
    if [ "$store" = sqlite ]; then db="sqlite:$dir/catalog.db"
    else name="sync_$count"; psql -q "$FILE_CONNECTOR_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
         db="${FILE_CONNECTOR_TEST_POSTGRES_URL/\/postgres\?//$name?}"; fi
    "$binary" --database "$db" reconcile --no-sync "$dir/manifests" >/dev/null
    read -r sync_s rss < <(measure "$dir/sync" "$binary" --database "$db" sync tree)
    for index in $(seq 0 99); do echo "changed" > "$tree/d0000/f$(printf '%07d' "$index").pdf"; done
    read -r after_s _ < <(measure "$dir/sync2" "$binary" --database "$db" sync tree)
    rate=$(python3 -c "print(int($count / max($sync_s, 0.01)))")
    printf '%-9s %-8s %10s %10s %10s %12s %12s\n' "$count" "$store" "$sync_s" "$rate" "$rss" "$rclone_s" "$after_s"
    grep -h "sync tree" "$dir/sync2.out" >&2 || true
  done
done
