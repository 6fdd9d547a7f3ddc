"""Time `schemadrift diff` of two 1,000-tool snapshots with every dialect targeted.

Start-up included: the command runs in a fresh interpreter, as CI runs it. 2% of the tools
change between the snapshots (a typical dependency upgrade); the rest are identical and are
judged once thanks to the linter's cache. Prints the best of ``--runs`` wall times.

    python benchmarks/diff_speed.py [--tools 1000] [--changed 20] [--runs 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def schema(index: int, changed: bool) -> dict[str, object]:
    props: dict[str, object] = {
        "query": {"type": "string", "description": f"What to look up ({index})."},
        "limit": {"type": "integer", "minimum": 1, "maximum": 100 if not changed else 50},
        "units": {"type": "string", "enum": ["c", "f"] if not changed else ["c"]},
        "when": {"type": "string", "format": "date-time"},
        "filters": {
            "type": "object",
            "properties": {"tag": {"type": "string"}, "score": {"type": "number"}},
            "required": ["tag", "score"],
            "additionalProperties": False,
        },
    }
    if changed:
        props["extra"] = {"anyOf": [{"type": "string"}, {"type": "null"}]}
    return {
        "type": "object",
        "properties": props,
        "required": ["query", "limit", "units", "when", "filters"],
        "additionalProperties": False,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--tools", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=1.0)
    args = parser.parse_args(argv)

    from schemadrift import registry, snapshot
    from schemadrift.model import Origin, Tool

    dialects = [d.id for d in registry.all_dialects() if not d.always]
    every = max(1, args.tools // max(1, args.changed))
    origin = Origin("file", "openai", "tools.json")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for side in ("old", "new"):
            tools = [
                Tool(
                    name=f"tool_{i:04d}",
                    description=f"Tool number {i}.",
                    origin=origin,
                    input_schema=schema(i, side == "new" and i % every == 0),
                )
                for i in range(args.tools)
            ]
            path = Path(tmp) / f"{side}.json"
            path.write_text(
                snapshot.dumps(
                    snapshot.build(tools, {"pydantic": "2.8.2" if side == "old" else "2.9.0"})
                )
            )
            paths.append(str(path))
        command = [
            sys.executable,
            "-m",
            "schemadrift",
            "diff",
            *paths,
            "--format",
            "json",
            "--fail-on",
            "never",
        ]
        for dialect in dialects:
            command += ["--dialect", dialect]
        best = float("inf")
        for _ in range(args.runs):
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, check=False, cwd=tmp)  # noqa: S603 - our own CLI
            best = min(best, time.perf_counter() - started)
            if done.returncode != 0:
                print(done.stderr.decode(), file=sys.stderr)
                return 2
    print(
        f"diff of two {args.tools}-tool snapshots ({args.changed} changed), "
        f"{len(dialects)} dialects + always-on packs: {best:.2f} s wall (budget "
        f"{args.budget:.2f} s)"
    )
    return 0 if best <= args.budget else 1


if __name__ == "__main__":
    sys.exit(main())
