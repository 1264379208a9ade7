#!/usr/bin/env python3
"""Static checks of the Grafana dashboard, and its panel queries ready for a live Prometheus.

    scripts/check-deploy/dashboard.py                      # check deploy/monitoring/grafana/file-connector.json
    scripts/check-deploy/dashboard.py --exprs              # one JSON line per query: {"title", "refId", "expr"}
    scripts/check-deploy/dashboard.py --prometheus URL     # also run every query on that Prometheus: each must
                                                           # parse and return at least one series

The static check: the JSON parses; uid `file-connector`; the `datasource` (Prometheus) and `endpoint` (query over
label_values(fileconnector_files, endpoint), multi, include All as `.*`) variables; every panel has a unique id
and title, datasource `${datasource}` and at least one target with a non-empty expr (targets on `${datasource}`
too); every expr uses no variable but `$endpoint` (only as `=~"$endpoint"`), `$__rate_interval` and `$__range`;
every selector of an endpoint-labelled metric filters `endpoint=~"$endpoint"`; no exact `=`/`!=` matcher (a
single label value may have no series yet; group `by` it instead); every metric is a file-connector metric
(SPEC §7), `process_*` or `up`, and is documented in docs/operations.md.

`--exprs` and `--prometheus` substitute `$endpoint` -> `.*` (in `=~` matchers), `$__rate_interval` -> `1m` and
`$__range` -> `5m`, as the live test does. Standard library only.
"""
import argparse
import json
import pathlib
import re
import sys
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
DASHBOARD = pathlib.Path("deploy/monitoring/grafana/file-connector.json")
OPERATIONS = pathlib.Path("docs/operations.md")
DATASOURCE = "${datasource}"

# SPEC §7 (and fileconnector_sync_interval_seconds, the schedule's longest gap, and the webhook sinks' metrics), with
# their labels.
METRICS = {
    "fileconnector_reconciles_total": {"result"},
    "fileconnector_manifest_errors": set(),
    "fileconnector_endpoints": {"state"},
    "fileconnector_sync_runs_total": {"endpoint", "status"},
    "fileconnector_sync_duration_seconds": {"le"},
    "fileconnector_files": {"endpoint", "state"},
    "fileconnector_files_changed_total": {"endpoint", "change"},
    "fileconnector_api_requests_total": {"provider", "code"},
    "fileconnector_api_retries_total": {"provider"},
    "fileconnector_api_request_duration_seconds": {"le"},
    "fileconnector_last_success_timestamp_seconds": {"endpoint"},
    "fileconnector_sync_interval_seconds": {"endpoint"},
    "fileconnector_sink_deliveries_total": {"sink", "result"},
    "fileconnector_sink_events_delivered_total": {"sink"},
    "fileconnector_sink_lag_events": {"sink"},
    "fileconnector_sink_last_delivery_timestamp_seconds": {"sink"},
    "fileconnector_sink_dead_lettered": {"sink"},
}
HISTOGRAMS = {"fileconnector_sync_duration_seconds", "fileconnector_api_request_duration_seconds"}
PROCESS = {"process_cpu_seconds_total", "process_resident_memory_bytes", "process_virtual_memory_bytes",
           "process_open_fds", "process_max_fds", "process_start_time_seconds"}
ALLOWED_VARIABLES = {"endpoint", "__rate_interval", "__range"}
SUBSTITUTIONS = [('=~"$endpoint"', '=~".*"'), ("$__rate_interval", "1m"), ("$__range", "5m")]
KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
            "atan2", "inf", "nan", "Inf", "NaN"}


def metric_family(name: str) -> str | None:
    """The documented family a series name belongs to, or None."""
    if name in METRICS or name in PROCESS or name == "up":
        return name
    for suffix in ("_bucket", "_sum", "_count"):
        if name.endswith(suffix) and name[: -len(suffix)] in HISTOGRAMS:
            return name[: -len(suffix)]
    return None


def selectors(expr: str):
    """(metric name or None, matcher text) for each selector; the expr without strings' contents for scanning."""
    # Blank out string contents so braces and words inside regexes do not confuse the scan.
    blanked = re.sub(r'"(?:[^"\\]|\\.)*"', lambda m: '"' + "_" * (len(m.group(0)) - 2) + '"', expr)
    for match in re.finditer(r"([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*\{([^}]*)\}", blanked):
        yield match.group(1), expr[match.start(2):match.end(2)]


def metric_names(expr: str) -> set[str]:
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    text = re.sub(r"\{[^}]*\}", " ", text)
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    names = set()
    for match in re.finditer(r"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?", text):
        word, call = match.group(1), match.group(2)
        if call or word in KEYWORDS:
            continue
        names.add(word)
    return names


def substitute(expr: str) -> str:
    for old, new in SUBSTITUTIONS:
        expr = expr.replace(old, new)
    return expr


def all_panels(dashboard):
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])  # collapsed rows


