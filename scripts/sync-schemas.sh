#!/usr/bin/env bash
# Copies the canonical schemas in schemas/ into the target that embeds them in the binary.
# A test (BundledSchemaTests) fails when the two drift.
set -euo pipefail
cd "$(dirname "$0")/.."
cp schemas/*.schema.json Sources/ConnectorManifest/Schemas/
echo "schemas synced: $(ls schemas/*.schema.json | wc -l) files"
