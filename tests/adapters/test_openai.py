"""openai.pydantic_function_tool output: plain dicts read by the file-shape detection."""

from __future__ import annotations

from tests.adapters.conftest import tool

PACKAGES = ("openai", "pydantic", "pydantic-core")


def test_snapshot_matches_golden(extract, golden):
    """`schemadrift snapshot` on the openai project writes the golden snapshot."""
    assert extract("openai", PACKAGES) == golden


def test_plain_dicts_are_openai_tools(extract):
    """The dicts are detected as strict OpenAI tools without any adapter."""
    data = extract("openai", PACKAGES)
    search = tool(data, "search")
    assert search["origin"]["shape"] == "openai"
    assert search["origin"]["generator"] is None
    assert search["strict"] is True
    assert search["input_schema"]["additionalProperties"] is False
