#!/usr/bin/env bash
# Checks the git workflow material: the pre-commit hook (.pre-commit-hooks.yaml), run with `pre-commit try-repo`
# on a throwaway repository of manifests (passes on a valid one, fails on an invalid one showing the located
# error), and the CI examples (deploy/ci) against the GitHub workflow and GitLab CI schemas.
#
# The binary: FILE_CONNECTOR_BINARY, or `swift build --show-bin-path`/file-connector (build it first).
# try-repo clones a repository at a commit, and ignores an untracked .pre-commit-hooks.yaml; so the hook file of
# this work tree (committed or not) is committed into a throwaway hook repository and tried from there.
# Run from the repository root.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$PWD
# shellcheck source=scripts/check-deploy/tools.sh
source scripts/check-deploy/tools.sh

fail() { echo "git-workflows: $*" >&2; exit 1; }

binary=${FILE_CONNECTOR_BINARY:-}
if [ -z "$binary" ]; then
  binary="$(swift build --show-bin-path)/file-connector"
fi
[ -x "$binary" ] || fail "no file-connector binary at $binary: run swift build, or set FILE_CONNECTOR_BINARY"
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")

work=$(mktemp -d "${TMPDIR:-/tmp}/file-connector-git-workflows.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$binary" "$work/bin/file-connector"   # the hook's entry is `file-connector`
export PATH="$work/bin:$PATH"
export PRE_COMMIT_HOME="$work/pre-commit-home" PRE_COMMIT_COLOR=never
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=check GIT_AUTHOR_EMAIL=check@example.invalid
export GIT_COMMITTER_NAME=check GIT_COMMITTER_EMAIL=check@example.invalid
git_in() { git -C "$1" -c init.defaultBranch=main -c commit.gpgsign=false "${@:2}"; }

echo "==> pre-commit validate-manifest .pre-commit-hooks.yaml"
[ -f .pre-commit-hooks.yaml ] || fail ".pre-commit-hooks.yaml is missing"
pre-commit validate-manifest .pre-commit-hooks.yaml || fail ".pre-commit-hooks.yaml is not a valid hooks manifest"
grep -q '^- id: file-connector-validate$' .pre-commit-hooks.yaml || fail "no file-connector-validate hook"

# The hook repository: this work tree's hook file, committed.
mkdir -p "$work/hooks"
cp .pre-commit-hooks.yaml "$work/hooks/"
git_in "$work/hooks" init -q
git_in "$work/hooks" add .pre-commit-hooks.yaml
git_in "$work/hooks" commit -q -m "hooks under test"

# The sample repository: a valid manifest under manifests/, and YAML outside it that is no manifest (the
# hook's default `files` must leave it alone).
sample=$work/sample
mkdir -p "$sample/manifests/team-a" "$sample/deploy"
cp examples/quickstart/endpoint.yaml "$sample/manifests/team-a/quickstart.yaml"
cat > "$sample/manifests/photos.json" <<'JSON'
{"apiVersion": "fileconnector/v1", "kind": "Endpoint", "metadata": {"name": "photos"},
 "spec": {"provider": "local", "local": {"path": "/srv/photos"}, "schedule": {"interval": "1h"}}}
JSON
cat > "$sample/deploy/configmap.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata: {name: not-a-manifest}
data: {a: b}
YAML
cp "$sample/deploy/configmap.yaml" "$sample/.pre-commit-config.yaml"
git_in "$sample" init -q
git_in "$sample" add -A
git_in "$sample" commit -q -m "valid manifests"

try_hook() { (cd "$sample" && pre-commit try-repo "$work/hooks" file-connector-validate --all-files --verbose) >"$work/out" 2>&1; }

echo "==> pre-commit try-repo ... file-connector-validate --all-files: valid manifests pass"
if ! try_hook; then cat "$work/out" >&2; fail "the hook failed on valid manifests"; fi
grep -q 'file-connector validate\.*Passed' "$work/out" || { cat "$work/out" >&2; fail "the hook did not run (Passed not shown)"; }
# The two manifests, and not the ConfigMap or .pre-commit-config.yaml.
grep -q '^2 manifests, 2 valid, 0 invalid$' "$work/out" || { cat "$work/out" >&2; fail "the hook did not validate exactly the 2 manifests"; }
sed -n '/^file-connector validate/,$p' "$work/out"

echo "==> pre-commit try-repo ... file-connector-validate --all-files: an invalid manifest fails with its error"
sed 's/interval: 15m/interval: fast/; s/name: quickstart-files/name: broken/' examples/quickstart/endpoint.yaml \
  > "$sample/manifests/broken.yaml"
git_in "$sample" add -A
git_in "$sample" commit -q -m "an invalid manifest"
if try_hook; then cat "$work/out" >&2; fail "the hook passed an invalid manifest"; fi
grep -q 'file-connector validate\.*Failed' "$work/out" || { cat "$work/out" >&2; fail "the hook did not report Failed"; }
grep -q 'manifests/broken.yaml:[0-9]*:[0-9]*: error: /spec/schedule/interval' "$work/out" \
  || { cat "$work/out" >&2; fail "the hook's output lacks the located error"; }
grep -q '^3 manifests, 2 valid, 1 invalid$' "$work/out" || { cat "$work/out" >&2; fail "the hook did not validate exactly the 3 manifests"; }
sed -n '/^file-connector validate/,$p' "$work/out"

echo "==> pre-commit try-repo ... file-connector-validate: a name used twice across files fails"
git_in "$sample" rm -q manifests/broken.yaml
cp examples/quickstart/endpoint.yaml "$sample/manifests/again.yaml"
git_in "$sample" add -A
git_in "$sample" commit -q -m "a duplicate name"
if try_hook; then cat "$work/out" >&2; fail "the hook passed a duplicate endpoint name"; fi
grep -q 'is used more than once' "$work/out" || { cat "$work/out" >&2; fail "the hook's output lacks the duplicate-name error"; }

echo "==> check-jsonschema --builtin-schema vendor.github-workflows deploy/ci/github/file-connector.yml"
[ -f deploy/ci/github/file-connector.yml ] || fail "deploy/ci/github/file-connector.yml is missing"
check-jsonschema --builtin-schema vendor.github-workflows deploy/ci/github/file-connector.yml

echo "==> check-jsonschema --builtin-schema vendor.gitlab-ci deploy/ci/gitlab/.gitlab-ci.yml"
[ -f deploy/ci/gitlab/.gitlab-ci.yml ] || fail "deploy/ci/gitlab/.gitlab-ci.yml is missing"
check-jsonschema --builtin-schema vendor.gitlab-ci deploy/ci/gitlab/.gitlab-ci.yml

echo "==> the CI examples run the commands they describe"
grep -q 'file-connector validate' deploy/ci/github/file-connector.yml || fail "GitHub example: no validate"
grep -q 'file-connector plan --detailed-exitcode' deploy/ci/github/file-connector.yml || fail "GitHub example: no plan --detailed-exitcode"
grep -q 'file-connector reconcile' deploy/ci/github/file-connector.yml || fail "GitHub example: no reconcile"
grep -q 'file-connector validate' deploy/ci/gitlab/.gitlab-ci.yml || fail "GitLab example: no validate"
grep -q 'file-connector plan --detailed-exitcode' deploy/ci/gitlab/.gitlab-ci.yml || fail "GitLab example: no plan --detailed-exitcode"
grep -q 'file-connector reconcile' deploy/ci/gitlab/.gitlab-ci.yml || fail "GitLab example: no reconcile"

echo "==> git-workflows: ok ($root)"
