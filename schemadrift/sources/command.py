"""Tools from any command that prints them as JSON (or YAML) on stdout.

The command runs with an argument list (no shell) in the project root, with stdin closed and a
timeout. Every way it can fail is an ``InputError`` that names the command and says what it
did: not found, killed by the timeout, a non-zero exit, nothing printed, text that is not JSON,
JSON that holds no known tool shape. Where the command wrote to stderr, the message ends with
the tail of it, because that is where the reason usually is.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from schemadrift.errors import InputError
from schemadrift.model import Tool
from schemadrift.sources.parsing import decode, parse_text
from schemadrift.sources.shapes import DocumentSource, detect, no_shape_message

DEFAULT_TIMEOUT = 60.0
TAIL_LINES = 10


def _tail(data: bytes | str | None, lines: int = TAIL_LINES) -> str:
    if not data:
        return ""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return "\n".join(text.rstrip().splitlines()[-lines:])


def _with_stderr(message: str, stderr: bytes | str | None) -> str:
    tail = _tail(stderr)
    return f"{message}; its stderr ends with:\n{tail}" if tail else message


def argv_of(value: str | list[str]) -> list[str]:
    return shlex.split(value) if isinstance(value, str) else list(value)


def run(argv: list[str], root: Path, label: str, timeout: float | None) -> tuple[bytes, bytes]:
    """``(stdout, stderr)`` of a command that exited 0, or an ``InputError`` saying why not."""
    if not argv:
        raise InputError(label, "the command is empty")
    limit = timeout or DEFAULT_TIMEOUT
    try:
        done = subprocess.run(  # noqa: S603 - the user's own configured command, no shell
            argv,
            cwd=root,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=limit,
            check=False,
        )
    except FileNotFoundError as error:
        raise InputError(label, f"cannot run: {argv[0]!r} not found") from error
    except PermissionError as error:
        raise InputError(label, f"cannot run {argv[0]!r}: {error.strerror}") from error
    except OSError as error:
        raise InputError(label, f"cannot run {argv[0]!r}: {error.strerror or error}") from error
    except subprocess.TimeoutExpired as error:
        raise InputError(
            label,
            _with_stderr(
                f"killed after {limit:g} s without finishing (set `timeout` on the source to "
                "allow longer)",
                error.stderr,
            ),
        ) from error
    if done.returncode != 0:
        status = (
            f"was killed by signal {-done.returncode}"
            if done.returncode < 0
            else f"exited with status {done.returncode}"
        )
        raise InputError(label, _with_stderr(status, done.stderr))
    return done.stdout, done.stderr


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
        raise InputError(
            label, _with_stderr("printed nothing on stdout; expected tool schemas as JSON", stderr)
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
