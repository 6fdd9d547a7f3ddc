"""Which installed distributions a source's tools came from, for ``Snapshot.packages``.

``check`` names the version bumps that came with a change by comparing the baseline's
``packages`` with the current ones, so a distribution missing there can never be named: an
MCP server package (``mcp-server-git``), ``langchain-community``, ``llama-index-tools-arxiv``.
This module finds them: the distributions that provide the modules a ``python`` source imported
(by the module's file, so a namespace package shared by many distributions, ``llama_index`` or
``google``, names only the ones really imported), and the distribution that provides the
program an ``mcp`` or ``command`` source starts (its console script, or the module run with
``python -m``), when that program runs in this environment.

``importlib.metadata.packages_distributions()`` would answer the first question, but it parses
the RECORD of every installed distribution (~0.4 s in a 180-distribution environment); reading
the distribution folders on ``sys.path`` directly, ``top_level.txt`` first, costs ~20 ms. The
index is kept per ``sys.path``, so the folder that shadows another (``upgrade-check``'s layered
environment) wins, as it does for imports.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType


@dataclass
class _Dist:
    """One installed distribution's metadata folder and what it provides (read lazily)."""

    folder: str
    tops: frozenset[str]
    scripts: frozenset[str]
    _files: frozenset[str] | None = field(default=None, repr=False)

    @functools.cached_property
    def name(self) -> str:
        """The canonical distribution name, from its metadata (folder names are escaped)."""
        from packaging.utils import canonicalize_name

        for meta in ("METADATA", "PKG-INFO"):
            try:
                with open(os.path.join(self.folder, meta), encoding="utf-8") as handle:
                    for line in handle:
                        if line.startswith("Name:"):
                            return canonicalize_name(line[5:].strip())
                        if not line.strip():
                            break
            except OSError:
                continue
        stem = os.path.basename(self.folder).rsplit(".", 1)[0]
        return canonicalize_name(stem.split("-", 1)[0])

    def files(self) -> frozenset[str]:
        """The paths it installed, relative to its folder's parent, as RECORD lists them."""
        if self._files is None:
            self._files = frozenset(_record_paths(self.folder))
        return self._files


