"""The tools of a run: read from files (``lint``, ``diff``) or from the configured sources
(``check``, ``snapshot``), with where each came from and the dialects each is judged by."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schemadrift import registry, snapshot
from schemadrift.config import Config, SourceSpec
from schemadrift.errors import ConfigError, UsageError
from schemadrift.model import Snapshot, Tool


@dataclass(frozen=True, slots=True)
class Extraction:
    """The tools of a run, where each came from, and the dialects each is judged by."""

    tools: tuple[Tool, ...]
    packages: Mapping[str, str] = field(default_factory=dict)
    tool_dialects: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    shapes: tuple[tuple[str, str], ...] = ()
    skipped: tuple[str, ...] = ()
    files: tuple[str, ...] = ()  # lint: the file each tool was read from (one request each)
    # The dialects each tool's source names (``dialects`` on a source), whether or not the
    # command line overrides them: upgrade-check ships them from the upgraded environment so
    # the parent can apply its own command line to them, as ``check`` does.
    source_dialects: Mapping[int, tuple[str, ...]] = field(default_factory=dict)


def check_dialects(names: Sequence[str]) -> tuple[str, ...]:
    """Validate dialect names; an unknown one lists the known ones."""
    registry.load()
    known = sorted(registry.DIALECTS)
    for name in names:
        if name not in registry.DIALECTS:
            guess = registry.nearest(name, known)
            hint = f" Did you mean {guess!r}?" if guess else ""
            raise UsageError(f"unknown dialect {name!r}.{hint} Known dialects: {', '.join(known)}")
    return tuple(dict.fromkeys(names))


def implied_dialects(tools: Sequence[Tool]) -> dict[int, tuple[str, ...]]:
    """Each tool's dialect as implied by its input shape (a bare schema implies none)."""
    from schemadrift.sources.vocabulary import IMPLIED_DIALECT

    out: dict[int, tuple[str, ...]] = {}
    for index, tool in enumerate(tools):
        implied = IMPLIED_DIALECT.get(tool.origin.shape)
        out[index] = (implied,) if implied else ()
    return out


def targeted(config: Config, extraction: Extraction) -> tuple[str, ...]:
    """All dialects the run reports on, in a stable order: the named ones, else the implied."""
    if config.dialects:
        names: list[str] = list(config.dialects)
    else:
        names = []
    for index in range(len(extraction.tools)):
        names.extend(extraction.tool_dialects.get(index, ()))
    return tuple(dict.fromkeys(names))


def per_tool_dialects(
    config: Config, tools: Sequence[Tool], source_dialects: Mapping[int, tuple[str, ...]]
) -> dict[int, tuple[str, ...]]:
    """Precedence: a source's own dialects > CLI/config dialects > the shape's implied one."""
    implied = implied_dialects(tools)
    out = {}
    for index in range(len(tools)):
        if index in source_dialects:
            out[index] = source_dialects[index]
        elif config.dialects:
            out[index] = tuple(config.dialects)
        else:
            out[index] = implied[index]
    return out


def extract_files(
    paths: Sequence[str], config: Config, *, skip_unknown: bool = False
) -> Extraction:
    from schemadrift.sources.files import collect

    skipped: list[str] = []
    files: list[str] = []
    shapes, tools = collect(
        list(paths), Path.cwd(), skipped=skipped, skip_unknown=skip_unknown, files=files
    )
    return Extraction(
        tools=tuple(tools),
        tool_dialects=per_tool_dialects(config, tools, {}),
        shapes=tuple(shapes),
        skipped=tuple(skipped),
        files=tuple(files),
    )


