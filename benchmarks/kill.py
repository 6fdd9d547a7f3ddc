"""Crash safety at length: 200 SIGKILLs of `snapshot` and 200 of `check --output`.

The same rounds as ``tests/hardening/test_crash_safety.py`` (which runs 30 of each in CI): each
round restores the old file, starts the command, kills it after a random delay and checks that
the file is the old or the new one, whole. Prints how many rounds left each.
Usage: ``python benchmarks/kill.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.hardening.test_crash_safety import kill_rounds, prepare  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="schemadrift-kill-") as tmp:
        root, old_lock, new_lock, old_report, new_report = prepare(Path(tmp))
        lock = kill_rounds(
            root, ["snapshot"], root / "schemadrift.lock.json", old_lock, new_lock, args.rounds
        )
        print(
            f"snapshot: {args.rounds} kills, baseline old {lock['old']}, new {lock['new']}, torn 0"
        )
        # The rounds leave the baseline old or new: `check` must read the one its expected
        # report was made with.
        (root / "schemadrift.lock.json").write_bytes(new_lock)
        report_args = ["check", "--format", "json", "--fail-on", "never", "--output", "report.json"]
        report = kill_rounds(
            root, report_args, root / "report.json", old_report, new_report, args.rounds, seed=9
        )
        print(
            f"check --output: {args.rounds} kills, report old {report['old']}, "
            f"new {report['new']}, torn 0"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
