"""Run work on a thread with a deep stack, for inputs nested thousands of levels.

``json.loads``/``json.dumps``, YAML composition, ``==`` on nested values and much rule code
recurse once per nesting level and stop at Python's recursion limit (1,000) with
``RecursionError``. A 5,000-deep ``default`` is valid JSON and must be read and reported
(``json-schema/too-deep``), not refused, so the CLI runs each command on a thread with a large
stack (the main thread's is fixed by the OS) and a raised recursion limit, from the start:
nothing runs twice. Input nested past ``sources.parsing.MAX_DEPTH`` is refused before it is
parsed, so the limit here is never the one a document meets.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

DEEP_STACK_BYTES = 512 * 1024 * 1024
"""Virtual stack of the helper thread; pages are only touched as deep as the work goes."""

DEEP_RECURSION_LIMIT = 200_000
"""Frames allowed on the deep thread: room for ``MAX_DEPTH`` (25,000) levels of input through
code that spends several frames per level."""

_DEEP = threading.local()


def on_deep_stack() -> bool:
    """Whether the calling thread is one ``call_deep`` started."""
    return bool(getattr(_DEEP, "active", False))


def call_deep(func: Callable[..., T], *args: object) -> T:
    """``func(*args)`` on a thread with a deep stack; its result or its exception.

    Called on such a thread already, it runs there. The caller's thread waits in ``join``,
    which a signal interrupts: Ctrl-C raises ``KeyboardInterrupt`` in the caller at once
    (the helper is a daemon thread, abandoned when the program exits).
    """
    if on_deep_stack():
        return func(*args)
    outcome: dict[str, object] = {}

    def target() -> None:
        _DEEP.active = True
        try:
            outcome["value"] = func(*args)
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
            outcome["error"] = error

    old_limit = sys.getrecursionlimit()
    old_size = threading.stack_size()
    try:
        threading.stack_size(DEEP_STACK_BYTES)
        sys.setrecursionlimit(max(old_limit, DEEP_RECURSION_LIMIT))
        thread = threading.Thread(target=target, name="schemadrift-deep", daemon=True)
        thread.start()
    finally:
        threading.stack_size(old_size)
    try:
        thread.join()
    finally:
        sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        error = outcome["error"]
        assert isinstance(error, BaseException)
        raise error
    return outcome["value"]  # type: ignore[return-value]
