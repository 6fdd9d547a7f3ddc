"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

The subset we emit is pinned by ``data/sarif-subset.schema.json`` (tested). Rule metadata
comes from the registry: only the rules that have results are listed, so the file does not
change when unrelated rules are added. ``partialFingerprints`` carries ``Finding.fingerprint``,
which is stable across message wording and line moves, so code scanning matches alerts
across runs. Acknowledged findings are kept as results with an external suppression.

A result points at the file the tool came from (the line of its name when known). A tool
from a Python object or a command has no file; its results point at the baseline snapshot,
which records the tool, so that code scanning can still show them.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from schemadrift import __version__
from schemadrift.model import JSON, Finding, Severity
from schemadrift.report.escape import json_text
from schemadrift.report.locations import baseline_file, file_and_line
from schemadrift.result import RunResult

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/schemadrift/schemadrift"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "schemadriftFingerprint/v1"


def _rule_descriptor(rule_id: str) -> dict[str, JSON]:
    from schemadrift import catalog

    rule = catalog.entry(rule_id)
    if rule is None:
        # A finding from a rule this registry does not know (a plugin that is not installed
        # here): SARIF only needs the id, and a short description keeps viewers readable.
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    uri = catalog.help_uri(rule)
    why = " ".join(rule.doc.why.split())
    fix = rule.doc.fix.strip()
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.doc.summary},
        "fullDescription": {"text": why},
        "help": {
            "text": f"{why}\n\nHow to fix: {fix}\n\nDocumentation: {uri}",
            "markdown": f"{why}\n\n**How to fix:** {fix}\n\n[Documentation]({uri})",
        },
        "helpUri": uri,
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["schemadrift", rule.pack]},
    }


def _message(finding: Finding) -> str:
    parts = [f"{finding.tool or '(toolset)'} at {finding.pointer or '(tool)'}: {finding.message}"]
    if finding.has_witness:
        parts.append(
            "Witness (valid before, rejected now): "
            + json.dumps(finding.witness, ensure_ascii=False)
        )
    if finding.attribution:
        parts.append("Came with: " + ", ".join(str(bump) for bump in finding.attribution) + ".")
    if finding.hint:
        parts.append(f"Fix: {finding.hint}")
    return "\n".join(parts)


def _locations(finding: Finding, fallback: str | None, prefix: str) -> list[JSON]:
    file, line = file_and_line(finding.location, prefix)
    if file is None:
        file, line = fallback, None
    if file is None:
        return []
    physical: dict[str, JSON] = {
        "artifactLocation": {"uri": quote(file, safe="/"), "uriBaseId": "%SRCROOT%"}
    }
    if line is not None:
        physical["region"] = {"startLine": line}
    location: dict[str, JSON] = {"physicalLocation": physical}
    if finding.tool:
        location["logicalLocations"] = [{"name": finding.tool, "kind": "function"}]
    return [location]


def _result(finding: Finding, index: int, fallback: str | None, prefix: str) -> dict[str, JSON]:
    out: dict[str, JSON] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "level": LEVEL[finding.severity],
        "message": {"text": _message(finding)},
        "locations": _locations(finding, fallback, prefix),
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {
            "tool": finding.tool,
            "pointer": finding.pointer,
            "dialect": finding.dialect,
            "kind": finding.kind,
            "consumers": list(finding.consumers),
            "witness": finding.witness if finding.has_witness else None,
            "attribution": [bump.to_json() for bump in finding.attribution],
        },
    }
    if finding.acknowledged:
        out["suppressions"] = [{"kind": "external", "status": "accepted"}]
    return out


def sarif_json(result: RunResult) -> dict[str, JSON]:
    rule_ids = sorted({finding.rule_id for finding in result.findings})
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    prefix = result.repository_prefix
    fallback = baseline_file(result.baseline, prefix)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "schemadrift",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_descriptor(rule_id) for rule_id in rule_ids],
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {"description": {"text": "The repository root."}}
                },
                "results": [
                    _result(finding, index[finding.rule_id], fallback, prefix)
                    for finding in result.findings
                ],
                "columnKind": "unicodeCodePoints",
                "properties": {"command": result.command, "dialects": list(result.dialects)},
            }
        ],
    }


def render(result: RunResult) -> str:
    return json_text(sarif_json(result)) + "\n"
