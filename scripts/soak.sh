#!/usr/bin/env bash
# Soak (issue 9): the release daemon with 200 endpoints (90 local, 70 Google Drive, 30 Autodesk ACC, 10 Microsoft 365
# on one library through one app, so they share its token, budget and throttling pause) against the
# fakes served by `fake-cloud` with FAULT_RATE (default 10%) of provider requests failing, for DURATION seconds
# (default 1800). Samples RSS, open file descriptors and threads every SAMPLE seconds, then checks:
#   - every sync run is recorded: each "sync finished" log line has its run in the store, no run is left open;
#   - RSS, file descriptors and threads are flat (last fifth vs the fifth after warm-up);
#   - every endpoint synced on schedule: no gap between two starts longer than its interval + jitter + SLACK.
# Usage: scripts/soak.sh [DURATION_SECONDS]     (figures and samples in bench-out/soak/)
source "$(dirname "$0")/bench/common.sh"
DURATION=${1:-${DURATION:-1800}}
FAULT_RATE=${FAULT_RATE:-0.1}
SAMPLE=${SAMPLE:-10}
SLACK=${SLACK:-30}
binary=$(bench_binary)
(cd "$ROOT" && swift build -c release --product fake-cloud --scratch-path .build-bench >&2)
fake_cloud="$ROOT/.build-bench/release/fake-cloud"
work="$BENCH_OUT/soak"
rm -rf "$work"; mkdir -p "$work"

python3 - "$binary" "$fake_cloud" "$work" "$DURATION" "$FAULT_RATE" "$SAMPLE" "$SLACK" <<'PY'
import json, os, random, signal, socket, sqlite3, statistics, subprocess, sys, time, urllib.request
from datetime import datetime

binary, fake_cloud, work = sys.argv[1:4]
duration, fault_rate, sample_every, slack = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
LOCAL, DRIVE, ACC, M365 = 90, 70, 30, 10
INTERVAL = {"local": 60, "google-drive": 60, "autodesk-acc": 120, "microsoft-365": 60}
JITTER = 10

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
        return r.status, r.read().decode()

# The fakes.
details_path = os.path.join(work, "fake-cloud.json")
fake = subprocess.Popen([fake_cloud, "--output", details_path, "--drive-roots", str(DRIVE), "--drive-files", "200",
                         "--acc-items", "1500", "--m365-files", "2000", "--fault-rate", str(fault_rate), "--change-every", "5"],
                        stdout=open(os.path.join(work, "fake-cloud.log"), "w"), stderr=subprocess.STDOUT)
deadline = time.time() + 120
while not os.path.exists(details_path):
    if fake.poll() is not None or time.time() > deadline: sys.exit("fake-cloud did not start (see fake-cloud.log)")
    time.sleep(0.2)
details = json.load(open(details_path))

# The manifests, and the local trees (changed while the soak runs).
manifests = os.path.join(work, "manifests"); os.makedirs(manifests)
trees = os.path.join(work, "trees")
def write(name, provider, block):
    interval = INTERVAL[provider]
    credentials = {"google-drive": "  credentials: {fromEnv: SOAK_DRIVE_KEY}\n",
                   "autodesk-acc": "  credentials: {fromEnv: SOAK_ACC_CREDENTIALS}\n",
                   "microsoft-365": "  credentials: {fromEnv: SOAK_M365_APP}\n"}.get(provider, "")
    open(os.path.join(manifests, f"{name}.yaml"), "w").write(
        f"apiVersion: fileconnector/v1\nkind: Endpoint\nmetadata:\n  name: {name}\nspec:\n  provider: {provider}\n"
        f"{credentials}{block}  schedule: {{interval: {interval}s, jitter: {JITTER}s}}\n"
        f"  sync: {{fullResyncEvery: 10m}}\n")
