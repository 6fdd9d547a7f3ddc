"""No network: schemadrift's own process never opens a socket, whatever the command.

Each command runs in a fresh interpreter whose ``sitecustomize`` (put first on ``PYTHONPATH``)
replaces ``socket.socket``, ``getaddrinfo`` and ``create_connection`` with functions that
record the attempt in a log file and raise. Inputs include what would tempt a validator to
fetch: a remote ``$ref``, a ``$ref`` into another file and an unknown ``$schema`` URI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SITECUSTOMIZE = textwrap.dedent(
    """
    import json as _json
    import os as _os
    import socket as _socket
    import sys as _sys

    _LOG = _os.environ.get("SCHEMADRIFT_SOCKET_LOG")


    def _record(what, detail):
        if _LOG:
            with open(_LOG, "a", encoding="utf-8") as handle:
                entry = {"pid": _os.getpid(), "argv": _sys.argv, "what": what, "detail": detail}
                handle.write(_json.dumps(entry, default=repr) + "\\n")
        raise OSError("network access is forbidden in this test: " + what)


    class _NoSocket(_socket.socket):
        def __init__(self, *args, **kwargs):
            _record("socket", repr(args))


    def _getaddrinfo(*args, **kwargs):
        _record("getaddrinfo", repr(args))


    def _create_connection(*args, **kwargs):
        _record("create_connection", repr(args))


    _socket.socket = _NoSocket
    _socket.getaddrinfo = _getaddrinfo
    _socket.create_connection = _create_connection
    """
)

TEMPTING = {
    "$schema": "https://example.invalid/unknown-meta-schema",
    "type": "object",
    "properties": {
        "remote": {"$ref": "https://example.invalid/schemas/remote.json"},
        "relative": {"$ref": "defs/missing.json#/Thing"},
        "urn": {"$ref": "urn:example:thing"},
        "local": {"$ref": "#/$defs/Local"},
    },
    "$defs": {"Local": {"type": "string"}},
}


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """A project plus an environment that records and blocks every socket."""
    root = tmp_path_factory.mktemp("nonet")
    hook = root / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    project = root / "project"
    (project / "tools").mkdir(parents=True)
    (project / "tools" / "tempting.json").write_text(
        json.dumps({"name": "tempting", "description": "d", "input_schema": TEMPTING})
    )
    (project / "tools" / "plain.json").write_text(
        json.dumps({"name": "plain", "input_schema": {"type": "object", "properties": {}}})
    )
    (project / "schemadrift.yaml").write_text(
        'dialects: ["openai", "anthropic", "gemini", "mcp"]\nsources:\n  - files: "tools/*.json"\n'
    )
    (project / "calls.jsonl").write_text(
        json.dumps({"type": "tool_use", "id": "t1", "name": "plain", "input": {}}) + "\n"
    )
    log = root / "sockets.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hook), os.environ.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        ),
        "SCHEMADRIFT_SOCKET_LOG": str(log),
    }
    # `check` and `ack` need a baseline whichever worker runs them, in whatever order: the
    # project starts with one (the `snapshot` case writes it again, guarded).
    subprocess.run(
        [sys.executable, "-m", "schemadrift", "snapshot"], cwd=project, check=True, timeout=120
    )
    return project, env, log


def run(guarded, *args: str) -> tuple[int, str]:
    project, env, _ = guarded
    done = subprocess.run(
        [sys.executable, "-m", "schemadrift", *args],
        cwd=project,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stderr.decode()


def attempts(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


def test_the_guard_catches_a_socket(guarded):
    """The hook really records and blocks a socket (so the other tests can fail)."""
    _, env, log = guarded
    probe = "import socket\ntry:\n    socket.socket()\nexcept OSError:\n    pass\n"
    subprocess.run([sys.executable, "-c", probe], env=env, check=True, timeout=60)
    found = attempts(log)
    assert found and found[-1]["what"] == "socket"
    log.unlink()


COMMANDS = [
    ("--version",),
    ("rules",),
    ("rules", "--format", "json"),
    ("explain", "json-schema/remote-ref"),
    ("report-schema",),
    ("lint", "tools/tempting.json"),
    ("lint", "--dialect", "openai-strict", "--dialect", "gemini-json", "--format", "json", "tools"),
    ("diff", "tools/plain.json", "tools/tempting.json"),
    ("snapshot",),
    ("check",),
    ("check", "--format", "sarif"),
    ("ack", "--all", "--reason", "adopting"),
    ("replay", "calls.jsonl"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_command_opens_no_socket(guarded, args):
    """The command completes without schemadrift's process opening any socket."""
    code, err = run(guarded, *args)
    assert "Traceback" not in err, err
    assert code in (0, 1), err
    assert attempts(guarded[2]) == []
