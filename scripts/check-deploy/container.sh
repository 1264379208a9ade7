#!/usr/bin/env bash
# Checks the container material without a container engine: lints deploy/docker/Dockerfile with hadolint
# (every finding fails; each inline ignore must be explained), asserts what the image promises (multi-stage,
# static Swift stdlib, non-root, healthcheck, OCI labels, completions and man page, pinned bases), checks
# .dockerignore keeps the build directories out, validates deploy/compose/compose.yaml against the Compose
# Specification (check-jsonschema vendor.compose-spec) and asserts its wiring (read-only, non-root services,
# PostgreSQL health before the daemon, mounted files present), checks the compose Prometheus config with its
# alert rules (promtool), the Grafana provisioning, and validates the sample manifests with file-connector.
# (`docker compose config` would need an engine; the Compose schema stands in for it.)
#
# Run from the repository root. The binary: FILE_CONNECTOR_BINARY, else `swift build --show-bin-path`.
set -euo pipefail

cd "$(dirname "$0")/../.."
# shellcheck source=scripts/check-deploy/tools.sh
source scripts/check-deploy/tools.sh

fail() { echo "container: $*" >&2; exit 1; }

dockerfile=deploy/docker/Dockerfile
dockerignore=.dockerignore
compose=deploy/compose/compose.yaml
for file in "$dockerfile" "$dockerignore" "$compose" deploy/compose/prometheus.yml; do
  [ -f "$file" ] || fail "$file is missing"
done

# ---------------------------------------------------------------------------------------------------
echo "==> hadolint $dockerfile"
hadolint_args=(--failure-threshold info)
[ -f deploy/docker/.hadolint.yaml ] && hadolint_args+=(--config deploy/docker/.hadolint.yaml)
hadolint "${hadolint_args[@]}" "$dockerfile" || fail "hadolint found problems in $dockerfile"

echo "==> every hadolint ignore in $dockerfile is explained in the comment above it"
python3 - "$dockerfile" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
problems, ignores = [], 0
for number, line in enumerate(lines):
    match = re.match(r"\s*#\s*hadolint\s+ignore=([\w,]+)", line)
    if not match:
        continue
    ignores += 1
    # The comment block directly above the ignore line.
    block, i = [], number - 1
    while i >= 0 and lines[i].lstrip().startswith("#"):
        block.append(lines[i])
        i -= 1
    text = " ".join(block)
    for rule in match.group(1).split(","):
        if rule not in text:
            problems.append(f"line {number + 1}: ignore={rule} has no comment above it naming {rule} and saying why")
if problems:
    sys.exit("container: " + "\n  ".join(["unexplained hadolint ignores:"] + problems))
print(f"{ignores} ignores, each explained")
PY

echo "==> $dockerfile: multi-stage, pinned bases, static stdlib, non-root, healthcheck, labels, completions, man page"
python3 - "$dockerfile" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
# Join continuation lines so each instruction is one line.
instructions = [l.strip() for l in re.sub(r"\\\n", " ", text).splitlines() if l.strip() and not l.strip().startswith("#")]
def having(keyword):
    return [i for i in instructions if i.split()[0].upper() == keyword]
problems = []
froms = having("FROM")
if len(froms) < 2:
    problems.append(f"expected a multi-stage build, found {len(froms)} FROM")
for line in froms:
    image = line.split()[1]
    if ":" not in image or image.endswith(":latest"):
        problems.append(f"{line}: pin the base image by tag")
if not froms or not froms[0].split()[1].startswith("swift:6."):
    problems.append("the build stage should be an official swift:6.x image")
runs = " ".join(having("RUN"))
for needle, why in [
    ("--static-swift-stdlib", "the release build links the Swift runtime statically"),
    ("--product file-connector", "the build names the product"),
    ("--generate-completion-script bash", "bash completion"),
    ("--generate-completion-script zsh", "zsh completion"),
    ("--generate-completion-script fish", "fish completion"),
    ("generate-manual", "the man page from swift-argument-parser's plugin"),
    ("/usr/share/man/man1", "the man page's install path"),
    ("/usr/share/bash-completion/completions", "the bash completion's install path"),
]:
    if needle not in runs:
        problems.append(f"no RUN with {needle!r} ({why})")
runtime = text[text.rfind("\nFROM "):]
users = [i for i in instructions if i.upper().startswith("USER ") and i in runtime]
if not users or users[-1].split()[1].split(":")[0] in ("root", "0"):
    problems.append("the runtime stage must end as a non-root USER")
if not any(i.upper().startswith("HEALTHCHECK") and "healthcheck" in i.split(None, 1)[1] for i in instructions):
    problems.append("no HEALTHCHECK running file-connector healthcheck")
