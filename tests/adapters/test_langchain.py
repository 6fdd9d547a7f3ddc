"""The LangChain core adapter on the fixture tools, with the real langchain-core."""

from __future__ import annotations

from tests.adapters.conftest import tool
from tests.adapters.envelopes import (
    check_after_adding_a_tool,
    envelope_findings,
    lint_snapshot,
)

PACKAGES = ("langchain-core", "pydantic", "pydantic-core")


def test_snapshot_matches_golden(extract, golden):
    """`schemadrift snapshot` on the LangChain project writes the golden snapshot."""
    assert extract("langchain", PACKAGES) == golden


def test_openai_conversion_and_strict_variant(extract):
    """The input schema is convert_to_openai_tool's; the strict conversion is a variant."""
    data = extract("langchain", PACKAGES)
    search = tool(data, "search")
    assert search["input_schema"]["required"] == ["query"]
    strict = search["variants"]["openai-strict"]
    assert strict["required"] == ["query", "limit", "exact", "score"]
    assert strict["additionalProperties"] is False
    # LangChain's conversion drops the discriminator pydantic generated: recorded as sent.
    assert "discriminator" not in tool(data, "pay")["input_schema"]["properties"]["payment"]


def test_no_envelope_finding_for_any_provider(extract):
    """LangChain converts a tool for each chat model (`ChatAnthropic` sends an Anthropic tool,
    `ChatGoogleGenerativeAI` a declaration), so the OpenAI rendering the snapshot records is no
    envelope the user wrote: linting for openai, anthropic and gemini reports no envelope-shape
    finding (it said "an OpenAI Chat Completions tool is not what the Anthropic Messages API
    receives"), and the schemas are still judged (gemini rejects `$defs`)."""
    found = lint_snapshot(extract("langchain", PACKAGES))
    assert envelope_findings(found) == []
    assert any(f.rule_id == "gemini/unsupported-keyword" for f in found)


def test_check_after_adding_a_plain_tool_is_green(tmp_path):
    """The newcomer's reproduction (2026-12-newcomer.md §3 item 2): snapshot, add a plain
    `@tool def add(a: int, b: int)`, check with openai, anthropic and gemini. It failed with 4
    envelope errors ("every call breaks"); the new tool is fine for every provider."""
    addition = (
        "\n\n@tool\ndef add(a: int, b: int) -> int:\n"
        '    """Add two integers."""\n    return a + b\n\n\nTOOLS.append(add)\n'
    )
    report = check_after_adding_a_tool(tmp_path, "langchain", "fx_langchain/tools.py", addition)
    assert [f for f in report["findings"] if f["rule"].endswith("/envelope-shape")] == []
    assert [f for f in report["findings"] if f["tool"] == "add" and f["severity"] == "error"] == []
    assert any(f["rule"] == "diff/tool-added" for f in report["findings"])
    assert report["exit_code"] == 0
