#!/usr/bin/env bash
# Checks the monitoring bundle (deploy/monitoring): the Prometheus alert rules (promtool check + unit tests, and
# that every alert is complete and tested both ways), the prod overlay's PrometheusRule generated from them, and
# the Grafana dashboard (static checks; scripts/check-deploy/dashboard.py --prometheus URL runs its queries live).
# Run from the repository root.
set -euo pipefail

cd "$(dirname "$0")/../.."
# shellcheck source=scripts/check-deploy/tools.sh
source scripts/check-deploy/tools.sh

rules=deploy/monitoring/alerts/file-connector.rules.yaml
tests=deploy/monitoring/alerts/file-connector.rules.test.yaml
fail() { echo "monitoring: $*" >&2; exit 1; }
[ -f "$rules" ] || fail "$rules is missing"
[ -f "$tests" ] || fail "$tests is missing"

echo "==> promtool check rules $rules"
out=$(promtool check rules "$rules" 2>&1) || { echo "$out" >&2; fail "promtool check rules failed"; }
echo "$out"
count=$(sed -n 's/.*SUCCESS: \([0-9][0-9]*\) rules found.*/\1/p' <<<"$out")
[ "${count:-0}" -gt 0 ] || fail "no rules found in $rules"

echo "==> every alert has for, severity, summary, description, a runbook anchor in docs/operations.md, and a firing and a not-firing test"
python3 - "$rules" "$tests" docs/operations.md <<'PY'
import re, sys, yaml
rules_path, tests_path, docs_path = sys.argv[1:]
rules = yaml.safe_load(open(rules_path))
tests = yaml.safe_load(open(tests_path))
docs = open(docs_path).read()
# GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes.
anchors = {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.+)$", docs, re.M)}
problems, alerts = [], []
groups = rules.get("groups") or []
if [g.get("name") for g in groups] != ["file-connector"]:
    problems.append(f"expected one group named file-connector, got {[g.get('name') for g in groups]}")
for group in groups:
    for rule in group.get("rules", []):
        name = rule.get("alert")
        if not name:
            continue
        alerts.append(name)
        if not rule.get("for"):
            problems.append(f"{name}: no for:")
        if (rule.get("labels") or {}).get("severity") not in ("critical", "warning", "info"):
            problems.append(f"{name}: severity label must be critical, warning or info")
        notes = rule.get("annotations") or {}
        for key in ("summary", "description", "runbook_url"):
            if not str(notes.get(key, "")).strip():
                problems.append(f"{name}: no {key} annotation")
        url = str(notes.get("runbook_url", ""))
        match = re.search(r"docs/operations\.md#([\w-]+)$", url)
        if not match:
            problems.append(f"{name}: runbook_url {url!r} does not point at docs/operations.md#<anchor>")
        elif match.group(1) not in anchors:
            problems.append(f"{name}: runbook anchor #{match.group(1)} is not a heading of {docs_path}")
        elif match.group(1) != name.lower():
            problems.append(f"{name}: runbook anchor #{match.group(1)} should be #{name.lower()}")
if not alerts:
    problems.append("no alerts")
firing, quiet, cases = set(), set(), 0
for test in tests.get("tests") or []:
    for case in test.get("alert_rule_test") or []:
        cases += 1
        (firing if case.get("exp_alerts") else quiet).add(case.get("alertname"))
for name in alerts:
    if name not in firing:
        problems.append(f"{name}: no test case where it fires")
    if name not in quiet:
        problems.append(f"{name}: no test case where it does not fire")
unknown = (firing | quiet) - set(alerts)
if unknown:
    problems.append(f"tests name unknown alerts {sorted(unknown)}")
for problem in problems:
    print(f"monitoring: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"{len(alerts)} alerts, each fired and not fired across {cases} alert test cases")
PY

echo "==> promtool test rules $tests"
promtool test rules "$tests" || fail "promtool test rules failed"

echo "==> the prod overlay's PrometheusRule is generated from $rules and up to date"
python3 scripts/check-deploy/prometheusrule.py --check || fail "run scripts/check-deploy/prometheusrule.py and commit the result"
spec=$(mktemp "${TMPDIR:-/tmp}/prometheusrule-spec.XXXXXX.yaml")
trap 'rm -f "$spec"' EXIT
python3 - deploy/kubernetes/overlays/prod/prometheusrule.yaml "$spec" <<'PY'
import sys, yaml
rule = yaml.safe_load(open(sys.argv[1]))
assert rule["apiVersion"] == "monitoring.coreos.com/v1" and rule["kind"] == "PrometheusRule", "not a PrometheusRule"
assert rule["metadata"]["name"] == "file-connector", "not named file-connector"
yaml.safe_dump(rule["spec"], open(sys.argv[2], "w"))
PY
promtool check rules "$spec" || fail "the PrometheusRule's spec is not valid Prometheus rules"

echo "==> Grafana dashboard deploy/monitoring/grafana/file-connector.json (static)"
python3 scripts/check-deploy/dashboard.py || fail "dashboard check failed"

echo "==> monitoring: ok"
