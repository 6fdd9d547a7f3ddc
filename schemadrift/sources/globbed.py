"""The ``files`` source of the configuration: glob patterns relative to the project root.

A pattern never matches the files schemadrift itself writes in the project: the baseline
snapshot, the acks file and the configured report (``output``). They are skipped silently
(passed as ``exclude``): with ``files = "**/*.json"`` the baseline would otherwise be read back
as tools, each ``snapshot`` adding one more copy of every tool (attack report row 8), and a
JSON report would fail the next run as a file of no known shape.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from schemadrift.errors import InputError
from schemadrift.model import Tool
from schemadrift.sources.files import expand_glob, read_file


def load(
    value: str | list[str],
    root: Path,
    *,
    timeout: float | None = None,
    exclude: Collection[Path] = (),
) -> list[Tool]:
    """The tools of every file the patterns match, less ``exclude`` (resolved paths)."""
    patterns = [value] if isinstance(value, str) else list(value)
    tools: list[Tool] = []
    for pattern in patterns:
        matches = expand_glob(pattern, root)
        if not matches:
            raise InputError(f"files {pattern!r}", "the pattern matches no file")
        kept = [path for path in matches if not _excluded(path, exclude)]
        if not kept:
            raise InputError(
                f"files {pattern!r}",
                "the pattern matches only files schemadrift writes (the baseline snapshot, "
                "the acks file or the report), which are never read as tools",
            )
        for path in kept:
            found = read_file(path, root, explicit=True)
            assert found is not None
            tools.extend(found[1])
    return tools


def _excluded(path: Path, exclude: Collection[Path]) -> bool:
    """Whether ``path`` is one of ``exclude``, also through a symlink."""
    if not exclude:
        return False
    if path in exclude:
        return True
    try:
        return path.resolve() in exclude
    except (OSError, RuntimeError):
        return False
