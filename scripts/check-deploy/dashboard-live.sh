#!/usr/bin/env bash
# The Grafana dashboard against a live scrape: the real daemon (a local endpoint, and a Google Drive, an Autodesk and
# a Microsoft 365 endpoint on fake-cloud with faults injected, so the provider API metrics and retries exist, and two
# webhook sinks: one delivering to a local receiver, one whose receiver refuses it, so it is dead-lettered) scraped every second
# by a real Prometheus that also loads the alert rules. Every panel query must parse and return series
# (scripts/check-deploy/dashboard.py --prometheus), and every alert rule must load and evaluate without error.
# Run from the repository root after a build (`swift build`); FILE_CONNECTOR_BINARY overrides the binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "dashboard-live: $*" >&2; exit 1; }
bin_dir=$(swift build --show-bin-path)
binary=${FILE_CONNECTOR_BINARY:-$bin_dir/file-connector}
fake_cloud=${FAKE_CLOUD_BINARY:-$bin_dir/fake-cloud}
[ -x "$binary" ] || fail "no binary at $binary: run swift build first"
[ -x "$fake_cloud" ] || fail "no fake-cloud at $fake_cloud: run swift build first"
command -v prometheus >/dev/null || fail "prometheus is not installed (Debian package prometheus)"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "==> fake-cloud with 10% faults"
"$fake_cloud" --output "$work/cloud.json" --drive-roots 1 --drive-files 120 --acc-items 150 --m365-files 150 \
  --fault-rate 0.1 --change-every 1 >"$work/fake-cloud.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do [ -s "$work/cloud.json" ] && break; sleep 0.1; done
[ -s "$work/cloud.json" ] || fail "fake-cloud did not start: $(cat "$work/fake-cloud.log")"

echo "==> a webhook receiver for the sinks (204, or 401 at /refused)"
receiver_port=$(free_port)
python3 -c '
import http.server, sys
class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(401 if self.path == "/refused" else 204)
        self.end_headers()
    def log_message(self, *arguments): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
' "$receiver_port" >"$work/receiver.log" 2>&1 &
pids+=($!)

mkdir -p "$work/manifests"
cp -R examples/quickstart/data "$work/data"
python3 - "$work" "$receiver_port" <<'PY'
import json, sys
work, receiver = sys.argv[1], sys.argv[2]
cloud = json.load(open(f"{work}/cloud.json"))
drive, acc, m365 = cloud["drive"], cloud["acc"], cloud["m365"]
head = "apiVersion: fileconnector/v1\nkind: Endpoint\nmetadata:\n  name: {}\nspec:\n"
schedule = "  schedule: {interval: 30s}\n"
open(f"{work}/manifests/local.yaml", "w").write(head.format("live-local") + f"  provider: local\n  local: {{path: {work}/data}}\n" + schedule)
open(f"{work}/manifests/drive.yaml", "w").write(head.format("live-drive") + "  provider: google-drive\n  credentials: {fromEnv: LIVE_DRIVE_KEY}\n"
    + f"  googleDrive: {{folderId: {drive['roots'][0]}, sharedDriveId: {drive['sharedDriveId']}, apiURL: '{drive['baseURL']}'}}\n" + schedule)
open(f"{work}/manifests/acc.yaml", "w").write(head.format("live-acc") + "  provider: autodesk-acc\n  credentials: {fromEnv: LIVE_ACC_CREDENTIALS}\n"
    + f"  autodeskAcc: {{hubId: {acc['hubId']}, projectId: {acc['projectId']}, apiURL: '{acc['baseURL']}'}}\n" + schedule)
open(f"{work}/manifests/m365.yaml", "w").write(head.format("live-m365") + "  provider: microsoft-365\n  credentials: {fromEnv: LIVE_M365_APP}\n"
    + f"  microsoft365: {{tenant: {m365['tenantId']}, site: {{hostname: {m365['hostname']}, path: '{m365['sitePath']}'}}, "
    + f"library: '{m365['library']}', apiURL: '{m365['baseURL']}', loginURL: '{m365['baseURL']}'}}\n" + schedule)
