#!/usr/bin/env bash
# Validates 5,000 endpoint manifests (as 5,000 files and as one multi-document file) with a release
# build, and runs check-jsonschema --schemafile on the same 5,000 files.
# Targets (issue 2): under 1 s for 5,000, and at least 20x faster than check-jsonschema.
source "$(dirname "$0")/common.sh"
binary=$(bench_binary)
bench_need hyperfine hyperfine
bench_need check-jsonschema pip:check-jsonschema
work="$BENCH_OUT/validate"
rm -rf "$work" && mkdir -p "$work"
python3 "$ROOT/scripts/bench/generate-endpoints.py" 5000 "$work/files" --single "$work/all.yaml"
"$binary" validate "$work/files" | tail -1
"$binary" validate "$work/all.yaml" | tail -1
hyperfine --warmup 1 --runs 5 --export-json "$work/file-connector.json" \
  -n "file-connector validate (5,000 files)" "$binary validate $work/files" \
  -n "file-connector validate (one 5,000-document file)" "$binary validate $work/all.yaml"
hyperfine --runs 2 --export-json "$work/check-jsonschema.json" \
  -n "check-jsonschema --schemafile (5,000 files)" \
  "check-jsonschema --schemafile $ROOT/schemas/endpoint.v1.schema.json $work/files/*.yaml"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
ours = json.load(open(f"{work}/file-connector.json"))["results"]
theirs = json.load(open(f"{work}/check-jsonschema.json"))["results"][0]["mean"]
for result in ours:
    print(f"{result['command']}: {result['mean']:.3f} s (±{result['stddev']:.3f}); {theirs / result['mean']:.0f}x faster than check-jsonschema ({theirs:.2f} s)")
PY
