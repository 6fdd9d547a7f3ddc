"""The MCP adapter on a standalone fastmcp server, in-process."""

from __future__ import annotations

from tests.adapters.conftest import tool

PACKAGES = ("fastmcp", "mcp", "pydantic", "pydantic-core")


def test_snapshot_matches_golden(extract, golden):
    """`schemadrift snapshot` on the fastmcp project writes the golden snapshot."""
    assert extract("fastmcp", PACKAGES) == golden


def test_tools_carry_output_schema_and_title(extract):
    """fastmcp's protocol conversion is recorded: title in the envelope, wrapped outputs."""
    data = extract("fastmcp", PACKAGES)
    search = tool(data, "search")
    assert search["envelope"]["title"] == "Search"
    assert search["output_schema"]["x-fastmcp-wrap-result"] is True
    assert search["origin"]["generator"].startswith("fastmcp ")
