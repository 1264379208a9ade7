#!/usr/bin/env bash
# The deployment material, checked by the tools that consume it (CI runs this after scripts/test.sh):
#   container.sh      hadolint on the Dockerfile, .dockerignore, check-jsonschema on the compose file
#   kubernetes.sh     kubectl kustomize renders base and overlays; kubernetes-validate on every object
#   monitoring.sh     promtool check/test rules, the generated PrometheusRule, the dashboard's static checks
#   dashboard-live.sh every dashboard query and alert rule on a real Prometheus scraping the real daemon
#   git-workflows.sh  pre-commit try-repo with the hook; the GitHub Actions and GitLab CI examples' schemas
#   docs.sh           man page, shell completions, docs/configuration.md
#   targets.sh        Package.swift declares for each target exactly what it imports; architecture.md names them
#   format.sh         every Swift file as .swift-format lays it out, and its lint rules
# Usage: scripts/check-deploy.sh [CHECK...]   (default: all; needs a build: swift build)
set -euo pipefail
cd "$(dirname "$0")/.."
checks=("$@")
[ ${#checks[@]} -gt 0 ] || checks=(container kubernetes monitoring dashboard-live git-workflows docs targets format)
# Debian packages the checks need: promtool and prometheus (prometheus), kubectl comes with the image.
if ! command -v promtool >/dev/null 2>&1; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq prometheus >/dev/null
fi
# shellcheck source=scripts/check-deploy/tools.sh
source scripts/check-deploy/tools.sh
[ -x "$(swift build --show-bin-path)/file-connector" ] || swift build
for check in "${checks[@]}"; do
  printf '\n==> check-deploy: %s\n' "$check"
  bash "scripts/check-deploy/$check.sh"
done
printf '\ncheck-deploy: %s passed\n' "${checks[*]}"
