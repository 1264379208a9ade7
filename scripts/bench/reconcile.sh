#!/usr/bin/env bash
# Reconciles 1,000 and 10,000 endpoints with a release build, on SQLite and on a throwaway
# PostgreSQL: the first apply, a no-op reconcile, and a reconcile changing 1% of the endpoints.
# Wall time includes process start. Targets (issue 3): a no-op of 1,000 under 0.3 s, and 10,000 at
# most 12 times 1,000.
source "$(dirname "$0")/common.sh"
binary=$(bench_binary)
bench_need hyperfine hyperfine
source "$ROOT/scripts/postgres.sh"
postgres_start
trap postgres_stop EXIT
work="$BENCH_OUT/reconcile"
rm -rf "$work" && mkdir -p "$work"
printf '%-10s %-7s %10s %10s %10s\n' store count first noop change1%
for count in 1000 10000; do
  python3 "$ROOT/scripts/bench/generate-endpoints.py" "$count" "$work/m$count/base"
  python3 "$ROOT/scripts/bench/generate-endpoints.py" "$count" "$work/m$count/changed" --variant 7
  for store in sqlite postgres; do
    if [ "$store" = sqlite ]; then db="sqlite:$work/bench-$count.db"; rm -f "$work/bench-$count.db"*
    else
      name="bench_$count"
      psql -q "$FILE_CONNECTOR_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
      db="${FILE_CONNECTOR_TEST_POSTGRES_URL/\/postgres\?//$name?}"
    fi
    "$binary" --database "$db" migrate >/dev/null
    first=$(seconds "$binary" --database "$db" reconcile --no-sync "$work/m$count/base")
    hyperfine --warmup 2 --runs 10 --export-json "$work/noop-$store-$count.json" \
      "$binary --database '$db' reconcile --no-sync $work/m$count/base" >/dev/null
    noop=$(python3 -c "import json;print('%.3f' % json.load(open('$work/noop-$store-$count.json'))['results'][0]['mean'])")
    change=$(seconds "$binary" --database "$db" reconcile --no-sync "$work/m$count/changed")
    printf '%-10s %-7s %10s %10s %10s\n' "$store" "$count" "$first" "$noop" "$change"
  done
done
