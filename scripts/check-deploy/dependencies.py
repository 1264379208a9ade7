#!/usr/bin/env python3
"""Each target's declared dependencies are exactly the modules its sources import (no more, no fewer).

A module imported but not declared builds only while another target happens to pull it in; one declared but not
imported is a dependency nobody needs. Reads `swift package dump-package` and every `import` of each target's
Swift sources; the platform's own modules (Foundation, Testing, ...) need no declaration.
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
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"dependencies: {len(package['targets'])} targets declare exactly what they import")
