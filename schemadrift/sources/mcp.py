"""Tools from an MCP server started over stdio: ``{ mcp = ["python", "-m", "app.server"] }``.

The exchange is small enough to own rather than depend on the ``mcp`` client (which would pull
an async stack and pin an SDK line into our core): ``initialize``, ``notifications/initialized``,
``tools/list`` paged through ``nextCursor``, then close stdin and stop the server. Reading
happens on threads with one overall deadline, so a server that hangs, dies or prints garbage
ends the run with a message (and the tail of its stderr), never a hang. Writing is on a thread
too (``process.Writer``): a server that floods us with requests and never reads its stdin fills
the pipe and blocks that thread, not the deadline. The server runs in a process group of its
own, which ``stop`` kills, so nothing it spawned outlives the listing; its stderr costs a
64 KiB tail whatever it writes. A protocol line is parsed only after ``parsing.nesting_depth``
bounds its nesting as it bounds a file's (``parsing.MAX_DEPTH``): deeper lines are refused,
deep ones within the bound are parsed on a deep stack, so no ``RecursionError`` leaves this
module. The tools are taken as the raw JSON the server wrote (key order kept) and read by the
same shape detection files use.
"""

from __future__ import annotations

import contextlib
import json
import queue
import shlex
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from schemadrift import __version__
from schemadrift.errors import InputError
from schemadrift.model import JSON, Tool
from schemadrift.sources.parsing import parse_json_line
from schemadrift.sources.process import (
    TERM_GRACE,
    Tail,
    Writer,
    split_command,
    start,
    start_failure,
    terminate_group,
    with_stderr,
)

DEFAULT_TIMEOUT = 30.0
PROTOCOL_VERSION = "2025-11-25"
MAX_PAGES = 1000
STDERR_LINES = 20
MAX_MESSAGE = 64 * 1024 * 1024
"""Longest protocol line we read (a tools/list page of thousands of tools fits easily)."""
MAX_QUEUED = 256
"""Lines read ahead of the exchange; the reader blocks beyond it, so a server flooding stdout
cannot make us buffer without bound."""
MAX_UNSENT = 1024
"""Replies to server requests that may wait unwritten; past it the server is not reading its
input, and further replies are dropped rather than queued without bound."""
SHUTDOWN_GRACE = 2.0
"""Seconds a server gets to exit after stdin closes, and again after SIGTERM."""
_EOF = object()
_TOO_LONG = object()


class _Server:
    """One running server: a line queue from its stdout, a writer thread on its stdin and a
    bounded tail of its stderr. Nothing here blocks past the deadline the caller passes."""

    def __init__(self, argv: list[str], root: Path, label: str) -> None:
        self.label = label
        try:
            self.process = start(argv, root, stdin=True)
        except OSError as error:
            raise InputError(
                label,
                f"cannot start the MCP server {argv[0]!r}: {start_failure(error, argv[0], root)}",
            ) from error
        self.lines: queue.Queue[Any] = queue.Queue(maxsize=MAX_QUEUED)
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        self.writer = Writer(self.process.stdin)
        self.stderr = Tail(self.process.stderr)
        threading.Thread(
            target=self._pump, args=(self.process.stdout,), daemon=True, name="schemadrift-mcp"
        ).start()

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

    def send(self, message: dict[str, JSON], *, reply: bool = False) -> None:
        """Queue a message for the server's stdin; never blocks. A reply to a server request is
        dropped once ``MAX_UNSENT`` messages wait: the server is not reading them anyway."""
        if self.writer.error is not None:
            raise self.died(f"closed its input before {message.get('method')!r}")
        if reply and self.writer.pending >= MAX_UNSENT:
            return
        self.writer.send(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")

    def tail(self, wait: float = 0.0) -> str:
        return self.stderr.text(STDERR_LINES, wait=wait)

    def died(self, what: str) -> InputError:
        code = self.process.poll()
        if code is None:
            try:
                code = self.process.wait(timeout=1)
            except subprocess.TimeoutExpired:
                code = None
        status = f" (exit status {code})" if code is not None else ""
        tail = self.tail(wait=0.5)
        message = f"the MCP server {what}{status}"
        if not tail:
            return InputError(self.label, f"{message}; it wrote nothing to stderr")
        return InputError(self.label, with_stderr(message, tail))

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
                    },
                    reply=True,
                )
        raise AssertionError("unreachable")  # pragma: no cover

    def _messages(self, deadline: float, limit: float, method: str) -> Iterator[dict[str, Any]]:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._timed_out(method, limit)
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
            # As strictly as a file: NaN, a duplicate key, 1e400 or nesting past
            # parsing.MAX_DEPTH is refused naming the server; a deep line is parsed on a deep
            # stack, so no RecursionError leaves this source.
            message = parse_json_line(text, self.label)
            if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
                shown = text if len(text) <= 200 else text[:200] + "…"
                raise InputError(
                    self.label,
                    f"the MCP server wrote a line that is not JSON-RPC while answering {method}: "
                    f"{shown!r} (servers must keep stdout for protocol messages; log to stderr)",
                )
            yield message

    def _timed_out(self, method: str, limit: float) -> InputError:
        unsent = self.writer.pending
        stuck = (
            f"; it stopped reading its input ({unsent} of our messages wait unread)"
            if unsent
            else ""
        )
        tail = self.tail()
        return InputError(
            self.label,
            with_stderr(
                f"the MCP server did not answer {method} within {limit:g} s (set `timeout` on "
                f"the source to allow longer){stuck}",
                tail,
            ),
        )

    def stop(self, *, failed: bool = False) -> None:
        """Close stdin (the stdio transport's shutdown) and give the server time to exit, then
        SIGTERM and SIGKILL its process group. After a failure (a timeout, garbage, an error)
        there is nothing to shut down cleanly, so the group is stopped at once."""
        self.writer.close()
        if not failed:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=SHUTDOWN_GRACE)
        # The group also holds what the server spawned (an npx wrapper's node process); none of
        # it may outlive the listing, even when the server itself exited cleanly.
        terminate_group(self.process, grace=SHUTDOWN_GRACE if not failed else TERM_GRACE)


def list_tools(argv: list[str], root: Path, *, timeout: float | None = None) -> list[JSON]:
    """The raw tool objects a stdio MCP server lists, in its order, across all pages."""
    label = f"mcp {shlex.join(argv)}"
    limit = timeout or DEFAULT_TIMEOUT
    deadline = time.monotonic() + limit
    server = _Server(argv, root, label)
    try:
        tools = _exchange(server, deadline, limit)
    except BaseException:
        server.stop(failed=True)
        raise
    server.stop()
    return tools


def _exchange(server: _Server, deadline: float, limit: float) -> list[JSON]:
    """initialize, notifications/initialized, then every tools/list page."""
    label = server.label
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
            raise InputError(label, f"the MCP server repeated or sent a bad nextCursor {cursor!r}")
        seen.add(cursor)
    raise InputError(label, f"the MCP server kept paging past {MAX_PAGES} tools/list pages")


def load(value: list[str] | str, root: Path, *, timeout: float | None = None) -> list[Tool]:
    from schemadrift.sources.shapes import DocumentSource, detect

    argv = split_command(value, "mcp")
    if not argv:
        raise InputError("mcp", "the server command is empty")
    label = shlex.join(argv)
    items = list_tools(argv, root, timeout=timeout)
    found = detect({"tools": items}, DocumentSource(label=label, kind="mcp"))
    assert found is not None  # a {"tools": [...]} document always has a shape or raises
    return found[1]
