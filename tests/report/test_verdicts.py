"""The per-dialect verdicts of the matrix: what a provider says of each tool, honestly.

A tool whose errors are all acknowledged (known since the baseline, or acked) is ``known``
with a count, never ``pass``; the rule named for a failing cell is the provider rule, also
when a dialect regression reports it.
"""

from __future__ import annotations

from dataclasses import replace

from schemadrift.model import Finding, Location, Origin, Severity, Tool
from schemadrift.policy import verdicts

ORIGIN = Origin("file", "openai", "tools.json")
WHERE = Location("tools.json", 1)


def finding(rule: str, severity: Severity, dialect: str, **more: object) -> Finding:
    return Finding(
        rule_id=rule,
        severity=severity,
        tool="t",
        pointer="/input_schema",
        message="m",
        dialect=dialect,
        location=WHERE,
        **more,  # type: ignore[arg-type]
    )


def row(findings: list[Finding], dialects: tuple[str, ...] = ("openai", "gemini")) -> object:
    (summary,) = verdicts([Tool(name="t", input_schema={}, origin=ORIGIN)], findings, dialects)
    return summary


def test_acknowledged_errors_are_known_with_their_count() -> None:
    error = finding("openai/array-items", Severity.ERROR, "openai", acknowledged=True)
    summary = row([error, replace(error, pointer="/input_schema/properties/b")])
    assert summary.verdicts == {"openai": "known", "gemini": "pass"}
    assert summary.known == {"openai": 2}


def test_a_live_error_fails_over_known_ones_and_names_its_rule() -> None:
    known = finding("openai/array-items", Severity.ERROR, "openai", acknowledged=True)
    live = finding("openai/root-properties", Severity.ERROR, "openai")
    summary = row([known, live])
    assert summary.verdicts["openai"] == "fail"
    assert summary.causes == {"openai": "openai/root-properties"}
    assert summary.known == {"openai": 1}


def test_acknowledged_warnings_are_not_known_errors() -> None:
    warning = finding("gemini/param-name", Severity.WARNING, "gemini", acknowledged=True)
    summary = row([warning])
    assert summary.verdicts == {"openai": "pass", "gemini": "pass"}
    assert summary.known == {}


def test_a_regression_names_the_provider_rule_under_it() -> None:
    regression = finding(
        "diff/dialect-regression", Severity.ERROR, "gemini", discriminator="gemini/null-type"
    )
    assert row([regression]).causes == {"gemini": "gemini/null-type"}


def test_junit_fails_the_same_cells_as_the_verdicts() -> None:
    """The meta-schema check fails only providers known to validate against the draft, in the
    verdict table and in JUnit alike (a JUnit failure under gemini would contradict a ``pass``
    in the table for the same run)."""
    import xml.etree.ElementTree as ET

    from schemadrift.policy import finish
    from schemadrift.report import junit

    invalid = finding("json-schema/valid-under-draft", Severity.ERROR, "json-schema")
    tools = [Tool(name="t", input_schema={}, origin=ORIGIN)]
    result = finish("lint", [invalid], tools, ("openai", "gemini"), fail_on="error")
    assert result.tools[0].verdicts == {"openai": "fail", "gemini": "pass"}
    cases = ET.fromstring(junit.render(result)).iter("testcase")  # noqa: S314 - our own output
    failed = {case.get("classname"): case.find("failure") is not None for case in cases}
    assert failed == {"schemadrift.openai": True, "schemadrift.gemini": False}