def _record_paths(folder: str) -> list[str]:
    for listing in ("RECORD", "installed-files.txt"):
        try:
            with open(os.path.join(folder, listing), encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            continue
        paths = [line.split(",", 1)[0] for line in text.splitlines() if line]
        if listing == "installed-files.txt":  # egg-info: relative to the egg-info folder
            base = os.path.dirname(folder)
            paths = [
                os.path.relpath(os.path.normpath(os.path.join(folder, p)), base).replace(
                    os.sep, "/"
                )
                for p in paths
            ]
        return paths
    return []


def _tops(folder: str) -> frozenset[str]:
    """The top-level import names a distribution provides."""
    try:
        with open(os.path.join(folder, "top_level.txt"), encoding="utf-8") as handle:
            return frozenset(handle.read().split())
    except OSError:
        pass
    tops = set()
    for path in _record_paths(folder):
        first, slash, _ = path.partition("/")
        if first in ("..", "__pycache__", "") or first.endswith((".dist-info", ".data", ".pth")):
            continue
        tops.add(first if slash else first.split(".", 1)[0])
    return frozenset(tops)


def _scripts(folder: str) -> frozenset[str]:
    """The console scripts a distribution declares (``[console_scripts]`` names)."""
    try:
        with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as handle:
            text = handle.read()
    except OSError:
        return frozenset()
    names = set()
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            section = line.strip("[]").strip()
        elif section == "console_scripts" and "=" in line:
            names.add(line.split("=", 1)[0].strip())
    return frozenset(names)


@dataclass(frozen=True)
class _Index:
    """Every distribution on ``sys.path``: per site folder, top-level name → distributions."""

    folders: tuple[str, ...]
    by_top: Mapping[tuple[str, str], tuple[_Dist, ...]]
    dists: tuple[_Dist, ...]


@functools.cache
def _index(path: tuple[str, ...]) -> _Index:
    folders: list[str] = []
    by_top: dict[tuple[str, str], list[_Dist]] = {}
    dists: list[_Dist] = []
    for entry in path:
        folder = os.path.abspath(entry or ".")
        if folder in folders or not os.path.isdir(folder):
            continue
        folders.append(folder)
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            meta = os.path.join(folder, name)
            if not os.path.isdir(meta):
                continue
            dist = _Dist(meta, _tops(meta), _scripts(meta))
            dists.append(dist)
            for top in dist.tops:
                by_top.setdefault((folder, top), []).append(dist)
    return _Index(
        tuple(folders), {key: tuple(value) for key, value in by_top.items()}, tuple(dists)
    )


def _current() -> _Index:
    return _index(tuple(sys.path))


def _site_of(file: str, folders: Iterable[str]) -> str | None:
    """The ``sys.path`` folder a module file was imported from (the longest that holds it)."""
    best = None
    for folder in folders:
        if file.startswith(folder + os.sep) and (best is None or len(folder) > len(best)):
            best = folder
    return best


def module_distributions(modules: Mapping[str, ModuleType | None]) -> set[str]:
    """The distributions whose files these modules were loaded from.

    A module loaded from the project (not from a site folder), a namespace package (no file of
    its own) and a built-in one have none. When several distributions provide one top-level
    name, the one whose RECORD lists the module's file is the one.
    """
    index = _current()
    found: set[str] = set()
    for name, module in modules.items():
        file = getattr(module, "__file__", None)
        if not isinstance(file, str):
            continue
        file = os.path.abspath(file)
        site = _site_of(file, index.folders)
        if site is None:
            continue
        candidates = index.by_top.get((site, name.partition(".")[0]), ())
        if len(candidates) == 1:
            found.add(candidates[0].name)
            continue
        relative = os.path.relpath(file, site).replace(os.sep, "/")
        for dist in candidates:
            if relative in dist.files():
                found.add(dist.name)
                break
    return found


def program_distributions(argv: list[str], root: Path) -> set[str]:
    """The distribution that provides the program ``argv`` starts, when it runs here.

    ``python -m pkg.server`` (this environment's interpreter) names the distribution holding
    ``pkg.server``; a console script of this environment (``mcp-server-git``) names the one
    that declares it. Anything else (``node``, ``uvx``, another environment's interpreter or
    script, a script of the project) names none: its packages are not the ones installed here.
    """
    if not argv:
        return set()
    program = _resolve(argv[0], root)
    if program is None or os.path.dirname(program) != os.path.dirname(
        os.path.abspath(sys.executable)
    ):
        # Not started from this environment's bin folder: not its packages that run.
        return set()
    name = os.path.basename(program)
    if re.fullmatch(r"python[0-9.]*(\.exe)?", name):
        module = _module_run(argv[1:])
        return _providers_of_module(module) if module else set()
    return {dist.name for dist in _current().dists if name in dist.scripts}


def _resolve(command: str, root: Path) -> str | None:
    """The file a subprocess started in ``root`` runs for ``command`` (PATH lookup for a bare
    name, as ``subprocess`` does), or ``None``."""
    if os.sep in command or (os.altsep and os.altsep in command):
        path = command if os.path.isabs(command) else os.path.join(root, command)
        return os.path.abspath(path) if os.path.isfile(path) else None
    found = shutil.which(command)
    return os.path.abspath(found) if found else None


# Interpreter options that take a value, so the next argument is not the module or script.
_VALUE_OPTIONS = ("-X", "-W", "-Q", "--check-hash-based-pycs")


def _module_run(args: list[str]) -> str | None:
    """The module of ``python [options] -m MODULE ...``, or ``None`` (a script, ``-c``)."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "-m":
            return args[index + 1] if index + 1 < len(args) else None
        if arg.startswith("-m"):
            return arg[2:]
        if arg.startswith("-c") or not arg.startswith("-"):
            return None
        index += 2 if arg in _VALUE_OPTIONS else 1
    return None


def _providers_of_module(module: str) -> set[str]:
    """The distribution that holds ``module``, found the way import would: first on sys.path."""
    index = _current()
    top = module.partition(".")[0]
    stem = module.replace(".", "/")
    for folder in index.folders:
        candidates = index.by_top.get((folder, top), ())
        if len(candidates) == 1:
            return {candidates[0].name}
        for dist in candidates:
            if any(path == stem + ".py" or path.startswith(stem + "/") for path in dist.files()):
                return {dist.name}
    return set()