sink = "apiVersion: fileconnector/v1\nkind: Sink\nmetadata:\n  name: {}\nspec:\n  webhook: {{url: 'http://127.0.0.1:" + receiver + "/{}', signingSecret: {{fromEnv: LIVE_SINK_SECRET}}}}\n"
open(f"{work}/manifests/sinks.yaml", "w").write(sink.format("live-sink", "hooks") + "---\n" + sink.format("live-refused", "refused")
    + "  retry: {maxAttempts: 1}\n")
open(f"{work}/m365.json", "w").write(json.dumps({"clientId": m365["clientId"], "certificate": m365["certificate"], "privateKey": m365["privateKey"]}))
open(f"{work}/drive-key.json", "w").write(drive["serviceAccountKey"])
open(f"{work}/acc.json", "w").write(json.dumps({"client_id": acc["clientId"], "client_secret": acc["clientSecret"]}))
PY

daemon_port=$(free_port)
echo "==> the daemon on 127.0.0.1:$daemon_port"
LIVE_SINK_SECRET=$("$binary" sink new-secret) LIVE_DRIVE_KEY=$(cat "$work/drive-key.json") LIVE_ACC_CREDENTIALS=$(cat "$work/acc.json") LIVE_M365_APP=$(cat "$work/m365.json") \
  "$binary" --database "$work/catalog.db" --log-format json run "$work/manifests" --listen "127.0.0.1:$daemon_port" \
  2>"$work/daemon.log" >/dev/null &
pids+=($!)

prometheus_port=$(free_port)
cat >"$work/prometheus.yml" <<EOF
global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: ["$PWD/deploy/monitoring/alerts/file-connector.rules.yaml"]
scrape_configs:
  - job_name: file-connector
    static_configs: [{targets: ["127.0.0.1:$daemon_port"]}]
EOF
echo "==> Prometheus on 127.0.0.1:$prometheus_port scraping it every second"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)

echo "==> waiting for each endpoint's first run and 20 s of samples"
python3 - "$daemon_port" "$prometheus_port" <<'PY' || { tail -n 20 "$work/daemon.log" "$work/prometheus.log" >&2; fail "the daemon or Prometheus did not come up"; }
import json, sys, time, urllib.parse, urllib.request
daemon, prometheus = sys.argv[1:]
def get(url):
    with urllib.request.urlopen(url, timeout=5) as r: return json.loads(r.read())
deadline = time.time() + 120
while time.time() < deadline:
    try:
        runs = [get(f"http://127.0.0.1:{daemon}/api/v1/endpoints/{n}/runs") for n in ("live-local", "live-drive", "live-acc", "live-m365")]
        if all(r.get("runs") for r in runs): break
    except Exception: pass
    time.sleep(0.5)
else: sys.exit("not every endpoint ran within 120 s")
while time.time() < deadline:
    try:
        q = urllib.parse.quote("count_over_time(up{job=\"file-connector\"}[1m])")
        result = get(f"http://127.0.0.1:{prometheus}/api/v1/query?query={q}")["data"]["result"]
        if result and float(result[0]["value"][1]) >= 20: sys.exit(0)
    except Exception: pass
    time.sleep(0.5)
sys.exit("Prometheus did not collect 20 samples")
PY

echo "==> every panel query on the live Prometheus"
python3 scripts/check-deploy/dashboard.py --prometheus "http://127.0.0.1:$prometheus_port"

echo "==> every alert rule loaded and evaluated without error"
python3 - "$prometheus_port" <<'PY'
import json, sys, urllib.request
with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/api/v1/rules", timeout=5) as r:
    groups = json.loads(r.read())["data"]["groups"]
rules = [rule for group in groups for rule in group["rules"]]
bad = [f"{rule['name']}: {rule.get('lastError')}" for rule in rules if rule.get("health") != "ok"]
if not rules: sys.exit("dashboard-live: Prometheus loaded no rules")
if bad: sys.exit("dashboard-live: rules with errors: " + "; ".join(bad))
print(f"dashboard-live: {len(rules)} rules loaded and evaluated, all healthy")
PY
