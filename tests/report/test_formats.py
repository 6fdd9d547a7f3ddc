"""Golden outputs of every reporter, and their contracts."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET  # parses only our own output here
from dataclasses import replace
from importlib import resources
from typing import Any

import jsonschema
import pytest

from schemadrift import __version__, catalog
from schemadrift.model import Location
from schemadrift.report import REPORTERS, renderer
from schemadrift.report.github import escape_data, escape_property
from schemadrift.report.markdown import code
from schemadrift.result import MATRIX_ALL, ToolSummary
from tests.report.sample import sample_result

FORMATS = ("text", "json", "markdown", "github", "sarif", "junit")


def _render(fmt: str, **changes: Any) -> str:
    result = replace(sample_result(), **changes)
    return renderer(fmt)(result).replace(__version__, "VERSION")


def _golden_text(fmt: str) -> str:
    """The output, with the SARIF rules' prose (owned by the catalogue, tested below) elided."""
    text = _render(fmt)
    if fmt != "sarif":
        return text
    data = json.loads(text)
    for rule in data["runs"][0]["tool"]["driver"]["rules"]:
        for key in ("shortDescription", "fullDescription", "help"):
            rule[key] = dict.fromkeys(rule[key], "(from the registry)")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str, snapshot: Any) -> None:
    """Each format renders the fixed run result exactly as reviewed."""
    assert _golden_text(fmt) == snapshot


@pytest.mark.parametrize("fmt", FORMATS)
def test_registered(fmt: str) -> None:
    """Every format the CLI offers is registered and deterministic."""
    assert fmt in REPORTERS
    assert _render(fmt) == _render(fmt)


def _sarif() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(renderer("sarif")(sample_result()))
    return data


def test_sarif_validates_against_subset_schema() -> None:
    """The SARIF output is valid under the shipped schema of the SARIF 2.1.0 subset we emit."""
    text = (
        resources.files("schemadrift").joinpath("data/sarif-subset.schema.json").read_text("utf-8")
    )
    schema = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_sarif()))
    assert errors == []


def test_sarif_subset_schema_rejects_absolute_uris() -> None:
    """The subset schema is strict where GitHub is: an absolute artifact URI fails it."""
    text = (
        resources.files("schemadrift").joinpath("data/sarif-subset.schema.json").read_text("utf-8")
    )
    validator = jsonschema.Draft202012Validator(json.loads(text))
    data = _sarif()
    location = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    location["artifactLocation"]["uri"] = "file:///home/me/tools/weather.json"
    assert not validator.is_valid(data)


