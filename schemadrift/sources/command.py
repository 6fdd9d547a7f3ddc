"""Tools from any command that prints them as JSON (or YAML) on stdout.

The command runs with an argument list (no shell) in the project root, with a timeout. A
non-zero exit, a timeout or output with no known tool shape is an ``InputError`` that names the
command and shows the tail of its stderr.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from schemadrift.errors import InputError
from schemadrift.model import Tool
from schemadrift.sources.files import decode, tools_from_text

DEFAULT_TIMEOUT = 60.0
MAX_OUTPUT = 512 * 1024 * 1024


def _tail(data: bytes, lines: int = 10) -> str:
    text = data.decode("utf-8", "replace").rstrip()
    return "\n".join(text.splitlines()[-lines:])


def argv_of(value: str | list[str]) -> list[str]:
    return shlex.split(value) if isinstance(value, str) else list(value)


def load(value: str | list[str], root: Path, *, timeout: float | None = None) -> list[Tool]:
    argv = argv_of(value)
    label = shlex.join(argv)
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
        raise InputError(f"command {label}", f"cannot run: {argv[0]!r} not found") from error
    except PermissionError as error:
        raise InputError(f"command {label}", f"cannot run: {error.strerror}") from error
    except subprocess.TimeoutExpired as error:
        raise InputError(
            f"command {label}",
            f"timed out after {limit:g} s (set `timeout` on the source to allow longer)",
        ) from error
    if done.returncode != 0:
        tail = _tail(done.stderr)
        detail = f"; its stderr ends with:\n{tail}" if tail else ""
        raise InputError(f"command {label}", f"exited with status {done.returncode}{detail}")
    text = decode(done.stdout, f"command {label}")
    if not text.strip():
        raise InputError(f"command {label}", "printed nothing; expected tool schemas as JSON")
    found = tools_from_text(text, f"command {label}", kind="command")
    assert found is not None
    return found[1]
