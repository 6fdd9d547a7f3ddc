"""False rejects on real production tool definitions that providers accepted.

Reads ``shared/conformance/real-toolsets/*.json`` (365 tool definitions with evidence of
acceptance; not shipped with schemadrift) and lints each recorded request under each dialect
that accepted it. Any error finding from that dialect or from an always-on pack is a false
reject, and any finding of the security pack (these are production tools, not poisoned ones)
a false alarm. Prints the counts, lists each one, and exits 1 if there is any.

    python benchmarks/real_toolsets.py [--shared PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from schemadrift.engine import ALWAYS_ON, Linter
from schemadrift.model import Severity
from schemadrift.sources.shapes import DocumentSource, detect

DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"


def wrap(shape: str, tools: list[object]) -> object:
    """The document a provider request holds, as the conformance README describes it."""
    if shape == "mcp":
        return {"tools": tools}
    if shape == "gemini":
        return {"functionDeclarations": tools}
    if shape == "bedrock":
        return {"toolConfig": {"tools": tools}}
    return tools


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args()
    folder = args.shared / "conformance" / "real-toolsets"
    files = sorted(folder.glob("*.json"))
    if not files:
        print(f"no real toolsets under {folder}", file=sys.stderr)
        return 2
    linter = Linter()
    judgements = 0
    false_rejects: list[str] = []
    false_alarms: set[str] = set()
    warnings = 0
    started = time.perf_counter()
    for path in files:
        data = json.loads(path.read_text("utf-8"))
        tools = data["tools"]
        requests = data.get("requests") or [list(range(len(tools)))]
        for request in requests:
            doc = wrap(data["shape"], [tools[i] for i in request])
            found = detect(doc, DocumentSource(label=path.name, name_hint="tool"))
            assert found is not None, path.name
            parsed = found[1]
            for dialect in data["accepted_by"]:
                judgements += len(parsed)
                for finding in linter.lint(parsed, [dialect]):
                    if finding.dialect not in (dialect, *ALWAYS_ON):
                        continue
                    if finding.dialect == "security":
                        false_alarms.add(
                            f"{path.name} {finding.tool} {finding.rule_id} {finding.pointer}"
                        )
                    if finding.severity == Severity.ERROR:
                        false_rejects.append(
                            f"{path.name} [{dialect}] {finding.tool} {finding.rule_id} "
                            f"{finding.pointer}: {finding.message}"
                        )
                    elif finding.severity == Severity.WARNING:
                        warnings += 1
    elapsed = time.perf_counter() - started
    for line in false_rejects:
        print("FALSE REJECT", line)
    for line in sorted(false_alarms):
        print("FALSE ALARM", line)
    print(
        f"real toolsets: {len(files)} files, {judgements} tool x dialect judgements, "
        f"{len(false_rejects)} false rejects (target 0), {len(false_alarms)} security "
        f"false alarms (target 0), {warnings} warnings, {elapsed:.2f} s"
    )
    return 1 if false_rejects or false_alarms else 0


if __name__ == "__main__":
    sys.exit(main())
