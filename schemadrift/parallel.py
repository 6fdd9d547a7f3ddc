"""Fan a loop of independent items out to forked worker processes.

Linting each tool and analysing each tool pair are the two loops that dominate a large run,
and each item is independent of the others. A forked worker inherits the loaded catalogue
and the items themselves, so nothing but the results crosses a process boundary. Results
come back in the order of the items, so the output is the same whatever the number of
workers (tests compare reports made with 1, 2 and 3).

The fan-out is an optimisation and never a way to fail: where forking is not safe (not
Linux, threads running, a platform without ``fork``), with one worker, or for a short loop,
the work runs in this process; a worker that fails in any way (an exception, a signal, a
result that does not unpickle) has its share redone here, where an error surfaces as it
would have without workers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_SHARE = 150
"""Fewest items worth a worker: forking and passing results back cost a few milliseconds."""

MAX_JOBS = 4
"""The parent rebuilds every worker's results, so more workers than this gain little."""


def default_jobs() -> int:
    """The CPUs this process may run on, at most ``MAX_JOBS``."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    return max(1, min(count, MAX_JOBS))


def fork_safe() -> bool:
    """Whether forking here is safe: Linux (macOS frameworks break after ``fork``), and no
    thread running but this one (a lock a thread held at the fork stays held in the child).

    The CLI runs each command on the deep-stack thread (``schema/stack.py``) while the thread
    that started it only waits in ``join``: that waiting thread runs nothing the child could
    need, so it does not count."""
    import threading

    from schemadrift.schema.stack import on_deep_stack

    others = threading.active_count() - 1 - int(on_deep_stack())
    return sys.platform == "linux" and hasattr(os, "fork") and others == 0


def fan_out(work: Callable[[Sequence[T]], list[R]], items: Sequence[T], jobs: int) -> list[R]:
    """``work(items)``, computed in up to ``jobs`` processes; ``work`` returns one result per
    item, and its results must pickle."""
    shares = min(jobs, len(items) // MIN_SHARE)
    if shares <= 1 or not fork_safe():
        return work(items)
    size = -(-len(items) // shares)
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    done: list[list[R] | None] = [None] * len(chunks)
    pending: list[tuple[int, int, int]] = []  # (chunk index, worker pid, its pipe)
    try:
        for index in range(1, len(chunks)):
            try:
                pending.append((index, *_start(work, chunks[index])))
            except OSError:  # no process or pipe left (limits): this process does the share
                continue
        forked = {index for index, _, _ in pending}
        for index in range(len(chunks)):
            if index not in forked:
                done[index] = work(chunks[index])
        while pending:
            # Off the list before reading: ``_collect`` reaps it whatever happens, and a reaped
            # pid may belong to another process at once.
            index, pid, reader = pending.pop(0)
            collected: list[R] | None = _collect(pid, reader, len(chunks[index]))
            done[index] = work(chunks[index]) if collected is None else collected
    finally:
        for _, pid, reader in pending:  # left by an error or an interrupt
            _stop(pid, reader)
    return [result for share in done if share is not None for result in share]


def _start(work: Callable[[Sequence[T]], list[R]], chunk: Sequence[T]) -> tuple[int, int]:
    """Fork a worker computing ``work(chunk)``; its pid and the pipe its results come on."""
    from schemadrift.sources.process import die_with_parent

    parent = os.getpid()
    reader, writer = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        raise
    if pid == 0:  # the worker
        status = 1
        try:
            import pickle

            os.close(reader)
            die_with_parent(parent)
            data = pickle.dumps(work(chunk), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(data)
            status = 0
        except BaseException:  # noqa: BLE001, S110 - the parent redoes the share
            pass
        finally:
            # Never return into the parent's code, never flush its buffers or run its exit
            # handlers: the parent owns stdout and the files it writes.
            os._exit(status)
    os.close(writer)
    return pid, reader


def _collect(pid: int, reader: int, expected: int) -> list[R] | None:
    """A worker's results, or ``None`` when it failed (the caller then redoes its share).
    Closes ``reader`` and reaps the worker whatever happens (stopping it first when the read
    did not finish, e.g. on an interrupt)."""
    parts = []
    finished = False
    try:
        while part := os.read(reader, 1 << 20):
            parts.append(part)
        finished = True
    finally:
        os.close(reader)
        if not finished:
            _kill(pid)
        _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    import pickle

    try:
        results = pickle.loads(b"".join(parts))  # noqa: S301 - written by our own fork
    except Exception:  # noqa: BLE001 - a truncated result: redo the share
        return None
    if not isinstance(results, list) or len(results) != expected:
        return None
    return results


def _stop(pid: int, reader: int) -> None:
    """Stop and reap a worker whose results are no longer wanted."""
    os.close(reader)
    _kill(pid)
    os.waitpid(pid, 0)


def _kill(pid: int) -> None:
    import contextlib
    import signal

    with contextlib.suppress(ProcessLookupError):  # it has exited: still to be reaped
        os.kill(pid, signal.SIGKILL)
