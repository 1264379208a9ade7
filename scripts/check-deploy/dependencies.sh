#!/usr/bin/env bash
# Package.swift declares for each target exactly the modules its sources import (dependencies.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/check-deploy/dependencies.py
