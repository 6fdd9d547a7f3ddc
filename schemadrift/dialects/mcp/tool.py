"""MCP's contract for one tool and a server's list: the envelope, `inputSchema` and
`outputSchema`, names."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from schemadrift.dialects._common import envelope_mismatch
from schemadrift.model import JSON, Evidence, Severity, Tool
from schemadrift.registry import Claim, Context, Hit, rule

SPEC = "https://modelcontextprotocol.io/specification"

# Tool names, 2025-11-25 (SEP-986): SHOULD be 1-128 characters of A-Z a-z 0-9 _ - .
TOOL_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,128}")

# x-mcp-header (2026-07-28, SEP-2243): only on primitive properties, not `number`.
HEADER_TYPES = frozenset({"string", "integer", "boolean"})
# A header name part: visible ASCII without space and ':' (RFC 9110 token-ish).
HEADER_NAME = re.compile(r"[!-9;-~]+")

EV_SCHEMA_TS = Evidence(
    "https://github.com/modelcontextprotocol/modelcontextprotocol/blob/main/schema/2025-11-25/schema.ts",
    "documented",
    "2025-11-25",
    'inputSchema: { $schema?: string; type: "object"; ... } - '
    "MUST be a valid JSON Schema object (not null)",
    verdict="rejected",
)
EV_ZOD = Evidence(
    "https://github.com/WebMCP-org/npm-packages/issues/117",
    "observed",
    "2025-09-01",
    'ZodError invalid_literal, expected "object", path ["tools", 2, "inputSchema", "type"]',
    verdict="rejected",
)
EV_CLAUDE_CODE = Evidence(
    "https://github.com/maxkle1nz/m1nd/pull/389",
    "observed",
    "2026-03-01",
    "invalid_value path tools.42.inputSchema.type expected object",
    verdict="rejected",
)
EV_NAMES = Evidence(
    f"{SPEC}/2025-11-25/server/tools",
    "documented",
    "2025-11-25",
    "tool names SHOULD be 1-128 characters of A-Z a-z 0-9 _ - . and unique within a server",
)
EV_2026 = Evidence(
    f"{SPEC}/2026-07-28/changelog",
    "documented",
    "2026-07-28",
    "outputSchema may be any JSON Schema; x-mcp-header only on primitive properties (not number)",
)
EV_2025_06 = Evidence(
    f"{SPEC}/2025-06-18/server/tools",
    "documented",
    "2025-06-18",
    'outputSchema: { type: "object", properties?, required? }',
)

_OK = {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}


def mcp_listing(*tools: dict[str, JSON]) -> JSON:
    return {"tools": list(tools)}


@rule(
    "mcp/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[EV_SCHEMA_TS],
    fails=[[{"type": "function", "function": {"name": "search", "parameters": _OK}}]],
    passes=[mcp_listing({"name": "search", "inputSchema": _OK})],
)
def envelope(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """MCP tools are `{name, description, inputSchema}` objects, not provider envelopes.

    ## Why

    An MCP server lists tools as `{name, title?, description?, inputSchema, outputSchema?,
    annotations?}`. A tool written in an OpenAI, Anthropic, Gemini or Bedrock envelope has no
    `inputSchema`; clients drop it (or the whole list) when they validate `tools/list`.

    ## Fix

    Publish the tool as `{name, description, inputSchema}`.
    """
    yield from envelope_mismatch(tool, frozenset({"mcp"}), "an MCP client")


@rule(
    "mcp/input-schema-required",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[EV_SCHEMA_TS, EV_ZOD],
    fails=[mcp_listing({"name": "ping", "inputSchema": None})],
    passes=[
        mcp_listing(
            {"name": "ping", "inputSchema": {"type": "object", "additionalProperties": False}}
        )
    ],
)
def input_schema_required(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Every MCP tool has an `inputSchema` object (not `null`).

    ## Why

    `inputSchema` is required in every spec version, and 2025-11-25 adds that it "MUST be a valid
    JSON Schema object (not `null`)". Clients validate `tools/list` with the spec schema and drop
    the whole list on one bad tool.

    ## Fix

    Send `{"type": "object", "additionalProperties": false}` for a tool without parameters.
    """
    if not isinstance(tool.input_schema, dict):
        what = "missing or null" if tool.input_schema is None else "not a JSON object"
        yield Hit("/input_schema", f"`inputSchema` is {what}; MCP requires a JSON Schema object")


