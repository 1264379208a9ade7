#!/usr/bin/env bash
# Issue 16's figures side by side: each measurement with a release build of BASE (default: main before the work on
# real-world speed began) and of the working tree, on this machine, in the same run, runs of the two alternating
# (A B A B ...) and the median of RUNS (default 3) kept. Prints a Markdown table (also written to
# $BENCH_OUT/compare.md) with the target of each line and whether the working tree meets it.
#   scripts/bench/compare.sh [BASE_REF]
#   BIG=1       adds the re-sync of 1,000,000 unchanged local files into PostgreSQL (several minutes)
#   FILE_CONNECTOR_BASE_BINARY, FILE_CONNECTOR_BINARY   use these binaries instead of building them
# Needs PostgreSQL's server binaries (scripts/postgres.sh) and python3. The cloud providers are served by
# `fake-cloud` (the in-repo fakes: Drive's 33-character random ids and wide rows) over loopback; the Autodesk line
# runs AutodeskBenchmark (its 50,000-item project answered after 300 ms, at Autodesk's 300 folder-contents requests a
# minute), one folder at a time against several, since that benchmark has no older form to run.
source "$(dirname "$0")/common.sh"
BASE_REF=${1:-e7cd9aa}
RUNS=${RUNS:-3}
work="$BENCH_OUT/compare"
rm -rf "$work" && mkdir -p "$work"

head_binary=$(bench_binary)
if [ -z "${FILE_CONNECTOR_BASE_BINARY:-}" ]; then
  base_src="$BENCH_OUT/base-src"
  rm -rf "$base_src" && git -C "$ROOT" worktree prune
  git -C "$ROOT" worktree add --force --detach "$base_src" "$BASE_REF" >&2
  (cd "$base_src" && swift build -c release --product file-connector --scratch-path "$ROOT/.build-bench-base" >&2)
  FILE_CONNECTOR_BASE_BINARY="$ROOT/.build-bench-base/release/file-connector"
  git -C "$ROOT" worktree remove --force "$base_src"
fi
for product in fake-cloud AutodeskBenchmark; do (cd "$ROOT" && swift build -c release --product "$product" --scratch-path .build-bench >&2); done
bench_need /usr/bin/time time
source "$ROOT/scripts/postgres.sh"
postgres_start
trap postgres_stop EXIT

python3 - "$FILE_CONNECTOR_BASE_BINARY" "$head_binary" "$ROOT/.build-bench/release" "$work" "$RUNS" "${BIG:-0}" "$BASE_REF" "$ROOT" <<'PY'
import json, os, re, shutil, signal, statistics, subprocess, sys, time

base, head, tools, work, runs, big, base_ref, root = sys.argv[1:9]
runs, big = int(runs), big == "1"
admin = os.environ["FILE_CONNECTOR_TEST_POSTGRES_URL"]

def run(*args, env=None):
    return subprocess.run(args, capture_output=True, text=True, env=env)

