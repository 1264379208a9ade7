#!/usr/bin/env python3
"""The package's targets as declared, as imported and as documented.

1. Each target's declared dependencies are exactly the modules its sources import (no more, no fewer): a module
   imported but not declared builds only while another target happens to pull it in; one declared but not imported
   is a dependency nobody needs. The platform's own modules (Foundation, Testing, ...) need no declaration.
2. docs/architecture.md names every target that is not a test target, so the map of the code stays whole.
Reads `swift package dump-package`, every `import` of each target's Swift sources, and docs/architecture.md.
"""
import glob, json, os, re, subprocess, sys

PLATFORM = {"Foundation", "FoundationEssentials", "FoundationNetworking", "FoundationXML", "Dispatch", "Glibc", "Musl",
            "Darwin", "Testing", "XCTest", "Synchronization", "_Concurrency", "os"}
IMPORT = re.compile(r"^(?:@\w+(?:\([^)]*\))? )*import (?:(?:struct|class|enum|func|protocol|typealias|var|let) )?(\w+)", re.M)

package = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True, capture_output=True, text=True).stdout)
problems = []
for target in package["targets"]:
    if target["type"] == "system":
        continue
    declared = {value[0] for dependency in target["dependencies"] for value in dependency.values()}
    folder = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])
    imported = set()
    for path in glob.glob(os.path.join(folder, "**", "*.swift"), recursive=True):
        imported |= set(IMPORT.findall(open(path, encoding="utf-8").read()))
    imported -= PLATFORM
    for module in sorted(imported - declared):
        problems.append(f"{target['name']}: imports {module} without declaring it in Package.swift")
    for module in sorted(declared - imported):
        problems.append(f"{target['name']}: declares {module} in Package.swift but never imports it")
architecture = open(os.path.join("docs", "architecture.md"), encoding="utf-8").read()
for target in package["targets"]:
    if target["type"] != "test" and not re.search(r"(?<![\w-])" + re.escape(target["name"]) + r"(?![\w-])", architecture):
        problems.append(f"{target['name']}: not named in docs/architecture.md")
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"targets: {len(package['targets'])} declare exactly what they import, and docs/architecture.md names every one that is not a test")
