"""The fan-out to worker processes: same results as one process, and never a way to fail."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from schemadrift.parallel import MIN_SHARE, fan_out, fork_safe
from tests.conftest import run_subprocess
from tests.helpers.projects import changed_project

ITEMS = list(range(4 * MIN_SHARE))
PARENT = os.getpid()


def squares(chunk: Sequence[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in chunk]


def test_this_platform_forks() -> None:
    """The tests below exercise workers only where they run (Linux, no other thread)."""
    assert fork_safe()


def test_results_come_back_in_order_from_several_processes() -> None:
    results = fan_out(squares, ITEMS, 3)
    assert [value for value, _ in results] == [item * item for item in ITEMS]
    pids = {pid for _, pid in results}
    assert PARENT in pids and len(pids) == 3


def test_one_job_or_a_short_loop_stays_in_this_process() -> None:
    assert {pid for _, pid in fan_out(squares, ITEMS, 1)} == {PARENT}
    assert {pid for _, pid in fan_out(squares, ITEMS[: 2 * MIN_SHARE - 1], 4)} == {PARENT}


def test_a_worker_that_raises_has_its_share_redone_here() -> None:
    def work(chunk: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() != PARENT:
            raise RuntimeError("worker failure")
        return squares(chunk)

    results = fan_out(work, ITEMS, 2)
    assert results == [(item * item, PARENT) for item in ITEMS]


def test_a_killed_worker_has_its_share_redone_here() -> None:
    def work(chunk: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return squares(chunk)

    assert fan_out(work, ITEMS, 2) == [(item * item, PARENT) for item in ITEMS]


def test_a_worker_result_of_the_wrong_length_is_redone_here() -> None:
    def work(chunk: Sequence[int]) -> list[tuple[int, int]]:
        return squares(chunk)[:-1] if os.getpid() != PARENT else squares(chunk)

    assert fan_out(work, ITEMS, 2) == [(item * item, PARENT) for item in ITEMS]


def test_an_interrupt_stops_and_reaps_every_worker() -> None:
    def work(chunk: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() == PARENT:
            raise KeyboardInterrupt
        time.sleep(60)
        return squares(chunk)

    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        fan_out(work, ITEMS, 3)
    assert time.monotonic() - start < 30  # the sleeping workers were stopped, not awaited
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left, not even a zombie


def test_with_another_thread_running_nothing_is_forked() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not fork_safe()
        assert {pid for _, pid in fan_out(squares, ITEMS, 4)} == {PARENT}
    finally:
        stop.set()
        thread.join()


def test_check_and_lint_say_the_same_with_workers(tmp_path: Path) -> None:
    """Byte-identical reports with one process and with workers, on a set large enough that
    both the lint and the diff fan out."""
    project = changed_project(tmp_path, 2 * MIN_SHARE + 50)
    outputs: dict[str, list[str]] = {}
    for jobs in ("1", "2", "3"):
        for command in (
            ["check", "--fail-on", "never", "--format", "json"],
            ["lint", "--fail-on", "never", "--format", "json", "tools/all.json"],
        ):
            done = run_subprocess(*command, "--jobs", jobs, cwd=project)
            assert done.code == 0, done.err
            outputs.setdefault(command[0], []).append(done.out)
    for command, texts in outputs.items():
        assert texts[0] == texts[1] == texts[2], command
    report = json.loads(outputs["check"][0])
    kinds = {finding["rule"] for finding in report["findings"]}
    assert "diff/optional-property-added" in kinds  # every pair changed: the diff had work
    assert any(kind.startswith("openai-strict/") for kind in kinds)


def test_when_no_process_can_be_forked_this_process_does_the_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    assert fan_out(squares, ITEMS, 3) == [(item * item, PARENT) for item in ITEMS]


def test_when_only_some_workers_start_the_results_keep_their_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_fork = os.fork
    forks = []

    def first_only() -> int:
        if forks:
            raise BlockingIOError("Resource temporarily unavailable")
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", first_only)
    results = fan_out(squares, ITEMS, 4)
    assert [value for value, _ in results] == [item * item for item in ITEMS]
    assert len({pid for _, pid in results}) == 2  # one worker, the rest done here


ORPHANS = r"""
import os, sys, time
sys.path.insert(0, sys.argv[2])
from schemadrift.parallel import MIN_SHARE, fan_out

def work(chunk):
    if os.getpid() != PARENT:
        with open(os.path.join(sys.argv[1], str(os.getpid())), "w"):
            pass
        time.sleep(60)
    return list(chunk)

PARENT = os.getpid()
fan_out(work, list(range(3 * MIN_SHARE)), 3)
"""


def _alive(pid: int) -> bool:
    """Running, not gone and not a zombie left for a parent that does not reap."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_workers_die_with_a_parent_killed_alone(tmp_path: Path) -> None:
    """A CI timeout that kills the parent alone must not leave its workers computing."""
    import subprocess
    import sys

    repo = str(Path(__file__).resolve().parents[2])
    parent = subprocess.Popen([sys.executable, "-c", ORPHANS, str(tmp_path), repo])
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(path.name) for path in tmp_path.iterdir()]
    assert len(workers) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)
