#!/usr/bin/env bash
# Checks the Kubernetes material (deploy/kubernetes): renders the base and every overlay with
# `kubectl kustomize`, validates every built-in object with kubernetes-validate --strict against two
# Kubernetes versions, the Prometheus Operator objects (ServiceMonitor, PrometheusRule) against the JSON
# Schemas in deploy/kubernetes/schemas with check-jsonschema, and the PrometheusRule's rules with
# `promtool check rules`; then asserts what the deployment depends on (manifests ConfigMap mounted as a
# directory, grace period above --shutdown-grace, replicas per store, restricted security contexts, no
# Secret rendered) and validates the manifests shipped in the ConfigMap with file-connector itself.
#
# Run from the repository root. The binary: FILE_CONNECTOR_BINARY, else `swift build --show-bin-path`.
set -euo pipefail

cd "$(dirname "$0")/../.."
# shellcheck source=scripts/check-deploy/tools.sh
source scripts/check-deploy/tools.sh

fail() { echo "kubernetes: $*" >&2; exit 1; }

root=deploy/kubernetes
targets=(base overlays/dev overlays/prod)
# kubectl's own minor (the CI runner's kubectl is 1.32) and the newest kubernetes-validate ships.
k8s_versions=(1.32.0 1.37.0)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------------------------------------------
# Render.
for target in "${targets[@]}"; do
  [ -f "$root/$target/kustomization.yaml" ] || fail "$root/$target/kustomization.yaml is missing"
  name="${target//\//-}"
  echo "==> kubectl kustomize $root/$target"
  kubectl kustomize "$root/$target" >"$work/$name.yaml" 2>"$work/$name.err" \
    || { cat "$work/$name.err" >&2; fail "kubectl kustomize $root/$target failed"; }
done

# ---------------------------------------------------------------------------------------------------
# Split each rendered stream into one file per object: built-in kinds for kubernetes-validate, the
# Prometheus Operator kinds for their JSON Schemas, anything else is an error (nothing passes unchecked).
# Also writes each PrometheusRule's spec as a plain rules file, and the manifests ConfigMap's files.
echo "==> splitting the rendered objects"
python3 - "$work" "${targets[@]}" <<'PY'
import pathlib, re, sys, yaml
work = pathlib.Path(sys.argv[1])
builtin_groups = {"", "v1", "apps", "batch", "policy", "networking.k8s.io", "rbac.authorization.k8s.io",
                  "autoscaling", "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io"}
crd_kinds = {("monitoring.coreos.com/v1", "ServiceMonitor"), ("monitoring.coreos.com/v1", "PrometheusRule")}
problems = []
for target in sys.argv[2:]:
    name = target.replace("/", "-")
    docs = [d for d in yaml.safe_load_all((work / f"{name}.yaml").read_text()) if d is not None]
    if not docs:
        problems.append(f"{target}: kustomize rendered no objects")
        continue
    for sub in ("builtin", "crd", "rules", "configmap"):
        (work / name / sub).mkdir(parents=True, exist_ok=True)
    counts = {"builtin": 0, "crd": 0}
    for index, doc in enumerate(docs):
        api, kind = doc.get("apiVersion", ""), doc.get("kind", "")
        obj_name = (doc.get("metadata") or {}).get("name", "?")
        file_name = f"{index:03d}-{kind.lower()}-{re.sub(r'[^a-z0-9.-]', '_', obj_name)}.yaml"
        group = api.split("/")[0] if "/" in api else ""
        if (api, kind) in crd_kinds:
            sub = "crd"
        elif group in builtin_groups:
            sub = "builtin"
        else:
            problems.append(f"{target}: {api} {kind}/{obj_name} has no validator (add a schema to deploy/kubernetes/schemas)")
            continue
        counts[sub] += 1
        (work / name / sub / file_name).write_text(yaml.safe_dump(doc, sort_keys=False))
        if kind == "PrometheusRule":
            (work / name / "rules" / f"{obj_name}.rules.yaml").write_text(yaml.safe_dump(doc.get("spec") or {}, sort_keys=False))
        if kind == "ConfigMap" and (doc.get("metadata", {}).get("labels") or {}).get("app.kubernetes.io/component") == "manifests":
            for key, value in (doc.get("data") or {}).items():
                (work / name / "configmap" / key).write_text(value)
    print(f"{target}: {len(docs)} objects ({counts['builtin']} built-in, {counts['crd']} Prometheus Operator)")
    if counts["builtin"] == 0:
        problems.append(f"{target}: no built-in objects rendered")
if problems:
    sys.exit("kubernetes: " + "\n  ".join(["split failed:"] + problems))
PY

