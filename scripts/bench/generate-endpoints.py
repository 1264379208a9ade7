#!/usr/bin/env python3
"""Writes N valid endpoint manifests for benchmarks.

usage: generate-endpoints.py N OUT_DIR [--single FILE] [--variant K]
  files:   OUT_DIR/endpoint-00000.yaml ...
  --single also writes all N as one multi-document file.
  --variant K changes the interval of every endpoint whose index % 100 == K (1% of them).
"""
import os
import sys

PROVIDERS = [
    ("local", "  local:\n    path: /data/{name}\n"),
    ("google-drive", "  credentials:\n    fromEnv: GDRIVE_SA_KEY\n  googleDrive:\n    folderId: 1Folder{index:06d}\n"),
    ("autodesk-acc", "  credentials:\n    fromEnv: APS_CREDENTIALS\n  autodeskAcc:\n    hubId: b.hub-{index}\n    projectId: b.project-{index}\n"),
]


def manifest(index, variant):
    name = f"endpoint-{index:05d}"
    provider, block = PROVIDERS[index % len(PROVIDERS)]
    interval = "5m" if variant is not None and index % 100 == variant else "15m"
    return (
        "apiVersion: fileconnector/v1\nkind: Endpoint\nmetadata:\n"
        f"  name: {name}\n  labels:\n    team: team-{index % 7}\n"
        f"spec:\n  provider: {provider}\n" + block.format(name=name, index=index)
        + "  filters:\n    include: [\"**/*.pdf\", \"drawings/**\"]\n    maxSizeBytes: 104857600\n"
        + f"  schedule:\n    interval: {interval}\n"
        + "  sync:\n    mode: incremental\n    fullResyncEvery: 24h\n"
    )


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    single = sys.argv[sys.argv.index("--single") + 1] if "--single" in sys.argv else None
    variant = int(sys.argv[sys.argv.index("--variant") + 1]) if "--variant" in sys.argv else None
    os.makedirs(out, exist_ok=True)
    documents = []
    for index in range(count):
        text = manifest(index, variant)
        documents.append(text)
        with open(os.path.join(out, f"endpoint-{index:05d}.yaml"), "w") as handle:
            handle.write(text)
    if single:
        with open(single, "w") as handle:
            handle.write("---\n".join(documents))


if __name__ == "__main__":
    main()
