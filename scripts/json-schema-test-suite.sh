# Finds the official JSON-Schema-Test-Suite for the conformance tests and exports JSON_SCHEMA_TEST_SUITE.
# Source it, then call json_schema_test_suite. In order:
#   1. JSON_SCHEMA_TEST_SUITE, when set (an override);
#   2. ../shared/conformance/json-schema-test-suite beside the checkout, when present;
#   3. the copy the `jsonschema` source distribution on PyPI carries under json/, downloaded with pip at the
#      pinned version below, checked against its SHA-256, and unpacked into .cache/ (git-ignored) once.
# A suite that cannot be had is an error, never a skip.

JSON_SCHEMA_SUITE_PACKAGE="jsonschema==4.26.0"
JSON_SCHEMA_SUITE_SHA256="0c26707e2efad8aa1bfc5b7ce170f3fccc2e4918ff85989ba9ffa9facb2be326"

json_schema_test_suite() {
  if [ -n "${JSON_SCHEMA_TEST_SUITE:-}" ]; then
    [ -d "$JSON_SCHEMA_TEST_SUITE/tests" ] || { echo "JSON_SCHEMA_TEST_SUITE=$JSON_SCHEMA_TEST_SUITE has no tests/ folder" >&2; return 1; }
    return 0
  fi
  if [ -d ../shared/conformance/json-schema-test-suite/tests ]; then
    JSON_SCHEMA_TEST_SUITE=$(cd ../shared/conformance/json-schema-test-suite && pwd)
    export JSON_SCHEMA_TEST_SUITE
    return 0
  fi
  local version=${JSON_SCHEMA_SUITE_PACKAGE#*==}
  local cache
  cache="$(pwd)/.cache/json-schema-test-suite-$version"
  if [ ! -f "$cache/.complete" ]; then
    # shellcheck source=scripts/pypi.sh
    . "$(dirname "${BASH_SOURCE[0]}")/pypi.sh"
    local work archive
    work=$(mktemp -d)
    archive=$(pypi_pinned_download "$JSON_SCHEMA_SUITE_PACKAGE" "$JSON_SCHEMA_SUITE_SHA256" sdist "$work") || { rm -rf "$work"; return 1; }
    rm -rf "$cache" && mkdir -p "$cache"
    tar -xzf "$archive" -C "$cache" --strip-components=2 "jsonschema-$version/json" || { rm -rf "$work" "$cache"; return 1; }
    rm -rf "$work"
    touch "$cache/.complete"
  fi
  JSON_SCHEMA_TEST_SUITE=$cache
  export JSON_SCHEMA_TEST_SUITE
}
