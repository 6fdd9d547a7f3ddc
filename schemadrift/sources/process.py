"""Run the user's program (a ``command`` source, an ``mcp`` server) so it cannot hang or swamp us.

Both sources run a program the configuration names, and both must end within their timeout
whatever the program does. The pieces they share live here:

- ``start`` puts the child in a session of its own (a new process group on POSIX), so that
  ``kill_group`` also reaches the grandchildren it spawned (``sh -c 'sleep 100 & ...'``, an
  ``npx`` wrapper's node process), which killing the direct child alone would leave behind.
- ``Tail`` drains a stream on a thread and keeps only its last ``TAIL_BYTES``: a program that
  writes gigabytes to stderr costs us 64 KiB, and the tail is still there for the message.
- ``Collector`` reads a stream whole, up to a size bound, on a thread, so the caller can wait
  for it with a deadline instead of blocking in ``read``.
- ``Writer`` writes to the child's stdin on a thread: a child that stops reading blocks the
  writer, never the caller, which still sees its deadline pass.
- ``split_command`` turns a command string into arguments, with bad quoting reported as the
  user's input error rather than a crash.

Process groups are POSIX; elsewhere the same calls fall back to killing the direct child.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shlex
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from schemadrift.errors import InputError

TAIL_BYTES = 64 * 1024
"""Bytes of a child's stderr kept for the error message; the rest is read and dropped."""
CHUNK = 64 * 1024
TERM_GRACE = 0.5
"""Seconds a group gets between SIGTERM and SIGKILL when we are stopping it on a failure."""
_POSIX = os.name == "posix"


def split_command(value: str | list[str], kind: str) -> list[str]:
    """The argument list of a source's command: a list as given, a string split like a shell
    would (without running one). Unbalanced quotes are the user's input error, naming the source,
    not a ``ValueError`` that would end the run as an internal error."""
    if not isinstance(value, str):
        return list(value)
    try:
        return shlex.split(value)
    except ValueError as error:
        raise InputError(
            f"{kind} {value}",
            f"the command has bad quoting ({error}); close the quote, or give the command as a "
            'list of arguments: ["program", "arg"]',
        ) from error


def start(argv: list[str], root: Path, *, stdin: bool) -> subprocess.Popen[bytes]:
    """Start ``argv`` in ``root`` with piped stdout/stderr, in a process group of its own.

    ``stdin`` pipes its input (an MCP server reads requests there); otherwise it is closed, so
    a command that asks a question reads end-of-file instead of waiting for an answer.
    Raises ``OSError`` as ``Popen`` does; ``start_failure`` words it.
    """
    group: dict[str, Any] = (
        {"start_new_session": True}
        if _POSIX
        else {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    )
    return subprocess.Popen(  # noqa: S603 - the user's own configured program, no shell
        argv,
        cwd=root,
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **group,
    )


def start_failure(error: OSError, program: str, root: Path) -> str:
    """Why ``program`` could not start, in the user's terms: not found, a directory, or the
    system's reason (``Permission denied``)."""
    if isinstance(error, FileNotFoundError):
        return "not found"
    if (root / program).is_dir():
        return "it is a directory, not a program"
    return str(error.strerror or error)


def with_stderr(message: str, tail: str) -> str:
    """An error message about a child, ending with the tail of its stderr when it wrote one:
    that is where a program says why it failed."""
    return f"{message}; its stderr ends with:\n{tail}" if tail else message


def kill_group(process: subprocess.Popen[bytes], sig: int | None = None) -> None:
    """Send ``sig`` (SIGKILL by default) to the child's whole process group, grandchildren
    included, or kill the child where there are no groups. A group already gone is no error."""
    if _POSIX:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL if sig is None else sig)
        return
    with contextlib.suppress(OSError):
        process.kill()


