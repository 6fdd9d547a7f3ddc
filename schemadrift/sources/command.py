"""Tools from any command that prints them as JSON (or YAML) on stdout.

The command runs with an argument list (no shell) in the project root, with stdin closed and a
timeout, in a process group of its own (``process.start``). Every way it can fail is an
``InputError`` that names the command and says what it did: not found, killed by the timeout,
a non-zero exit, nothing printed, more than ``MAX_OUTPUT`` printed, text that is not JSON, JSON
that holds no known tool shape. Where the command wrote to stderr, the message ends with the
tail of it, because that is where the reason usually is; only a 64 KiB tail is ever held.

The command is done when it has exited, not when its stdout closes: a command that exits but
leaves a background process holding stdout (``server & print-tools``) gets ``EXIT_GRACE``
seconds for the pipe to drain, then its group is killed and what it printed is used. On a
timeout the whole group is killed, so no ``sleep 100`` it started outlives the run.
"""

from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path

from schemadrift.errors import InputError
from schemadrift.model import Tool
from schemadrift.sources.parsing import decode, parse_text
from schemadrift.sources.process import (
    Collector,
    Tail,
    kill_group,
    split_command,
    start,
    start_failure,
    terminate_group,
    with_stderr,
)
from schemadrift.sources.shapes import DocumentSource, detect, no_shape_message

DEFAULT_TIMEOUT = 60.0
TAIL_LINES = 10
MAX_OUTPUT = 128 * 1024 * 1024
"""Most bytes a command may print on stdout: thousands of tools are a few MiB, and a command
printing without end is stopped here (or at its timeout), not when memory runs out."""
EXIT_GRACE = 0.5
"""Seconds stdout may stay open after the command exited (held by a process it left behind)."""
_POLL = 0.05


def argv_of(value: str | list[str]) -> list[str]:
    return split_command(value, "command")


def run(argv: list[str], root: Path, label: str, timeout: float | None) -> tuple[bytes, Tail]:
    """``(stdout, stderr tail)`` of a command that exited 0, or an ``InputError`` saying why not."""
    if not argv:
        raise InputError(label, "the command is empty")
    limit = timeout or DEFAULT_TIMEOUT
    deadline = time.monotonic() + limit
    try:
        process = start(argv, root, stdin=False)
    except OSError as error:
        raise InputError(
            label, f"cannot run {argv[0]!r}: {start_failure(error, argv[0], root)}"
        ) from error
    assert process.stdout is not None
    assert process.stderr is not None
    stderr = Tail(process.stderr)
    stdout = Collector(process.stdout, MAX_OUTPUT)
    try:
        _wait(process, stdout, deadline)
    except _Stopped as stopped:
        terminate_group(process)
        raise InputError(label, with_stderr(stopped.why(limit), stderr.text(TAIL_LINES))) from None
    if process.returncode != 0:
        status = (
            f"was killed by signal {-process.returncode}"
            if process.returncode < 0
            else f"exited with status {process.returncode}"
        )
        raise InputError(label, with_stderr(status, stderr.text(TAIL_LINES, wait=EXIT_GRACE)))
    return stdout.data(), stderr


class _Stopped(Exception):
    """The command must be stopped: it ran past its deadline or printed past ``MAX_OUTPUT``."""

    def __init__(self, overflow: bool) -> None:
        super().__init__()
        self.overflow = overflow

    def why(self, limit: float) -> str:
        if self.overflow:
            return (
                f"printed more than {MAX_OUTPUT // 2**20} MiB on stdout and was stopped; a tool "
                "listing is far smaller (is it printing something else?)"
            )
        return (
            f"killed after {limit:g} s without finishing (set `timeout` on the source to "
            "allow longer)"
        )


def _wait(process: subprocess.Popen[bytes], stdout: Collector, deadline: float) -> None:
    """Return once the command has exited and its stdout is read; raise ``_Stopped`` when it
    must be stopped. Waits in short slices so that neither a silent command nor one holding
    stdout open can keep us past the deadline."""
    while not stdout.done.is_set() and process.poll() is None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Stopped(overflow=False)
        stdout.done.wait(min(remaining, _POLL))
    if stdout.overflow:
        raise _Stopped(overflow=True)
    if not stdout.done.is_set():
        # Exited, but something it left behind still holds stdout: take what was printed.
        if not stdout.done.wait(max(0.0, min(EXIT_GRACE, deadline - time.monotonic()))):
            kill_group(process)
            stdout.done.wait(EXIT_GRACE)
        if stdout.overflow:
            raise _Stopped(overflow=True)
        return
    try:
        process.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:  # stdout closed, but the command runs on
        raise _Stopped(overflow=False) from None


def providing_distributions(value: str | list[str], root: Path) -> set[str]:
    """The distribution that provides the program an ``mcp`` or ``command`` source starts (its
    console script, or the module of ``python -m``), when it runs from this environment; none
    for any other program. Recorded in ``snapshot.packages`` so that ``check`` can name a bump
    of the server package itself (``mcp-server-git 2025.1.14 → 2025.7.1``)."""
    from schemadrift.snapshot import OWN_DISTRIBUTIONS
    from schemadrift.sources.provenance import program_distributions

    return program_distributions(argv_of(value), root) - OWN_DISTRIBUTIONS


def load(value: str | list[str], root: Path, *, timeout: float | None = None) -> list[Tool]:
    argv = argv_of(value)
    label = f"command {shlex.join(argv)}"
    stdout, stderr = run(argv, root, label, timeout)
    text = decode(stdout, label)
    if not text.strip():
        tail = stderr.text(TAIL_LINES, wait=EXIT_GRACE)
        raise InputError(
            label, with_stderr("printed nothing on stdout; expected tool schemas as JSON", tail)
        )
    first = text.lstrip()[:1]
    if first not in "{[":
        line = text.strip().splitlines()[0]
        shown = line if len(line) <= 120 else line[:120] + "…"
        doc = _yaml_or_none(text, label)
        if not isinstance(doc, dict | list):
            raise InputError(
                label,
                f"printed no JSON: stdout starts with {shown!r}; the command must print only the "
                "tool schemas on stdout (send logs to stderr)",
            )
    else:
        doc = parse_text(text, label, suffix=".json")
    name = Path(argv[0]).name.split(".", 1)[0] or "command"
    found = detect(doc, DocumentSource(label=shlex.join(argv), kind="command", name_hint=name))
    if found is None:
        raise InputError(label, f"printed JSON with {no_shape_message()}")
    return found[1]


def _yaml_or_none(text: str, label: str) -> object:
    try:
        return parse_text(text, label, suffix=".yaml")
    except InputError:
        return None
