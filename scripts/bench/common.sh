# Shared by the benchmark scripts: a release build and the tools they compare against.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_OUT=${BENCH_OUT:-$ROOT/bench-out}
mkdir -p "$BENCH_OUT"

bench_binary() {
  if [ -z "${FILE_CONNECTOR_BINARY:-}" ]; then
    (cd "$ROOT" && swift build -c release --product file-connector --scratch-path .build-bench >&2)
    FILE_CONNECTOR_BINARY="$ROOT/.build-bench/release/file-connector"
  fi
  echo "$FILE_CONNECTOR_BINARY"
}

bench_need() {  # bench_need COMMAND apt-package|pip:package
  command -v "$1" >/dev/null 2>&1 && return 0
  case "$2" in
    pip:*) pip install -q "${2#pip:}" >&2 ;;
    *) (apt-get install -y -qq "$2" || (apt-get update -qq && apt-get install -y -qq "$2")) >/dev/null ;;
  esac
}

# seconds TIME_COMMAND...: wall seconds of one run
seconds() {
  python3 - "$@" <<'PY'
import subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(f"{time.perf_counter() - start:.3f}")
PY
}

bench_make_tree() {  # bench_make_tree N DIR: N small files, 1,000 per directory
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

# bench_local_catalog BINARY COUNT WORK: a fresh SQLite catalog in WORK of the local tree of COUNT files (made once
# under BENCH_OUT/sync-local and reused), reconciled and synced; prints the store's URL.
bench_local_catalog() {
  local binary=$1 count=$2 work=$3
  local tree="$BENCH_OUT/sync-local/tree-$count"
  rm -rf "$work"; mkdir -p "$work/manifests" "$BENCH_OUT/sync-local"
  [ -d "$tree" ] || bench_make_tree "$count" "$tree"
  printf 'apiVersion: fileconnector/v1\nkind: Endpoint\nmetadata: {name: tree}\nspec:\n  provider: local\n  local: {path: %s}\n  schedule: {interval: 1h}\n' "$tree" > "$work/manifests/tree.yaml"
  "$binary" --database "sqlite:$work/catalog.db" reconcile "$work/manifests" >/dev/null 2>&1
  echo "sqlite:$work/catalog.db"
}

# bench_mib BYTES: BYTES in MiB, one decimal.
bench_mib() { awk -v bytes="$1" 'BEGIN { printf "%.1f", bytes / 1048576 }'; }
