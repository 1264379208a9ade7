# One file from PyPI, pinned: pypi_pinned_download SPEC SHA256 KIND WORK downloads SPEC (name==version) as KIND
# (sdist or wheel) into the folder WORK, refusing any file whose SHA-256 is not SHA256, and prints its path.
# Installs pip first when it is missing. Used by the scripts that fetch test oracles (never by the product).

pypi_pinned_download() {
  local spec=$1 sha256=$2 kind=$3 work=$4
  python3 -m pip --version >/dev/null 2>&1 || {
    local sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq python3-pip >/dev/null
  }
  printf '%s --hash=sha256:%s\n' "$spec" "$sha256" > "$work/requirements.txt"
  local only=(--no-binary :all:)
  [ "$kind" = wheel ] && only=(--only-binary :all:)
  # --require-hashes: pip refuses a file whose SHA-256 is not the pinned one.
  python3 -m pip download --quiet --disable-pip-version-check --no-deps "${only[@]}" --require-hashes \
    -r "$work/requirements.txt" -d "$work" >&2 || { echo "could not download $spec from PyPI" >&2; return 1; }
  local name=${spec%%==*} version=${spec#*==} file
  if [ "$kind" = wheel ]; then file="$work/$name-$version-py3-none-any.whl"; else file="$work/$name-$version.tar.gz"; fi
  echo "$sha256  $file" | sha256sum --check --quiet - >&2 || return 1
  echo "$file"
}
