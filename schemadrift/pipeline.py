"""Build and run the parts of a command: extract, lint, diff, apply policy.

``cli.py`` parses options into a ``Config`` and calls one function here per command; these
functions return a ``RunResult`` (or a ``Snapshot``) and never print.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schemadrift import registry, snapshot
from schemadrift.config import Config, SourceSpec
from schemadrift.errors import ConfigError, UsageError
from schemadrift.model import Finding, Snapshot, Tool
from schemadrift.result import RunResult


@dataclass(frozen=True, slots=True)
class Extraction:
    """The tools of a run, where each came from, and the dialects each is judged by."""

    tools: tuple[Tool, ...]
    packages: Mapping[str, str] = field(default_factory=dict)
    tool_dialects: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    shapes: tuple[tuple[str, str], ...] = ()
    skipped: tuple[str, ...] = ()


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
    from schemadrift.sources.shapes import IMPLIED_DIALECT

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


def extract_files(paths: Sequence[str], config: Config) -> Extraction:
    from schemadrift.sources.files import collect

    skipped: list[str] = []
    shapes, tools = collect(list(paths), Path.cwd(), skipped=skipped)
    return Extraction(
        tools=tuple(tools),
        tool_dialects=per_tool_dialects(config, tools, {}),
        shapes=tuple(shapes),
        skipped=tuple(skipped),
    )


def extract_sources(config: Config, *, cli_dialects: bool) -> Extraction:
    """Tools from every configured source, plus the versions of the packages that shaped them."""
    from schemadrift import sources

    if not config.sources:
        raise ConfigError(
            config.label,
            "no sources configured; add e.g. sources = [{ files = \"tools/**/*.json\" }] "
            "under [tool.schemadrift]",
        )
    tools: list[Tool] = []
    source_dialects: dict[int, tuple[str, ...]] = {}
    # Files are read as they are, so no installed package shapes them; any source that runs
    # code (python, command, mcp) may be shaped by the frameworks installed here.
    runs_code = any(spec.kind != "files" for spec in config.sources)
    distributions: set[str] = set(snapshot.SHAPING_DISTRIBUTIONS) if runs_code else set()
    for spec in config.sources:
        found = sources.load(spec.kind, spec.value, config.root, timeout=spec.timeout)
        for tool in found:
            if spec.dialects is not None and not cli_dialects:
                source_dialects[len(tools)] = check_dialects(spec.dialects)
            tools.append(tool)
        distributions.update(_adapter_distributions(spec, found))
    return Extraction(
        tools=tuple(tools),
        packages=snapshot.installed_versions(distributions),
        tool_dialects=per_tool_dialects(config, tools, source_dialects),
    )


def _adapter_distributions(spec: SourceSpec, tools: Sequence[Tool]) -> set[str]:
    """Distributions named by the generators of tools (``"pydantic 2.9.2"`` → ``pydantic``)."""
    names = set()
    for tool in tools:
        if tool.origin.generator:
            names.add(tool.origin.generator.split(" ", 1)[0])
    return names


def lint_findings(config: Config, extraction: Extraction, linter: object | None = None) -> list[Finding]:
    from schemadrift.engine import Linter

    engine = linter if isinstance(linter, Linter) else make_linter(config)
    return engine.lint(
        extraction.tools, targeted(config, extraction), tool_dialects=extraction.tool_dialects
    )


def make_linter(config: Config) -> object:
    from schemadrift.engine import Linter
    from schemadrift.policy import is_off

    def enabled(rule: registry.Rule) -> bool:
        if is_off(rule.id, config.rules):
            return False
        return rule.status != "preview" or config.preview

    return Linter(enabled=enabled)


def finish(
    command: str,
    config: Config,
    findings: Sequence[Finding],
    tools: Sequence[Tool],
    dialects: Sequence[str],
    *,
    verbosity: int,
    baseline: str | None = None,
) -> RunResult:
    from schemadrift import policy

    adjusted = policy.apply_overrides(findings, config.rules, config.version)
    return policy.finish(
        command,
        adjusted,
        tools,
        dialects,
        fail_on=config.fail_on,
        baseline=baseline,
        verbosity=verbosity,
    )


def run_lint(config: Config, paths: Sequence[str], *, verbosity: int) -> tuple[RunResult, Extraction]:
    extraction = extract_files(paths, config)
    findings = lint_findings(config, extraction)
    dialects = targeted(config, extraction)
    return finish("lint", config, findings, extraction.tools, dialects, verbosity=verbosity), extraction


def diff_findings(
    config: Config, before: Snapshot, after: Extraction, *, linter: object | None = None
) -> list[Finding]:
    from schemadrift.diff.run import diff_tools

    return diff_tools(before.tools, after.tools)


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


def run_diff(config: Config, old: str, new: str, *, verbosity: int) -> RunResult:
    before = load_side(old, config)
    after_snapshot = load_side(new, config)
    after = Extraction(
        tools=after_snapshot.tools,
        packages=after_snapshot.packages,
        tool_dialects=per_tool_dialects(config, after_snapshot.tools, {}),
    )
    findings = diff_findings(config, before, after)
    dialects = targeted(config, after)
    return finish("diff", config, findings, after.tools, dialects, verbosity=verbosity)


def read_baseline(config: Config, against: str | None) -> tuple[Snapshot, str]:
    if against:
        from schemadrift import git

        rel = config.display(config.snapshot)
        text = git.show(against, rel, cwd=config.root)
        label = f"{against}:{rel}"
        return snapshot.loads(text, label), label
    label = config.display(config.snapshot)
    return snapshot.read(config.snapshot, label), label


def run_check(config: Config, *, against: str | None, verbosity: int, cli_dialects: bool) -> RunResult:
    extraction = extract_sources(config, cli_dialects=cli_dialects)
    baseline, label = read_baseline(config, against)
    linter = make_linter(config)
    findings = lint_findings(config, extraction, linter)
    findings += diff_findings(config, baseline, extraction, linter=linter)
    dialects = targeted(config, extraction)
    return finish(
        "check", config, findings, extraction.tools, dialects, verbosity=verbosity, baseline=label
    )


def run_snapshot(config: Config, *, allow_empty: bool, cli_dialects: bool) -> tuple[Snapshot, str]:
    """Extract and write the baseline. Refuses to replace a non-empty one with an empty one."""
    from schemadrift.errors import InputError

    extraction = extract_sources(config, cli_dialects=cli_dialects)
    new = snapshot.build(extraction.tools, extraction.packages)
    label = config.display(config.snapshot)
    if not new.tools and not allow_empty and config.snapshot.exists():
        try:
            old = snapshot.read(config.snapshot, label)
        except InputError:
            old = None
        if old is None or old.tools:
            raise InputError(
                label,
                "refusing to replace the baseline with an empty tool list "
                "(pass --allow-empty if that is what you want)",
            )
    snapshot.write_atomic(config.snapshot, snapshot.dumps(new))
    return new, label