def extract_sources(config: Config, *, cli_dialects: bool) -> Extraction:
    """Tools from every configured source, plus the versions of the packages that shaped them.

    ``packages`` records, for sources that run code: the frameworks of
    ``snapshot.SHAPING_DISTRIBUTIONS`` that are installed, the distributions the adapters
    that made the tools name, every distribution whose modules a ``python`` source imported
    (the user's tool packages: ``langchain-community``, ``llama-index-tools-arxiv``), and the
    distribution that provides an ``mcp`` or ``command`` source's program (``mcp-server-git``),
    so that ``check`` can name the bump of any of them as a finding's cause.
    """
    from schemadrift import sources

    if not config.sources:
        raise ConfigError(
            config.label,
            'no sources configured; add e.g. sources = [{ files = "tools/**/*.json" }] '
            "under [tool.schemadrift]",
        )
    tools: list[Tool] = []
    source_dialects: dict[int, tuple[str, ...]] = {}
    # Files are read as they are, so no installed package shapes them; any source that runs
    # code (python, command, mcp) may be shaped by the frameworks installed here.
    runs_code = any(spec.kind != "files" for spec in config.sources)
    distributions: set[str] = set(snapshot.SHAPING_DISTRIBUTIONS) if runs_code else set()
    for spec in config.sources:
        if spec.kind == "python":
            from schemadrift.sources import python

            found, imported = python.load_recording(spec.value, config.root, timeout=spec.timeout)
            distributions |= imported
        elif spec.kind == "files":
            from schemadrift.project_files import written_files
            from schemadrift.sources import globbed

            found = globbed.load(spec.value, config.root, exclude=written_files(config))
        else:
            found = sources.load(spec.kind, spec.value, config.root, timeout=spec.timeout)
            if spec.kind in ("mcp", "command"):
                from schemadrift.sources.command import providing_distributions

                distributions |= providing_distributions(spec.value, config.root)
        for tool in found:
            if spec.dialects is not None:
                source_dialects[len(tools)] = check_dialects(spec.dialects)
            tools.append(tool)
        distributions.update(_adapter_distributions(spec, found))
    return extraction_of(
        config,
        tools,
        snapshot.installed_versions(distributions),
        source_dialects,
        cli_dialects=cli_dialects,
    )


def extraction_of(
    config: Config,
    tools: Sequence[Tool],
    packages: Mapping[str, str],
    source_dialects: Mapping[int, tuple[str, ...]],
    *,
    cli_dialects: bool,
) -> Extraction:
    """The extraction of these tools under this configuration: dialects named on the command
    line (``cli_dialects``) override the sources' own, as everywhere else."""
    return Extraction(
        tools=tuple(tools),
        packages=dict(packages),
        tool_dialects=per_tool_dialects(config, tools, {} if cli_dialects else source_dialects),
        source_dialects=dict(source_dialects),
    )


def _adapter_distributions(spec: SourceSpec, tools: Sequence[Tool]) -> set[str]:
    """Distributions named by the generators of tools (``"pydantic 2.9.2"`` → ``pydantic``)."""
    names = set()
    for tool in tools:
        if tool.origin.generator:
            names.add(tool.origin.generator.split(" ", 1)[0])
    if names and spec.kind == "python":
        # The adapter that made the tools names every distribution it depends on.
        from schemadrift.adapters.loader import distributions_for

        names |= distributions_for(tool.origin.generator for tool in tools if tool.origin.generator)
    return names


def load_side(spec: str, config: Config) -> Snapshot:
    """One side of ``diff OLD NEW``: a file, a directory, a snapshot or ``REF:path``."""
    from schemadrift.sources.files import collect

    path = Path(spec)
    if ":" in spec and not path.exists() and not spec.startswith(("-", "/")):
        from schemadrift import git

        ref, _, rel = spec.partition(":")
        text = git.show(ref, rel, cwd=Path.cwd())
        from schemadrift.sources.files import tools_from_text

        found = tools_from_text(text, spec, suffix=Path(rel).suffix.lower())
        assert found is not None
        return snapshot.build(found[1], {})
    shapes, tools = collect([spec], Path.cwd())
    packages: Mapping[str, str] = {}
    if path.is_file() and shapes and shapes[0][1] == "schemadrift snapshot":
        return snapshot.read(path, shapes[0][0])
    return Snapshot(tools=tuple(tools), packages=packages)
