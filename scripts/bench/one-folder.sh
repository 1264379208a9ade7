#!/usr/bin/env bash
# Hostile data (issue 9): COUNT files (default 1,000,000) in ONE directory, synced by the local provider into
# SQLite with the release binary: wall time and peak RSS of the first sync and of a re-sync. The directory's
# names are held in one byte buffer while it is walked (DirectoryNames), so memory stays bounded.
# Usage: scripts/bench/one-folder.sh [COUNT]
source "$(dirname "$0")/common.sh"
COUNT=${1:-1000000}
binary=$(bench_binary)
work="$BENCH_OUT/one-folder"
rm -rf "$work"; mkdir -p "$work/data"
python3 - "$binary" "$work" "$COUNT" <<'PY'
import os, resource, subprocess, sys, time
binary, work, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = os.path.join(work, "data")
start = time.time()
for i in range(count):
    os.close(os.open(os.path.join(data, f"file-{i:07d}.dat"), os.O_CREAT | os.O_WRONLY, 0o644))
print(f"created {count} files in one directory in {time.time() - start:.1f} s")
open(os.path.join(work, "one.yaml"), "w").write(
    "apiVersion: fileconnector/v1\nkind: Endpoint\nmetadata: {name: one-folder}\n"
    f"spec:\n  provider: local\n  local: {{path: {data}}}\n  schedule: {{manual: true}}\n")
def run(arguments):
    # os.wait4 gives this child's own peak RSS (ru_maxrss, KiB).
    start = time.time()
    child = subprocess.Popen([binary, "--database", os.path.join(work, "catalog.db")] + arguments,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.time() - start
    out, err = child.stdout.read(), child.stderr.read()
    if status != 0: sys.exit(f"{arguments} failed: {err[-2000:]}")
    lines = (out + err).strip().splitlines()
    return elapsed, usage.ru_maxrss / 1024, lines[-1] if lines else ""
run(["reconcile", "--no-sync", os.path.join(work, "one.yaml")])
for label, arguments in [("first sync", ["sync", "one-folder"]), ("re-sync", ["sync", "one-folder"])]:
    elapsed, peak, line = run(arguments)
    print(f"{label}: {elapsed:.2f} s ({count / elapsed:,.0f} files/s), peak RSS {peak:.0f} MiB; {line}")
PY
rm -rf "$work/data"
