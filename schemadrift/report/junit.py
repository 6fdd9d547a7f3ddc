"""JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure Pipelines).

One ``testcase`` per tool × dialect: it fails when that dialect has an error for that tool
(errors from the always-on ``json-schema`` and ``security`` packs fail every dialect, as the
verdicts do, but for the meta-schema check, which fails only the providers known to validate
against the draft: ``policy.validates_against_draft``). Findings with no dialect (contract changes found by the diff) get a ``contract``
testcase per tool, and findings about the whole toolset a ``(toolset)`` one. Warnings and info
go to ``system-out``, so they are visible without failing the build.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from schemadrift.model import Finding, Severity
from schemadrift.policy import DRAFT_RULE, validates_against_draft
from schemadrift.report.escape import visible
from schemadrift.report.locations import repo_path
from schemadrift.result import RunResult

ALWAYS_ON = ("json-schema", "security")
CONTRACT = "contract"
TOOLSET = "(toolset)"

# Characters XML 1.0 cannot carry at all, even escaped; tool names and messages may hold them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _shown(text: str) -> str:
    """Schema text in a line of the report: its own newlines and control characters visible,
    so no name or message starts a line (a CI log runs lines that start with ``::``)."""
    return visible(text)


def _line(finding: Finding) -> str:
    scope = f" [{finding.dialect}]" if finding.dialect else ""
    text = (
        f"{finding.severity.label}: {finding.rule_id}{scope} at "
        f"{_shown(finding.pointer) or '(tool)'}: {_shown(finding.message)}"
    )
    if finding.has_witness:
        text += "\n  witness: " + _shown(json.dumps(finding.witness, ensure_ascii=False))
    if finding.attribution:
        text += "\n  came with: " + _shown(", ".join(str(b) for b in finding.attribution))
    if finding.hint:
        text += f"\n  fix: {_shown(finding.hint)}"
    return text


def _columns(result: RunResult) -> list[str]:
    """The targeted dialects, plus any other dialect a finding names (a ``-strict`` one)."""
    columns = list(result.dialects)
    for finding in result.findings:
        dialect = finding.dialect
        if dialect and dialect not in ALWAYS_ON and dialect not in columns:
            columns.append(dialect)
    if not columns:
        columns = ["json-schema"]
    return columns


def _belongs(finding: Finding, column: str) -> bool:
    if column == CONTRACT:
        return finding.dialect is None
    if finding.rule_id == DRAFT_RULE:
        return validates_against_draft(column)
    return finding.dialect == column or finding.dialect in ALWAYS_ON


def _testcase(
    parent: ET.Element, name: str, column: str, file: str | None, findings: Sequence[Finding]
) -> tuple[int, int]:
    case = ET.SubElement(
        parent, "testcase", {"classname": f"schemadrift.{column}", "name": _clean(_shown(name))}
    )
    if file:
        case.set("file", _clean(_shown(file)))
    live = [f for f in findings if not f.acknowledged]
    errors = [f for f in live if f.severity == Severity.ERROR]
    others = [f for f in live if f.severity != Severity.ERROR]
    if errors:
        failure = ET.SubElement(
            case,
            "failure",
            {
                "message": _clean(f"{errors[0].rule_id}: {_shown(errors[0].message)}"),
                "type": _clean(errors[0].rule_id),
            },
        )
        failure.text = _clean("\n".join(_line(f) for f in errors))
    if others:
        out = ET.SubElement(case, "system-out")
        out.text = _clean("\n".join(_line(f) for f in others))
    return 1, int(bool(errors))


def render(result: RunResult) -> str:
    suites = ET.Element("testsuites", {"name": "schemadrift"})
    suite = ET.SubElement(suites, "testsuite", {"name": f"schemadrift {result.command}"})
    columns = _columns(result)
    total = failed = 0
    by_tool: dict[str, list[Finding]] = {}
    for finding in result.findings:
        by_tool.setdefault(finding.tool or TOOLSET, []).append(finding)
    current = [tool.name for tool in result.tools]
    # tools only in the baseline (removed ones) have no dialect verdicts, only contract findings
    names = current + sorted(name for name in by_tool if name not in current and name != TOOLSET)
    files = {tool.name: repo_path(tool.location.file) for tool in result.tools}
    for finding in result.findings:
        if finding.tool and finding.tool not in files:
            files[finding.tool] = repo_path(finding.location.file)
    judged = {tool.name: set(tool.verdicts) for tool in result.tools}
    for name in names:
        mine = by_tool.get(name, [])
        # one testcase per dialect the tool is sent to (or that reported on it)
        own = [
            c
            for c in columns
            if name in current and (c in judged[name] or any(f.dialect == c for f in mine))
        ]
        for column in own:
            count, fail = _testcase(
                suite, name, column, files.get(name), [f for f in mine if _belongs(f, column)]
            )
            total, failed = total + count, failed + fail
        contract = [f for f in mine if f.dialect is None]
        if contract:
            count, fail = _testcase(suite, name, CONTRACT, files.get(name), contract)
            total, failed = total + count, failed + fail
    if TOOLSET in by_tool:
        count, fail = _testcase(suite, TOOLSET, "toolset", None, by_tool[TOOLSET])
        total, failed = total + count, failed + fail
    for element in (suites, suite):
        element.set("tests", str(total))
        element.set("failures", str(failed))
        element.set("errors", "0")
        element.set("skipped", "0")
    ET.indent(suites, space="  ")
    body = ET.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
