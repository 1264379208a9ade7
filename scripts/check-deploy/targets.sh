#!/usr/bin/env bash
# The package's targets: dependencies exactly as imported, and every one named in docs/architecture.md (targets.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/check-deploy/targets.py
