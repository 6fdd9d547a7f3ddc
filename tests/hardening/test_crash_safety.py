"""Crash safety: SIGKILL at any moment leaves the baseline (and ``--output`` reports, and the
results cache) either the old or the new complete file, never a torn one.

Each round restores the old file, starts the command, kills it after a random delay and reads
the file back. Half the delays are spread over the whole run, half over its last third, where
the write happens. The suite runs ``SCHEMADRIFT_KILL_ROUNDS`` rounds of each (default 12);
``benchmarks/kill.py`` runs the same rounds 200 times, as a step of ``.ci/run``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

CI_ROUNDS = int(os.environ.get("SCHEMADRIFT_KILL_ROUNDS", "12"))
# `--no-cache`: every round judges everything, so the kills spread over a run as long as the
# one that timed them (a cached run would be over before most of them).
REPORT_ARGS = (
    "check",
    "--no-cache",
    "--format",
    "json",
    "--fail-on",
    "never",
    "--output",
    "report.json",
)


def tools(count: int, version: int) -> dict:
    """An MCP tools/list result; ``version`` changes every schema."""
    return {
        "tools": [
            {
                "name": f"tool_{i}",
                "description": f"Tool {i}, revision {version}. " + "Long prose. " * 40,
                "inputSchema": {
                    "type": "object",
                    "properties": {
                        f"p{j}": {"type": "string", "maxLength": 10 + version + j}
                        for j in range(25)
                    },
                    "required": [f"p{j}" for j in range(version % 3)],
                },
            }
            for i in range(count)
        ]
    }


def prepare(root: Path, count: int = 400) -> tuple[Path, bytes, bytes, bytes, bytes]:
    """A project whose baseline and report exist at version 1 while the tools are at version 2.

    Returns the project and the old and new bytes of the baseline and of the JSON report.
    """
    (root / "tools").mkdir(parents=True)
    (root / "schemadrift.yaml").write_text(
        'dialects: ["openai", "anthropic"]\nsources:\n  - files: "tools/*.json"\n'
    )
    source = root / "tools" / "all.json"
    lock = root / "schemadrift.lock.json"
    source.write_text(json.dumps(tools(count, 1)))
    _run(root, ["snapshot"])
    old_lock = lock.read_bytes()
    old_report = b'{"an older report": true}\n'
    source.write_text(json.dumps(tools(count, 2)))
    _run(root, ["snapshot"])
    new_lock = lock.read_bytes()
    # the baseline now holds version 2: this is what every later `check` writes
    _run(root, REPORT_ARGS)
    new_report = (root / "report.json").read_bytes()
    assert old_lock != new_lock and old_report != new_report
    return root, old_lock, new_lock, old_report, new_report


def _run(root: Path, args: Sequence[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "schemadrift", *args], cwd=root, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()


def kill_rounds(
    root: Path,
    args: Sequence[str],
    target: Path,
    old: bytes,
    new: bytes,
    rounds: int,
    *,
    seed: int = 8,
) -> dict[str, int]:
    """Kill ``schemadrift ARGS`` ``rounds`` times; the target must always be ``old`` or ``new``.

    Returns how many rounds left the old file and how many the new one.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible, not secret
    argv = [sys.executable, "-m", "schemadrift", *args]
    target.write_bytes(old)  # timed as every round runs: from the old file
    start = time.perf_counter()
    subprocess.run(argv, cwd=root, capture_output=True, timeout=120, check=False)
    full = time.perf_counter() - start
    seen = {"old": 0, "new": 0}
    for index in range(rounds):
        target.write_bytes(old)
        delay = rng.uniform(0, full) if index % 2 else rng.uniform(full * 0.6, full * 1.05)
        proc = subprocess.Popen(
            argv, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        data = target.read_bytes()
        assert data in (old, new), (
            f"round {index}: after {delay:.3f}s the file ({len(data)} bytes) is neither the old "
            f"nor the new one ({_whole(data)})"
        )
        seen["old" if data == old else "new"] += 1
    for leftover in root.glob(f".{target.name}.*.tmp"):
        os.unlink(leftover)
    return seen


def _whole(data: bytes) -> str:
    """Whether a file that is neither old nor new is torn or another complete JSON document."""
    try:
        json.loads(data)
    except ValueError:
        return "torn"
    return "a complete JSON document, made from other inputs"


def test_snapshot_survives_sigkill(tmp_path):
    """30 SIGKILLs of `snapshot` at random moments: the baseline is always old or new, whole."""
    root, old, new, _, _ = prepare(tmp_path)
    seen = kill_rounds(root, ["snapshot"], root / "schemadrift.lock.json", old, new, CI_ROUNDS)
    assert seen["old"] + seen["new"] == CI_ROUNDS
    assert seen["old"] > 0  # some kills landed before the rename (the test can fail)


def test_output_report_survives_sigkill(tmp_path):
    """30 SIGKILLs of `check --output`: the report is always the old or the new one, whole."""
    root, _, _, old, new = prepare(tmp_path)
    seen = kill_rounds(root, REPORT_ARGS, root / "report.json", old, new, CI_ROUNDS)
    assert seen["old"] + seen["new"] == CI_ROUNDS


def cache_rounds(root: Path, rounds: int, *, seed: int = 10) -> dict[str, int]:
    """Kill `check` while it fills the results cache: each round starts from an empty (so
    unreadable) cache file, which every run replaces whole at its end."""
    from schemadrift.cache import Cache, default_directory

    path = Cache.for_run(default_directory(), root, "check").path
    assert path is not None
    args = ["check", "--format", "json", "--fail-on", "never"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    _run(root, args)
    new = path.read_bytes()
    json.loads(new)
    return kill_rounds(root, args, path, b"", new, rounds, seed=seed)


def test_results_cache_survives_sigkill(tmp_path):
    """30 SIGKILLs of `check` filling the results cache: its file is always the old (empty)
    or the new one, whole; never a torn document a later run would have to distrust."""
    root, _, _, _, _ = prepare(tmp_path)
    seen = cache_rounds(root, CI_ROUNDS)
    assert seen["old"] + seen["new"] == CI_ROUNDS
    assert seen["old"] > 0  # some kills landed before the rename (the test can fail)
