"""What Converse validates itself: the ``toolSpec`` envelope, names, description, root type.

These hold for every model behind Converse, so they are errors; what only some model families
reject is in ``models``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from schemadrift.dialects._anthropic_family import (
    EV_DUPLICATE_NAMES,
    duplicate_name_hits,
    root_type_hits,
    tool_name_hits,
)
from schemadrift.dialects._common import envelope_mismatch
from schemadrift.dialects.bedrock.examples import CITY, example_spec
from schemadrift.dialects.bedrock.limits import INPUT_SCHEMA, NAME_MAX, TOOL_SPEC
from schemadrift.model import Evidence, Severity, Tool
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.walk import Node


@rule(
    "bedrock/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[TOOL_SPEC],
    fails=[{"name": "get_weather", "description": "Weather.", "input_schema": CITY}],
    passes=[example_spec("get_weather", CITY)],
    hint="send {toolSpec: {name, description, inputSchema: {json}}}",
)
def envelope_shape(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tools sent to Bedrock Converse use the `toolSpec` envelope.

    ## Why

    Converse reads `toolConfig.tools[].toolSpec.{name, description, inputSchema.json}`. An OpenAI,
    Anthropic or Gemini envelope sent as is fails request validation, and one bad tool fails the
    request. MCP tools, bare schemas and framework tools are neutral: a client builds the envelope.

    ## Fix

    Wrap the tool as `{"toolSpec": {"name", "description", "inputSchema": {"json": ...}}}`.
    """
    yield from envelope_mismatch(tool, frozenset({"bedrock"}), "Bedrock Converse")


@rule(
    "bedrock/tool-name",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        TOOL_SPEC,
        Evidence(
            "https://github.com/openclaw/openclaw/pull/12949",
            "observed",
            "2026-02-09",
            verdict="rejected",
        ),
    ],
    fails=[example_spec("github.create_issue", CITY), example_spec("n" * 65, CITY)],
    passes=[example_spec("github__create_issue", CITY)],
    hint="use only letters, digits, '_' and '-', at most 64 characters",
)
def tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool names are 1-64 characters of `a-z A-Z 0-9 _ -`.

    ## Why

    Converse validates `toolSpec.name` against `[a-zA-Z0-9_-]+` with length 1-64 (`Member must
    satisfy regular expression pattern: [a-zA-Z0-9_-]+`), also on tool calls replayed in the
    history, so an MCP name with a dot or a long `server__tool` prefix fails every later request.

    ## Fix

    Rename the tool with letters, digits, `_` and `-` only, 64 characters at most.
    """
    yield from tool_name_hits(tool, NAME_MAX)


@rule(
    "bedrock/description-length",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        TOOL_SPEC,
        Evidence(
            "https://github.com/aws-samples/bedrock-access-gateway/issues/213",
            "observed",
            "2025-12-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/anomalyco/opencode/pull/48582",
            "observed",
            "2026-09-01",
            verdict="rejected",
        ),
    ],
    fails=[{"toolSpec": {"name": "ping", "description": "", "inputSchema": {"json": CITY}}}],
    passes=[
        {"toolSpec": {"name": "ping", "inputSchema": {"json": CITY}}},
        example_spec("ping", CITY),
    ],
    hint="write a description or omit the key",
)
def description_length(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """A tool `description`, when present, is at least 1 character long.

    ## Why

    `toolSpec.description` is optional, but an empty string fails validation: boto3 raises `Invalid
    length for parameter toolConfig.tools[13].toolSpec.description, value: 0, valid min length: 1`
    before sending, and the API answers HTTP 400 when a client sends it anyway. Frameworks emit `""`
    for tools without a docstring.

    ## Fix

    Write a description, or leave the key out (omitting it is accepted).
    """
    if tool.description is not None and len(tool.description) < 1:
        yield Hit("/description", "the description is empty; Bedrock requires at least 1 character")


@rule(
    "bedrock/root-type-object",
    severity=Severity.ERROR,
    evidence=[
        INPUT_SCHEMA,
        Evidence(
            "https://github.com/aaif-goose/goose/pull/5064",
            "observed",
            "2025-10-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/earendil-works/pi/issues/8279",
            "observed",
            "2026-08-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {"oneOf": [CITY, {"type": "object", "properties": {"zip": {"type": "string"}}}]},
        {"type": "string"},
    ],
    passes=[CITY],
    hint='make the root `{"type": "object", "properties": {...}}`',
    root_only=True,
)
def root_type_object(node: Node, ctx: Context) -> Iterator[Hit]:
    """`inputSchema.json` is present and its root is `type: "object"`.

    ## Why

    AWS documents "The top level schema type must be object", and Converse answers `The value at
    toolConfig.tools.3.toolSpec.inputSchema.json.type must be one of the following: object.`
    Root-composed schemas (`oneOf` without `type`) started failing for some models in August 2026.

    ## Fix

    Emit `{"type": "object", "properties": {...}}` at the root.
    """
    if node.is_root:
        yield from root_type_hits(node, "inputSchema.json")


@rule(
    "bedrock/duplicate-tool-name",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[EV_DUPLICATE_NAMES],
    fails=[[example_spec("search", CITY), example_spec("search", CITY)]],
    passes=[[example_spec("search_web", CITY), example_spec("search_docs", CITY)]],
    hint="give every tool in the request a distinct name",
)
def duplicate_tool_name(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """Tool names are unique within a Converse request.

    ## Why

    A request whose tools share a name is rejected by Claude models (`tools: Tool names must be
    unique.`, returned through Converse) and leaves any model unable to say which tool it calls.

    ## Fix

    Rename one of the tools, or prefix tools with their server name (`server__tool`).
    """
    yield from duplicate_name_hits(tools)