for needle in ['ENTRYPOINT ["file-connector"]', "EXPOSE 8080", "/var/lib/file-connector", "FILE_CONNECTOR_DATABASE=sqlite:"]:
    if needle not in runtime:
        problems.append(f"the runtime stage lacks {needle}")
labels = " ".join(having("LABEL"))
for key in ("title", "description", "version", "revision", "created", "source", "licenses"):
    if f"org.opencontainers.image.{key}=" not in labels:
        problems.append(f"no org.opencontainers.image.{key} label")
for arg in ("VERSION", "REVISION"):
    if not any(i.startswith(f"ARG {arg}") for i in instructions):
        problems.append(f"no ARG {arg} for the OCI labels")
if problems:
    sys.exit("container: " + "\n  ".join([f"{sys.argv[1]}:"] + problems))
print(f"{len(froms)} stages, {len(instructions)} instructions")
PY

echo "==> $dockerignore keeps the build directories out and the sources in"
python3 - "$dockerignore" <<'PY'
import sys
patterns = {l.strip().rstrip("/") for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")}
problems = [f"{sys.argv[1]} must exclude {p}" for p in (".build", ".git", "bench-out") if p not in patterns]
# The image builds the whole package: everything Package.swift declares must stay in the context.
for needed in ("Package.swift", "Package.*", "Sources", "Tests", "Benchmarks", "*", "**"):
    if needed in patterns:
        problems.append(f"{sys.argv[1]} excludes {needed}, which the build needs")
if problems:
    sys.exit("container: " + "\n  ".join(problems))
print(f"{len(patterns)} patterns")
PY

# ---------------------------------------------------------------------------------------------------
echo "==> check-jsonschema --builtin-schema vendor.compose-spec $compose"
check-jsonschema --builtin-schema vendor.compose-spec "$compose" || fail "$compose does not match the Compose Specification"

echo "==> $compose: read-only non-root services, PostgreSQL healthy before the daemon, mounted files present"
python3 - "$compose" <<'PY'
import pathlib, re, sys, yaml
path = pathlib.Path(sys.argv[1])
base = path.parent
compose = yaml.safe_load(path.read_text())
services = compose.get("services") or {}
problems = []
for name in ("file-connector", "postgres", "prometheus", "grafana"):
    if name not in services:
        problems.append(f"no service {name}")
def seconds(text):
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    return sum(float(n) * units[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", str(text)))
for name, service in services.items():
    if service.get("read_only") is not True:
        problems.append(f"{name}: read_only is not true")
    user = str(service.get("user", ""))
    if not user or user.split(":")[0] in ("root", "0"):
        problems.append(f"{name}: runs as root (set user)")
    if "ALL" not in (service.get("cap_drop") or []):
        problems.append(f"{name}: cap_drop does not include ALL")
    if "no-new-privileges:true" not in (service.get("security_opt") or []):
        problems.append(f"{name}: no no-new-privileges")
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict) and volume.get("type") == "bind":
            source = (base / volume["source"]).resolve()
            if not source.exists():
                problems.append(f"{name}: bind mount source {volume['source']} does not exist ({source})")
            if not volume.get("read_only"):
                problems.append(f"{name}: bind mount {volume['source']} is not read_only")
daemon = services.get("file-connector") or {}
build = daemon.get("build") or {}
if not (base / build.get("context", ".") / build.get("dockerfile", "Dockerfile")).resolve().is_file():
    problems.append("file-connector: build context + dockerfile do not name deploy/docker/Dockerfile")
if ((daemon.get("depends_on") or {}).get("postgres") or {}).get("condition") != "service_healthy":
    problems.append("file-connector: depends_on postgres needs condition: service_healthy")
if not (services.get("postgres") or {}).get("healthcheck", {}).get("test"):
    problems.append("postgres: no healthcheck")
if not str((services.get("postgres") or {}).get("image", "")).startswith("postgres:15"):
    problems.append("postgres: expected PostgreSQL 15")
command = daemon.get("command") or []
grace_arg = next((command[i + 1] for i, a in enumerate(command[:-1]) if a == "--shutdown-grace"), "25s")
if seconds(daemon.get("stop_grace_period", "10s")) <= seconds(grace_arg):
    problems.append(f"file-connector: stop_grace_period must exceed --shutdown-grace {grace_arg}")
if "/etc/file-connector/manifests" not in [v.get("target") for v in daemon.get("volumes", []) if isinstance(v, dict)]:
    problems.append("file-connector: the manifests directory is not mounted at /etc/file-connector/manifests")
for name, service in services.items():
    image = service.get("image", "")
    if name != "file-connector" and (":" not in image or image.endswith(":latest")):
        problems.append(f"{name}: pin the image by tag ({image})")
if problems:
    sys.exit("container: " + "\n  ".join([f"{path}:"] + problems))
print(f"{len(services)} services")
PY

# Prometheus: the compose config with the alert rules it mounts (promtool resolves rule_files, so point them
# at the repository's file in a scratch copy).
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rules_source=deploy/monitoring/alerts/file-connector.rules.yaml
[ -f "$rules_source" ] || fail "$rules_source (mounted by $compose) is missing"
echo "==> promtool check config deploy/compose/prometheus.yml (with $rules_source)"
python3 - deploy/compose/prometheus.yml "$PWD/$rules_source" "$work/prometheus.yml" <<'PY'
import sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
if config.get("rule_files") != ["/etc/prometheus/rules/*.yaml"]:
    sys.exit(f"container: {sys.argv[1]}: rule_files should be the mounted /etc/prometheus/rules/*.yaml, got {config.get('rule_files')}")
jobs = [job.get("job_name") for job in config.get("scrape_configs") or []]
if "file-connector" not in jobs:
    sys.exit(f"container: {sys.argv[1]}: no scrape job file-connector (the alert rules select job=~\".*file-connector.*\")")
config["rule_files"] = [sys.argv[2]]
yaml.safe_dump(config, open(sys.argv[3], "w"))
PY
out=$(promtool check config "$work/prometheus.yml" 2>&1) || { echo "$out" >&2; fail "promtool check config failed"; }
count=$(sed -n 's/.*SUCCESS: \([0-9][0-9]*\) rules found.*/\1/p' <<<"$out")
[ "${count:-0}" -gt 0 ] || { echo "$out" >&2; fail "the compose Prometheus loads no rules"; }
echo "config ok, $count rules"

echo "==> Grafana provisioning: the data source and the dashboard provider match compose.yaml"
python3 - deploy/compose <<'PY'
import json, pathlib, sys, yaml
base = pathlib.Path(sys.argv[1])
problems = []
sources = yaml.safe_load((base / "grafana/provisioning/datasources/prometheus.yaml").read_text())["datasources"]
uids = {s.get("uid") for s in sources}
if not any(s.get("type") == "prometheus" and s.get("url") == "http://prometheus:9090" for s in sources):
    problems.append("no prometheus data source at http://prometheus:9090")
providers = yaml.safe_load((base / "grafana/provisioning/dashboards/file-connector.yaml").read_text())["providers"]
compose = yaml.safe_load((base / "compose.yaml").read_text())
mounts = {v["target"]: v["source"] for v in compose["services"]["grafana"]["volumes"] if isinstance(v, dict)}
dashboards = 0
for provider in providers:
    folder = provider["options"]["path"].rstrip("/")
    for target, source in mounts.items():
        if target.startswith(folder + "/") and target.endswith(".json"):
            dashboards += 1
            dashboard = json.loads((base / source).read_text())
            # Every data source the dashboard names must be provisioned, a variable the user picks, or one of
            # Grafana's built-in ones (the annotations' "-- Grafana --").
            builtin = {"-- Grafana --", "-- Mixed --", "-- Dashboard --", "grafana"}
            def walk(node):
                if isinstance(node, dict):
                    ds = node.get("datasource")
                    if (isinstance(ds, dict) and ds.get("uid") and not str(ds["uid"]).startswith("$")
                            and ds["uid"] not in uids | builtin):
                        problems.append(f"{source}: data source uid {ds['uid']!r} is not provisioned ({sorted(uids)})")
                    for value in node.values():
                        walk(value)
                elif isinstance(node, list):
                    for value in node:
                        walk(value)
            walk(dashboard)
if dashboards == 0:
    problems.append("no dashboard JSON is mounted into a provider's folder")
if problems:
    sys.exit("container: " + "\n  ".join(["Grafana provisioning:"] + problems))
print(f"{len(sources)} data source, {dashboards} dashboard")
PY

# ---------------------------------------------------------------------------------------------------
binary="${FILE_CONNECTOR_BINARY:-}"
if [ -z "$binary" ]; then
  binary="$(swift build --show-bin-path)/file-connector"
fi
[ -x "$binary" ] || fail "no file-connector binary at $binary (build it first, or set FILE_CONNECTOR_BINARY)"
echo "==> file-connector validate deploy/compose/manifests"
"$binary" validate deploy/compose/manifests || fail "the compose sample manifests are invalid"

echo "==> container: ok"