def timed(binary, *args, env=None):
    """Wall seconds and peak RSS (MiB) of one run, and its output; fails loudly."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f"{work}/time.txt", binary, *args], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{binary} {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return wall, int(open(f"{work}/time.txt").read().split()[-1]) / 1024, result.stdout + result.stderr

def postgres(name):
    subprocess.run(["psql", "-q", admin, "-c", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    return admin.replace("/postgres?", f"/{name}?")

def store(kind, name):
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(f"{work}/{name}.db{suffix}"): os.remove(f"{work}/{name}.db{suffix}")
        return f"sqlite:{work}/{name}.db"
    return postgres(name)

def manifest(directory, text):
    shutil.rmtree(directory, ignore_errors=True); os.makedirs(directory)
    open(f"{directory}/endpoint.yaml", "w").write(text)
    return directory

def make_tree(count, directory):
    if os.path.isdir(directory): return directory
    for index in range(count):
        folder = os.path.join(directory, f"d{index // 1000:04d}")
        if index % 1000 == 0: os.makedirs(folder, exist_ok=True)
        open(os.path.join(folder, f"f{index:07d}.pdf"), "w").write(str(index))
    return directory

def local_manifest(tree):
    return manifest(f"{work}/local-{os.path.basename(tree)}", f"apiVersion: fileconnector/v1\nkind: Endpoint\nmetadata: {{name: tree}}\n"
                    f"spec:\n  provider: local\n  local: {{path: {tree}}}\n  schedule: {{interval: 1h}}\n")

def fake_cloud(name, *extra):
    details = f"{work}/{name}.json"
    process = subprocess.Popen([f"{tools}/fake-cloud", "--output", details, "--drive-roots", "1", "--drive-files", "100000",
                                "--drive-files-per-folder", "100", "--drive-subfolders", "10", "--acc-items", "10",
                                "--fault-rate", "0", "--change-every", "0", *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while not os.path.exists(details):
        if process.poll() is not None or time.time() > deadline: sys.exit("fake-cloud did not start")
        time.sleep(0.2)
    drive = json.load(open(details))["drive"]
    key = f"{work}/{name}-key.json"
    open(key, "w").write(drive["serviceAccountKey"]); os.chmod(key, 0o600)
    directory = manifest(f"{work}/{name}-manifests", f"apiVersion: fileconnector/v1\nkind: Endpoint\nmetadata: {{name: drive}}\nspec:\n"
                         f"  provider: google-drive\n  credentials: {{fromFile: {key}}}\n"
                         f"  googleDrive: {{folderId: {drive['roots'][0]}, sharedDriveId: {drive['sharedDriveId']}, apiURL: '{drive['baseURL']}'}}\n"
                         f"  schedule: {{interval: 1h}}\n")
    return process, directory

def alternate(measure):
    """measure(binary) -> value, for base and head in turn, RUNS times each: the medians."""
    values = {base: [], head: []}
    for _ in range(runs):
        for binary in (base, head): values[binary].append(measure(binary))
    return statistics.median(values[base]), statistics.median(values[head])

rows = []
def row(what, target, values, better, unit_format="{:,.2f}"):
    base_value, head_value = values
    met = {"<=": head_value <= target, ">=": head_value >= target}[better] if target is not None else None
    rows.append((what, unit_format.format(base_value), unit_format.format(head_value),
                 f"{better} {unit_format.format(target)}" if target is not None else "", {True: "yes", False: "no", None: ""}[met]))
    print(f"{what}: {rows[-1][1]} -> {rows[-1][2]}", file=sys.stderr)

# Local provider, 100,000 files.
tree = make_tree(100_000, f"{os.path.dirname(work)}/sync-local/tree-100000")
local = local_manifest(tree)
def local_first(kind):
    def measure(binary):
        database = store(kind, "local")
        subprocess.run([binary, "--database", database, "reconcile", "--no-sync", local], check=True, capture_output=True)
        return 100_000 / timed(binary, "--database", database, "sync", "tree")[0]
    return measure
row("local 100k first sync, SQLite (files/s)", None, alternate(local_first("sqlite")), ">=", "{:,.0f}")
row("local 100k first sync, PostgreSQL (files/s)", 100_000, alternate(local_first("postgres")), ">=", "{:,.0f}")

if big:
    big_tree = make_tree(1_000_000, f"{os.path.dirname(work)}/sync-local/tree-1000000")
    big_manifest = local_manifest(big_tree)
    databases = {}
    for binary in (base, head):
        databases[binary] = store("postgres", f"big_{'base' if binary == base else 'head'}")
        subprocess.run([binary, "--database", databases[binary], "reconcile", "--no-sync", big_manifest], check=True, capture_output=True)
        timed(binary, "--database", databases[binary], "sync", "tree")
    row("local 1M unchanged re-sync, PostgreSQL (s)", 4.0,
        alternate(lambda binary: timed(binary, "--database", databases[binary], "sync", "tree")[0]), "<=")

# PostgreSQL: the first apply of 10,000 endpoints.
endpoints = f"{work}/endpoints-10000"
subprocess.run(["python3", f"{root}/scripts/bench/generate-endpoints.py", "10000", endpoints], check=True)
def first_apply(binary):
    database = postgres("endpoints")
    subprocess.run([binary, "--database", database, "migrate"], check=True, capture_output=True)
    return timed(binary, "--database", database, "reconcile", "--no-sync", endpoints)[0]
row("PostgreSQL first apply of 10,000 endpoints (s)", 1.5, alternate(first_apply), "<=")

# Drive-shaped 100,000 files (1,001 folders) from fake-cloud over loopback.
fake, drive = fake_cloud("drive")
try:
    def drive_first(kind, figure):
        def measure(binary):
            database = store(kind, "drive")
            subprocess.run([binary, "--database", database, "reconcile", "--no-sync", drive], check=True, capture_output=True)
            wall, rss, _ = timed(binary, "--database", database, "sync", "drive")
            if figure == "rate": return 100_000 / wall
            if figure == "rss": return rss
            return 100_000 / timed(binary, "--database", database, "sync", "drive", "--full")[0]
        return measure
    row("Drive 100k first sync, SQLite (files/s)", 60_000, alternate(drive_first("sqlite", "rate")), ">=", "{:,.0f}")
    row("Drive 100k forced full re-sync, unchanged, SQLite (files/s)", 120_000, alternate(drive_first("sqlite", "again")), ">=", "{:,.0f}")
    row("Drive 100k first sync, peak RSS (MiB)", 64, alternate(drive_first("sqlite", "rss")), "<=", "{:,.1f}")
    row("Drive 100k first sync, PostgreSQL (files/s)", 50_000, alternate(drive_first("postgres", "rate")), ">=", "{:,.0f}")
finally:
    fake.send_signal(signal.SIGTERM); fake.wait(timeout=30)

# The same tree 100 ms away: requests in flight on average = requests x latency / wall time.
fake, drive = fake_cloud("drive-wan", "--latency-ms", "100")
try:
    def in_flight(binary):
        database = store("sqlite", "wan")
        subprocess.run([binary, "--database", database, "reconcile", "--no-sync", drive], check=True, capture_output=True)
        wall, _, output = timed(binary, "--database", database, "sync", "drive")
        requests = int(re.search(r"(\d+) requests", output).group(1))
        return requests * 0.1 / wall
    row("Drive 100k at 100 ms per request: requests in flight on average", 5, alternate(in_flight), ">=")
finally:
    fake.send_signal(signal.SIGTERM); fake.wait(timeout=30)

# Autodesk: a 50,000-item project 300 ms away, paced at the documented budgets.
def acc(concurrent):
    environment = dict(os.environ, ACC_LATENCY_MS="300", ACC_PACED="1", ACC_FULL_ONLY="1", ACC_MAX_CONCURRENT=str(concurrent))
    output = subprocess.run([f"{tools}/AutodeskBenchmark", "50000"], capture_output=True, text=True, env=environment, check=True).stdout
    return float(re.search(r"= ([\d.]+) x the contents budget", output).group(1))
row("Autodesk 50k items at 300 ms, paced: full sync / contents budget (one folder at a time -> several)", 1.1, (acc(1), acc(8)), "<=")

table = [f"Base {base_ref} against the working tree, release builds, this machine; medians of {runs} alternating runs.", "",
         "| measurement | base | now | target | met |", "|---|---:|---:|---|---|"]
table += [f"| {what} | {b} | {h} | {target} | {met} |" for what, b, h, target, met in rows]
open(f"{work}/compare.md", "w").write("\n".join(table) + "\n")
print("\n".join(table))
PY
