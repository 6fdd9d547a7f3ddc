"""Build and run the parts of a command: extract, lint, diff, apply policy.

``cli.py`` parses options into a ``Config`` and calls one function here per command; these
functions return a ``RunResult`` (or a ``Snapshot``) and never print.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from schemadrift import registry, snapshot
from schemadrift.config import Config, SourceSpec
from schemadrift.errors import ConfigError, UsageError
from schemadrift.model import Finding, Snapshot, Tool
from schemadrift.result import RunResult, StaleAck

if TYPE_CHECKING:
    from schemadrift.acks import Ack
    from schemadrift.cache import Cache
    from schemadrift.engine import LintResult


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


def lint_findings(
    config: Config,
    extraction: Extraction,
    linter: object | None = None,
) -> list[Finding]:
    """Findings of the extraction's tools. Each file they were read from (``lint``) is one
    request to the provider (its own toolset), unless the configuration says the files are
    sent together (``toolset = "together"``)."""
    from schemadrift.engine import Linter

    engine = linter if isinstance(linter, Linter) else make_linter(config)
    assert isinstance(engine, Linter)
    groups = extraction.files if extraction.files and config.toolset == "file" else None
    return engine.lint(
        extraction.tools,
        targeted(config, extraction),
        tool_dialects=extraction.tool_dialects,
        groups=groups,
    )


def open_cache(config: Config, command: str) -> Cache:
    """The results cache of ``command`` in this project (disabled when ``config.cache`` is
    ``None``: ``--no-cache`` and library calls)."""
    from schemadrift.cache import Cache

    return Cache.for_run(config.cache, config.root, command)


def rule_enabled(config: Config) -> Callable[[registry.Entry], bool]:
    """Whether a rule runs: not ``off``, not newer than a pinned ruleset, preview only on request."""
    from schemadrift.policy import is_off

    def enabled(rule: registry.Entry) -> bool:
        if is_off(rule.id, config.rules):
            return False
        if config.version is not None and rule.since > config.version:
            return False  # a pinned ruleset never gains rules from a schemadrift upgrade
        return rule.status != "preview" or config.preview

    return enabled


def make_linter(config: Config, cache: Cache | None = None) -> object:
    from schemadrift.engine import Linter
    from schemadrift.parallel import default_jobs

    return Linter(enabled=rule_enabled(config), jobs=config.jobs or default_jobs(), cache=cache)


def finish(
    command: str,
    config: Config,
    findings: Sequence[Finding],
    tools: Sequence[Tool],
    dialects: Sequence[str],
    *,
    verbosity: int,
    baseline: str | None = None,
    tool_dialects: Mapping[int, Sequence[str]] | None = None,
    base: Path | None = None,
) -> RunResult:
    """The run's result after policy (overrides, acks). ``base`` is the folder the findings'
    file paths are relative to: the project root (``check``, the default) or the working
    directory (``lint`` and ``diff`` name files as given on the command line)."""
    from schemadrift import policy
    from schemadrift.report.locations import repository_prefix

    adjusted = policy.apply_overrides(findings, config.rules, config.version)
    acks = read_acks(config)
    stale: list[StaleAck] = []
    if acks:
        import datetime

        adjusted, stale = policy.apply_acks(adjusted, acks, datetime.date.today())
        if command not in CHECKING:
            stale = []  # lint and diff see part of the project: other acks are not stale
    return policy.finish(
        command,
        adjusted,
        tools,
        dialects,
        fail_on=config.fail_on,
        stale_acks=stale,
        baseline=baseline,
        verbosity=verbosity,
        tool_dialects={tools[i].name: tuple(d) for i, d in (tool_dialects or {}).items()},
        repository_prefix=repository_prefix(config.root if base is None else base),
    )


def read_acks(config: Config) -> list[Ack]:
    """The project's acks (``schemadrift.acks.toml``); none when the file does not exist."""
    from schemadrift.acks import parse_acks
    from schemadrift.writing import read_regular

    label = config.display(config.acks)
    try:
        text = read_regular(config.acks, label).decode("utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(label, f"cannot read the acks file: {error}") from error
    return parse_acks(text, label)


def run_lint(
    config: Config, paths: Sequence[str], *, verbosity: int, skip_unknown: bool = False
) -> tuple[RunResult, Extraction]:
    extraction = extract_files(paths, config, skip_unknown=skip_unknown)
    cache = open_cache(config, "lint")
    findings = lint_findings(config, extraction, make_linter(config, cache))
    cache.save()
    dialects = targeted(config, extraction)
    return finish(
        "lint",
        config,
        findings,
        extraction.tools,
        dialects,
        verbosity=verbosity,
        tool_dialects=extraction.tool_dialects,
        base=Path.cwd(),  # files as given on the command line
    ), extraction


def diff_findings(
    config: Config,
    before: Snapshot,
    after: Extraction,
    *,
    linter: object | None = None,
    linted: tuple[LintResult, LintResult] | None = None,
) -> list[Finding]:
    """Classified changes from ``before`` to ``after``, for the configured consumers.

    Both sides are linted under the same dialects through one ``Linter`` (shared with the
    lint step in ``check``, so unchanged tools are judged once) for ``diff/dialect-regression``;
    a baseline tool takes the dialects of the current tool of the same name. ``linted`` is
    ``(baseline, current)`` as ``check`` has linted them already with ``linter``; without it
    only the changed tools are linted here.
    """
    from schemadrift.diff.run import diff_tools
    from schemadrift.engine import Linter

    engine = linter if isinstance(linter, Linter) else make_linter(config)
    assert isinstance(engine, Linter)
    before_dialects = baseline_dialects(config, before, after)
    enabled = rule_enabled(config)
    return diff_tools(
        before.tools,
        after.tools,
        enabled=enabled,
        consumers=config.consumers,
        dialects=targeted(config, after),
        linter=engine,
        before_dialects=before_dialects,
        after_dialects=after.tool_dialects,
        packages_before=before.packages,
        packages_after=after.packages,
        lint_enabled=enabled,
        linted=linted,
        jobs=engine.jobs,
        cache=engine.cache,
    )


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
    cache = open_cache(config, "diff")
    findings = diff_findings(config, before, after, linter=make_linter(config, cache))
    cache.save()
    dialects = targeted(config, after)
    return finish(
        "diff",
        config,
        findings,
        after.tools,
        dialects,
        verbosity=verbosity,
        tool_dialects=after.tool_dialects,
        base=Path.cwd(),  # files as given on the command line
    )


def read_baseline(config: Config, against: str | None) -> tuple[Snapshot, str]:
    """The baseline snapshot and its label (the file, or ``REF:file``); a missing, unreadable
    or corrupt one is an ``InputError`` naming it. ``check`` reads it before it runs a source:
    a project without a baseline learns that at once, not after every MCP server started."""
    if against:
        from schemadrift import git

        rel = config.display(config.snapshot)
        text = git.show(against, rel, cwd=config.root)
        label = f"{against}:{rel}"
        return snapshot.loads(text, label), label
    label = config.display(config.snapshot)
    return snapshot.read(config.snapshot, label), label


CHECKING = ("check", "upgrade-check")
"""Commands that judge the whole project against its baseline (stale acks are theirs to report)."""


def run_check(
    config: Config, *, against: str | None, verbosity: int, cli_dialects: bool
) -> RunResult:
    """``schemadrift check``: read the baseline, extract the tools, judge them against it."""
    baseline, label = read_baseline(config, against)
    extraction = extract_sources(config, cli_dialects=cli_dialects)
    return check_extraction(config, extraction, baseline, label, verbosity=verbosity)


def check_extraction(
    config: Config,
    extraction: Extraction,
    baseline: Snapshot,
    label: str,
    *,
    verbosity: int,
    command: str = "check",
) -> RunResult:
    """Everything ``check`` does once the tools are extracted: lint both sides, diff, match
    the baseline's findings, apply policy. ``upgrade-check`` runs the very same function on
    the tools extracted in the upgraded environment, so its report is the one ``check`` will
    give after the upgrade (the tests compare the two byte for byte).

    A lint finding the baseline did not have names the package bumps between the baseline and
    now, as diff findings do: a new provider error after an upgrade is the upgrade's doing as
    much as a contract change is.
    """
    from schemadrift.diff.classify import bumps
    from schemadrift.engine import Linter, acknowledged

    cache = open_cache(config, command)
    linter = make_linter(config, cache)
    dialects = targeted(config, extraction)
    assert isinstance(linter, Linter)
    current, previous = linter.lint_check(
        extraction.tools,
        baseline.tools,
        dialects,
        current_dialects=extraction.tool_dialects,
        baseline_dialects=baseline_dialects(config, baseline, extraction),
    )
    changes = diff_findings(config, baseline, extraction, linter=linter, linted=(previous, current))
    findings, known = known_in_baseline(current, previous)
    findings, known = _without_regressed(findings, known, changes)
    # The linter's caches and both sides' lint results are not needed any more: a 10,000-tool
    # run holds hundreds of thousands of findings.
    del linter, current, previous
    cache.save()
    cause = bumps(baseline.packages, extraction.packages)
    for index, was_known in enumerate(known):
        # In place: each original is freed as its acknowledged copy is made. The findings of
        # a tool the baseline holds unchanged were built acknowledged (``lint_check``).
        if was_known:
            if not findings[index].acknowledged:
                findings[index] = acknowledged(findings[index])
        elif cause and not findings[index].attribution:
            findings[index] = replace(findings[index], attribution=cause)
    findings += changes
    return finish(
        command,
        config,
        findings,
        extraction.tools,
        dialects,
        verbosity=verbosity,
        baseline=label,
        tool_dialects=extraction.tool_dialects,
    )


def _without_regressed(
    findings: list[Finding], known: list[bool], changes: Sequence[Finding]
) -> tuple[list[Finding], list[bool]]:
    """The lint findings less those a dialect regression reports: one cause, one finding.
    The regression names the lint rule (its ``discriminator``) and carries its message; the
    lint finding is its evidence, not a second error."""
    from schemadrift.diff.run import REGRESSION

    covered = {
        (f.discriminator, f.tool, f.pointer, f.dialect) for f in changes if f.rule_id == REGRESSION
    }
    if not covered:
        return findings, known
    keep = [
        (finding, flag)
        for finding, flag in zip(findings, known, strict=True)
        if (finding.rule_id, finding.tool, finding.pointer, finding.dialect) not in covered
    ]
    return [f for f, _ in keep], [flag for _, flag in keep]


def known_in_baseline(
    current: LintResult, previous: LintResult
) -> tuple[list[Finding], list[bool]]:
    """The current lint findings, and for each whether the baseline had it (``check`` then
    marks those acknowledged; ``finish`` puts them in report order).

    ``check`` gates what changed since the committed baseline: a finding that was there when the
    baseline was reviewed and written does not fail the run again (it is still reported, as
    acknowledged), while anything new fails, as does every breaking change. ``lint`` judges
    tools absolutely. This is what makes ``schemadrift snapshot`` then ``check`` green.

    A finding is known when the baseline has one of the same identity (what fingerprints
    hash), its pointer read without representation-only steps (``Finding.semantic_identity``:
    a Gemini ``$ref`` error that moved from ``allOf/0/$ref`` to ``$ref`` when pydantic dropped
    the wrapper is the same finding). A tool unchanged since the baseline was judged once, and both sides hold the very
    same list of its findings: that list is known whole, without an identity made for each of
    its findings (a 10,000-tool run has ~85,000). Its identities are still collected when a
    changed tool has the same name (duplicate names), so the answer is the same either way.
    """
    # Both results are alive here, so equal ids are the same list.
    before = {id(findings) for findings in previous.per_tool}
    same = [id(findings) in before for findings in current.per_tool]
    now = {id(findings) for findings in current.per_tool}
    changed_names = {
        f.tool
        for findings, kept in zip(current.per_tool, same, strict=True)
        if not kept
        for f in findings
    }
    known: set[tuple[str | None, ...]] = {f.semantic_identity for f in previous.toolset}
    for findings in previous.per_tool:
        if id(findings) not in now or (findings and findings[0].tool in changed_names):
            known.update(f.semantic_identity for f in findings)
    out: list[Finding] = []
    flags: list[bool] = []
    for findings, kept in zip(current.per_tool, same, strict=True):
        out += findings
        if kept:
            flags += [True] * len(findings)
        else:
            flags += [f.semantic_identity in known for f in findings]
    out += current.toolset
    flags += [f.semantic_identity in known for f in current.toolset]
    return out, flags


def baseline_dialects(
    config: Config, baseline: Snapshot, current: Extraction
) -> dict[int, tuple[str, ...]]:
    """The dialects each baseline tool is judged by: those of the current tool of the same
    name, else what the configuration gives it."""
    by_name = {tool.name: current.tool_dialects.get(i, ()) for i, tool in enumerate(current.tools)}
    fallback = per_tool_dialects(config, baseline.tools, {})
    return {
        i: tuple(by_name.get(tool.name, fallback.get(i, ())))
        for i, tool in enumerate(baseline.tools)
    }


def run_snapshot(
    config: Config, *, allow_empty: bool, cli_dialects: bool, force: bool = False
) -> tuple[Snapshot, str]:
    """Extract and write the baseline. Refuses to replace a non-empty one with an empty one.

    Before any source runs, the target is checked: a path that is another of the project's
    files (its configuration, its acks, a tool file a source reads; attack row 10) or that is
    not a regular file (a FIFO, a device, a directory; row 4) is refused, as is a read-only
    baseline unless ``force`` (row 22).
    """
    from schemadrift.errors import InputError
    from schemadrift.project_files import refuse_claimed
    from schemadrift.writing import check_replaceable, write_atomic

    label = config.display(config.snapshot)
    refuse_claimed(config, config.snapshot, "the snapshot", baseline=True)
    hint = "pass --force to replace it anyway"
    check_replaceable(config.snapshot, label, force=force, hint=hint)
    extraction = extract_sources(config, cli_dialects=cli_dialects)
    new = snapshot.build(extraction.tools, extraction.packages)
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
    write_atomic(config.snapshot, snapshot.dumps(new), label=label, force=force, hint=hint)
    return new, label


def run_ack(
    config: Config,
    fingerprints: Sequence[str],
    *,
    adopt_all: bool,
    reason: str,
    expires: str | None,
    against: str | None,
) -> tuple[int, str]:
    """Add acks for current findings of ``check`` to the acks file (written atomically).

    ``adopt_all`` acknowledges every unacknowledged finding at or above warning (or at or
    above ``fail_on`` when that is ``info``), so an existing project goes green on day one
    and only new findings fail.
    """
    from schemadrift import acks
    from schemadrift.model import Severity

    label = config.display(config.acks)
    if not reason.strip():
        raise UsageError("--reason must say why the finding is accepted")
    if adopt_all == bool(fingerprints):
        raise UsageError("name one or more FINGERPRINTs, or pass --all (not both)")
    until = acks.parse_date(expires, "--expires") if expires else None
    result = run_check(config, against=against, verbosity=1, cli_dialects=False)
    if adopt_all:
        floor = Severity.INFO if config.fail_on == "info" else Severity.WARNING
        chosen = [f for f in result.findings if not f.acknowledged and f.severity >= floor]
    else:
        by_print = {f.fingerprint: f for f in result.findings}
        chosen = []
        for text in fingerprints:
            found = by_print.get(text)
            if found is None:
                raise UsageError(
                    f"no current finding has fingerprint {text!r}; run `schemadrift check "
                    "--format json` to list them"
                )
            chosen.append(found)
    acks.record(config.acks, label, [acks.ack_for(f, reason, until) for f in chosen])
    return len(chosen), label
