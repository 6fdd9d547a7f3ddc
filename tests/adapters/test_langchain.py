"""The LangChain core adapter on the fixture tools, with the real langchain-core."""

from __future__ import annotations

from tests.adapters.conftest import tool

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