# ---------------------------------------------------------------------------------------------------
# Built-in kinds: kubernetes-validate, strict (unknown fields are errors), against each version.
for version in "${k8s_versions[@]}"; do
  for target in "${targets[@]}"; do
    name="${target//\//-}"
    files=("$work/$name"/builtin/*.yaml)
    [ -e "${files[0]}" ] || fail "$target: no built-in objects to validate"
    echo "==> kubernetes-validate --strict --kubernetes-version $version: $target (${#files[@]} objects)"
    out=$(kubernetes-validate --strict --quiet --kubernetes-version "$version" "${files[@]}" 2>&1) \
      || { echo "$out" >&2; fail "$target: kubernetes-validate failed for Kubernetes $version"; }
    # A kind it has no schema for is only a warning there: make it an error here.
    if grep -q "Couldn't find schema" <<<"$out"; then echo "$out" >&2; fail "$target: kubernetes-validate skipped objects"; fi
  done
done

# The Secret examples are not rendered (never a real secret in the kustomizations) but must be valid
# objects whose values are all placeholders.
secret_examples=("$root"/base/secrets.example.yaml "$root"/overlays/prod/secrets.example.yaml)
echo "==> kubernetes-validate --strict: ${secret_examples[*]}"
for version in "${k8s_versions[@]}"; do
  out=$(kubernetes-validate --strict --quiet --kubernetes-version "$version" "${secret_examples[@]}" 2>&1) \
    || { echo "$out" >&2; fail "the Secret examples do not validate against Kubernetes $version"; }
done
python3 - "${secret_examples[@]}" <<'PY'
import sys, yaml
problems, count = [], 0
for path in sys.argv[1:]:
    for doc in yaml.safe_load_all(open(path)):
        if not doc:
            continue
        if doc.get("kind") != "Secret":
            problems.append(f"{path}: {doc.get('kind')} is not a Secret")
        if doc.get("data"):
            problems.append(f"{path}: {doc['metadata']['name']} has data:; examples use stringData placeholders only")
        for key, value in (doc.get("stringData") or {}).items():
            count += 1
            if "REPLACE" not in str(value):
                problems.append(f"{path}: {doc['metadata']['name']}.{key} is not a REPLACE-... placeholder")
if count == 0:
    problems.append("no Secret example values found")
if problems:
    sys.exit("kubernetes: " + "\n  ".join(["Secret examples:"] + problems))
print(f"{count} placeholder values, no real secrets")
PY

# ---------------------------------------------------------------------------------------------------
# Prometheus Operator kinds: their JSON Schemas, and promtool on the rules.
crd_count=0
for target in "${targets[@]}"; do
  name="${target//\//-}"
  for kind in servicemonitor prometheusrule; do
    files=()
    for file in "$work/$name"/crd/*-"$kind"-*.yaml; do [ -e "$file" ] && files+=("$file"); done
    [ "${#files[@]}" -gt 0 ] || continue
    schema="$root/schemas/$kind.v1.schema.json"
    [ -f "$schema" ] || fail "$schema is missing"
    echo "==> check-jsonschema --schemafile $schema: $target (${#files[@]} objects)"
    check-jsonschema --schemafile "$schema" "${files[@]}" || fail "$target: a $kind does not match $schema"
    crd_count=$((crd_count + ${#files[@]}))
  done
  for rules in "$work/$name"/rules/*.rules.yaml; do
    [ -e "$rules" ] || continue
    echo "==> promtool check rules: $target PrometheusRule $(basename "$rules" .rules.yaml)"
    out=$(promtool check rules "$rules" 2>&1) || { echo "$out" >&2; fail "$target: promtool check rules failed"; }
    count=$(sed -n 's/.*SUCCESS: \([0-9][0-9]*\) rules found.*/\1/p' <<<"$out")
    [ "${count:-0}" -gt 0 ] || { echo "$out" >&2; fail "$target: the PrometheusRule has no rules"; }
    echo "$count rules"
  done
done
[ "$crd_count" -ge 2 ] || fail "expected the prod overlay's ServiceMonitor and PrometheusRule, validated $crd_count"

# ---------------------------------------------------------------------------------------------------
# What the deployment depends on.
echo "==> asserting mounts, grace period, replicas, security contexts, probes and secrets"
python3 - "$work" "${targets[@]}" <<'PY'
import pathlib, re, sys, yaml
work = pathlib.Path(sys.argv[1])
problems = []

def duration_seconds(text):
    """A Go duration (25s, 1m30s, 1500ms) in seconds."""
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 1e-6, "µs": 1e-6, "ns": 1e-9}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)", text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise ValueError(f"not a duration: {text!r}")
    return sum(float(n) * units[u] for n, u in parts)

def option(args, flag, default=None):
    for i, arg in enumerate(args):
        if arg == flag and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(flag + "="):
            return arg.split("=", 1)[1]
    return default

def env_var(container, name):
    return next((e for e in container.get("env") or [] if e.get("name") == name), None)