def check(dashboard, documented: str) -> list[str]:
    problems = []
    if dashboard.get("uid") != "file-connector":
        problems.append(f'uid is {dashboard.get("uid")!r}, not "file-connector"')
    if not isinstance(dashboard.get("schemaVersion"), int) or dashboard["schemaVersion"] < 36:
        problems.append(f'schemaVersion {dashboard.get("schemaVersion")!r}: expected 36 or later (Grafana 9+)')
    variables = {v.get("name"): v for v in dashboard.get("templating", {}).get("list", [])}
    ds = variables.get("datasource")
    if not ds or ds.get("type") != "datasource" or ds.get("query") != "prometheus":
        problems.append("no `datasource` variable of type datasource over prometheus")
    ep = variables.get("endpoint")
    if not ep or ep.get("type") != "query":
        problems.append("no `endpoint` query variable")
    else:
        query = ep.get("query")
        query = query.get("query") if isinstance(query, dict) else query
        if query != "label_values(fileconnector_files, endpoint)":
            problems.append(f"endpoint variable query is {query!r}")
        if not (ep.get("multi") and ep.get("includeAll") and ep.get("allValue") == ".*"):
            problems.append("endpoint variable must be multi, includeAll, with allValue .*")
        if (ep.get("datasource") or {}).get("uid") != DATASOURCE:
            problems.append("endpoint variable must query ${datasource}")
    extra = set(variables) - {"datasource", "endpoint"}
    if extra:
        problems.append(f"unexpected variables {sorted(extra)} (the live test substitutes only $endpoint)")

    panels = [p for p in all_panels(dashboard) if p.get("type") != "row"]
    if not panels:
        problems.append("no panels")
    ids, titles = set(), set()
    for panel in panels:
        title = (panel.get("title") or "").strip()
        where = f"panel {panel.get('id')} {title!r}"
        if not title:
            problems.append(f"{where}: no title")
        if title in titles:
            problems.append(f"{where}: duplicate title")
        titles.add(title)
        if panel.get("id") in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(panel.get("id"))
        if (panel.get("datasource") or {}).get("uid") != DATASOURCE:
            problems.append(f"{where}: datasource is not {DATASOURCE}")
        targets = [t for t in panel.get("targets", []) if (t.get("expr") or "").strip()]
        if not targets:
            problems.append(f"{where}: no target with an expr")
        for target in panel.get("targets", []):
            expr = (target.get("expr") or "").strip()
            at = f"{where} target {target.get('refId')}"
            if not expr:
                problems.append(f"{at}: empty expr")
                continue
            if (target.get("datasource") or {"uid": DATASOURCE}).get("uid") != DATASOURCE:
                problems.append(f"{at}: datasource is not {DATASOURCE}")
            for variable in re.findall(r"\$\{?(\w+)|\[\[(\w+)", expr):
                name = variable[0] or variable[1]
                if name not in ALLOWED_VARIABLES:
                    problems.append(f"{at}: variable ${name} (only $endpoint, $__rate_interval, $__range)")
            if "${" in expr or "[[" in expr:
                problems.append(f"{at}: write variables as $name, not ${{name}} or [[name]]")
            if expr.count("$endpoint") != expr.count('=~"$endpoint"'):
                problems.append(f'{at}: $endpoint used other than as =~"$endpoint"')
            for name, matchers in selectors(expr):
                if re.search(r'(?<![=!])(?:=|!=)\s*"', matchers.replace("=~", "~~").replace("!~", "~~")):
                    problems.append(f"{at}: exact matcher in {{{matchers}}}: use =~ or group by the label")
                if name and "endpoint" in METRICS.get(metric_family(name) or "", set()) \
                        and 'endpoint=~"$endpoint"' not in matchers.replace(" ", ""):
                    problems.append(f'{at}: {name} without endpoint=~"$endpoint"')
            for name in sorted(metric_names(expr)):
                family = metric_family(name)
                if family is None:
                    problems.append(f"{at}: {name} is not a file-connector metric (SPEC §7), process_* or up")
                elif family != "up" and f"`{family}`" not in documented:
                    problems.append(f"{at}: {family} is not documented in {OPERATIONS}")
            for name in METRICS:
                if "endpoint" in METRICS[name] and re.search(rf"(?<![\w:]){name}(?![\w:])(?!\s*\{{)", expr):
                    problems.append(f'{at}: {name} without a selector (endpoint=~"$endpoint")')
    return problems


def queries(dashboard):
    for panel in all_panels(dashboard):
        for target in panel.get("targets", []):
            if (target.get("expr") or "").strip():
                yield panel.get("title"), target.get("refId"), substitute(target["expr"].strip())


def query_live(base: str, expr: str):
    url = base.rstrip("/") + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = json.load(response)
    except urllib.error.HTTPError as error:
        body = json.load(error)
    if body.get("status") != "success":
        return f"{body.get('errorType')}: {body.get('error')}"
    if not body["data"]["result"]:
        return "no series"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exprs", action="store_true", help="print each query, substituted, as a JSON line")
    parser.add_argument("--prometheus", metavar="URL", help="run every query on this Prometheus; each must return series")
    parser.add_argument("--file", default=str(DASHBOARD), help=f"the dashboard (default {DASHBOARD})")
    args = parser.parse_args()
    path = pathlib.Path(args.file)
    path = path if path.is_absolute() else ROOT / path
    try:
        dashboard = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as error:
        print(f"dashboard.py: {path}: {error}", file=sys.stderr)
        return 1
    if args.exprs:
        for title, ref, expr in queries(dashboard):
            print(json.dumps({"title": title, "refId": ref, "expr": expr}))
        return 0
    documented = (ROOT / OPERATIONS).read_text() if (ROOT / OPERATIONS).exists() else ""
    problems = check(dashboard, documented)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    for problem in problems:
        print(f"dashboard.py: {shown}: {problem}", file=sys.stderr)
    if problems:
        return 1
    found = list(queries(dashboard))
    panels = sum(1 for p in all_panels(dashboard) if p.get("type") != "row")
    print(f"dashboard.py: {shown}: {panels} panels, {len(found)} queries: static checks pass")
    if args.prometheus:
        failures = 0
        for title, ref, expr in found:
            error = query_live(args.prometheus, expr)
            if error:
                failures += 1
                print(f"dashboard.py: {title!r} {ref}: {error}: {expr}", file=sys.stderr)
        if failures:
            print(f"dashboard.py: {failures} of {len(found)} queries failed on {args.prometheus}", file=sys.stderr)
            return 1
        print(f"dashboard.py: all {len(found)} queries returned series on {args.prometheus}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
