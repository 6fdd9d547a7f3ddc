"""MCP's `x-mcp-header` annotation: which parameters a Streamable HTTP client mirrors into
request headers, and what such a parameter may be."""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.dialects.mcp.tool import EV_2026, HEADER_NAME, HEADER_TYPES, mcp_listing
from schemadrift.model import JSON, Severity
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.facts import SchemaFacts, nodes
from schemadrift.schema.pointer import join
from schemadrift.schema.walk import Node


@rule(
    "mcp/x-mcp-header",
    severity=Severity.ERROR,
    triggers={"x-mcp-header"},
    evidence=[EV_2026.rejects("clients on Streamable HTTP MUST drop a tool that violates it")],
    fails=[
        mcp_listing(
            {
                "name": "query",
                "inputSchema": {
                    "type": "object",
                    "properties": {"ratio": {"type": "number", "x-mcp-header": "Ratio"}},
                },
            }
        )
    ],
    passes=[
        mcp_listing(
            {
                "name": "query",
                "inputSchema": {
                    "type": "object",
                    "properties": {"region": {"type": "string", "x-mcp-header": "Region"}},
                },
            }
        )
    ],
)
def x_mcp_header(node: Node, ctx: Context) -> Iterator[Hit]:
    """`x-mcp-header` marks only string, integer or boolean properties, with a valid, unique header
    name.

    ## Why

    MCP 2026-07-28 lets a server mirror a parameter into an `Mcp-Param-<name>` HTTP header with
    `x-mcp-header`, only on primitive properties and not on `number`; clients on Streamable HTTP
    MUST drop a tool that violates it. The name must be ASCII without space or `:` and
    case-insensitively unique within the schema.

    ## Fix

    Move `x-mcp-header` to a string/integer/boolean property, or remove it.
    """
    schema = node.schema
    value = schema.get("x-mcp-header")
    pointer = join(node.pointer, "x-mcp-header")
    types = schema.get("type")
    listed = types if isinstance(types, list) else [types]
    kinds = {item for item in listed if isinstance(item, str)}
    kinds.discard("null")
    if not kinds or not kinds <= HEADER_TYPES:
        shown = "/".join(sorted(kinds)) or "untyped"
        yield Hit(
            pointer,
            f"`x-mcp-header` on a {shown} property; only string, integer or boolean are allowed",
        )
    if not isinstance(value, str) or not HEADER_NAME.fullmatch(value):
        yield Hit(
            pointer,
            f"`x-mcp-header` value {value!r} is not an ASCII header name without space or `:`",
        )
        return
    lowered = value.lower()
    for other_pointer, other in _header_names(ctx.root, ctx.facts):
        if other_pointer == pointer:
            break
        if other == lowered:
            yield Hit(
                pointer,
                f"`x-mcp-header` {value!r} repeats another header name (case-insensitively)",
            )
            break


def _header_names(root: JSON, facts: SchemaFacts | None) -> list[tuple[str, str]]:
    out = []
    for node in nodes(root, facts):
        if isinstance(node.schema, dict) and isinstance(node.schema.get("x-mcp-header"), str):
            out.append((join(node.pointer, "x-mcp-header"), node.schema["x-mcp-header"].lower()))
    return out
