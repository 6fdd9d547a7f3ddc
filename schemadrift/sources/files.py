"""Read tools from JSON and YAML files, directories, globs and stdin.

Parsing (``parsing.py``) is strict where parsers disagree, and bounded. A UTF-8 byte-order
mark is accepted. Only regular files are read (symlinks to one are followed): a FIFO or a
device named or matched is refused before it is opened, as it would block or never end;
``-`` reads stdin.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from schemadrift.errors import InputError
from schemadrift.model import Tool
from schemadrift.sources.parsing import decode, parse_text, reads_as_json
from schemadrift.sources.shapes import DocumentSource, detect, no_shape_message

TOOL_SUFFIXES = (".json", ".yaml", ".yml")
STDIN = "-"


def display_path(path: Path, root: Path) -> str:
    """A repo-relative POSIX path when ``path`` is under ``root``, else the path as given."""
    try:
        # The folder is resolved, not the file: a symlinked file is named as the user sees it
        # (a dangling link must be named, not the missing target it points to).
        return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


# A tool's name as JSON or YAML writes it: `"name": "x"`, `'name': 'x'`, `name: x`. The key
# is found by a literal scan (fast) and checked by hand; the value is matched where it ends.
_NAME_KEY = re.compile(r"""name(["']?)[ \t]*:[ \t]*""")
_DOUBLE_QUOTED = r'"((?:[^"\\\n]|\\.)*)"'
_JSON_NAME_VALUE = re.compile(_DOUBLE_QUOTED)


def _yaml_name_value(longest: int) -> re.Pattern[str]:
    """A name value as YAML writes it: quoted, or plain to the end of its line or to a comment.

    A plain value is matched only up to ``longest`` characters, the longest name looked for:
    ``name:`` also occurs in free text, and in a file written on one line each occurrence
    ran on to the end of the file (a 22 MB file took 2.4 GB and six seconds).
    """
    plain = rf"""([^\s"'{{\[,#][^\n]{{0,{longest}}}?)(?=[ \t\r]*(?:\n|\Z)|[ \t]+#)"""
    return re.compile(rf"""{_DOUBLE_QUOTED}|'((?:[^'\n]|'')*)'|{plain}""")


def _name_lines(text: str, wanted: set[str], *, yaml: bool) -> dict[str, list[int]]:
    """The 1-based lines of every declaration of a ``wanted`` name in ``text``, in one pass.

    One scan for the whole document: scanning once per tool made a 1,500-tool file take
    minutes (quadratic in the file size). JSON text declares a name one way only
    (``"name": "x"``); YAML also with single quotes or none.
    """
    found: dict[str, list[int]] = {}
    if not wanted:
        return found
    if yaml:
        value_at = _yaml_name_value(max(len(name) for name in wanted)).match
    else:
        value_at = _JSON_NAME_VALUE.match
    line, last = 1, 0
    for key in _NAME_KEY.finditer(text):
        start, quote = key.start(), key.group(1)
        before = text[start - 1] if start else ""
        if quote:
            if before != quote or not (yaml or quote == '"'):
                continue
        elif not yaml or before.isalnum() or before in "_\"'":
            continue
        value = value_at(text, key.end())
        if value is None:
            continue
        name = _declared(value)
        if name in wanted:
            line += text.count("\n", last, start)
            last = start
            found.setdefault(name, []).append(line)
    return found


def _declared(value: re.Match[str]) -> str:
    """The name a match of a name value declares: double-quoted, single-quoted or plain (only
    the YAML pattern has the last two)."""
    double = value.group(1)
    single, plain = value.groups()[1:] if value.re.groups == 3 else (None, None)
    if double is not None:
        if "\\" not in double:
            return double  # no escape to decode
        try:
            return str(json.loads(f'"{double}"'))
        except ValueError:
            return double
    if single is not None:
        return single.replace("''", "'")
    return (plain or "").rstrip(" \t\r")


def tools_from_text(
    text: str, label: str, *, suffix: str = "", kind: str = "file", explicit: bool = True
) -> tuple[str, list[Tool]] | None:
    """Parse a document and detect its shape. ``None`` (not explicit) when it has no shape."""
    doc = parse_text(text, label, suffix=suffix)
    base = label.rsplit("/", 1)[-1]
    name_hint = base.split(".", 1)[0] or "stdin"
    src = DocumentSource(label=label, kind=kind, name_hint=name_hint)
    found = detect(doc, src)
    if found is None:
        if explicit:
            raise InputError(label, no_shape_message())
        return None
    shape, tools = found
    if shape == "schemadrift snapshot":
        return shape, tools
    wanted = {tool.name for tool in tools if not tool.name_from_file}
    lines = _name_lines(text, wanted, yaml=not reads_as_json(text, suffix))
    seen: dict[str, int] = {}
    located = []
    for tool in tools:
        nth = seen.get(tool.name, 0)
        seen[tool.name] = nth + 1
        line = 1 if tool.name_from_file else _nth_line(lines.get(tool.name, []), nth)
        located.append(replace(tool, origin=replace(tool.origin, line=line)))
    return shape, located


def _nth_line(lines: list[int], nth: int) -> int | None:
    """The line of the ``nth`` declaration of a name, else of its last one (``None``: none)."""
    return lines[nth] if nth < len(lines) else (lines[-1] if lines else None)


def read_file(path: Path, root: Path, *, explicit: bool = True) -> tuple[str, list[Tool]] | None:
    label = display_path(path, root)
    from schemadrift.writing import read_regular

    try:
        # A FIFO or device (``lint /dev/zero``, a FIFO a glob matches) is refused unread:
        # reading it would block or never end.
        data = read_regular(path, label)
    except FileNotFoundError as error:
        raise InputError(label, "no such file") from error
    except IsADirectoryError as error:
        raise InputError(label, "is a directory") from error
    except PermissionError as error:
        raise InputError(label, "permission denied: cannot read the file") from error
    except OSError as error:
        raise InputError(label, f"cannot read the file: {error.strerror or error}") from error
    return tools_from_text(
        decode(data, label), label, suffix=path.suffix.lower(), explicit=explicit
    )


def read_stdin() -> tuple[str, list[Tool]]:
    data = sys.stdin.buffer.read()
    found = tools_from_text(decode(data, "<stdin>"), "<stdin>", kind="stdin")
    assert found is not None  # explicit=True raises instead
    return found


def walk_directory(directory: Path) -> Iterator[Path]:
    """Tool files under ``directory``, sorted, never following symlinked directories."""
    for current, dirs, files in os.walk(directory, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(TOOL_SUFFIXES):
                yield Path(current) / name


class GlobPattern:
    """A compiled glob: ``fnmatch`` semantics per path part, ``**`` for any number of parts.

    ``*``, ``?``, ``[ab]`` and ``[!a]`` match within one part (never across ``/``) with the
    standard library's ``fnmatch`` rules, case-sensitively; a part that is exactly ``**``
    matches zero or more whole parts (directories). Matching is dynamic programming over the
    parts, and each part is a ``fnmatch.translate`` regex (whose stars are atomic groups), so
    no pattern can backtrack catastrophically: a regex over the whole path did (a pattern
    ``*a*a*a*a*a*a*a*a*a*a*b`` against a name of 30 ``a``s took over half a second, doubling
    every two further letters).
    """

    __slots__ = ("parts", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        # `./a`, `a//b` and `a/./b` name the same path as `a/b`. (`lstrip("./")` stripped the
        # dot of `./.tools/*.json` too, turning it into `tools/*.json`.)
        parts = [part for part in pattern.split("/") if part not in ("", ".")]
        self.parts: tuple[re.Pattern[str] | None, ...] = tuple(
            None if part == "**" else re.compile(fnmatch.translate(part)) for part in parts
        )

    def match(self, path: str) -> bool:
        """Whether ``path`` (POSIX, relative to the root) matches the whole pattern."""
        names = [name for name in path.split("/") if name not in ("", ".")]
        # reached[j]: the pattern parts seen so far match exactly the first j names
        reached = [True] + [False] * len(names)
        for part in self.parts:
            if part is None:  # `**`: from any reached point on, every later point is reached
                for j in range(1, len(names) + 1):
                    reached[j] = reached[j] or reached[j - 1]
            else:
                reached = [False] + [
                    reached[j] and part.match(name) is not None for j, name in enumerate(names)
                ]
        return reached[-1]


def glob_to_regex(pattern: str) -> GlobPattern:
    """Compile a glob with ``**`` into a matcher over POSIX paths relative to the root."""
    return GlobPattern(pattern)


def expand_glob(pattern: str, root: Path) -> list[Path]:
    """Files under ``root`` matching ``pattern`` (relative, ``**`` allowed), sorted.

    Walks with ``os.walk(followlinks=False)`` so a symlink loop cannot recurse forever.
    """
    matcher = glob_to_regex(pattern)
    found = []
    for current, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        rel_dir = Path(current).relative_to(root).as_posix()
        for name in sorted(files):
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            if matcher.match(rel):
                found.append(Path(current) / name)
    return sorted(found)


def collect(
    paths: list[str],
    root: Path,
    *,
    skipped: list[str] | None = None,
    skip_unknown: bool = False,
    files: list[str] | None = None,
) -> tuple[list[tuple[str, str]], list[Tool]]:
    """Tools from command-line paths: files (explicit), directories (walked), ``-`` (stdin).

    Returns ``(file label, shape)`` pairs for verbose output and the tools. Files met while
    walking a directory that have no known shape are skipped and recorded in ``skipped``.
    ``files`` receives the label of the file each tool was read from (a snapshot's tools keep
    the locations of their sources, yet were read from one file).
    """
    shapes: list[tuple[str, str]] = []
    tools: list[Tool] = []

    def add(label: str, shape: str, found: list[Tool]) -> None:
        shapes.append((label, shape))
        tools.extend(found)
        if files is not None:
            files.extend([label] * len(found))

    for raw in paths:
        if raw == STDIN:
            shape, found = read_stdin()
            add("<stdin>", shape, found)
            continue
        path = Path(raw)
        if path.is_dir():
            members = list(walk_directory(path))
            if not members:
                raise InputError(display_path(path, root), "the directory holds no tool files")
            loaded = 0
            for member in members:
                result = read_file(member, root, explicit=False)
                if result is None:
                    if skipped is not None:
                        skipped.append(display_path(member, root))
                    continue
                loaded += 1
                add(display_path(member, root), *result)
            if not loaded:
                raise InputError(
                    display_path(path, root),
                    "the directory holds no file of a known tool shape",
                )
            continue
        # pre-commit passes every file its pattern matches: with skip_unknown those with no
        # tool shape are skipped as if met while walking a directory
        result = read_file(path, root, explicit=not skip_unknown)
        if result is None:
            if skipped is not None:
                skipped.append(display_path(path, root))
            continue
        add(display_path(path, root), *result)
    return shapes, tools
