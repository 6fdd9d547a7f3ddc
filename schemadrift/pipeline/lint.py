"""Linting and policy: the run's ``Linter`` and results cache, the findings of an extraction,
overrides and acks over them (``finish``), and the ``lint`` command."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from schemadrift import registry
from schemadrift.config import Config
from schemadrift.errors import ConfigError
from schemadrift.model import Finding, Tool
from schemadrift.pipeline.extraction import Extraction, extract_files, targeted
from schemadrift.result import RunResult, StaleAck

if TYPE_CHECKING:
    from schemadrift.acks import Ack
    from schemadrift.cache import Cache
    from schemadrift.engine import Linter

CHECKING = ("check", "upgrade-check")
"""Commands that judge the whole project against its baseline (stale acks are theirs to report)."""


def lint_findings(
    config: Config,
    extraction: Extraction,
    linter: Linter | None = None,
) -> list[Finding]:
    """Findings of the extraction's tools. Each file they were read from (``lint``) is one
    request to the provider (its own toolset), unless the configuration says the files are
    sent together (``toolset = "together"``)."""
    engine = linter if linter is not None else make_linter(config)
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


def make_linter(config: Config, cache: Cache | None = None) -> Linter:
    """The run's ``Linter``: the configured rules, jobs and results cache."""
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