def test_sarif_meets_code_scanning_requirements() -> None:
    """Rules come from the registry with help and helpUri; results carry fingerprints and files."""
    run = _sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted({f.rule_id for f in sample_result().findings})
    for rule in rules:
        known = catalog.entry(rule["id"])
        assert known is not None
        assert rule["helpUri"] == catalog.help_uri(known)
        assert rule["shortDescription"]["text"] == known.doc.summary
        assert rule["fullDescription"]["text"] == " ".join(known.doc.why.split())
        assert known.doc.fix.strip() in rule["help"]["text"]
        assert (
            rule["defaultConfiguration"]["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[known.severity.label]
        )
    findings = sample_result().findings
    assert len(run["results"]) == len(findings)
    for result, finding in zip(run["results"], findings, strict=True):
        assert ids[result["ruleIndex"]] == result["ruleId"] == finding.rule_id
        assert result["partialFingerprints"] == {"schemadriftFingerprint/v1": finding.fingerprint}
        assert len(result["locations"]) == 1
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith("/") and ":" not in uri
    # the tool from a Python object points at the baseline snapshot, which records it
    ticket = [r for r in run["results"] if r["properties"]["tool"] == "create_ticket"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in ticket} == {
        "schemadrift.lock.json"
    }
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["openai/array-items", "json-schema/unknown-draft"]


def test_github_escaping_order() -> None:
    """`%` is escaped before CR and LF, and properties also escape `:` and `,`."""
    assert escape_data("50%\r\n%0A") == "50%25%0D%0A%250A"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations_point_at_tool_files() -> None:
    """Each live finding is one command line with the tool's file and line; acks are left out."""
    lines = renderer("github")(sample_result()).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert all("\n" not in line for line in commands)
    weather = [c for c in commands if "get_weather" in c]
    assert weather
    assert all(
        c.split("::")[1].split(" ", 1)[1].startswith("file=tools/weather.json,line=3,")
        for c in weather
    )
    assert not any("unknown-draft" in c for c in commands)
    assert any(c.startswith("::notice title=schemadrift diff/tool-added::") for c in commands)
    assert lines[-1].startswith("schemadrift check: 3 tools against openai, anthropic: 4 errors")


def test_github_quiet_keeps_errors_only() -> None:
    """With -q only error annotations are written."""
    text = renderer("github")(replace(sample_result(), verbosity=0))
    kinds = {line.split(" ", 1)[0] for line in text.splitlines() if line.startswith("::")}
    assert kinds == {"::error"}


def test_markdown_code_spans_survive_backticks_and_pipes() -> None:
    """Text with backticks and pipes stays one code span inside a table cell."""
    assert code("a`b") == "``a`b``"
    assert code("x|y") == "`x\\|y`"
    assert code("`edge`") == "`` `edge` ``"


def test_markdown_stays_under_github_limits() -> None:
    """A huge run is cut before GitHub's comment limit and says how much it left out."""
    base = sample_result()
    many = tuple(
        replace(base.findings[0], tool=f"tool_{i:04d}", message="x" * 200) for i in range(2000)
    )
    text = renderer("markdown")(replace(base, findings=many))
    assert len(text) < 65_536
    assert "more findings left out" in text


def test_junit_one_testcase_per_tool_and_dialect() -> None:
    """JUnit has a testcase per tool × dialect, failing where the tool has an error."""
    root = ET.fromstring(renderer("junit")(sample_result()))  # noqa: S314 - our own output
    cases = root.findall("./testsuite/testcase")
    pairs = {(c.get("name"), c.get("classname")) for c in cases}
    for tool in ("create_ticket", "get_weather", "search_docs"):
        for dialect in ("openai", "anthropic"):
            assert (tool, f"schemadrift.{dialect}") in pairs
    failing = {(c.get("name"), c.get("classname")) for c in cases if c.find("failure") is not None}
    assert ("get_weather", "schemadrift.openai") in failing
    assert ("create_ticket", "schemadrift.openai") not in failing
    assert ("lookup_user", "schemadrift.contract") in failing
    assert root.get("tests") == str(len(cases))
    assert root.get("failures") == str(len(failing))


def test_junit_strips_characters_xml_cannot_carry() -> None:
    """A control character in a message does not make the XML unparseable."""
    base = sample_result()
    bad = replace(base.findings[0], message="bell\x07 here")
    ET.fromstring(renderer("junit")(replace(base, findings=(bad,))))  # noqa: S314 - our own output


def _tools(count: int, failing: set[int]) -> tuple[ToolSummary, ...]:
    dialects = ("openai", "gemini")
    return tuple(
        ToolSummary(
            f"tool_{i:05d}",
            Location(f"tools/t{i}.json", 1),
            {d: "fail" if i in failing and d == "openai" else "pass" for d in dialects},
        )
        for i in range(count)
    )


def test_matrix_lists_every_tool_of_a_small_run() -> None:
    """Up to MATRIX_ALL tools, the matrix has a row for each, passing or not."""
    result = replace(sample_result(), tools=_tools(MATRIX_ALL, {3}), dialects=("openai", "gemini"))
    for fmt in ("text", "markdown"):
        text = renderer(fmt)(result)
        assert all(f"tool_{i:05d}" in text for i in range(MATRIX_ALL)), fmt
        assert "pass every dialect" not in text


def test_matrix_of_a_large_run_lists_the_tools_that_do_not_pass() -> None:
    """Past MATRIX_ALL tools, only tools some dialect does not pass get a row; one line counts
    the rest."""
    result = replace(sample_result(), tools=_tools(60, {7, 42}), dialects=("openai", "gemini"))
    text = renderer("text")(result)
    rows = [line for line in text.splitlines() if line.startswith("tool_")]
    assert [row.split()[0] for row in rows] == ["tool_00007", "tool_00042"]
    assert "(58 more tools pass every dialect)" in text
    markdown = renderer("markdown")(result)
    assert "| `tool_00007` |" in markdown and "| `tool_00003` |" not in markdown
    assert "_58 more tools pass every dialect._" in markdown


def test_markdown_of_ten_thousand_tools_stays_under_github_limits() -> None:
    """10,000 tools, every one failing somewhere, with 2,000 findings: the job summary stays
    under the comment limit (and so far under the 1 MiB summary limit) and says what it cut."""
    base = sample_result()
    many = tuple(
        replace(base.findings[0], tool=f"tool_{i:05d}", message="x" * 200) for i in range(2000)
    )
    result = replace(
        base,
        findings=many,
        tools=_tools(10_000, set(range(10_000))),
        dialects=("openai", "gemini"),
    )
    text = renderer("markdown")(result)
    assert len(text) < 65_536
    assert "more tools with findings left out to stay within GitHub's size limits" in text
    assert "more findings left out" in text
