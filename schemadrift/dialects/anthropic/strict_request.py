"""Per-request limits of Anthropic strict tools: strict tools, optional and union parameters.

The compiled grammars of all strict tools in one request share these limits, so they are
toolset rules: each tool may be fine alone and the request still fails.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from schemadrift.dialects._anthropic_family import (
    MAX_OPTIONAL_PARAMETERS,
    MAX_STRICT_TOOLS,
    MAX_UNION_PARAMETERS,
    limit_hit,
    toolset_total,
)
from schemadrift.dialects.anthropic.examples import CITY_CLOSED, example_tool
from schemadrift.dialects.anthropic.limits import DOCS_STRICT_TOOLS, DOCS_STRUCTURED
from schemadrift.model import JSON, Severity, Tool
from schemadrift.registry import Context, Example, Hit, rule


def _strict_tools(count: int, prefix: str = "t") -> list[JSON]:
    return [example_tool(f"{prefix}{index}", CITY_CLOSED, strict=True) for index in range(count)]


def _optional_tool(name: str, optional: int) -> JSON:
    properties = {f"p{index}": {"type": "string"} for index in range(optional)}
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    return example_tool(name, schema, strict=True)


def _union_tool(name: str, unions: int) -> JSON:
    properties = {f"p{index}": {"type": ["string", "null"]} for index in range(unions)}
    schema = {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }
    return example_tool(name, schema, strict=True)


@rule(
    "anthropic-strict/too-many-strict-tools",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[DOCS_STRICT_TOOLS],
    fails=[
        Example(
            _strict_tools(21),
            "21 strict tools in one request:",
            '[{"name": "t0", "strict": true, ...}, ..., {"name": "t20", "strict": true, ...}]',
        )
    ],
    passes=[
        Example(
            _strict_tools(20),
            "20 strict tools:",
            '[{"name": "t0", "strict": true, ...}, ..., {"name": "t19", "strict": true, ...}]',
        )
    ],
    hint="keep strict: true on at most 20 tools per request",
)
def strict_too_many_tools(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """A request has at most 20 strict tools.

    ## Why

    Anthropic documents a limit of 20 strict tools per request (non-strict tools do not count).
    Beyond it the request is rejected; frameworks that mark every tool strict hit it as soon as a
    few MCP servers are connected.

    ## Fix

    Mark only the tools whose arguments must be exact as `strict`; send the rest without it.
    """
    if len(tools) > MAX_STRICT_TOOLS:
        yield Hit(
            "",
            f"{len(tools)} strict tools in one request (limit {MAX_STRICT_TOOLS})",
        )


@rule(
    "anthropic-strict/optional-parameters",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[DOCS_STRICT_TOOLS, DOCS_STRUCTURED],
    fails=[
        Example(
            [_optional_tool("a", 13), _optional_tool("b", 12)],
            "Two strict tools with 13 and 12 optional properties:",
            '[{"name": "a", "strict": true, "input_schema": {"type": "object", '
            '"properties": {"p0": {"type": "string"}, ..., "p12": {...}}, '
            '"additionalProperties": false}}, {"name": "b", ... 12 optional properties}]',
        )
    ],
    passes=[
        Example(
            [_optional_tool("a", 12), _optional_tool("b", 12)],
            "Two strict tools with 12 optional properties each:",
            '[{"name": "a", ... 12 optional properties}, '
            '{"name": "b", ... 12 optional properties}]',
        )
    ],
    hint="make parameters required (nullable) or mark fewer tools strict",
)
def strict_optional_parameters(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """The strict tools of a request have at most 24 optional parameters in total.

    ## Why

    Optional properties make the compiled grammar grow quickly, so Anthropic caps optional
    parameters (properties not in `required`) at 24, summed over all strict tools and JSON output
    schemas of a request. schemadrift counts every object at every depth, as written (a definition
    counts once).

    ## Fix

    Make parameters required (nullable where a value may be absent: `{"type": ["string", "null"]}`),
    or send fewer tools as strict.
    """
    total, shares = toolset_total(tools, ctx, "optional")
    if total > MAX_OPTIONAL_PARAMETERS:
        yield limit_hit("optional parameters", total, MAX_OPTIONAL_PARAMETERS, shares)


@rule(
    "anthropic-strict/union-parameters",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[DOCS_STRICT_TOOLS, DOCS_STRUCTURED],
    fails=[
        Example(
            [_union_tool("a", 9), _union_tool("b", 8)],
            "Two strict tools with 9 and 8 nullable properties:",
            '[{"name": "a", "strict": true, "input_schema": {"type": "object", '
            '"properties": {"p0": {"type": ["string", "null"]}, ..., "p8": {...}}, '
            '"required": ["p0", ..., "p8"], "additionalProperties": false}}, '
            '{"name": "b", ... 8 nullable properties}]',
        )
    ],
    passes=[
        Example(
            [_union_tool("a", 8), _union_tool("b", 8)],
            "Two strict tools with 8 nullable properties each:",
            '[{"name": "a", ... 8 nullable properties}, {"name": "b", ... 8 nullable properties}]',
        )
    ],
    hint="use fewer anyOf/nullable parameters or mark fewer tools strict",
)
def strict_union_parameters(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """The strict tools of a request have at most 16 parameters using unions.

    ## Why

    Unions make the compiled grammar grow quickly, so Anthropic caps parameters that use `anyOf` or
    type arrays (`["string", "null"]`, the usual nullable form) at 16, summed over all strict tools
    of a request.

    ## Fix

    Replace unions with single types where possible, or send fewer tools as strict.
    """
    total, shares = toolset_total(tools, ctx, "union")
    if total > MAX_UNION_PARAMETERS:
        yield limit_hit(
            "parameters using anyOf or type arrays", total, MAX_UNION_PARAMETERS, shares
        )
