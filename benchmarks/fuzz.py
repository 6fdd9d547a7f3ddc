"""Long fuzzing run: 100,000 hypothesis examples over the fuzz tests, listing every crash site.

Runs ``tests/hardening/test_fuzz.py`` with ``SCHEMADRIFT_FUZZ_EXAMPLES`` set so that its five
tests share ``--examples`` (default 100,000) and with ``SCHEMADRIFT_FUZZ_COLLECT`` set, so a
crash is recorded and the run goes on. Prints each distinct crash site (file:line and exception)
with its count; exit status 1 when there is any. Usage: ``python benchmarks/fuzz.py
[--examples N]`` (a full run takes about an hour on this machine).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TESTS = 5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--examples", type=int, default=100_000, help="examples in all")
    args = parser.parse_args()
    per_test = max(1, args.examples // TESTS)
    with tempfile.TemporaryDirectory(prefix="schemadrift-fuzz-") as tmp:
        log = Path(tmp) / "crashes.jsonl"
        env = {
            **os.environ,
            "SCHEMADRIFT_FUZZ_EXAMPLES": str(per_test),
            "SCHEMADRIFT_FUZZ_COLLECT": str(log),
        }
        start = time.perf_counter()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/hardening/test_fuzz.py",
            ],
            cwd=REPO,
            env=env,
            check=False,
        )
        elapsed = time.perf_counter() - start
        crashes = (
            [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        )
    counts = collections.Counter((c["site"], c["error"]) for c in crashes)
    print(
        f"\n{per_test * TESTS} examples in {elapsed:.0f} s; {len(crashes)} crashes, "
        f"{len(counts)} distinct sites"
    )
    for (site, error), count in counts.most_common():
        print(f"{count:6d}  {site}\n        {error}")
    return 1 if counts or done.returncode != 0 else 0


if __name__ == "__main__":
    raise SystemExit(main())
