"""Score the diff on other projects' own JSON Schema diff tests (the peer suites).

Reads ``../shared/conformance/peer-suites/*.jsonl`` at run time (the data is not ours to ship,
so it is never copied into this repository), diffs each ``tool_wrapped`` before/after pair
in-process with ``--consumer callers`` semantics, and counts a case "breaking" when an error
finding from a ``diff/`` rule other than a description change or a dialect regression appears.
That verdict is compared with the ``backward_breaking_closed_world`` label (DESIGN's closed
world). Prints each miss, the score per suite and overall; exits 1 below ``--min``.

    python benchmarks/peer_suites.py [--suites DIR] [--min 0.95] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "conformance" / "peer-suites"


def predict(before: object, after: object) -> tuple[bool, list[str]]:
    """Whether the diff calls the change breaking for callers, and the error rules it cites."""
    from schemadrift.diff.run import diff_tools
    from schemadrift.model import Origin, Severity, Tool

    origin = Origin("file", "bare", "tool.json")
    old = Tool(name="tool", input_schema=before, origin=origin)
    new = Tool(name="tool", input_schema=after, origin=origin)
    findings = diff_tools(
        [old],
        [new],
        consumers=("callers",),
        enabled=lambda rule: rule.id != "diff/dialect-regression",
    )
    cited = [
        f"{f.rule_id}@{f.pointer}"
        for f in findings
        if f.severity == Severity.ERROR
        and f.rule_id.startswith("diff/")
        and "dialect-regression" not in f.rule_id
        and "description" not in f.rule_id
    ]
    return bool(cited), cited


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--suites", type=Path, default=DEFAULT)
    parser.add_argument("--min", type=float, default=0.95)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    files = sorted(args.suites.glob("*.jsonl"))
    if not files:
        print(f"no peer suites under {args.suites}", file=sys.stderr)
        return 2
    total_ok = total = 0
    started = time.perf_counter()
    for path in files:
        ok = count = 0
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            want = case["backward_breaking_closed_world"]
            pair = case["tool_wrapped"]
            got, cited = predict(pair["before"], pair["after"])
            count += 1
            if got == want:
                ok += 1
            else:
                print(f"MISS {case['id']}: want breaking={want}, got {got} {cited}")
                if args.verbose:
                    print(f"     before: {json.dumps(case['before'])[:300]}")
                    print(f"     after:  {json.dumps(case['after'])[:300]}")
        print(f"{path.stem}: {ok}/{count} ({100 * ok / count:.1f}%)")
        total_ok += ok
        total += count
    elapsed = time.perf_counter() - started
    share = total_ok / total
    print(
        f"peer suites: {total_ok}/{total} ({100 * share:.1f}%) backward-compatibility verdicts "
        f"right; need {100 * args.min:.0f}% ({elapsed:.1f} s)"
    )
    return 0 if share >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
