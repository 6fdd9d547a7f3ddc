"""Findings as the engine builds them from hits, and as the results cache and worker processes
carry them.

A cached or shipped finding is a row of plain JSON values: ``[rule ID, severity, pointer,
message, dialect, hint, discriminator]``. The tool's name and location are known where the row
is read, so they are not in it; a hint that is the rule's own (nearly all are) travels as
``None`` and "no hint where the rule has one" as ``""``. A row read back from the cache is
checked value by value (``from_row`` returns ``None``): the file may have been edited by hand
or written by another build.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from schemadrift import registry
from schemadrift.model import Finding, Location, Severity, Tool
from schemadrift.registry import Hit, Rule

Row = list[Any]

_SEVERITIES = {int(severity): severity for severity in Severity}
_OPTIONAL_TEXT = (str, type(None))


def finding_of(
    rule: Rule,
    hit: Hit,
    tool: str | None,
    base: str,
    dialect_id: str,
    location: Location,
    ack: bool = False,
) -> Finding:
    """The finding a rule's hit makes; ``base`` is where the judged schema sits in the tool
    record (``/input_schema``), ``""`` for tool and toolset rules."""
    return Finding(
        rule_id=rule.id,
        severity=hit.severity or rule.severity,
        tool=tool,
        pointer=base + hit.pointer,
        message=hit.message,
        dialect=dialect_id,
        hint=hit.hint or rule.hint or None,
        location=location,
        acknowledged=ack,
        discriminator=hit.discriminator,
    )


def moved(finding: Finding, location: Location | None, ack: bool | None = None) -> Finding:
    """``finding`` at another ``location`` and acknowledged when ``ack`` (``None``: as it is,
    for both): a tool judged before on another line, or held unchanged by the baseline."""
    return dataclasses.replace(
        finding,
        location=finding.location if location is None else location,
        acknowledged=finding.acknowledged if ack is None else ack,
    )


def acknowledged(finding: Finding) -> Finding:
    """``finding`` marked acknowledged (``check`` marks those the baseline already had)."""
    return dataclasses.replace(finding, acknowledged=True)


def location_of(tool: Tool) -> Location:
    return Location(tool.origin.location, tool.origin.line)


def located(by_name: Mapping[str, Tool], name: str | None) -> Location:
    """Where the tool a toolset finding names sits (nowhere when it names none)."""
    owner = by_name.get(name) if name is not None else None
    return location_of(owner) if owner else Location()


def to_row(finding: Finding) -> Row:
    usual = registry.RULES[finding.rule_id].hint or None
    hint = None if finding.hint == usual else (finding.hint or "")
    return [
        finding.rule_id,
        int(finding.severity),
        finding.pointer,
        finding.message,
        finding.dialect,
        hint,
        finding.discriminator,
    ]


def from_row(row: Any, tool: str | None, location: Location, ack: bool = False) -> Finding | None:
    """The finding ``to_row`` made ``row`` of, or ``None`` when ``row`` is not such a row."""
    if type(row) is not list or len(row) != 7:
        return None
    rule_id, severity, pointer, message, dialect, hint, discriminator = row
    if not (
        type(rule_id) is str
        and rule_id in registry.RULES
        and type(severity) is int  # exactly: ``True`` is no severity
        and severity in _SEVERITIES
        and type(pointer) is str
        and type(message) is str
        and isinstance(dialect, _OPTIONAL_TEXT)
        and isinstance(hint, _OPTIONAL_TEXT)
        and isinstance(discriminator, _OPTIONAL_TEXT)
    ):
        return None
    if hint is None:
        hint = registry.RULES[rule_id].hint
    return Finding(
        rule_id=rule_id,
        severity=_SEVERITIES[severity],
        tool=tool,
        pointer=pointer,
        message=message,
        dialect=dialect,
        hint=hint or None,
        location=location,
        acknowledged=ack,
        discriminator=discriminator,
    )


def from_rows(rows: Any, tool: str, location: Location, ack: bool = False) -> list[Finding] | None:
    """``from_row`` for each row of a cache entry, or ``None`` if any is not a row."""
    if type(rows) is not list:
        return None
    out = []
    for row in rows:
        finding = from_row(row, tool, location, ack)
        if finding is None:
            return None
        out.append(finding)
    return out


def toolset_rows(findings: Sequence[Finding]) -> list[Row]:
    """Toolset findings as rows, each led by the name of the tool it names (or ``None``)."""
    return [[finding.tool, *to_row(finding)] for finding in findings]


def from_toolset_rows(rows: Any, by_name: Mapping[str, Tool]) -> list[Finding] | None:
    """The toolset findings ``toolset_rows`` wrote, or ``None``."""
    if type(rows) is not list:
        return None
    out = []
    for row in rows:
        if type(row) is not list or not row or not isinstance(row[0], _OPTIONAL_TEXT):
            return None
        finding = from_row(row[1:], row[0], located(by_name, row[0]))
        if finding is None:
            return None
        out.append(finding)
    return out