def terminate_group(process: subprocess.Popen[bytes], grace: float = TERM_GRACE) -> None:
    """SIGTERM the group, give the child ``grace`` seconds, then SIGKILL the group, and reap
    the child. Used when we stop a child early: a program that ignores SIGTERM is killed."""
    if process.poll() is None:
        kill_group(process, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    kill_group(process)
    with contextlib.suppress(subprocess.TimeoutExpired):  # SIGKILL cannot be ignored
        process.wait(timeout=5)


def _chunks(fd: int) -> Iterator[bytes]:
    """What a pipe delivers, chunk by chunk, until end-of-file or a read error (a closed pipe
    ends the stream the same way)."""
    while True:
        try:
            chunk = os.read(fd, CHUNK)
        except OSError:
            return
        if not chunk:
            return
        yield chunk


class Tail:
    """The last ``TAIL_BYTES`` of a stream, drained on a daemon thread so the child never blocks
    on a full pipe and we never hold more than the tail."""

    def __init__(self, stream: IO[bytes], limit: int = TAIL_BYTES) -> None:
        self._fd = stream.fileno()
        self._stream = stream
        self._limit = limit
        self._data = bytearray()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._drain, daemon=True, name="schemadrift-tail")
        self._thread.start()

    def _drain(self) -> None:
        for chunk in _chunks(self._fd):
            with self._lock:
                self._data += chunk
                if len(self._data) > self._limit:
                    del self._data[: len(self._data) - self._limit]
        with contextlib.suppress(OSError):
            self._stream.close()

    def text(self, lines: int, *, wait: float = 0.0) -> str:
        """The last ``lines`` lines read, after waiting up to ``wait`` s for end-of-file (a
        child that just died may still have bytes in the pipe)."""
        if wait:
            self._thread.join(timeout=wait)
        with self._lock:
            data = bytes(self._data)
        text = data.decode("utf-8", "replace").rstrip()
        return "\n".join(text.splitlines()[-lines:])

    @property
    def size(self) -> int:
        """Bytes held (never more than the limit)."""
        with self._lock:
            return len(self._data)


class Collector:
    """A stream read to its end on a daemon thread, up to ``limit`` bytes. ``done`` is set at
    end-of-file or when the bound is passed (``overflow``); reading then stops, so a program
    printing without end costs ``limit`` bytes, not all our memory (the caller kills it)."""

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self._fd = stream.fileno()
        self._limit = limit
        self._chunks: list[bytes] = []
        self._size = 0
        self._lock = threading.Lock()
        self.overflow = False
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True, name="schemadrift-collect")
        self._thread.start()

    def _read(self) -> None:
        try:
            for chunk in _chunks(self._fd):
                with self._lock:
                    self._chunks.append(chunk)
                    self._size += len(chunk)
                    if self._size > self._limit:
                        self.overflow = True
                        break
        finally:
            self.done.set()

    def data(self) -> bytes:
        """What was read so far (all of it once ``done`` is set without ``overflow``)."""
        with self._lock:
            whole = b"".join(self._chunks)
            self._chunks = [whole]  # one copy held, not the chunks and their join
            return whole


_CLOSE = object()


class Writer:
    """Writes to a child's stdin on a daemon thread, so that a child that never reads (its pipe
    full) blocks this thread and not the caller, who keeps watching its deadline.

    ``send`` queues; ``pending`` says how many messages wait; ``error`` is the ``OSError`` that
    ended writing (the child closed its input). ``close`` closes stdin after what is queued.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._fd = stream.fileno()
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._pending = 0
        self._lock = threading.Lock()
        self.error: OSError | None = None
        self._thread = threading.Thread(target=self._write, daemon=True, name="schemadrift-write")
        self._thread.start()

    @property
    def pending(self) -> int:
        """Messages queued and not yet written in full."""
        with self._lock:
            return self._pending

    def send(self, data: bytes) -> None:
        with self._lock:
            self._pending += 1
        self._queue.put(data)

    def close(self) -> None:
        """Close the child's stdin once everything queued is written (or writing failed)."""
        self._queue.put(_CLOSE)

    def _write(self) -> None:
        while True:
            item = self._queue.get()
            if item is _CLOSE:
                break
            assert isinstance(item, bytes)
            if self.error is None:
                self._write_all(item)
            with self._lock:
                self._pending -= 1
        with contextlib.suppress(OSError):
            self._stream.close()

    def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError as error:  # BrokenPipeError: the child closed its input or died
            self.error = error


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` dies, or stop now if it already has.

    For the processes schemadrift starts to run its own code (forked workers, the interpreter
    that imports a python source): a CI timeout that kills schemadrift alone must not leave them
    running. Linux's ``PR_SET_PDEATHSIG``; elsewhere nothing (they still end once they find
    their pipe or folder gone)."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h
