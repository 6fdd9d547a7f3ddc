"""MCP servers in-process: the official SDK's server and the standalone ``fastmcp`` package.

The official SDK calls its server ``FastMCP`` in mcp 1.x and ``MCPServer`` in mcp 2.x; both
list tools with the async ``list_tools()``. Its 2.x models name the field ``input_schema`` and
only dump ``inputSchema`` by alias, so every dump here is by alias: that is the wire form a
client receives (``outputSchema`` included). The standalone ``fastmcp`` package has its own
server and tool classes; ``to_mcp_tool()`` is its public conversion to the protocol's model.
Supporting both SDK lines matters because the 1.x → 2.x upgrade is exactly what users need
checked.
"""

from __future__ import annotations

from typing import Any

from schemadrift.adapters import from_wire, generating, plain_json, run_async
from schemadrift.model import JSON, Origin, Tool


def _dump(model: Any) -> Any:
    return model.model_dump(by_alias=True, exclude_none=True, mode="json")


def _sdk_server_classes() -> tuple[type, ...]:
    classes: list[type] = []
    try:  # mcp 2.x
        from mcp.server.mcpserver import MCPServer

        classes.append(MCPServer)
    except ImportError:
        pass
    try:  # mcp 1.x (in 2.x this import raises with a migration hint)
        from mcp.server.fastmcp import FastMCP  # type: ignore[attr-defined,unused-ignore]

        classes.append(FastMCP)
    except ImportError:
        pass
    return tuple(classes)


class McpSdkAdapter:
    name = "mcp"
    distributions = ("mcp", "pydantic", "pydantic-core")

    def matches(self, obj: object) -> bool:
        classes = _sdk_server_classes()
        return bool(classes) and isinstance(obj, classes)

    def to_tools(self, obj: object, origin: Origin) -> list[Tool]:
        server: Any = obj
        with generating(origin, "mcp", None):
            listed = run_async(server.list_tools())
            tools: JSON = plain_json([_dump(tool) for tool in listed], origin, None)
        return from_wire({"tools": tools}, origin, "mcp")


class FastMcpAdapter:
    name = "fastmcp"
    distributions = ("fastmcp", "mcp", "pydantic", "pydantic-core")

    def matches(self, obj: object) -> bool:
        from fastmcp import FastMCP

        return isinstance(obj, FastMCP)

    def to_tools(self, obj: object, origin: Origin) -> list[Tool]:
        server: Any = obj
        with generating(origin, "fastmcp", None):
            listed = run_async(server.list_tools())
        dumped = []
        for tool in listed:
            with generating(origin, "fastmcp", tool.name):
                dumped.append(_dump(tool.to_mcp_tool()))
        return from_wire({"tools": plain_json(dumped, origin, None)}, origin, "fastmcp")


SDK = McpSdkAdapter()
FASTMCP = FastMcpAdapter()
