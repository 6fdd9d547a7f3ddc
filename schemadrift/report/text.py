"""The human report: findings grouped by tool, worst first, then a one-line summary.

When more than one dialect is targeted, a tool × dialect matrix (pass / warn / known / fail
with the first failing rule, or the number of acknowledged errors) comes first. Each finding
shows its fingerprint, which ``schemadrift ack`` takes. ``-q`` shows errors only; ``-v`` adds
info and the acknowledged findings (marked ``known``).
"""

from __future__ import annotations

import json
from itertools import groupby

from schemadrift.model import Finding, Severity
from schemadrift.report.escape import no_commands, visible
from schemadrift.result import RunResult

MARK = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}

# Composition keywords say least about the cause (jsonschema's WEAK_MATCHES): rank them last.
WEAK = ("/anyOf", "/oneOf", "/allOf")


def _rank(finding: Finding) -> tuple[int, int, str, str]:
    pointer = finding.pointer
    # ``WEAK`` spelled out: this runs once per finding, and a generator costs more than the test.
    weak = int("/anyOf" in pointer or "/oneOf" in pointer or "/allOf" in pointer)
    return (-int(finding.severity), weak, pointer, finding.rule_id)


def _matrix(result: RunResult) -> list[str]:
    headers = ["tool", *result.dialects]
    rows = []
    listed, left_out = result.matrix_tools()
    for tool in listed:
        row = [visible(tool.name)]
        for dialect in result.dialects:
            verdict = tool.verdicts.get(dialect, "-")  # "-": the tool is not sent there
            rule = tool.causes.get(dialect)
            known = tool.known.get(dialect, 0)
            if verdict == "known":
                row.append(f"known ({known} error{'s' if known != 1 else ''})")
            else:
                row.append(f"{verdict} ({rule})" if rule and verdict != "pass" else verdict)
        rows.append(row)
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    if left_out:
        tools, verb = ("tool", "passes") if left_out == 1 else ("tools", "pass")
        lines.append(f"({left_out} more {tools} {verb} every dialect)")
    return [*lines, ""]


def _where(finding: Finding) -> str:
    first = finding.location
    if first.file and first.line:
        return f"  ({visible(first.file)}:{first.line})"
    return f"  ({visible(first.file)})" if first.file else ""


def render(result: RunResult) -> str:
    verbosity = result.verbosity
    threshold = (
        Severity.ERROR if verbosity <= 0 else Severity.WARNING if verbosity == 1 else Severity.INFO
    )
    lines: list[str] = []
    if len(result.dialects) > 1 and result.tools and verbosity > 0:
        lines += _matrix(result)
    # -v also lists what is acknowledged (marked known): a pass is not hidden behind an ack
    shown = [
        f
        for f in result.findings
        if f.severity >= threshold and (verbosity >= 2 or not f.acknowledged)
    ]
    # by severity, not `f not in shown`: a membership test per finding is quadratic
    hidden = sum(1 for f in result.findings if f.severity < threshold and not f.acknowledged)
    by_tool = sorted(shown, key=lambda f: (f.tool or "", _rank(f)))
    for tool, group in groupby(by_tool, key=lambda f: f.tool or ""):
        items = list(group)
        lines.append(f"{visible(tool) if tool else '(toolset)'}{_where(items[0])}")
        for finding in items:
            scope = f" [{finding.dialect}]" if finding.dialect else ""
            known = "known " if finding.acknowledged else ""
            lines.append(
                f"  {known}{MARK[finding.severity]}: {finding.rule_id}{scope} at "
                f"{visible(finding.pointer) or '(tool)'}  ({finding.fingerprint})"
            )
            lines.append(f"    {visible(finding.message)}")
            if finding.has_witness:
                witness = json.dumps(finding.witness, ensure_ascii=False)
                lines.append(f"    witness: {visible(witness)}")
            if finding.attribution:
                bumps = ", ".join(str(b) for b in finding.attribution)
                lines.append(f"    came with: {visible(bumps)}")
            if finding.hint and verbosity >= 1:
                lines.append(f"    fix: {visible(finding.hint)}")
        lines.append("")
    for ack in result.stale_acks:
        lines.append(
            f"stale ack {ack.fingerprint}: matches no finding; remove it from the acks file"
        )
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    infos = result.count(Severity.INFO)
    summary = (
        f"{len(result.tools)} tool{'s' if len(result.tools) != 1 else ''} checked"
        f"{' against ' + ', '.join(result.dialects) if result.dialects else ''}: "
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}, "
        f"{infos} info"
    )
    if result.acknowledged:
        summary += f", {result.acknowledged} acknowledged"
    lines.append(summary)
    if hidden:
        lines.append(
            f"({hidden} more finding{'s' if hidden != 1 else ''} below the shown level; use -v)"
        )
    return "\n".join(no_commands(lines)) + "\n"
