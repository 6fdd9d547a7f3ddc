"""The pydantic-ai adapter on the fixture agent, with the real pydantic-ai-slim."""

from __future__ import annotations

from tests.adapters.conftest import tool

PACKAGES = ("pydantic-ai-slim", "pydantic", "pydantic-core", "griffe")


def test_snapshot_matches_golden(extract, golden):
    """`schemadrift snapshot` on the pydantic-ai project writes the golden snapshot."""
    assert extract("pydantic_ai", PACKAGES) == golden


def test_profile_variants(extract):
    """Each tool has the OpenAI and Google renderings its model profiles send."""
    data = extract("pydantic_ai", PACKAGES)
    search = tool(data, "search")
    assert search["variants"]["openai"]["additionalProperties"] is False
    assert "gemini-json" in search["variants"]
    # A lone model argument becomes the whole argument object in pydantic-ai.
    assert tool(data, "add_tree")["input_schema"]["$ref"] == "#/$defs/TreeNode"
    # Tools that leave `strict` unset are rendered and sent without strict mode.
    assert sorted(tool(data, "ping")["variants"]) == ["gemini-json", "openai"]
