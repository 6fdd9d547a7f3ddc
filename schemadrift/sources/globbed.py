"""The ``files`` source of the configuration: glob patterns relative to the project root."""

from __future__ import annotations

from pathlib import Path

from schemadrift.errors import InputError
from schemadrift.model import Tool
from schemadrift.sources.files import expand_glob, read_file


def load(value: str | list[str], root: Path, *, timeout: float | None = None) -> list[Tool]:
    patterns = [value] if isinstance(value, str) else list(value)
    tools: list[Tool] = []
    for pattern in patterns:
        matches = expand_glob(pattern, root)
        if not matches:
            raise InputError(f"files {pattern!r}", "the pattern matches no file")
        for path in matches:
            found = read_file(path, root, explicit=True)
            assert found is not None
            tools.extend(found[1])
    return tools
