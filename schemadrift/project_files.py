"""Which of the project's files a run reads and which it writes, so that neither harms the other.

A run reads the configuration, the baseline, the acks file and the tool files its sources name,
and writes the baseline, the acks file and reports. A write over an input loses it (attack row
10: ``--output schemadrift.lock.json`` replaced the baseline with the text report), and a broad
``files`` glob that reads what schemadrift writes ingests its own output (row 8: each
``snapshot`` added one more copy of every tool). Both questions are answered here, from the
configuration alone: nothing is imported or run.
"""

from __future__ import annotations

from pathlib import Path

from schemadrift.config import Config


def written_files(config: Config) -> frozenset[Path]:
    """The files schemadrift writes in the project, resolved: the baseline, the acks file and
    the report (``output``, unless a tool file is there). A ``files`` source never reads them
    (attack row 8)."""
    paths = [config.snapshot, config.acks]
    for output in {config.output, config.configured_output}:
        if output is not None and not any(
            spec.kind == "files" and _glob_reads(spec.value, config.root, output, output.resolve())
            for spec in config.sources
        ):
            # A report path that holds a tool file a glob reads stays a source, so that
            # `--output tools/weather.json` is refused as such (``claimed_by``), not read less
            # one tool and then overwritten.
            paths.append(output)
    return frozenset(path.resolve() for path in paths)


def claimed_by(config: Config, target: Path, *, baseline: bool = False) -> str | None:
    """What ``target`` already is to the project, when it is one of the files a run reads:
    its configuration, baseline, acks file, a tool file a ``files`` source matches or the
    module of a ``python`` source (looked for in the root and ``src/``, never imported).
    ``baseline``: the target is the baseline itself (``snapshot`` writing it), which may be
    what the baseline path names. ``None``: none of them.

    A file a glob matches counts only when it reads as tools other than a snapshot: the
    baseline or a report a broad glob matches (``**/*.json``) is skipped as a source, not read.
    """
    resolved = target.resolve()
    named = [
        (config.path, "the project's configuration"),
        (config.acks, "the project's acks file"),
    ]
    if not baseline:
        named.append((config.snapshot, "the baseline snapshot"))
    for path, role in named:
        if path is not None and _same_file(resolved, path):
            return role
    for spec in config.sources:
        if spec.kind == "files" and _glob_reads(spec.value, config.root, target, resolved):
            return f"a tool file the source files {spec.value!r} reads"
        if spec.kind == "python" and resolved in _module_files(spec.value, config.root):
            return f"the module of the python source {spec.value!r}"
    return None


def refuse_claimed(config: Config, target: Path, what: str, *, baseline: bool = False) -> None:
    """An ``InputError`` naming ``target`` when writing ``what`` there would overwrite one of
    the project's inputs (attack row 10: `--output schemadrift.lock.json` lost the baseline)."""
    from schemadrift.errors import InputError

    role = claimed_by(config, target, baseline=baseline)
    if role is not None:
        raise InputError(target.as_posix(), f"is {role}; refusing to write {what} over it")


def _same_file(resolved: Path, path: Path) -> bool:
    """Whether two paths name one file (also through links and hard links)."""
    if resolved == path.resolve():
        return True
    try:
        return resolved.samefile(path)
    except OSError:
        return False


def _glob_reads(value: str | list[str], root: Path, target: Path, resolved: Path) -> bool:
    """Whether a ``files`` source's patterns match ``target`` (as given or resolved) and the
    file there reads as tools that are not a schemadrift snapshot."""
    from schemadrift.sources.files import glob_to_regex

    top = root.resolve()
    names = set()
    for path in (target.absolute(), resolved):
        if path.is_relative_to(top):
            names.add(path.relative_to(top).as_posix())
    patterns = [value] if isinstance(value, str) else value
    if not any(glob_to_regex(p).match(name) for p in patterns for name in names):
        return False
    return _reads_as_tools(resolved)


def _reads_as_tools(path: Path) -> bool:
    """Whether ``path`` holds tools (a shape ``files`` reads) other than a snapshot."""
    from schemadrift.errors import SchemadriftError
    from schemadrift.sources.files import read_file

    try:
        found = read_file(path, path.parent, explicit=False)
    except (SchemadriftError, OSError, RecursionError):
        return False
    return found is not None and found[0] != "schemadrift snapshot"


def _module_files(value: str, root: Path) -> set[Path]:
    """The files a ``python`` source's module (``pkg.mod:ATTR``) may be, under the root or
    ``src/`` (where the source imports from first)."""
    parts = value.partition(":")[0].split(".")
    found = set()
    for base in (root / "src", root):
        folder = base.joinpath(*parts)
        for path in (folder.with_suffix(".py"), folder / "__init__.py"):
            if path.is_file():
                found.add(path.resolve())
    return found
