"""Results kept between runs: a run that sees the tools of the last one judges only what changed.

pre-commit runs ``check`` on every commit, and between two commits nearly every tool is
unchanged. As ruff does, the CLI keeps what it judged (each tool's lint findings, each changed
pair's classified changes) and reuses it when the same content comes back.

Correctness rests on keys, never on time stamps of the inputs:

- an entry's key is a digest of everything its value depends on: the tool's content key and
  its judged dialects (lint), or both tools' content keys (a changed pair);
- a table's name carries what every entry of it depends on: for lint, the set of rules that
  run (policy, preview and a pinned ruleset change it);
- the file's stamp carries the code: schemadrift's version and the size and modification time
  of its own source files, the validator libraries' files and the Python version. A file with
  another stamp is ignored whole.

The cache can make a run faster, never fail it or change its output: a file that cannot be
read, is not a regular file (a FIFO, a device, a symlink) or is not what this module writes is
ignored, one that cannot be written is skipped, and values are plain JSON rebuilt by the same
code that packs them. Each entry carries a digest of its table, key and value: an entry edited
or torn after it was written fails it, as does one its decoder cannot read back (wrong types),
and is then judged again and rewritten. It lives outside the project
(``~/.cache/schemadrift`` by default), so a commit cannot plant results in it, and it holds
only the entries the last run used: it does not grow with the history of a project.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from schemadrift import __version__

ENV = "SCHEMADRIFT_CACHE_DIR"
T = TypeVar("T")
_FORMAT = 2  # 2: each entry is [digest of table, key and value, value]


def default_directory() -> Path:
    """``$SCHEMADRIFT_CACHE_DIR``, else ``$XDG_CACHE_HOME/schemadrift``, else
    ``~/.cache/schemadrift``."""
    explicit = os.environ.get(ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "schemadrift"


def digest(text: str) -> str:
    """The key of an entry: a short digest of the text its value depends on.

    ``hashlib`` loads OpenSSL, ~2.3 ms more than the private ``_blake2`` this once imported
    (2026-12-06: 2.6 ms against 0.3 ms, best of 30 fresh interpreters); ``--version`` does not
    load this module, and a run that uses the cache spends that once."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Cache:
    """One project's results, read once at the first look-up and written once by ``save``.

    ``Cache(None)`` is the disabled cache (``--no-cache``, library calls): every look-up
    misses and nothing is written, so callers never test for it.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._tables: dict[str, dict[str, Any]] | None = None
        self._used: dict[str, dict[str, Any]] = {}
        self._changed = False

    @classmethod
    def for_run(cls, directory: Path | None, root: Path, command: str) -> Cache:
        """The cache of ``command`` in the project at ``root``, inside ``directory`` (``None``:
        disabled). Each command keeps its own file: a ``lint`` of one file between two
        ``check`` runs must not evict the entries ``check`` uses."""
        if directory is None:
            return cls(None)
        project = digest(str(root.resolve()))
        return cls(directory / project / f"{command}.json")

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def recall(self, table: str, key: str, decode: Callable[[Any], T | None]) -> T | None:
        """The value stored under ``key`` (a ``digest``) as ``decode`` reads it back, or
        ``None`` when there is none or ``decode`` rejects it (``None``). Only an accepted
        value is kept for the next run: a rejected one is replaced by the caller's ``put``."""
        if self.path is None:
            return None
        if self._tables is None:
            self._tables = self._read()
        entry = self._tables.get(table, {}).get(key)
        value = _checked(table, key, entry)
        if value is None:
            return None
        try:
            decoded = decode(value)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError, RecursionError):
            decoded = None  # the right digest, the wrong types: judged again, and rewritten
        if decoded is not None:
            self._used.setdefault(table, {})[key] = value
        return decoded

    def has(self, table: str, key: str) -> bool:
        """Whether this run has recalled or stored ``key`` already."""
        return key in self._used.get(table, ())

    def put(self, table: str, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` unless this run recalled or stored it already."""
        if self.path is None:
            return
        used = self._used.setdefault(table, {})
        if key not in used:
            used[key] = value
            self._changed = True

    def save(self) -> None:
        """Write the entries this run used, when any was new or some old ones went unused.

        Atomic (``writing.write_atomic``); any failure leaves the previous file, or none.
        """
        if self.path is None:
            return
        if self._tables is None:
            self._tables = self._read()
        stale = any(
            len(self._used.get(name, {})) != len(entries) for name, entries in self._tables.items()
        )
        if not (self._changed or stale):
            return
        from schemadrift.errors import InputError
        from schemadrift.writing import write_atomic

        if _special(self.path):
            return  # never replace a FIFO, a device or a symlink someone put there
        try:
            write_atomic(self.path, self._pieces())
        except (InputError, TypeError, ValueError, RecursionError):
            return

    def _pieces(self) -> Iterator[str]:
        """The file's JSON text, an entry at a time: a 10,000-tool project's cache is tens of
        megabytes, which a run need not hold as one string on top of its findings. Key order
        is kept (a witness object is shown as it was found)."""
        # ASCII escapes: a lone surrogate (valid in a JSON string, not in UTF-8) survives.
        dump = json.JSONEncoder(separators=(",", ":")).encode
        yield f'{{"format":{_FORMAT},"stamp":{dump(_stamp())},"tables":{{'
        for number, (name, entries) in enumerate(self._used.items()):
            yield f"{',' if number else ''}{dump(name)}:{{"
            for index, (key, value) in enumerate(entries.items()):
                text = dump(value)
                yield f"{',' if index else ''}{dump(key)}:[{dump(_seal(name, key, text))},{text}]"
            yield "}"
        yield "}}"

    def _read(self) -> dict[str, dict[str, Any]]:
        assert self.path is not None
        if _special(self.path):
            return {}
        try:
            document = json.loads(self.path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return {}
        if (
            not isinstance(document, dict)
            or document.get("format") != _FORMAT
            or document.get("stamp") != _stamp()
            or not isinstance(document.get("tables"), dict)
        ):
            return {}
        tables: dict[str, dict[str, Any]] = document["tables"]
        if not all(isinstance(entries, dict) for entries in tables.values()):
            return {}
        return tables


def _seal(table: str, key: str, text: str) -> str:
    """The digest an entry carries: of its table, its key and its value's JSON text."""
    return digest(f"{table}\0{key}\0{text}")


def _checked(table: str, key: str, entry: Any) -> Any:
    """The value of a stored ``[seal, value]`` entry whose seal matches it, else ``None``."""
    if type(entry) is not list or len(entry) != 2 or type(entry[0]) is not str:
        return None
    try:
        text = json.JSONEncoder(separators=(",", ":")).encode(entry[1])
    except (TypeError, ValueError, RecursionError):
        return None
    return entry[1] if entry[0] == _seal(table, key, text) else None


def _special(path: Path) -> bool:
    """Whether ``path`` exists and is not a regular file (it is left alone, unread)."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    import stat

    return not stat.S_ISREG(mode)


_STAMP: list[str] = []


def _stamp() -> str:
    """What every entry depends on besides its key: the code that computed it."""
    if not _STAMP:
        parts = [__version__, sys.version, sys.platform]
        for path in (*_package_files(), *_library_files()):
            try:
                stat = path.stat()
            except OSError:
                continue
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
        _STAMP.append(digest("\n".join(parts)))
    return _STAMP[0]


def _package_files() -> list[Path]:
    """schemadrift's own source and data files, in a stable order."""
    root = Path(__file__).resolve().parent
    found = []
    stack = [root]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    stack.append(Path(entry.path))
                elif entry.name.endswith((".py", ".json")):
                    found.append(Path(entry.path))
    return sorted(found)


def _library_files() -> Iterable[Path]:
    """The files of the libraries whose answers findings rely on: the validators (witnesses,
    meta-validity) and the meta-schemas they ship (an upgrade reinstalls them, which changes
    their modification times)."""
    from importlib.util import find_spec

    for name in ("jsonschema_rs", "jsonschema", "jsonschema_specifications", "referencing"):
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is not None and spec.origin:
            yield Path(spec.origin)
