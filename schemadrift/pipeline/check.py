"""Judging tools against a baseline: ``diff`` (two sides named on the command line) and
``check`` (the project's tools against its snapshot, which ``upgrade-check`` runs too)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from schemadrift import snapshot
from schemadrift.config import Config
from schemadrift.model import Finding, Snapshot
from schemadrift.pipeline.extraction import (
    Extraction,
    extract_sources,
    load_side,
    per_tool_dialects,
    targeted,
)
from schemadrift.pipeline.lint import finish, make_linter, open_cache, rule_enabled
from schemadrift.result import RunResult

if TYPE_CHECKING:
    from schemadrift.engine import Linter, LintResult


def diff_findings(
    config: Config,
    before: Snapshot,
    after: Extraction,
    *,
    linter: Linter | None = None,
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

    engine = linter if linter is not None else make_linter(config)
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
    from schemadrift.engine import acknowledged

    cache = open_cache(config, command)
    linter = make_linter(config, cache)
    dialects = targeted(config, extraction)
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
