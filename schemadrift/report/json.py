"""The JSON report: the public contract scripts build on (``schemadrift report-schema``).

Every key is always present; findings are sorted by (tool, pointer, rule, dialect); the
shape is validated against ``data/report.schema.json`` in the tests.
"""

from __future__ import annotations

from schemadrift import __version__
from schemadrift.model import JSON, REPORT_FORMAT_VERSION, Finding, Severity
from schemadrift.report.escape import json_text
from schemadrift.result import RunResult


def finding_json(finding: Finding) -> dict[str, JSON]:
    return {
        "rule": finding.rule_id,
        "severity": finding.severity.label,
        "tool": finding.tool,
        "pointer": finding.pointer,
        "dialect": finding.dialect,
        "kind": finding.kind,
        "consumers": list(finding.consumers),
        "message": finding.message,
        "hint": finding.hint,
        "location": finding.location.to_json(),
        "fingerprint": finding.fingerprint,
        "witness": finding.witness if finding.has_witness else None,
        "attribution": [bump.to_json() for bump in finding.attribution],
        "acknowledged": finding.acknowledged,
    }


def report_json(result: RunResult) -> dict[str, JSON]:
    return {
        "schemadrift": __version__,
        "format_version": REPORT_FORMAT_VERSION,
        "summary": {
            "tools": len(result.tools),
            "dialects": list(result.dialects),
            "error": result.count(Severity.ERROR),
            "warning": result.count(Severity.WARNING),
            "info": result.count(Severity.INFO),
            "acknowledged": result.acknowledged,
            "exit_code": result.exit_code,
        },
        "tools": [
            {
                "name": tool.name,
                "location": tool.location.to_json(),
                "verdicts": dict(tool.verdicts),
                "known": dict(tool.known),
            }
            for tool in result.tools
        ],
        "findings": [finding_json(f) for f in result.findings],
        "stale_acks": [ack.to_json() for ack in result.stale_acks],
    }


def render(result: RunResult) -> str:
    return json_text(report_json(result)) + "\n"