@rule(
    "mcp/root-type-object",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[EV_SCHEMA_TS, EV_ZOD, EV_CLAUDE_CODE],
    fails=[
        mcp_listing({"name": "get_cart", "inputSchema": {}}),
        mcp_listing({"name": "f", "inputSchema": {"oneOf": [_OK]}}),
    ],
    passes=[mcp_listing({"name": "f", "inputSchema": {"type": "object", "oneOf": [_OK]}})],
)
def root_type_object(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """An MCP `inputSchema` root has `"type": "object"` (every spec version: MUST).

    ## Why

    The schema types `inputSchema.type` as the literal `"object"`. Clients enforce it: WebMCP's Zod
    check fails with `invalid_literal ... expected "object"` and Claude Code with `invalid_value
    path tools.42.inputSchema.type expected object`, and the whole tool list is lost. `{}` and a
    bare top-level `oneOf` are the usual culprits. Since 2026-07-28 any 2020-12 keyword may sit next
    to `type` (root `oneOf` is MCP-legal, though OpenAI and Anthropic reject it).

    ## Fix

    Add `"type": "object"` at the root (for no parameters: `{"type": "object", "properties": {}}`).
    """
    base, schema = tool.schema_for(ctx.dialect)
    if not isinstance(schema, dict):
        return  # mcp/input-schema-required
    kind = schema.get("type")
    if kind == "object":
        return
    if "type" not in schema:
        yield Hit(base, '`inputSchema` has no `type`; MCP requires `"type": "object"` at the root')
    else:
        yield Hit(f"{base}/type", f'`inputSchema.type` is {kind!r}; MCP requires `"object"`')


OUTPUT_SCHEMA_CLAIM = Claim(
    'an outputSchema that is not `"type": "object"`',
    Severity.WARNING,
    (EV_2025_06.rejects(), EV_2026.accepts()),
    caveat="clients that negotiate 2025-06-18 or 2025-11-25 still reject it",
)
"""A non-object output schema: typed out in 2025-06-18, allowed by 2026-07-28."""
EV_DUPLICATE = Evidence(
    "https://github.com/anthropics/claude-code/issues/10687",
    "observed",
    "2025-10-31",
    "tools: Tool names must be unique. (two MCP servers exposing one tool name)",
    "rejected",
)


@rule(
    "mcp/output-schema",
    severity=Severity.WARNING,
    scope="tool",
    evidence=[EV_2026.accepts(), EV_2025_06.rejects()],
    claims=[OUTPUT_SCHEMA_CLAIM],
    fails=[
        mcp_listing({"name": "count", "inputSchema": _OK, "outputSchema": {"type": "integer"}}),
    ],
    passes=[
        mcp_listing(
            {
                "name": "count",
                "inputSchema": _OK,
                "outputSchema": {"type": "object", "properties": {"n": {"type": "integer"}}},
            }
        )
    ],
)
def output_schema(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """An MCP `outputSchema` is a JSON Schema object, `"type": "object"` for pre-2026 clients.

    ## Why

    `outputSchema` (since 2025-06-18) was typed `{type: "object", ...}` until 2025-11-25; 2026-07-28
    allows any JSON Schema (`structuredContent` may be any JSON value). schemadrift follows
    2026-07-28 but warns, because clients that negotiate an older version reject a non-object output
    schema. An `outputSchema` that is not a JSON object is invalid in every version (error).

    ## Fix

    Wrap the result in an object (`{"type": "object", "properties": {"result": ...}}`), or omit
    `outputSchema`.
    """
    schema = tool.output_schema
    if schema is None:
        return  # absent (a null outputSchema is indistinguishable once read)
    if not isinstance(schema, dict):
        yield Hit(
            "/output_schema", "`outputSchema` is not a JSON Schema object", severity=Severity.ERROR
        )
        return
    if schema.get("type") != "object":
        claim = OUTPUT_SCHEMA_CLAIM
        if claim.severity is not None:
            yield Hit(
                "/output_schema",
                '`outputSchema` is not `"type": "object"`, a dated conflict: '
                f"{claim.conflict or claim.history()}",
                severity=claim.severity,
            )


@rule(
    "mcp/tool-name",
    severity=Severity.WARNING,
    scope="tool",
    evidence=[EV_NAMES],
    fails=[mcp_listing({"name": "search issues", "inputSchema": _OK})],
    passes=[mcp_listing({"name": "github.search_issues", "inputSchema": _OK})],
)
def tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """MCP tool names are 1-128 characters of `A-Z a-z 0-9 _ - .` (SHOULD).

    ## Why

    The 2025-11-25 spec says tool names SHOULD be 1-128 characters of letters, digits, `_`, `-` and
    `.`. Spaces, slashes and other characters break clients that build provider names from MCP
    names; note that OpenAI, Anthropic and Bedrock also reject `.` and names over 64 - MCP-legal is
    not provider-legal.

    ## Fix

    Rename the tool to `[A-Za-z0-9_.-]`, at most 128 (at most 64 without dots to be provider-safe).
    """
    if tool.name_from_file or TOOL_NAME.fullmatch(tool.name):
        return
    if not tool.name or len(tool.name) > 128:
        yield Hit("/name", f"tool name is {len(tool.name)} characters; MCP says 1-128")
    else:
        yield Hit("/name", f"tool name {tool.name!r} uses characters outside `A-Z a-z 0-9 _ - .`")


@rule(
    "mcp/duplicate-tool-name",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[EV_NAMES, EV_DUPLICATE],
    fails=[
        mcp_listing({"name": "search", "inputSchema": _OK}, {"name": "search", "inputSchema": _OK})
    ],
    passes=[
        mcp_listing({"name": "search", "inputSchema": _OK}, {"name": "fetch", "inputSchema": _OK})
    ],
)
def duplicate_tool_name(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """Tool names are unique within one MCP server.

    ## Why

    Tools are called by name; the spec says names SHOULD be unique within a server, and providers
    reject a request with two functions of the same name. Tools are grouped by the source they came
    from (one server per file or command).

    ## Fix

    Rename one of the tools.
    """
    seen: dict[tuple[str, str], int] = {}
    for tool in tools:
        key = (tool.origin.location or "", tool.name)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] == 2:
            yield Hit(
                "/name",
                f"tool name {tool.name!r} appears more than once in {key[0] or 'the server'}",
                tool=tool.name,
            )
