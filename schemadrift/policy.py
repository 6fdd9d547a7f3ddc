"""Policy: per-rule severity overrides, ``off`` rules, acknowledgements and ``--fail-on``.

Runs after linting and diffing, before reporting. Overrides match a rule ID exactly or a whole
pack with ``"pack/*"``; an exact ID wins over its pack. ``fail_on`` decides the exit code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from schemadrift.model import Finding, Location, Severity, Tool
from schemadrift.result import RunResult, StaleAck, ToolSummary

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

    out = []
    for finding in findings:
        level = level_for(finding.rule_id, overrides)
        if level == OFF:
            continue
        if level is not None:
            finding = replace(finding, severity=Severity.parse(level))
        elif version is not None and finding.rule_id in registry.RULES:
            rule = registry.RULES[finding.rule_id]
            if rule.levels and finding.severity == rule.severity:
                finding = replace(finding, severity=rule.severity_for(version))
        out.append(finding)
    return out


def exit_code(findings: Iterable[Finding], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on)
    return int(any(f.severity >= threshold and not f.acknowledged for f in findings))


def verdicts(
    tools: Sequence[Tool], findings: Sequence[Finding], dialects: Sequence[str]
) -> tuple[ToolSummary, ...]:
    """pass / warn / fail per tool and targeted dialect (strict variants included)."""
    from schemadrift.engine import ALWAYS_ON

    worst: dict[tuple[str, str], Severity] = {}
    for finding in findings:
        if finding.acknowledged or finding.tool is None or finding.dialect is None:
            continue
        # The always-on packs judge the schema every provider receives: they count everywhere.
        judged = dialects if finding.dialect in ALWAYS_ON else (finding.dialect,)
        for dialect in judged:
            key = (finding.tool, dialect)
            if finding.severity > worst.get(key, Severity.INFO):
                worst[key] = finding.severity
    seen: dict[str, ToolSummary] = {}
    for tool in sorted(tools, key=Tool.sort_key):
        if tool.name in seen:
            continue
        row = {}
        for dialect in dialects:
            level = worst.get((tool.name, dialect))
            row[dialect] = (
                "fail" if level == Severity.ERROR else "warn" if level == Severity.WARNING else "pass"
            )
        seen[tool.name] = ToolSummary(
            tool.name, Location(tool.origin.location, tool.origin.line), row
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
) -> RunResult:
    ordered = tuple(sorted(findings, key=Finding.sort_key))
    return RunResult(
        command=command,
        findings=ordered,
        tools=verdicts(tools, ordered, dialects),
        dialects=tuple(dialects),
        fail_on=fail_on,
        exit_code=exit_code(ordered, fail_on),
        stale_acks=tuple(stale_acks),
        baseline=baseline,
        verbosity=verbosity,
    )