for target in sys.argv[2:]:
    name = target.replace("/", "-")
    docs = [d for d in yaml.safe_load_all((work / f"{name}.yaml").read_text()) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], []).append(d)
    where = lambda obj: f"{target}: {obj['kind']}/{obj['metadata']['name']}"

    if by_kind.get("Secret"):
        problems.append(f"{target}: renders a Secret ({[s['metadata']['name'] for s in by_kind['Secret']]}); Secrets are created out of band")

    # Every workload: the restricted Pod Security Standard, container by container.
    workloads = by_kind.get("Deployment", []) + by_kind.get("StatefulSet", [])
    for w in workloads:
        pod = w["spec"]["template"]["spec"]
        pod_sc = pod.get("securityContext") or {}
        for c in (pod.get("initContainers") or []) + pod.get("containers", []):
            sc = c.get("securityContext") or {}
            label = f"{where(w)} container {c['name']}"
            if sc.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{label}: readOnlyRootFilesystem is not true")
            if sc.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{label}: allowPrivilegeEscalation is not false")
            if "ALL" not in ((sc.get("capabilities") or {}).get("drop") or []):
                problems.append(f"{label}: capabilities do not drop ALL")
            if not (sc.get("runAsNonRoot") or pod_sc.get("runAsNonRoot")):
                problems.append(f"{label}: runAsNonRoot is not set")
            if ((sc.get("seccompProfile") or pod_sc.get("seccompProfile") or {}).get("type")) not in ("RuntimeDefault", "Localhost"):
                problems.append(f"{label}: no RuntimeDefault seccomp profile")
            resources = c.get("resources") or {}
            if not resources.get("requests") or not (resources.get("limits") or {}).get("memory"):
                problems.append(f"{label}: resources need requests and a memory limit")

    # The daemon.
    daemons = [d for d in by_kind.get("Deployment", []) if d["metadata"]["name"] == "file-connector"]
    if len(daemons) != 1:
        problems.append(f"{target}: expected one Deployment file-connector, found {len(daemons)}")
        continue
    deployment = daemons[0]
    pod = deployment["spec"]["template"]["spec"]
    daemon = next((c for c in pod["containers"] if c["name"] == "file-connector"), None)
    if daemon is None:
        problems.append(f"{where(deployment)}: no container file-connector")
        continue
    args = daemon.get("args") or []
    if args[:1] != ["run"]:
        problems.append(f"{where(deployment)}: args should start with run, got {args[:1]}")
    paths = [a for a in args[1:] if not a.startswith("-")]

    # The manifests ConfigMap: mounted as a directory (no subPath, which kubelet never updates), at a path
    # the daemon is told to watch.
    manifest_maps = [m["metadata"]["name"] for m in by_kind.get("ConfigMap", [])
                     if (m["metadata"].get("labels") or {}).get("app.kubernetes.io/component") == "manifests"]
    if len(manifest_maps) != 1:
        problems.append(f"{target}: expected one manifests ConfigMap, found {manifest_maps}")
    volumes = [v["name"] for v in pod.get("volumes", []) if (v.get("configMap") or {}).get("name") in manifest_maps]
    if not volumes:
        problems.append(f"{where(deployment)}: the manifests ConfigMap is not a volume")
    mounts = [m for m in daemon.get("volumeMounts", []) if m["name"] in volumes]
    if not mounts:
        problems.append(f"{where(deployment)}: the manifests volume is not mounted")
    for m in mounts:
        if "subPath" in m or "subPathExpr" in m:
            problems.append(f"{where(deployment)}: the manifests ConfigMap is mounted with subPath (never updated); mount the directory")
        if m["mountPath"].rstrip("/") not in [p.rstrip("/") for p in paths]:
            problems.append(f"{where(deployment)}: the manifests mount {m['mountPath']} is not among the run paths {paths}")

    # SIGTERM: the daemon exits within --shutdown-grace; kubelet must wait longer before SIGKILL.
    grace = duration_seconds(option(args, "--shutdown-grace", "25s"))
    termination = pod.get("terminationGracePeriodSeconds", 30)
    if not termination > grace:
        problems.append(f"{where(deployment)}: terminationGracePeriodSeconds {termination} is not above --shutdown-grace {grace:g}s")

    probes = {kind: ((daemon.get(kind) or {}).get("httpGet") or {}).get("path") for kind in ("livenessProbe", "readinessProbe")}
    if probes != {"livenessProbe": "/healthz", "readinessProbe": "/readyz"}:
        problems.append(f"{where(deployment)}: expected liveness /healthz and readiness /readyz, got {probes}")
    if pod.get("automountServiceAccountToken") is not False:
        problems.append(f"{where(deployment)}: automountServiceAccountToken is not false")
    if not any(m["mountPath"] == "/tmp" for m in daemon.get("volumeMounts", [])):
        problems.append(f"{where(deployment)}: no writable /tmp under the read-only root")

    replicas = deployment["spec"].get("replicas", 1)
    strategy = (deployment["spec"].get("strategy") or {}).get("type", "RollingUpdate")
    database = env_var(daemon, "FILE_CONNECTOR_DATABASE")
    if target in ("base", "overlays/dev"):
        # SQLite: one daemon per store file; Recreate so the old pod lets go first.
        if replicas != 1:
            problems.append(f"{where(deployment)}: SQLite needs exactly 1 replica, got {replicas}")
        if strategy != "Recreate":
            problems.append(f"{where(deployment)}: SQLite needs strategy Recreate, got {strategy}")
    if target == "overlays/dev":
        if not database or not str(database.get("value", "")).startswith("sqlite:"):
            problems.append(f"{where(deployment)}: FILE_CONNECTOR_DATABASE should be a sqlite: URL, got {database}")
        data = next((v for v in pod.get("volumes", []) if v["name"] == "data"), {})
        claim = (data.get("persistentVolumeClaim") or {}).get("claimName")
        if not claim or claim not in [p["metadata"]["name"] for p in by_kind.get("PersistentVolumeClaim", [])]:
            problems.append(f"{where(deployment)}: the data volume should be the overlay's PersistentVolumeClaim, got {data}")
        if "emptyDir" in data:
            problems.append(f"{where(deployment)}: the data volume is both an emptyDir and a PVC")
    if target == "overlays/prod":
        if replicas < 2:
            problems.append(f"{where(deployment)}: prod (PostgreSQL) should run 2 or more replicas, got {replicas}")
        if not ((database or {}).get("valueFrom") or {}).get("secretKeyRef"):
            problems.append(f"{where(deployment)}: FILE_CONNECTOR_DATABASE should come from a Secret (the URL holds the password)")
        if not pod.get("topologySpreadConstraints"):
            problems.append(f"{where(deployment)}: no topologySpreadConstraints")
        pdbs = by_kind.get("PodDisruptionBudget", [])
        if not pdbs or not all(isinstance(p["spec"].get("minAvailable"), int) and 1 <= p["spec"]["minAvailable"] < replicas for p in pdbs):
            problems.append(f"{target}: the PodDisruptionBudget should keep minAvailable between 1 and replicas-1")
        if not by_kind.get("StatefulSet") or not all(s["spec"].get("volumeClaimTemplates") for s in by_kind["StatefulSet"]):
            problems.append(f"{target}: the PostgreSQL StatefulSet with a volumeClaimTemplate is missing")
        # The ServiceMonitor must select the daemon's Service and name one of its ports.
        services = by_kind.get("Service", [])
        for monitor in by_kind.get("ServiceMonitor", []):
            selector = monitor["spec"]["selector"].get("matchLabels") or {}
            selected = [s for s in services if selector and all((s["metadata"].get("labels") or {}).get(k) == v for k, v in selector.items())]
            if [s["metadata"]["name"] for s in selected] != ["file-connector"]:
                problems.append(f"{where(monitor)}: selects Services {[s['metadata']['name'] for s in selected]}, expected file-connector only")
            port_names = {p.get("name") for s in selected for p in s["spec"].get("ports", [])}
            for endpoint in monitor["spec"]["endpoints"]:
                if endpoint.get("port") not in port_names:
                    problems.append(f"{where(monitor)}: endpoint port {endpoint.get('port')!r} is not a port of the Service {sorted(port_names)}")
        if len(by_kind.get("ServiceMonitor", [])) != 1 or len(by_kind.get("PrometheusRule", [])) != 1:
            problems.append(f"{target}: expected one ServiceMonitor and one PrometheusRule")
    print(f"{target}: {len(workloads)} workloads checked, replicas {replicas} ({strategy}), grace {termination}s > {grace:g}s")

if problems:
    sys.exit("kubernetes: " + "\n  ".join(["assertions failed:"] + problems))
PY

# ---------------------------------------------------------------------------------------------------
# The manifests the ConfigMap ships: valid for file-connector itself.
binary="${FILE_CONNECTOR_BINARY:-}"
if [ -z "$binary" ]; then
  binary="$(swift build --show-bin-path)/file-connector"
fi
[ -x "$binary" ] || fail "no file-connector binary at $binary (build it first, or set FILE_CONNECTOR_BINARY)"
for target in "${targets[@]}"; do
  name="${target//\//-}"
  files=("$work/$name"/configmap/*)
  [ -e "${files[0]}" ] || fail "$target: the manifests ConfigMap is empty"
  echo "==> file-connector validate: the manifests ConfigMap of $target (${#files[@]} files)"
  "$binary" validate "$work/$name/configmap" || fail "$target: the manifests in the ConfigMap are invalid"
done

echo "==> kubernetes: ok"
