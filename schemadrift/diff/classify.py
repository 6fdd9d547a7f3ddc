"""Turn one tool pair into judged changes; find dialect regressions and package bumps.

``analyse(old, new)`` compares one tool pair: the tool record here, each schema side in
``schema_side`` (canonical forms, parallel walk, witness search), and returns ``Judged`` items
whose verdicts ``verdicts.judge`` reads for the consumers a run selects. Direction: on
``input_schema`` a change breaks callers when an argument valid before is rejected now (a
forward witness); on ``output_schema`` it is reversed, callers break when the tool may now
return values the old schema excluded, and the implementation breaks when values it returned
before are now rejected.

``dialect_regressions`` lints both sides through one ``Linter`` (its cache means unchanged
tools are judged once) and reports what fires only on the new side. ``bumps`` compares the two
snapshots' ``packages`` with ``packaging``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from schemadrift.diff.delta import ANNOTATE, CHANGE, NARROW, WIDEN, shallow
from schemadrift.diff.describe import word_diff
from schemadrift.diff.schema_side import schema_changes
from schemadrift.diff.value_deltas import prose
from schemadrift.diff.verdicts import Judged
from schemadrift.diff.witness import Validators
from schemadrift.model import JSON, Bump, Finding, Severity, Tool
from schemadrift.schema.validity import OPENAPI_SHAPES

# --- one tool pair --------------------------------------------------------------------------


def analyse(
    old: Tool | None, new: Tool | None, validators: Validators | None = None
) -> list[Judged]:
    """Every judged change between two forms of one tool."""
    return _analyse(old, new, validators or Validators())


def _analyse(old: Tool | None, new: Tool | None, validators: Validators) -> list[Judged]:
    if old is None and new is not None:
        return [Judged("diff/tool-added", "", f"tool {new.name!r} was added", "tool", WIDEN)]
    if new is None and old is not None:
        return [Judged("diff/tool-removed", "", f"tool {old.name!r} was removed", "tool", NARROW)]
    assert old is not None
    assert new is not None
    out: list[Judged] = []
    if old.name != new.name and not (old.name_from_file or new.name_from_file):
        out.append(
            Judged(
                "diff/tool-renamed",
                "/name",
                f"tool {old.name!r} was renamed to {new.name!r}",
                "tool",
                CHANGE,
                before=old.name,
                after=new.name,
            )
        )
    if prose(old.description or "") != prose(new.description or ""):
        out.append(
            Judged(
                "diff/description-changed",
                "/description",
                "the tool description changed: " + word_diff(old.description, new.description),
                "tool",
                ANNOTATE,
                before=old.description,
                after=new.description,
            )
        )
    if bool(old.strict) != bool(new.strict):
        out.append(
            Judged(
                "diff/strict-changed",
                "/strict",
                f"strict changed from {bool(old.strict)} to {bool(new.strict)}",
                "tool",
                CHANGE,
                before=old.strict,
                after=new.strict,
            )
        )
    openapi = (old.origin.shape in OPENAPI_SHAPES, new.origin.shape in OPENAPI_SHAPES)
    out += schema_changes("input", old.input_schema, new.input_schema, validators, openapi)
    if old.output_schema is None and new.output_schema is not None:
        out.append(
            Judged(
                OUTPUT_ADDED,
                "/output_schema",
                "an output schema was added: structured results are now promised to match it"
                + _generated(new.output_schema),
                "output",
                NARROW,
                after=shallow(new.output_schema),
            )
        )
    elif old.output_schema is not None and new.output_schema is None:
        out.append(
            Judged(
                OUTPUT_REMOVED,
                "/output_schema",
                "the output schema was removed: structured results are no longer promised",
                "output",
                WIDEN,
                before=shallow(old.output_schema),
            )
        )
    elif old.output_schema is not None and new.output_schema is not None:
        out += schema_changes("output", old.output_schema, new.output_schema, validators, openapi)
    return out


OUTPUT_ADDED = "diff/output-schema-added"
OUTPUT_REMOVED = "diff/output-schema-removed"


def _generated(schema: JSON) -> str:
    """A note on where an added output schema likely came from (FastMCP wraps a return
    annotation that is not an object as ``{"result": ...}`` and marks it)."""
    if isinstance(schema, dict) and schema.get("x-fastmcp-wrap-result") is True:
        return " (generated from the return annotation, wrapped as `result`)"
    return ""


# --- attribution ----------------------------------------------------------------------------


def bumps(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[Bump, ...]:
    """Packages whose version differs between the baseline and now (equal versions skipped)."""
    from packaging.version import InvalidVersion, Version

    out = []
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a is not None and b is not None:
            try:
                if Version(a) == Version(b):
                    continue
            except InvalidVersion:
                if a == b:
                    continue
        out.append(Bump(name, a, b))
    return tuple(out)


# --- dialect regressions --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Regression:
    finding: Finding  # the new-side lint finding
    added_tool: bool


def dialect_regressions(
    old_findings: Iterable[Finding],
    new_findings: Iterable[Finding],
    renamed: Mapping[str, str],
    added: Iterable[str],
    rejected_before: Callable[[], set[str | None]],
) -> list[Regression]:
    """New-side lint findings by which a dialect that accepted the tool now rejects it.

    A dialect accepted a changed tool when it had no error under it at the baseline: an error
    there now is a regression, whichever rule gives it (a tool already rejected cannot "break
    every call": those calls never worked). Providers validate the whole tool list, so an
    added tool (or the toolset itself) regresses a dialect only if the baseline request had
    no error under it at all (``rejected_before`` names the dialects that had one; it is
    asked only when needed, since it may need the whole baseline linted). A warning is a
    regression when its (tool, dialect, rule) never fired on the old side: keyed by rule
    rather than pointer, so a problem that only moved (a property renamed) is not one.
    """
    warned = set()
    rejected = set()
    for finding in old_findings:
        tool = renamed.get(finding.tool, finding.tool) if finding.tool else None
        if finding.severity >= Severity.WARNING:
            warned.add((tool, finding.dialect, finding.rule_id))
        if finding.severity == Severity.ERROR:
            rejected.add((tool, finding.dialect))
    # The old findings at hand (changed tools, the toolset) may already show the request
    # rejected; only otherwise is the whole baseline asked about.
    request: set[str | None] = {dialect for _, dialect in rejected}
    asked = False
    new_tools = set(added)
    out = []
    for finding in new_findings:
        if finding.severity < Severity.WARNING:
            continue
        whole = finding.tool is None or finding.tool in new_tools
        if finding.severity == Severity.ERROR:
            if whole:
                if finding.dialect not in request and not asked:
                    request |= rejected_before()
                    asked = True
                if finding.dialect not in request:
                    out.append(Regression(finding, finding.tool is not None))
            elif (finding.tool, finding.dialect) not in rejected:
                out.append(Regression(finding, False))
        elif finding.tool not in new_tools and (
            (finding.tool, finding.dialect, finding.rule_id) not in warned
        ):
            out.append(Regression(finding, False))
    return out
