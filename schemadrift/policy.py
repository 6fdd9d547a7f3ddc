"""Policy: per-rule severity overrides, ``off`` rules, acknowledgements and ``--fail-on``.

Runs after linting and diffing, before reporting. Overrides match a rule ID exactly or a whole
pack with ``"pack/*"``; an exact ID wins over its pack. ``fail_on`` decides the exit code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from schemadrift.model import Finding, Location, Severity, Tool
from schemadrift.result import RunResult, StaleAck, ToolSummary

if TYPE_CHECKING:
    from schemadrift.acks import Ack

OFF = "off"


def level_for(rule_id: str, overrides: Mapping[str, str]) -> str | None:
    """The configured level of a rule (``error``/``warning``/``info``/``off``), if any."""
    if rule_id in overrides:
        return overrides[rule_id]
    pack = rule_id.split("/", 1)[0]
    return overrides.get(f"{pack}/*")


def is_off(rule_id: str, overrides: Mapping[str, str]) -> bool:
    return level_for(rule_id, overrides) == OFF


def apply_overrides(
    findings: Iterable[Finding], overrides: Mapping[str, str], version: int | None = None
) -> list[Finding]:
    """Re-level or drop findings as configured; ``version`` pins rule default levels."""
    from schemadrift import registry

    if not overrides and version is None:
        return list(findings)  # nothing configured: no look-up for each of 100,000 findings
    out = []
    for finding in findings:
        level = level_for(finding.rule_id, overrides)
        if level == OFF:
            continue
        levelled = finding
        if level is not None:
            levelled = replace(finding, severity=Severity.parse(level))
        elif version is not None and finding.rule_id in registry.RULES:
            rule = registry.RULES[finding.rule_id]
            if rule.levels and finding.severity == rule.severity:
                levelled = replace(finding, severity=rule.severity_for(version))
        out.append(levelled)
    return out


def exit_code(findings: Iterable[Finding], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on)
    return int(any(f.severity >= threshold and not f.acknowledged for f in findings))


DRAFT_RULE = "json-schema/valid-under-draft"
REGRESSION = "diff/dialect-regression"


def validates_against_draft(dialect: str) -> bool:
    """Whether this provider is known to check a schema against its JSON Schema draft, so that
    ``json-schema/valid-under-draft`` is a rejection there (``Dialect.draft_validation``, with
    its evidence); Gemini's ``parameters`` are parsed as protobuf and judged by its own rules.
    Every report that splits findings by dialect asks this, so they agree with the verdicts."""
    from schemadrift import registry

    registry.load()
    known = registry.DIALECTS.get(dialect)
    return known is not None and bool(known.draft_validation)


def verdicts(
    tools: Sequence[Tool],
    findings: Sequence[Finding],
    dialects: Sequence[str],
    tool_dialects: Mapping[str, Sequence[str]] | None = None,
) -> tuple[ToolSummary, ...]:
    """pass / warn / known / fail per tool, for each targeted dialect that judges it.

    ``fail``: an error the run fails on; ``known``: the provider rejects the tool, but every
    error is acknowledged (known since the baseline, or acked): it does not fail the run, and
    it is not a pass (``ToolSummary.known`` counts those errors); ``warn``: warnings only.

    The always-on packs judge the schema every provider receives, so they count in every
    column, but for the meta-schema check (``json-schema/valid-under-draft``): it counts only
    where the provider is known to validate schemas against the draft
    (``Dialect.draft_validation``); Gemini's ``parameters`` are parsed as protobuf, and its
    own rules decide its column. A strict dialect's findings count in its provider's column (a
    `strict: true` tool that OpenAI's strict mode rejects fails under `openai`).
    """
    from schemadrift import registry
    from schemadrift.engine import ALWAYS_ON

    registry.load()
    columns_of: dict[str, tuple[str, ...]] = {}
    for dialect in dialects:
        columns_of.setdefault(dialect, (dialect,))
        strict = registry.DIALECTS[dialect].strict if dialect in registry.DIALECTS else None
        if strict and strict not in dialects:
            columns_of[strict] = (*columns_of.get(strict, ()), dialect)
    validating: Sequence[str] = [d for d in dialects if validates_against_draft(d)]
    judged: Sequence[str]
    # A tool is its name and the file it lives in: two files linted apart may each hold a
    # tool of the same name (a finding without a file counts for every tool of its name).
    worst: dict[tuple[str, str | None, str], Severity] = {}
    cause: dict[tuple[str, str | None, str], str] = {}  # the first rule at the worst level
    known: dict[tuple[str, str | None, str], int] = {}
    for finding in findings:
        if finding.tool is None or finding.dialect is None:
            continue
        if finding.acknowledged and finding.severity != Severity.ERROR:
            continue
        if finding.rule_id == DRAFT_RULE:
            judged = validating
        elif finding.dialect in ALWAYS_ON:
            judged = dialects
        else:
            judged = columns_of.get(finding.dialect, (finding.dialect,))
        for dialect in judged:
            key = (finding.tool, finding.location.file, dialect)
            if finding.acknowledged:
                known[key] = known.get(key, 0) + 1
            elif finding.severity > worst.get(key, Severity.INFO):
                worst[key] = finding.severity
                regressed = finding.rule_id == REGRESSION and finding.discriminator
                # a regression's cause is the provider rule under it
                cause[key] = finding.discriminator or "" if regressed else finding.rule_id
    seen: dict[tuple[str, str | None], ToolSummary] = {}
    for tool in sorted(tools, key=Tool.sort_key):
        where = tool.origin.location
        if (tool.name, where) in seen:
            continue
        row: dict[str, str] = {}
        counts: dict[str, int] = {}
        causes: dict[str, str] = {}
        own = tool_dialects.get(tool.name, dialects) if tool_dialects is not None else dialects
        for dialect in dialects:
            if dialect not in own:
                continue
            mine, anywhere = (tool.name, where, dialect), (tool.name, None, dialect)
            level = max(worst.get(mine, Severity.INFO), worst.get(anywhere, Severity.INFO))
            if level > Severity.INFO:
                causes[dialect] = cause.get(mine) or cause[anywhere]
            accepted = known.get(mine, 0) + known.get(anywhere, 0)
            if accepted:
                counts[dialect] = accepted
            if level == Severity.ERROR:
                row[dialect] = "fail"
            elif accepted:
                row[dialect] = "known"
            else:
                row[dialect] = "warn" if level == Severity.WARNING else "pass"
        seen[(tool.name, where)] = ToolSummary(
            tool.name, Location(tool.origin.location, tool.origin.line), row, counts, causes
        )
    return tuple(seen.values())


def finish(
    command: str,
    findings: Sequence[Finding],
    tools: Sequence[Tool],
    dialects: Sequence[str],
    *,
    fail_on: str,
    stale_acks: Sequence[StaleAck] = (),
    baseline: str | None = None,
    verbosity: int = 1,
    tool_dialects: Mapping[str, Sequence[str]] | None = None,
    repository_prefix: str = "",
) -> RunResult:
    ordered = tuple(sorted(findings, key=Finding.sort_key))
    return RunResult(
        command=command,
        findings=ordered,
        tools=verdicts(tools, ordered, dialects, tool_dialects),
        dialects=tuple(dialects),
        fail_on=fail_on,
        exit_code=exit_code(ordered, fail_on),
        stale_acks=tuple(stale_acks),
        baseline=baseline,
        verbosity=verbosity,
        repository_prefix=repository_prefix,
    )


# --- acknowledgements (schemadrift.acks.toml; read and written by acks.py) --------------------
#
# An ack names one finding by fingerprint (DESIGN: rule, tool, pointer, dialect; never the
# message, so rewording a message un-acks nothing).


def apply_acks(
    findings: Iterable[Finding], acks: Sequence[Ack], today: date
) -> tuple[list[Finding], list[StaleAck]]:
    """Mark acknowledged findings; an expired ack no longer counts and says so in the message.

    Returns the findings and the acks that matched nothing (stale), in file order.
    """
    table = {ack.fingerprint: ack for ack in acks}
    used: set[str] = set()
    out = []
    for finding in findings:
        ack = table.get(finding.fingerprint)
        marked = finding
        if ack is not None:
            used.add(ack.fingerprint)
            if ack.expires is not None and ack.expires < today:
                marked = replace(
                    finding,
                    message=f"{finding.message} (its ack expired on {ack.expires.isoformat()})",
                )
            else:
                marked = replace(finding, acknowledged=True)
        out.append(marked)
    stale = [ack.stale() for ack in acks if ack.fingerprint not in used]
    return out, stale
