"""Detection and false alarms of the always-on security pack.

Detection: every case of ``fixtures/security/poisoned.json`` (the tool-poisoning forms of
attack report 2026-12 row 16 and of the public write-ups, each with its source URL) is linted
and counts as caught when the pack reports exactly the findings the case expects (rule,
pointer, severity). False alarms: the production tools of
``shared/conformance/real-toolsets/*.json`` (read at run time, not shipped) and the ordinary
texts of ``fixtures/security/benign.json`` must get no security finding at all. Prints the
rates, lists each miss and false alarm, the pack's own time per tool, and exits 1 if anything
was missed or falsely reported.

    python benchmarks/security.py [--shared PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_toolsets import DEFAULT_SHARED, wrap

from schemadrift import registry
from schemadrift.engine import Linter
from schemadrift.model import Tool
from schemadrift.registry import Context
from schemadrift.sources.shapes import DocumentSource, detect

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "security"


def parse(doc: object, label: str) -> list[Tool]:
    found = detect(doc, DocumentSource(label=label, name_hint="tool"))
    assert found is not None, label
    return found[1]


def security_findings(linter: Linter, tools: list[Tool]) -> list[tuple[str, str, str, str]]:
    return sorted(
        (f.tool or "", f.rule_id, f.pointer, f.severity.label)
        for f in linter.lint(tools, [])
        if f.dialect == "security"
    )


def detection(linter: Linter) -> tuple[int, int, list[str]]:
    cases = json.loads((FIXTURES / "poisoned.json").read_text("utf-8"))["cases"]
    misses = []
    for case in cases:
        found = security_findings(linter, parse({"tools": case["tools"]}, case["id"]))
        expected = sorted(
            (e["tool"], e["rule"], e["pointer"], e["severity"]) for e in case["expect"]
        )
        if found != expected:
            misses.append(f"{case['id']} ({case['source']}): expected {expected}, got {found}")
    return len(cases) - len(misses), len(cases), misses


def real_toolsets(linter: Linter, shared: Path) -> tuple[int, int, list[list[Tool]], set[str]]:
    """Files, distinct tools, the parsed requests, and each security finding on them."""
    folder = shared / "conformance" / "real-toolsets"
    files = sorted(folder.glob("*.json"))
    requests: list[list[Tool]] = []
    alarms: set[str] = set()
    tools = 0
    for path in files:
        data = json.loads(path.read_text("utf-8"))
        tools += len(data["tools"])
        for request in data.get("requests") or [list(range(len(data["tools"])))]:
            parsed = parse(wrap(data["shape"], [data["tools"][i] for i in request]), path.name)
            requests.append(parsed)
            for tool, rule_id, pointer, severity in security_findings(linter, parsed):
                alarms.add(f"{path.name} {tool} {rule_id} {pointer} ({severity})")
    return len(files), tools, requests, alarms


def pack_time(requests: list[list[Tool]], repeat: int = 20) -> float:
    """Seconds the pack's rules take per tool (each rule called directly, best of ``repeat``)."""
    rules = [r for r in registry.all_rules() if r.pack == "security"]
    ctx = Context(dialect="security")
    count = sum(len(tools) for tools in requests)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for tools in requests:
            for rule in rules:
                if rule.scope == "toolset":
                    list(rule.check(tools, ctx))
                else:
                    for tool in tools:
                        list(rule.check(tool, ctx))
        best = min(best, time.perf_counter() - started)
    return best / max(count, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args()
    linter = Linter()
    caught, total, misses = detection(linter)
    benign = parse(json.loads((FIXTURES / "benign.json").read_text("utf-8")), "benign.json")
    benign_alarms = security_findings(linter, benign)
    if not (args.shared / "conformance" / "real-toolsets").is_dir():
        print(f"no real toolsets under {args.shared}", file=sys.stderr)
        return 2
    files, tools, requests, alarms = real_toolsets(linter, args.shared)
    per_tool = pack_time(requests)
    for line in misses:
        print("MISSED", line)
    for finding in benign_alarms:
        print("FALSE ALARM benign.json", *finding)
    for line in sorted(alarms):
        print("FALSE ALARM", line)
    print(
        f"poisoned forms: {caught}/{total} caught exactly ({100 * caught / total:.0f}%, "
        f"target 100%); benign fixture: {len(benign)} tools, {len(benign_alarms)} findings; "
        f"real toolsets: {files} files, {tools} tools, {len(alarms)} security findings "
        f"(target 0); pack time {per_tool * 1e6:.1f} us per tool"
    )
    return 1 if misses or benign_alarms or alarms else 0


if __name__ == "__main__":
    sys.exit(main())
