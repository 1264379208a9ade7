#!/usr/bin/env bash
# The generated documentation the image installs: the man page (swift-argument-parser's generate-manual plugin) and
# the shell completions; and the configuration reference (docs/configuration.md, also checked by a unit test).
# Run from the repository root after a build.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "docs: $*" >&2; exit 1; }
binary=${FILE_CONNECTOR_BINARY:-$(swift build --show-bin-path)/file-connector}
[ -x "$binary" ] || fail "no binary at $binary: run swift build first"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "==> shell completions"
for shell in bash zsh fish; do
  "$binary" --generate-completion-script "$shell" >"$work/file-connector.$shell"
  grep -q "healthcheck" "$work/file-connector.$shell" || fail "the $shell completion script lacks the healthcheck command"
done
bash -n "$work/file-connector.bash" || fail "the bash completion script does not parse"
if command -v zsh >/dev/null; then zsh -n "$work/file-connector.zsh" || fail "the zsh completion script does not parse"; fi

echo "==> man page (generate-manual, built from the resolved swift-argument-parser as the Dockerfile does)"
swift build --package-path .build/checkouts/swift-argument-parser --scratch-path .build-manual \
  --product generate-manual >"$work/manual.log" 2>&1 || { cat "$work/manual.log" >&2; fail "building generate-manual failed"; }
mkdir -p "$work/man"
.build-manual/debug/generate-manual "$binary" --authors "The file-connector authors" --output-directory "$work/man" \
  || fail "generate-manual failed"
page="$work/man/file-connector.1"
[ -s "$page" ] || fail "generate-manual wrote no file-connector.1"
for command in validate plan reconcile run sync get migrate schedule schema healthcheck version; do
  grep -q "$command" "$page" || fail "the man page does not mention $command"
done
if command -v mandoc >/dev/null; then mandoc -T lint -W error "$page" || fail "mandoc finds errors in the man page"; fi
echo "docs: man page $(wc -l <"$page") lines; completions for bash, zsh, fish"

echo "==> docs/configuration.md is current"
"$binary" schema --reference | diff -u docs/configuration.md - || fail "docs/configuration.md is stale: run file-connector schema --reference > docs/configuration.md"
