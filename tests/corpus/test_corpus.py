"""The shared corpus of real provider rejections: each case's verdict per dialect.

Cases live in ``../shared/corpus/cases`` (facts from public issues) and are read at test time.
``reject`` means at least one error finding from that dialect, ``accept`` none, ``warn`` a warning
and no error. A verdict that cannot pass yet sits in ``KNOWN_GAPS`` with its reason; such an entry
fails as soon as the gap closes, so the table cannot go stale.
"""

from __future__ import annotations

import json

import pytest

from schemadrift import registry
from schemadrift.engine import Linter
from schemadrift.model import Severity, Tool
from tests.conftest import SHARED
from tests.helpers.tools import tools_of

CASES_DIR = SHARED / "corpus" / "cases"
NAMES = {
    "openai-nonstrict": "openai",
    "vertex-gemini": "vertex",
    "gemini-parametersJsonSchema": "gemini-json",
    "bedrock-converse": "bedrock",
    "bedrock-converse-strict": "bedrock-strict",
}
VERDICTS = ("reject", "accept", "warn")

# (case id, dialect, side) -> why the verdict cannot be reached yet.
KNOWN_GAPS: dict[tuple[str, str, str], str] = {}


def dialect_id(name: str) -> str:
    return NAMES.get(name, name)


def verdict_of(text: object) -> str | None:
    """The verdict a corpus string asserts (`reject (before) / ...` → reject), or None."""
    if not isinstance(text, str):
        return None
    word = text.strip().split(" ", 1)[0].rstrip(",;:")
    return word if word in VERDICTS else None


def case_tools(case: dict, side: str) -> list[Tool]:
    if case["case_type"] == "toolset":
        tools = case["tools"]
        if isinstance(tools, dict):
            tools = [
                {"name": n, "inputSchema": s} for n, s in tools.get("after_examples", tools).items()
            ]
        return tools_of(tools)
    if case["case_type"] == "tool_definition":
        return tools_of(case[side])
    value = case["schema"] if side == "schema" else case[side]
    return tools_of(value, name=case["id"].replace("-", "_")[:60])


def expectations() -> list[tuple[str, str, str, str]]:
    """(case id, dialect, side, verdict) for every asserted verdict in the corpus."""
    out = []
    for path in sorted(CASES_DIR.glob("*.json")):
        case = json.loads(path.read_text("utf-8"))
        expected = case["expected"]
        sides = (
            ("before", "after")
            if case["case_type"] == "before_after"
            else (("tool",) if case["case_type"] == "tool_definition" else ("schema",))
        )
        if case["case_type"] == "toolset":
            for tool, per in (expected.get("per_tool") or {}).items():
                for name, text in per.items():
                    if verdict_of(text):
                        out.append(
                            (case["id"], dialect_id(name), f"tool:{tool}", verdict_of(text) or "")
                        )
            continue
        per_dialect = expected.get("per_dialect")
        if per_dialect is None:
            per_dialect = {name: expected.get("verdict") for name in case["dialect"]}
        if "all" in per_dialect:
            per_dialect = dict.fromkeys(case["dialect"], per_dialect["all"])
        for name, value in per_dialect.items():
            if isinstance(value, dict):
                for side in ("before", "after"):
                    if verdict_of(value.get(side)):
                        out.append(
                            (case["id"], dialect_id(name), side, verdict_of(value[side]) or "")
                        )
            elif verdict_of(value):
                side = sides[-1]
                out.append((case["id"], dialect_id(name), side, verdict_of(value) or ""))
    return out


EXPECTATIONS = expectations()


def judge(case_id: str, dialect: str, side: str) -> str:
    case = json.loads((CASES_DIR / f"{case_id}.json").read_text("utf-8"))
    if side.startswith("tool:"):
        tools = case_tools(case, "tools")
        wanted = side.split(":", 1)[1]
    else:
        tools = case_tools(case, side)
        wanted = None
    findings = Linter().lint(tools, [dialect])
    relevant = [
        f
        for f in findings
        if f.dialect in (dialect, "json-schema") and (wanted is None or f.tool == wanted)
    ]
    if any(f.severity == Severity.ERROR for f in relevant):
        return "reject"
    if any(f.severity == Severity.WARNING and f.dialect == dialect for f in relevant):
        return "warn"
    return "accept"


def test_corpus_is_not_empty() -> None:
    """The corpus is found and yields verdicts to check."""
    assert len(EXPECTATIONS) >= 30


@pytest.mark.parametrize(
    ("case_id", "dialect", "side", "verdict"),
    EXPECTATIONS,
    ids=[f"{c}-{d}-{s}" for c, d, s, _ in EXPECTATIONS],
)
def test_verdict(case_id: str, dialect: str, side: str, verdict: str) -> None:
    """schemadrift reaches the corpus verdict for this case, dialect and side."""
    registry.load()
    if dialect not in registry.DIALECTS:
        pytest.fail(f"dialect {dialect} is not implemented")
    got = judge(case_id, dialect, side)
    # A "warn" expectation is met by a warning; "accept" is met by warnings too (no error).
    ok = got == verdict or (verdict == "accept" and got == "warn")
    gap = KNOWN_GAPS.get((case_id, dialect, side))
    if gap is not None:
        assert not ok, f"known gap closed, remove it from KNOWN_GAPS: {gap}"
        return
    assert ok, f"{case_id} [{dialect}] {side}: expected {verdict}, got {got}"
