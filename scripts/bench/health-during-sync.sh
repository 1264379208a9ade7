#!/usr/bin/env bash
# The daemon's responsiveness while local syncs hash large files, release build: two endpoints with
# `local.checksums: true`, each over FILES sparse files of SIZE (default 4 of 1G), synced at start; /healthz is
# asked every 50 ms for PROBE_SECONDS (default 12) and its response times reported (median, p99, max).
# Expectation: a liveness probe never waits on a sync (max well under a second; before the local provider's
# work moved off the cooperative pool, two such syncs held /healthz for 9 s on this 2-core machine).
source "$(dirname "$0")/common.sh"
binary=$(bench_binary)
FILES=${FILES:-4}
SIZE=${SIZE:-1G}
PROBE_SECONDS=${PROBE_SECONDS:-12}
work="$BENCH_OUT/health-during-sync"
rm -rf "$work"; mkdir -p "$work/manifests"
for n in 1 2; do
  mkdir -p "$work/data$n"
  for i in $(seq "$FILES"); do truncate -s "$SIZE" "$work/data$n/big$i.bin"; done
  cat > "$work/manifests/hashed$n.yaml" <<YAML
apiVersion: fileconnector/v1
kind: Endpoint
metadata:
  name: hashed$n
spec:
  provider: local
  local:
    path: ../data$n
    checksums: true
  schedule:
    interval: 1h
YAML
done
python3 - "$binary" "$work" "$PROBE_SECONDS" <<'PY'
import socket, statistics, subprocess, sys, time, urllib.request

binary, work, probe_seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
daemon = subprocess.Popen([binary, "--database", f"{work}/catalog.db", "run", f"{work}/manifests",
                           "--listen", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=open(f"{work}/daemon.log", "w"))
try:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1); break
        except OSError:
            time.sleep(0.05)
    times, end = [], time.monotonic() + probe_seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=60).read()
        times.append(time.perf_counter() - start)
        time.sleep(0.05)
finally:
    daemon.terminate(); daemon.wait()
times.sort()
finished = open(f"{work}/daemon.log").read().count("sync finished")
print(f"probes {len(times)}  median {statistics.median(times) * 1000:.1f} ms  "
      f"p99 {times[int(len(times) * 0.99)] * 1000:.1f} ms  max {times[-1] * 1000:.1f} ms  (syncs finished: {finished})")
PY
