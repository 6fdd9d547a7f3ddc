"""Names in Anthropic requests: tool names, top-level property keys, unique names per request.

Anthropic validates each against a pattern of its own, and one bad name fails the whole
request, so these are the rules MCP servers and framework tools break most often.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from schemadrift.dialects._anthropic_family import (
    EV_DUPLICATE_NAMES,
    duplicate_name_hits,
    property_key_hits,
    tool_name_hits,
)
from schemadrift.dialects.anthropic.examples import CITY, example_tool
from schemadrift.dialects.anthropic.limits import (
    NAME_MAX_DOCUMENTED,
    NAME_MAX_ENFORCED,
    OPENAPI_TOOL,
)
from schemadrift.model import Evidence, Severity, Tool
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.walk import Node


@rule(
    "anthropic/tool-name",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        OPENAPI_TOOL,
        Evidence(
            "https://github.com/schemadrift/schemadrift/blob/main/docs/dialects.md#3-anthropic-messages-api--toolsinput_schema",
            "observed",
            "2026-09-01",
            "2026 API error: tools.0.custom.name: String should match pattern "
            "'^[a-zA-Z0-9_-]{1,128}$' (quoted in several repositories; dates not recorded)",
            verdict="rejected",
        ),
    ],
    fails=[example_tool("github.create_issue", CITY), example_tool("x" * 129, CITY)],
    passes=[example_tool("github__create_issue", CITY)],
    hint="use only letters, digits, '_' and '-', at most 128 characters",
)
def tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool names are 1-128 characters of `a-z A-Z 0-9 _ -`.

    ## Why

    Anthropic validates `tools[].name` against `^[a-zA-Z0-9_-]{1,128}$` (2026 API errors:
    `tools.0.custom.name: String should match pattern`). Dots, slashes, colons and spaces, common in
    MCP names such as `github.create_issue`, fail the whole request; the same pattern is enforced on
    tool calls replayed in the conversation history.

    ## Fix

    Rename the tool with letters, digits, `_` and `-` only (for MCP prefixes, use `server__tool`
    rather than `server.tool` or `server/tool`).
    """
    yield from tool_name_hits(tool, NAME_MAX_ENFORCED)


@rule(
    "anthropic/tool-name-length",
    severity=Severity.WARNING,
    scope="tool",
    evidence=[OPENAPI_TOOL],
    fails=[example_tool("n" * 65, CITY)],
    passes=[example_tool("n" * 64, CITY)],
    hint="shorten the name to 64 characters",
)
def tool_name_length(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool names stay within Anthropic's documented 64 characters.

    ## Why

    Anthropic's API reference documents `^[a-zA-Z0-9_-]{1,64}$`; the API has accepted up to 128
    characters since 2026, but older history errors (`tool_use.name: String should have at most 64
    characters`) and Claude Desktop's remote MCP connectors (`FrontendRemoteMcpToolDefinition.name`)
    still enforce 64.

    ## Fix

    Shorten the name to 64 characters or fewer (drop long server prefixes).
    """
    if tool.name_from_file:
        return
    if NAME_MAX_DOCUMENTED < len(tool.name) <= NAME_MAX_ENFORCED:
        yield Hit(
            "/name",
            f"tool name is {len(tool.name)} characters long; Anthropic documents at most "
            f"{NAME_MAX_DOCUMENTED} (the API enforces {NAME_MAX_ENFORCED})",
        )


@rule(
    "anthropic/property-name",
    severity=Severity.ERROR,
    evidence=[
        Evidence(
            "https://github.com/anthropics/claude-code/issues/4668",
            "observed",
            "2025-07-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/aws-solutions-library-samples/accelerated-intelligent-document-processing-on-aws/issues/709",
            "observed",
            "2026-08-31",
            "the same validator behind Bedrock; checks top-level keys only",
            verdict="rejected",
        ),
    ],
    fails=[{"type": "object", "properties": {"Account Number": {"type": "string"}}}],
    passes=[
        {
            "type": "object",
            "properties": {
                "account_number": {"type": "string"},
                "meta": {"type": "object", "properties": {"Free Text": {"type": "string"}}},
            },
        }
    ],
    triggers=["properties"],
    hint="rename the property to [a-zA-Z0-9_.-], at most 64 characters",
)
def property_name(node: Node, ctx: Context) -> Iterator[Hit]:
    """Top-level property keys match `^[a-zA-Z0-9_.-]{1,64}$`.

    ## Why

    Anthropic rejects `input_schema.properties` keys outside this pattern: `Property keys should
    match pattern '^[a-zA-Z0-9_.-]{1,64}$'`. Keys with spaces or brackets (`"Account Number"`,
    `"rule_name[]"`, taken from an external API) fail the whole request. Only the top level is
    checked by the API; nested keys are not.

    ## Fix

    Rename the property to letters, digits, `_`, `.` and `-` (64 characters at most) and map it back
    to the external name in the tool's code.
    """
    yield from property_key_hits(node)


@rule(
    "anthropic/duplicate-tool-name",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[
        EV_DUPLICATE_NAMES,
        Evidence(
            "https://github.com/eclipse-theia/theia/issues/16122",
            "observed",
            "2025-08-04",
            verdict="rejected",
        ),
    ],
    fails=[[example_tool("search", CITY), example_tool("search", CITY)]],
    passes=[[example_tool("search_web", CITY), example_tool("search_docs", CITY)]],
    hint="give every tool in the request a distinct name",
)
def duplicate_tool_name(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """Tool names are unique within a request.

    ## Why

    Anthropic rejects a request whose tools share a name (`tools: Tool names must be unique.`). It
    happens when two MCP servers expose the same tool, or a client adds a built-in tool with a user
    tool's name.

    ## Fix

    Rename one of the tools, or prefix tools with their server name (`server__tool`).
    """
    yield from duplicate_name_hits(tools)
