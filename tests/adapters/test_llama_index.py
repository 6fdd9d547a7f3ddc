"""The LlamaIndex adapter on the fixture tools, with the real llama-index-core."""

from __future__ import annotations

from tests.adapters.conftest import tool

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
