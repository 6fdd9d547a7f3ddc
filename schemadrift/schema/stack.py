"""Run a recursive step on a thread with a deep stack, for inputs nested thousands of levels.

``json.loads``/``json.dumps`` and YAML composition recurse once per nesting level, in C, and
stop at Python's recursion limit (1,000) with ``RecursionError``. A 10,000-deep schema is valid
JSON and must be read and reported (``json-schema/too-deep``), not refused, so the parse is
retried here: a fresh thread gets a large stack (the main thread's is fixed by the OS) and the
recursion limit is raised while it runs. Only the rare deep input pays for the thread.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

DEEP_STACK_BYTES = 512 * 1024 * 1024
"""Virtual stack of the helper thread; pages are only touched as deep as the input goes."""

DEEP_RECURSION_LIMIT = 200_000
"""About 100,000 levels of JSON; deeper input still fails with ``RecursionError``."""


def call_deep(func: Callable[..., T], *args: object) -> T:
    """``func(*args)`` on a thread with a deep stack; its result or its exception."""
    outcome: dict[str, object] = {}

    def target() -> None:
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
        thread.join()
    finally:
        threading.stack_size(old_size)
        sys.setrecursionlimit(old_limit)
    if "error" in outcome:
        error = outcome["error"]
        assert isinstance(error, BaseException)
        raise error
    return outcome["value"]  # type: ignore[return-value]
