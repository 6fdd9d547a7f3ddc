"""The MCP adapter on the official SDK's server (MCPServer in mcp 2.x), in-process."""

from __future__ import annotations

from tests.adapters.conftest import tool

PACKAGES = ("mcp", "pydantic", "pydantic-core")


def test_snapshot_matches_golden(extract, golden):
    """`schemadrift snapshot` on the MCP SDK project writes the golden snapshot."""
    assert extract("mcp", PACKAGES) == golden


def test_schemas_dumped_by_alias_with_output_schema(extract):
    """Schemas come from inputSchema/outputSchema (dumped by alias), never left empty."""
    data = extract("mcp", PACKAGES)
    search = tool(data, "search")
    assert search["origin"]["shape"] == "mcp"
    assert search["input_schema"]["title"] == "searchArguments"
    assert search["output_schema"]["title"] == "searchOutput"
    assert "input_schema" not in search["envelope"]