for i in range(LOCAL):
    root = os.path.join(trees, f"local-{i}")
    for d in range(5):
        os.makedirs(os.path.join(root, f"d{d}"), exist_ok=True)
        for f in range(40): open(os.path.join(root, f"d{d}", f"f{f}.txt"), "w").write(f"{i} {d} {f}")
    write(f"local-{i}", "local", f"  local: {{path: {root}}}\n")
drive = details["drive"]
for i, folder in enumerate(drive["roots"]):
    write(f"drive-{i}", "google-drive",
          f"  googleDrive: {{folderId: {folder}, sharedDriveId: {drive['sharedDriveId']}, apiURL: '{drive['baseURL']}'}}\n")
acc = details["acc"]
for i in range(ACC):
    folder = acc["folderIds"][i % len(acc["folderIds"])]
    write(f"acc-{i}", "autodesk-acc",
          f"  autodeskAcc: {{hubId: {acc['hubId']}, projectId: {acc['projectId']}, folderIds: ['{folder}'], apiURL: '{acc['baseURL']}'}}\n")

port = free_port()
m365 = details["m365"]
for i in range(M365):
    write(f"m365-{i}", "microsoft-365",
          f"  microsoft365: {{tenant: {m365['tenantId']}, site: {{hostname: {m365['hostname']}, path: '{m365['sitePath']}'}}, "
          f"library: '{m365['library']}', apiURL: '{m365['baseURL']}', loginURL: '{m365['baseURL']}'}}\n")
environment = dict(os.environ, SOAK_DRIVE_KEY=drive["serviceAccountKey"],
                   SOAK_ACC_CREDENTIALS=json.dumps({"client_id": acc["clientId"], "client_secret": acc["clientSecret"]}),
                   SOAK_M365_APP=json.dumps({"clientId": m365["clientId"], "clientSecret": m365["clientSecret"]}))
database = os.path.join(work, "catalog.db")
log_path = os.path.join(work, "daemon.log")
daemon = subprocess.Popen([binary, "--database", database, "--log-format", "json", "run", manifests,
                           "--listen", f"127.0.0.1:{port}"], env=environment, stderr=open(log_path, "w"),
                          stdout=subprocess.DEVNULL)
start = time.time()
samples = []
rng = random.Random(1)
def proc(pid):
    status = open(f"/proc/{pid}/status").read().split("\n")
    field = lambda name: int(next(l for l in status if l.startswith(name + ":")).split()[1])
    return field("VmRSS") / 1024, len(os.listdir(f"/proc/{pid}/fd")), field("Threads")
while time.time() - start < duration:
    time.sleep(sample_every)
    if daemon.poll() is not None: sys.exit(f"the daemon exited early with {daemon.returncode} (see {log_path})")
    rss, fds, threads = proc(daemon.pid)
    samples.append((time.time() - start, rss, fds, threads))
    # Touch, add and delete a few local files.
    for _ in range(3):
        root = os.path.join(trees, f"local-{rng.randrange(LOCAL)}", f"d{rng.randrange(5)}")
        open(os.path.join(root, f"new-{int(time.time()*1000)}.txt"), "w").write("new")
        victims = sorted(os.listdir(root))
        if len(victims) > 30: os.remove(os.path.join(root, rng.choice(victims)))
status, metrics = get(port, "/metrics")
daemon.send_signal(signal.SIGTERM)
stop_started = time.time()
code = daemon.wait(timeout=60)
stop_seconds = time.time() - stop_started
fake.send_signal(signal.SIGTERM); fake.wait(timeout=30)
with open(os.path.join(work, "samples.csv"), "w") as out:
    out.write("seconds,rss_mib,fds,threads\n")
    for row in samples: out.write(",".join(f"{v:.1f}" for v in row) + "\n")

problems = []
if code != 0: problems.append(f"the daemon exited {code} after SIGTERM")
# Every run recorded: each "sync finished" log line names a run that is in the store, and no run is left open.
finished = {}
for line in open(log_path):
    try: entry = json.loads(line)
    except ValueError: problems.append(f"a log line is not JSON: {line[:120]}"); continue
    if entry.get("msg") == "sync finished": finished[entry.get("correlation_id")] = entry
