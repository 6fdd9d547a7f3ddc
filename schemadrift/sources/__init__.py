"""Where tools come from: files, a command, a Python object, an MCP server.

Sources are internal and few, so they sit in a literal registry of module names (pre-commit's
languages); each module has ``load(value, root, *, timeout)`` returning ``Tool``s. Modules are
imported only when a configured source needs them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from schemadrift.model import Tool

SOURCES: dict[str, str] = {
    "command": "schemadrift.sources.command",
    "files": "schemadrift.sources.globbed",
    "mcp": "schemadrift.sources.mcp",
    "python": "schemadrift.sources.python",
}


def loader(kind: str) -> Callable[..., list[Tool]]:
    module = importlib.import_module(SOURCES[kind])
    load: Callable[..., list[Tool]] = module.load
    return load


def load(kind: str, value: Any, root: Path, *, timeout: float | None = None) -> list[Tool]:
    return loader(kind)(value, root, timeout=timeout)
