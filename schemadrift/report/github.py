"""GitHub Actions workflow commands: one annotation per finding, then the summary line.

``error``/``warning``/``info`` map to ``::error``/``::warning``/``::notice``. The annotation
points at the file the tool came from and the line of its name when the source could find it.
Values are escaped as the runner parses them: ``%`` first (so the escapes we add are not
escaped again), then CR and LF; property values also escape ``:`` and ``,``, which separate
properties. ``-q`` keeps errors only. Acknowledged findings are not annotated.
"""

from __future__ import annotations

import json

from schemadrift.model import Finding, Severity
from schemadrift.report.escape import visible
from schemadrift.report.locations import file_and_line
from schemadrift.result import RunResult

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (after ``::``); other control characters (terminal escapes
    the log viewer would run) are made visible."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped)


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def message(finding: Finding) -> str:
    """The annotation body: what, where in the tool, proof, cause and fix, one item a line."""
    where = finding.pointer or "(tool)"
    lines = [f"{finding.tool or '(toolset)'} at {where}: {finding.message}"]
    if finding.has_witness:
        lines.append("witness: " + json.dumps(finding.witness, ensure_ascii=False))
    if finding.attribution:
        lines.append("came with: " + ", ".join(str(bump) for bump in finding.attribution))
    if finding.hint:
        lines.append(f"fix: {finding.hint}")
    return "\n".join(lines)


def annotation(finding: Finding, prefix: str = "") -> str:
    """One workflow command; ``prefix`` is where the run started in the repository (GitHub
    resolves ``file=`` from the repository root)."""
    properties = []
    file, line = file_and_line(finding.location, prefix)
    if file is not None:
        properties.append(f"file={escape_property(file)}")
        if line is not None:
            properties.append(f"line={line}")
    scope = f" [{finding.dialect}]" if finding.dialect else ""
    properties.append(f"title={escape_property(f'schemadrift {finding.rule_id}{scope}')}")
    return f"::{COMMAND[finding.severity]} {','.join(properties)}::{escape_data(message(finding))}"


def render(result: RunResult) -> str:
    threshold = Severity.ERROR if result.verbosity <= 0 else Severity.INFO
    lines = [
        annotation(finding, result.repository_prefix)
        for finding in result.findings
        if not finding.acknowledged and finding.severity >= threshold
    ]
    for ack in result.stale_acks if result.verbosity > 0 else ():
        lines.append(
            f"::notice title={escape_property('schemadrift stale ack')}::"
            + escape_data(f"ack {ack.fingerprint} matches no finding; remove it from the acks file")
        )
    errors = result.count(Severity.ERROR)
    warnings = result.count(Severity.WARNING)
    infos = result.count(Severity.INFO)
    against = f" against {', '.join(result.dialects)}" if result.dialects else ""
    summary = (
        f"schemadrift {result.command}: {len(result.tools)} tool"
        f"{'s' if len(result.tools) != 1 else ''}{against}: "
        f"{errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''}, {infos} info"
    )
    if result.acknowledged:
        summary += f", {result.acknowledged} acknowledged"
    # A plain line never starts with "::", so the runner prints it as it is.
    lines.append(summary)
    return "\n".join(lines) + "\n"