db = sqlite3.connect(database)
runs = db.execute("SELECT endpoint, started_at, finished_at, status, correlation_id, error FROM sync_runs ORDER BY id").fetchall()
by_correlation = {r[4]: r for r in runs}
missing = [c for c in finished if c not in by_correlation]
if missing: problems.append(f"{len(missing)} finished syncs have no run record")
open_runs = [r for r in runs if r[2] is None]
if open_runs: problems.append(f"{len(open_runs)} runs left without an end: {open_runs[:3]}")
statuses = {}
for r in runs: statuses[r[3]] = statuses.get(r[3], 0) + 1
errors = {}
for r in runs:
    if r[3] == "failed": errors[r[5]] = errors.get(r[5], 0) + 1
# On schedule.
def ts(text): return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
starts = {}
for r in runs: starts.setdefault(r[0], []).append(ts(r[1]))
endpoints = [n for (n,) in db.execute("SELECT name FROM endpoints WHERE state = 'active'")]
late = []
worst = 0.0
soak_end = ts(runs[-1][1]) if runs else 0
for name in endpoints:
    provider = ("local" if name.startswith("local") else "google-drive" if name.startswith("drive")
                else "microsoft-365" if name.startswith("m365") else "autodesk-acc")
    allowed = INTERVAL[provider] + JITTER + slack
    times = sorted(starts.get(name, []))
    if not times: late.append((name, "never synced")); continue
    gaps = [b - a for a, b in zip(times, times[1:])] + [soak_end - times[-1]]
    worst = max(worst, max(gaps) - INTERVAL[provider] - JITTER)
    if max(gaps) > allowed: late.append((name, round(max(gaps), 1)))
if late: problems.append(f"{len(late)} endpoints missed their schedule: {late[:5]}")
# Flat resources: the fifth after warm-up against the last fifth.
if len(samples) >= 10:
    fifth = max(1, len(samples) // 5)
    early, last = samples[fifth:2 * fifth], samples[-fifth:]
    for index, name, tolerance in [(1, "RSS MiB", 1.25), (2, "open fds", 1.2), (3, "threads", 1.2)]:
        a = statistics.median(s[index] for s in early); b = statistics.median(s[index] for s in last)
        print(f"{name}: median {a:.1f} after warm-up, {b:.1f} at the end, max {max(s[index] for s in samples):.1f}")
        if b > a * tolerance + 2: problems.append(f"{name} grew from {a:.1f} to {b:.1f}")
print(f"soak: {duration:.0f} s, {len(endpoints)} endpoints, {len(runs)} runs {statuses}, fault rate {fault_rate}")
print(f"runs per endpoint: min {min(len(v) for v in starts.values()) if starts else 0}, max {max(len(v) for v in starts.values()) if starts else 0}")
print(f"worst lateness beyond interval + jitter: {worst:.1f} s (allowed slack {slack:.0f} s)")
print(f"failed runs by error: {dict(list(errors.items())[:5])}")
injected = [l for l in open(os.path.join(work, 'fake-cloud.log')) if 'faults injected' in l]
print(f"fake-cloud: {injected[-1].strip() if injected else '?'}; SIGTERM to exit: {stop_seconds:.1f} s")
retries = sum(float(l.split()[-1]) for l in metrics.split("\n") if l.startswith("fileconnector_api_retries_total{"))
requests = sum(float(l.split()[-1]) for l in metrics.split("\n") if l.startswith("fileconnector_api_requests_total{"))
print(f"provider API requests {requests:.0f}, retries {retries:.0f}")
if problems:
    print("SOAK FAILED:\n  " + "\n  ".join(problems)); sys.exit(1)
print("soak passed")
PY
