"""Determinism at length: every ``PYTHONHASHSEED`` from 0 to 20 gives byte-identical output.

Runs ``tests/hardening/test_determinism.py`` with ``SCHEMADRIFT_HASH_SEEDS`` set (default 21
seeds; the suite runs 6), so the same command set (snapshot, check in three formats, lint,
diff, rules) is compared across more interpreters. Prints pytest's summary and the time; exit
status is pytest's.

    python benchmarks/determinism.py [--seeds N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--seeds", type=int, default=21)
    args = parser.parse_args()
    started = time.perf_counter()
    test = "tests/hardening/test_determinism.py"
    done = subprocess.run(  # noqa: S603 - our own test file, run with this interpreter
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
        cwd=REPO,
        env={**os.environ, "SCHEMADRIFT_HASH_SEEDS": str(args.seeds)},
        check=False,
    )
    print(f"determinism: {args.seeds} hash seeds, {time.perf_counter() - started:.1f} s")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
