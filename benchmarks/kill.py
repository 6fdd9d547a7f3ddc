"""Crash safety at length: 200 SIGKILLs each of `snapshot`, `check --output` and `check`
filling the results cache.

The same rounds as ``tests/hardening/test_crash_safety.py`` (which runs 12 of each in the suite, SCHEMADRIFT_KILL_ROUNDS): each
round restores the old file, starts the command, kills it after a random delay and checks that
the file is the old or the new one, whole. Prints how many rounds left each.
Usage: ``python benchmarks/kill.py [--rounds N]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.hardening.test_crash_safety import (  # noqa: E402
    REPORT_ARGS,
    cache_rounds,
    kill_rounds,
    prepare,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="schemadrift-kill-") as tmp:
        os.environ["SCHEMADRIFT_CACHE_DIR"] = str(Path(tmp) / "cache")  # not ~/.cache
        root, old_lock, new_lock, old_report, new_report = prepare(Path(tmp) / "project")
        lock = kill_rounds(
            root, ["snapshot"], root / "schemadrift.lock.json", old_lock, new_lock, args.rounds
        )
        print(
            f"snapshot: {args.rounds} kills, baseline old {lock['old']}, new {lock['new']}, torn 0"
        )
        # The rounds leave the baseline old or new: `check` must read the one its expected
        # report was made with.
        (root / "schemadrift.lock.json").write_bytes(new_lock)
        report = kill_rounds(
            root, REPORT_ARGS, root / "report.json", old_report, new_report, args.rounds, seed=9
        )
        print(
            f"check --output: {args.rounds} kills, report old {report['old']}, "
            f"new {report['new']}, torn 0"
        )
        cache = cache_rounds(root, args.rounds)
        print(
            f"check filling the cache: {args.rounds} kills, cache old {cache['old']}, "
            f"new {cache['new']}, torn 0"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
