"""Change kinds of the output schema as a whole: an ``outputSchema`` declared or dropped
(MCP servers and the clients that validate their structured results).
"""

from __future__ import annotations

from schemadrift.diff.kinds.examples import tools, weather
from schemadrift.diff.kinds.record import BREAKS, DESIGN, RISK, SAFE, kind
from schemadrift.model import Evidence, Severity

MCP_TOOLS = Evidence(
    "https://modelcontextprotocol.io/specification/2025-06-18/server/tools#output-schema",
    "documented",
    "2026-12-01",
    "if an output schema is provided, servers MUST provide structured results that conform to "
    "it, and clients SHOULD validate structured results against it",
)


def _mcp(output: object | None = None, **extra: object) -> dict[str, object]:
    """An MCP `tools/list` entry of the weather tool, with ``output`` as its outputSchema."""
    listed: dict[str, object] = {
        "name": "get_weather",
        "description": "Get the weather.",
        "inputSchema": weather(),
        **extra,
    }
    if output is not None:
        listed["outputSchema"] = output
    return listed


_RESULT = {
    "type": "object",
    "properties": {"result": {"title": "Result", "type": "number"}},
    "required": ["result"],
    "title": "_WrappedResult",
    "x-fastmcp-wrap-result": True,
}

kind(
    "diff/output-schema-added",
    ("output",),
    "existence",
    "add",
    callers=SAFE,
    model=SAFE,
    implementation=RISK,
    severity=Severity.WARNING,
    summary="An output schema added is one new promise about results, reported once.",
    why=(
        "A tool that had no output schema made no promise about its results; one added (FastMCP "
        "derives it from the function's return annotation since mcp 1.10) promises them. The "
        "MCP spec says servers MUST then return structured results that conform and clients "
        "SHOULD validate them: the python SDK's client raises when a result has no "
        "`structuredContent` or does not match. Callers lose nothing (they now get structured "
        "results beside the text content), so this is not an error; but the implementation now "
        "has a contract to keep, and a return annotation that does not say what the tool "
        "returns fails calls in validating clients: a warning. It is one finding, not the type "
        "narrowing and required properties of a comparison with 'no schema' (which accepts "
        "every value the tool may have returned)."
    ),
    fix=(
        "Check that the return annotation says what the tool returns (FastMCP wraps a "
        'non-object return type as `{"result": ...}`), then run `schemadrift snapshot` to '
        "record the schema. If the tool should not promise structured results, opt out "
        "(FastMCP: `@mcp.tool(structured_output=False)`)."
    ),
    evidence=[MCP_TOOLS, DESIGN],
    fails=[tools([_mcp()], [_mcp(_RESULT)])],
    passes=[
        tools(
            [_mcp({**_RESULT, "properties": {"result": {"type": "integer"}}})],
            [_mcp(_RESULT)],
            note=(
                "an output schema that was there already and changed: its changes are judged "
                "one by one (here diff/type-widened, results may now be fractions)"
            ),
        )
    ],
)
kind(
    "diff/output-schema-removed",
    ("output",),
    "existence",
    "remove",
    callers=BREAKS,
    model=SAFE,
    implementation=SAFE,
    severity=Severity.ERROR,
    summary="An output schema stays: removing it withdraws the promise callers rely on.",
    why=(
        "While a tool declares an output schema, its structured results conform to it (MCP: "
        "servers MUST), so callers read `structuredContent` without checking it. Without the "
        "schema the tool may return anything, or no structured result at all (FastMCP stops "
        "sending one): code that read the structured result breaks. It is one finding, not a "
        "widening of every keyword the schema had."
    ),
    fix=(
        "Keep the output schema (restore the return annotation, or `structured_output=True` in "
        "FastMCP), or acknowledge the removal once callers no longer read structured results."
    ),
    evidence=[MCP_TOOLS, DESIGN],
    fails=[tools([_mcp(_RESULT)], [_mcp()])],
    passes=[
        tools(
            [_mcp(_RESULT)],
            [_mcp({**_RESULT, "required": []})],
            note=(
                "the schema kept and loosened: diff/property-became-optional, judged on its own "
                "(an error for callers only with a value they could not expect)"
            ),
        )
    ],
)
