#!/usr/bin/env python3
"""Package.swift must declare exactly what each target imports: no import that builds only by accident (because
another target happened to bring the module along), and no declared dependency that nothing imports.

It also keeps the stages' walls (Docs/architecture.md): a stage imports only the stages before it, and evaluation
and reporting stand on the compiled policy alone, never on the loader's or the checker's types.

Reads the manifest through `swift package dump-package`, the imports from each target's Swift files."""
import json
import pathlib
import re
import subprocess
import sys

SYSTEM = {"Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Musl", "Darwin", "Testing", "XCTest",
          "Synchronization", "_Concurrency", "os"}
IMPORT = re.compile(r"^(?:@testable\s+|@_exported\s+|@preconcurrency\s+)*import\s+(?:(?:struct|class|enum|func|protocol|typealias|var|let)\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*$")


def swift_imports(text):
    """Import declarations, skipping lines inside multi-line string literals (a Python snippet in a test)."""
    found, in_string = set(), False
    for line in text.splitlines():
        if not in_string:
            match = IMPORT.match(line)
            if match:
                found.add(match.group(1))
        if line.count('"""') % 2 == 1:
            in_string = not in_string
    return found


STAGES = ["QAFCore", "QAFLoad", "QAFCheck", "QAFCompile", "QAFEvaluate", "QAFReport"]
BEHIND_THE_COMPILED_POLICY = {"QAFLoad", "QAFCheck"}


def walls(name):
    """The qaf modules a stage may not import."""
    if name not in STAGES:
        return set()
    later = set(STAGES[STAGES.index(name) + 1:])
    return later | (BEHIND_THE_COMPILED_POLICY if name in ("QAFEvaluate", "QAFReport") else set())


def declared(target):
    names = set()
    for dep in target["dependencies"]:
        for kind in ("byName", "target"):
            if kind in dep:
                names.add(dep[kind][0])
        if "product" in dep:
            names.add(dep["product"][0])
    return names


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    manifest = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True,
                                         capture_output=True, text=True).stdout)
    problems = []
    for target in manifest["targets"]:
        name = target["name"]
        if target["type"] == "plugin":
            continue  # a plugin's dependencies are the tools it runs, never imported
        folder = root / (target.get("path") or ("Tests" if target["type"] == "test" else "Sources") + "/" + name)
        imports = set()
        for file in sorted(folder.rglob("*.swift")):
            imports.update(swift_imports(file.read_text(encoding="utf-8")))
        imports -= SYSTEM | {name}
        wanted = declared(target)
        for module in sorted(imports - wanted):
            problems.append(f"Package.swift: target {name} imports {module} but does not declare it")
        for module in sorted(wanted - imports):
            problems.append(f"Package.swift: target {name} declares {module} but never imports it")
        for module in sorted((imports | wanted) & walls(name)):
            problems.append(f"{name} must not depend on {module}: the stages flow one way (Docs/architecture.md)")
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return 1
    print(f"Package.swift declares exactly what each of its {len(manifest['targets'])} targets imports, "
          "and the stages flow one way")
    return 0


if __name__ == "__main__":
    sys.exit(main())
