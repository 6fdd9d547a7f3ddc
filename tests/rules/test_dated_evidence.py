"""Dated evidence: every verdict has a date, and of several the newest wins.

Providers change what they accept (dialects.md: "rules carry the date of their evidence").
A keyword or limit that a provider rejected once and accepts now is at most a warning that
names the dated conflict, never an error; ``schemadrift explain`` shows the dates. The
registry-wide check (every error rests on a newest rejection) is in ``test_registry.py``.
"""

from __future__ import annotations

import pytest

from schemadrift.catalog import render_explain
from schemadrift.engine import Linter
from schemadrift.model import Evidence, Severity, cite
from schemadrift.registry import Claim
from tests.helpers.tools import tools_of

OLD = Evidence("https://github.com/o/r/issues/1", "observed", "2024-09-01", verdict="rejected")
NEW = Evidence("https://github.com/o/r/pull/2", "observed", "2026-08-01", verdict="accepted")
BACKGROUND = Evidence("https://example.com/docs/page", "adapter", "2026-12-01")


def only(rule_id: str, doc: object, dialect: str) -> list:
    return Linter(enabled=lambda rule: rule.id == rule_id).lint(tools_of(doc), [dialect])


def test_the_newest_verdict_wins_and_a_conflict_names_both_dates() -> None:
    """Background evidence (no verdict) never decides; the conflict cites both sources."""
    claim = Claim("default", Severity.WARNING, (NEW, BACKGROUND, OLD), caveat="Azure may reject")
    assert claim.newest is NEW and claim.verdict == "accepted"
    assert claim.conflict == "rejected 2024-09 (r #1), accepted 2026-08 (r #2); Azure may reject"
    assert Claim("x", Severity.ERROR, (NEW, OLD.rejects()), "").conflict is not None
    assert Claim("x", Severity.ERROR, (OLD,)).conflict is None  # still rejected
    assert Claim("x", None, (NEW,)).conflict is None  # never rejected: no conflict
    assert cite("https://github.com/openai/openai-agents-python/issues/4390") == (
        "openai-agents-python #4390"
    )


def test_openai_description_length_is_a_dated_warning() -> None:
    """OpenAI rejected descriptions over 1,024 characters until 2025-05 and lifted the limit
    (llama_index #18784); Azure may still enforce it: a warning that says so."""
    doc = {"type": "function", "function": {"name": "f", "description": "d" * 1500}}
    (finding,) = only("openai/description-length", doc, "openai")
    assert finding.severity is Severity.WARNING
    assert "accepted 2025-05 (llama_index #18784)" in finding.message
    assert "Azure" in finding.message


def test_nova_top_level_keywords_observed_accepted_are_not_reported() -> None:
    """The Nova guide allows only type/properties/required at the top level, but recorded
    Nova traffic (2026-08) accepted `additionalProperties: false` and `title`: no finding;
    other top-level keywords stay a warning."""
    closed = {
        "toolSpec": {
            "name": "f",
            "description": "d",
            "inputSchema": {
                "json": {
                    "type": "object",
                    "title": "F",
                    "properties": {"a": {"type": "string"}},
                    "additionalProperties": False,
                    "description": "top-level description",
                }
            },
        }
    }
    found = only("bedrock/nova-top-level-keyword", closed, "bedrock")
    assert [(f.pointer, f.severity) for f in found] == [
        ("/input_schema/description", Severity.WARNING)
    ]
    # The hint no longer says "only type, properties and required", which would have a strict
    # tool drop the `additionalProperties: false` that bedrock-strict requires.
    assert "additionalProperties" in (found[0].hint or "")


def test_bedrock_strict_length_bounds_are_accepted() -> None:
    """The AWS docs list `minLength`/`maxLength` as unsupported under strict, but Bedrock
    accepted them when probed (2026-05-19): not reported, unlike `maxItems`."""
    schema = {
        "type": "object",
        "properties": {
            "code": {"type": "string", "minLength": 3, "maxLength": 3},
            "ids": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
        },
        "required": ["code", "ids"],
        "additionalProperties": False,
    }
    doc = {"toolSpec": {"name": "f", "strict": True, "inputSchema": {"json": schema}}}
    found = only("bedrock-strict/unsupported-constraint", doc, "bedrock-strict")
    assert [f.pointer for f in found] == ["/input_schema/properties/ids/maxItems"]


def test_vertex_long_function_names_are_a_dated_warning() -> None:
    """Every observed Gemini error capped names at 64; google-genai documents 128 for Vertex
    since 2026-05-20: a 100-character name is a warning naming both."""
    doc = {"functionDeclarations": [{"name": "n" * 100, "parameters": {"type": "object"}}]}
    (finding,) = only("vertex/tool-name", doc, "vertex")
    assert finding.severity is Severity.WARNING
    assert "rejected 2025-11 (ccs #25)" in finding.message


@pytest.mark.parametrize(
    ("rule_id", "expected"),
    [
        (
            "openai-strict/unsupported-keyword",
            [
                "**default**: warning",
                "(observed, 2024-09-01, rejected)",
                "(observed, 2026-08-01, accepted)",
                "rejected 2024-09 (zenn.dev …/a8d8f53f5faebb), accepted 2026-08 "
                "(openai-agents-python #4390); Azure OpenAI may still reject it",
            ],
        ),
        ("openai/description-length", ["(observed, 2025-05-19, accepted)"]),
        ("vertex/null-type", ["rejected 2024-12 (pydantic-ai #533), accepted 2025-05"]),
        ("gemini/empty-object-parameters", ["(observed, 2025-09-01, accepted)"]),
        ("openai-strict/nesting-depth", ["**object nesting levels from 6 to 10**: not reported"]),
    ],
)
def test_explain_shows_the_dates(rule_id: str, expected: list[str]) -> None:
    """`schemadrift explain` prints each keyword's or limit's dated verdicts."""
    text = render_explain(rule_id)
    for piece in expected:
        assert piece in text, piece
