"""The LlamaIndex adapter on the fixture tools, with the real llama-index-core."""

from __future__ import annotations

from tests.adapters.conftest import tool
from tests.adapters.envelopes import (
    check_after_adding_a_tool,
    envelope_findings,
    lint_snapshot,
)

PACKAGES = ("llama-index-core", "pydantic", "pydantic-core")


def test_snapshot_matches_golden(extract, golden):
    """`schemadrift snapshot` on the LlamaIndex project writes the golden snapshot."""
    assert extract("llama_index", PACKAGES) == golden


def test_to_openai_tool_is_recorded(extract):
    """Name, signature-prefixed description and parameters come from to_openai_tool."""
    data = extract("llama_index", PACKAGES)
    ping = tool(data, "ping")
    assert ping["description"].startswith("ping() -> str")
    assert ping["origin"]["generator"].startswith("llama-index-core ")
    assert tool(data, "search")["input_schema"]["properties"]["limit"]["default"] == 10


def test_no_envelope_finding_for_any_provider(extract):
    """LlamaIndex's Anthropic and Gemini LLM classes convert a `FunctionTool` from its metadata
    for their API, so the OpenAI rendering recorded is no envelope of the user's: linting for
    openai, anthropic and gemini reports no envelope-shape finding, and the schemas are still
    judged (gemini rejects `$defs`)."""
    found = lint_snapshot(extract("llama_index", PACKAGES))
    assert envelope_findings(found) == []
    assert any(f.rule_id == "gemini/unsupported-keyword" for f in found)


def test_check_after_adding_a_plain_tool_is_green(tmp_path):
    """A `FunctionTool` added after the snapshot is judged on its schema alone under openai,
    anthropic and gemini: no envelope error, so `check` passes (it failed with
    `anthropic/envelope-shape`, 2026-12-newcomer.md §3 item 2)."""
    addition = (
        "\n\ndef add(a: int, b: int) -> int:\n"
        '    """Add two integers."""\n    return a + b\n\n\n'
        "TOOLS.append(FunctionTool.from_defaults(fn=add))\n"
    )
    report = check_after_adding_a_tool(tmp_path, "llama_index", "fx_llama_index/tools.py", addition)
    assert [f for f in report["findings"] if f["rule"].endswith("/envelope-shape")] == []
    assert [f for f in report["findings"] if f["tool"] == "add" and f["severity"] == "error"] == []
    assert report["exit_code"] == 0
