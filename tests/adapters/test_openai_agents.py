"""The OpenAI Agents SDK adapter on the fixture agent, with the real openai-agents."""

from __future__ import annotations

from tests.adapters.conftest import TOOL_NAMES, tool

PACKAGES = ("openai-agents", "openai", "pydantic", "pydantic-core", "griffe")


def test_snapshot_matches_golden(extract, golden):
    """`schemadrift snapshot` on the Agents SDK project writes the golden snapshot."""
    assert extract("openai_agents", PACKAGES) == golden


def test_agent_tools_and_handoffs_with_strict_variant(extract):
    """The agent's function tools and its handoff are recorded with the strict schema sent."""
    data = extract("openai_agents", PACKAGES)
    assert sorted(t["name"] for t in data["tools"]) == sorted([*TOOL_NAMES, "transfer_to_billing"])
    search = tool(data, "search")
    assert search["strict"] is True
    assert search["variants"]["openai-strict"] == search["input_schema"]
    assert search["input_schema"]["required"] == ["query", "limit", "exact", "score"]
    assert search["envelope"]["type"] == "function"
    assert "openai-agents" in data["packages"]
