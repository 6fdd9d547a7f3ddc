"""Attack report rows 14i and 24: a report that cannot be written is exit 2, never a pass.

A CI gate that reads silence as green is switched off; a full disk, a closed stdout or a reader
that went away must each say so on stderr and exit 2.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES

DEMO = FIXTURES / "demo"


def _run(stdout: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "schemadrift", "check", "--no-cache", "-v"],
        cwd=DEMO,
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        check=False,
        timeout=60,
    )


def test_a_full_disk_on_stdout_is_exit_2() -> None:
    """(/dev/full: every write fails with ENOSPC, as on a full disk; CI runs on Linux.)"""
    with Path("/dev/full").open("wb") as full:
        done = _run(full)
    assert done.returncode == 2
    assert b"No space left on device" in done.stderr and b"Traceback" not in done.stderr


def test_a_closed_stdout_is_exit_2() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "schemadrift", "check", "--no-cache"],
        cwd=DEMO,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),  # the child starts with stdout closed
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert b"closed" in done.stderr


def test_a_reader_that_goes_away_is_exit_2() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "schemadrift", "check", "--no-cache", "-v"],
        cwd=DEMO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        err = process.stderr.read()
        assert process.wait(timeout=60) == 2
    assert b"the reader closed it" in err and b"Traceback" not in err


def test_replay_on_a_full_disk_is_exit_2(tmp_path: Path) -> None:
    """`replay` prints its report through the same guarded writer: a full stdout is exit 2
    naming the reason, not a pass with the report lost."""
    calls = tmp_path / "calls.jsonl"
    call = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": "get_weather", "arguments": {"city": "Paris"}},
    }
    calls.write_text(json.dumps(call) + "\n", "utf-8")
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "schemadrift", "replay", str(calls), "--baseline"],
            cwd=DEMO,
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
    assert done.returncode == 2, done.stderr
    assert b"No space left on device" in done.stderr and b"Traceback" not in done.stderr
