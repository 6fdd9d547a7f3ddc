"""Tools from an MCP server started over stdio: ``{ mcp = ["python", "-m", "app.server"] }``.

The exchange is small enough to own rather than depend on the ``mcp`` client (which would pull
an async stack and pin an SDK line into our core): ``initialize``, ``notifications/initialized``,
``tools/list`` paged through ``nextCursor``, then close stdin and stop the server. Reading
happens on threads with one overall deadline, so a server that hangs, dies or prints garbage
ends the run with a message (and the tail of its stderr), never a hang. The tools are taken as
the raw JSON the server wrote (key order kept) and read by the same shape detection files use.
"""

from __future__ import annotations

import json
import queue
import shlex
import subprocess
import threading
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from schemadrift import __version__
from schemadrift.errors import InputError
from schemadrift.model import JSON, Tool

DEFAULT_TIMEOUT = 30.0
PROTOCOL_VERSION = "2025-11-25"
MAX_PAGES = 1000
STDERR_LINES = 20
MAX_MESSAGE = 64 * 1024 * 1024
"""Longest protocol line we read (a tools/list page of thousands of tools fits easily)."""
MAX_QUEUED = 256
"""Lines read ahead of the exchange; the reader blocks beyond it, so a server flooding stdout
cannot make us buffer without bound."""
STDERR_CHUNK = 64 * 1024
_EOF = object()
_TOO_LONG = object()


