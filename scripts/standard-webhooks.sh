# Finds the Standard Webhooks reference library for Python, which the sink tests use as the receiver's side (a
# signature file-connector makes must verify with the library the specification publishes), and exports
# FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS (a folder to put on PYTHONPATH). Source it, then call standard_webhooks:
#   1. FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS, when set (an override);
#   2. the wheel from PyPI at the pinned version below, checked against its SHA-256, unpacked into .cache/
#      (git-ignored) once. It is pure Python with no dependencies.
# A library that cannot be had is an error, never a skip.

STANDARD_WEBHOOKS_PACKAGE="standardwebhooks==1.3.0"
STANDARD_WEBHOOKS_SHA256="5bec388e29d3e8c6211af66affa1430ac801cb02f3b132484ef4b8f89d32a5ad"

standard_webhooks() {
  if [ -n "${FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS:-}" ]; then
    [ -f "$FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS/standardwebhooks/webhooks.py" ] || {
      echo "FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS=$FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS has no standardwebhooks/" >&2; return 1; }
    return 0
  fi
  local version=${STANDARD_WEBHOOKS_PACKAGE#*==}
  local cache
  cache="$(pwd)/.cache/standard-webhooks-$version"
  if [ ! -f "$cache/.complete" ]; then
    # shellcheck source=scripts/pypi.sh
    . "$(dirname "${BASH_SOURCE[0]}")/pypi.sh"
    local work wheel
    work=$(mktemp -d)
    wheel=$(pypi_pinned_download "$STANDARD_WEBHOOKS_PACKAGE" "$STANDARD_WEBHOOKS_SHA256" wheel "$work") || { rm -rf "$work"; return 1; }
    rm -rf "$cache" && mkdir -p "$cache"
    python3 -m zipfile -e "$wheel" "$cache" || { rm -rf "$work" "$cache"; return 1; }
    rm -rf "$work"
    touch "$cache/.complete"
  fi
  FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS=$cache
  export FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS
}
