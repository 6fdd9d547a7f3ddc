"""Long fuzzing run: 100,000 hypothesis examples over the fuzz tests, listing every crash site.

Runs ``tests/hardening/test_fuzz.py`` with ``SCHEMADRIFT_FUZZ_EXAMPLES`` set so that its five
tests share ``--examples`` (default 100,000) and with ``SCHEMADRIFT_FUZZ_COLLECT`` set, so a
crash is recorded and the run goes on. Prints each distinct crash site (file:line and exception)
with its count; exit status 1 when there is any. The run is cut into pytest processes of
``--batch`` examples per test, each with its own seed, so memory stays bounded, and
``--jobs`` batches run at once (default: one per CPU). Usage:
``python benchmarks/fuzz.py [--examples N] [--batch N] [--jobs N]`` (a full run takes about
an hour on this machine's two cores).
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TESTS = 5


def _batch(seed: int, size: int, log: Path, batches: int) -> int:
    """One pytest process running the fuzz tests ``size`` examples each with its own seed;
    crashes are appended to ``log`` (one JSON line each, written whole: batches share it)."""
    env = {
        **os.environ,
        "SCHEMADRIFT_FUZZ_EXAMPLES": str(size),
        "SCHEMADRIFT_FUZZ_COLLECT": str(log),
    }
    began = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own interpreter and tests
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--hypothesis-seed={seed}",
            "tests/hardening/test_fuzz.py",
        ],
        cwd=REPO,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    summary = done.stdout.strip().splitlines()[-1:] or ["(no output)"]
    print(
        f"batch {seed + 1}/{batches}: {summary[0]} ({time.perf_counter() - began:.0f} s)",
        flush=True,
    )
    if done.returncode != 0:
        print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", flush=True)
    return done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--examples", type=int, default=100_000, help="examples in all")
    parser.add_argument(
        "--batch",
        type=int,
        default=2_000,
        help="examples per test in one pytest process (each with its own seed)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="batches run at once")
    args = parser.parse_args()
    per_test = max(1, args.examples // TESTS)
    # Hypothesis keeps bookkeeping for every example of a test until the test ends (about
    # 200 KB per random schema: 4 GB for 20,000), so a long run is cut into processes.
    sizes = [min(args.batch, per_test - start) for start in range(0, per_test, args.batch)]
    with tempfile.TemporaryDirectory(prefix="schemadrift-fuzz-") as tmp:
        log = Path(tmp) / "crashes.jsonl"
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            runs = [
                pool.submit(_batch, seed, size, log, len(sizes)) for seed, size in enumerate(sizes)
            ]
            failed = any(run.result() != 0 for run in runs)
        elapsed = time.perf_counter() - start
        crashes = (
            [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        )
    counts = collections.Counter((c["site"], c["error"]) for c in crashes)
    print(
        f"\n{sum(sizes) * TESTS} examples in {len(sizes)} batches, {elapsed:.0f} s; "
        f"{len(crashes)} crashes, "
        f"{len(counts)} distinct sites"
    )
    for (site, error), count in counts.most_common():
        print(f"{count:6d}  {site}\n        {error}")
    return 1 if counts or failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