class _Server:
    """One running server: a line queue from stdout and a rolling tail of stderr."""

    def __init__(self, argv: list[str], root: Path, label: str) -> None:
        self.label = label
        try:
            self.process = subprocess.Popen(  # noqa: S603 - the user's configured server, no shell
                argv,
                cwd=root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except FileNotFoundError as error:
            raise InputError(
                label, f"cannot start the MCP server: {argv[0]!r} not found"
            ) from error
        except PermissionError as error:
            raise InputError(label, f"cannot start the MCP server: {error.strerror}") from error
        self.lines: queue.Queue[Any] = queue.Queue(maxsize=MAX_QUEUED)
        self.stderr: deque[str] = deque(maxlen=STDERR_LINES)
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        self._threads = [
            threading.Thread(target=self._pump, args=(self.process.stdout,), daemon=True),
            threading.Thread(target=self._drain, args=(self.process.stderr,), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _pump(self, stream: IO[bytes]) -> None:
        while True:
            line = stream.readline(MAX_MESSAGE + 1)
            if not line:
                break
            if len(line) > MAX_MESSAGE:
                self.lines.put(_TOO_LONG)
                return
            self.lines.put(line)
        self.lines.put(_EOF)

    def _drain(self, stream: IO[bytes]) -> None:
        # Read in bounded chunks: one endless stderr line must not fill memory either.
        while True:
            chunk = stream.readline(STDERR_CHUNK)
            if not chunk:
                break
            self.stderr.append(chunk.decode("utf-8", "replace").rstrip())

    def send(self, message: dict[str, JSON]) -> None:
        data = json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n"
        try:
            assert self.process.stdin is not None
            self.process.stdin.write(data)
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as error:
            raise self.died(f"closed its input before {message.get('method')!r}") from error

    def tail(self) -> str:
        for thread in self._threads[1:]:
            thread.join(timeout=0.5)
        return "\n".join(self.stderr)

    def died(self, what: str) -> InputError:
        code = self.process.poll()
        if code is None:
            try:
                code = self.process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                code = None
        status = f" (exit status {code})" if code is not None else ""
        tail = self.tail()
        detail = f"; its stderr ends with:\n{tail}" if tail else "; it wrote nothing to stderr"
        return InputError(self.label, f"the MCP server {what}{status}{detail}")

    def request(
        self, ident: int, method: str, params: dict[str, JSON], deadline: float, limit: float
    ) -> JSON:
        """Send a request and wait for its response, answering server requests meanwhile."""
        self.send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        for message in self._messages(deadline, limit, method):
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    error = message["error"]
                    text = error.get("message") if isinstance(error, dict) else error
                    raise InputError(
                        self.label, f"the MCP server answered {method} with an error: {text}"
                    )
                if not isinstance(message.get("result"), dict):
                    raise InputError(
                        self.label, f"the MCP server's {method} response has no result object"
                    )
                return message["result"]
            if "method" in message and "id" in message:
                # A request from the server (roots/list, sampling...): we offer none of that.
                self.send(
                    {
                        "jsonrpc": "2.0",
                        "id": message["id"],
                        "error": {"code": -32601, "message": "schemadrift only lists tools"},
                    }
                )
        raise AssertionError("unreachable")  # pragma: no cover

    def _messages(self, deadline: float, limit: float, method: str) -> Iterator[dict[str, Any]]:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise InputError(
                    self.label,
                    f"the MCP server did not answer {method} within {limit:g} s (set `timeout` "
                    "on the source to allow longer)" + _tail_note(self.stderr),
                )
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is _EOF:
                raise self.died(f"exited before answering {method}")
            if line is _TOO_LONG:
                raise InputError(
                    self.label,
                    f"the MCP server wrote a stdout line longer than {MAX_MESSAGE // 2**20} MiB "
                    f"while answering {method}; is it printing something other than JSON-RPC?",
                )
            text = line.decode("utf-8", "replace").strip()
            if not text:
                continue
            try:
                message = json.loads(text)
            except ValueError:
                message = None
            if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
                shown = text if len(text) <= 200 else text[:200] + "…"
                raise InputError(
                    self.label,
                    f"the MCP server wrote a line that is not JSON-RPC while answering {method}: "
                    f"{shown!r} (servers must keep stdout for protocol messages; log to stderr)",
                )
            yield message

    def stop(self) -> None:
        """Close stdin (the stdio transport's shutdown), then terminate, then kill."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
        except OSError:
            pass
        for step in (self.process.wait, self._terminate, self._kill):
            try:
                step(timeout=2)
                return
            except subprocess.TimeoutExpired:
                continue

    def _terminate(self, timeout: float) -> None:
        self.process.terminate()
        self.process.wait(timeout=timeout)

    def _kill(self, timeout: float) -> None:
        self.process.kill()
        self.process.wait(timeout=timeout)


def _tail_note(lines: deque[str]) -> str:
    tail = "\n".join(lines)
    return f"; its stderr ends with:\n{tail}" if tail else ""


def list_tools(argv: list[str], root: Path, *, timeout: float | None = None) -> list[JSON]:
    """The raw tool objects a stdio MCP server lists, in its order, across all pages."""
    label = f"mcp {shlex.join(argv)}"
    limit = timeout or DEFAULT_TIMEOUT
    deadline = time.monotonic() + limit
    server = _Server(argv, root, label)
    try:
        server.request(
            1,
            "initialize",
            {
                "protocolVersion": PROTOCOL_VERSION,
                "capabilities": {},
                "clientInfo": {"name": "schemadrift", "version": __version__},
            },
            deadline,
            limit,
        )
        server.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        tools: list[JSON] = []
        cursor: str | None = None
        seen: set[str] = set()
        for page in range(MAX_PAGES):
            params: dict[str, JSON] = {"cursor": cursor} if cursor is not None else {}
            result = server.request(2 + page, "tools/list", params, deadline, limit)
            items = result.get("tools")
            if not isinstance(items, list):
                raise InputError(label, "the MCP server's tools/list result has no 'tools' list")
            tools.extend(items)
            cursor = result.get("nextCursor")
            if not cursor:
                return tools
            if not isinstance(cursor, str) or cursor in seen:
                raise InputError(
                    label, f"the MCP server repeated or sent a bad nextCursor {cursor!r}"
                )
            seen.add(cursor)
        raise InputError(label, f"the MCP server kept paging past {MAX_PAGES} tools/list pages")
    finally:
        server.stop()


def load(value: list[str] | str, root: Path, *, timeout: float | None = None) -> list[Tool]:
    from schemadrift.sources.shapes import DocumentSource, detect

    argv = shlex.split(value) if isinstance(value, str) else list(value)
    if not argv:
        raise InputError("mcp", "the server command is empty")
    label = shlex.join(argv)
    items = list_tools(argv, root, timeout=timeout)
    found = detect({"tools": items}, DocumentSource(label=label, kind="mcp"))
    assert found is not None  # a {"tools": [...]} document always has a shape or raises
    return found[1]
