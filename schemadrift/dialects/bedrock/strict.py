"""Bedrock strict tools (``toolSpec.strict: true``): the ``bedrock-strict`` rules.

Bedrock forwards Claude's strict tools to Anthropic's grammar compiler, so these apply the
checks of ``dialects/_anthropic_family.py`` with Bedrock's own observed list of constraints.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from schemadrift.dialects._anthropic_family import (
    MAX_OPTIONAL_PARAMETERS,
    MAX_STRICT_TOOLS,
    VERCEL_CLOSED,
    closed_object_hits,
    limit_hit,
    numeric_bound_hits,
    toolset_total,
)
from schemadrift.dialects.bedrock.examples import CITY, CITY_CLOSED, example_spec
from schemadrift.dialects.bedrock.limits import (
    LITELLM_29624,
    LITELLM_39115,
    PYDANTIC_AI_BEDROCK,
    STRANDS_STRICT,
    STRICT_CLAIMS,
)
from schemadrift.model import JSON, Evidence, Severity, Tool
from schemadrift.registry import Context, Example, Hit, rule
from schemadrift.schema.walk import Node


@rule(
    "bedrock-strict/unsupported-constraint",
    severity=Severity.ERROR,
    evidence=[LITELLM_39115, LITELLM_29624, PYDANTIC_AI_BEDROCK],
    claims=list(STRICT_CLAIMS.values()),
    fails=[
        {
            "type": "object",
            "properties": {"ids": {"type": "array", "items": {"type": "string"}, "maxItems": 10}},
            "required": ["ids"],
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"code": {"type": "string", "minLength": 3, "maxLength": 3}},
            "required": ["code"],
            "additionalProperties": False,
        }
    ],
    triggers=tuple(STRICT_CLAIMS),
    hint="move the constraint into the description; strict mode cannot enforce it",
)
def strict_unsupported_constraint(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict Bedrock tools use no numeric bounds, `maxItems` or `minItems` above 1.

    ## Why

    With `toolSpec.strict: true` the schema is compiled into a grammar that cannot express
    `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `maxItems` or
    `minItems` above 1: `tools.1.custom: For 'array' type, property 'maxItems' is not supported`.
    litellm 1.90 started forwarding `strict`, so tools that had worked for months began to fail
    after a dependency upgrade. (`minLength`/`maxLength` are accepted on Bedrock.)

    ## Fix

    Drop the constraint from the strict schema, state it in the description and check it in code.
    """
    yield from numeric_bound_hits(node, STRICT_CLAIMS)


@rule(
    "bedrock-strict/one-of",
    severity=Severity.ERROR,
    evidence=[STRANDS_STRICT],
    fails=[
        {
            "type": "object",
            "properties": {"v": {"oneOf": [{"type": "string"}, {"type": "integer"}]}},
            "required": ["v"],
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"v": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
            "required": ["v"],
            "additionalProperties": False,
        }
    ],
    triggers=["oneOf"],
    hint="use anyOf instead of oneOf",
)
def strict_one_of(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict Bedrock tools use no `oneOf`, at any depth.

    ## Why

    A `oneOf` anywhere in a strict tool fails the whole `converse_stream()` call (an 18-hour
    production outage in strands-agents). Discriminated unions from pydantic and Zod produce it.

    ## Fix

    Use `anyOf` (the branches of a discriminated union are disjoint anyway).
    """
    if isinstance(node.schema, dict) and "oneOf" in node.schema:
        yield Hit(node.pointer + "/oneOf", "`oneOf` fails strict tools on Bedrock")


@rule(
    "bedrock-strict/additional-properties-false",
    severity=Severity.ERROR,
    evidence=[VERCEL_CLOSED],
    fails=[CITY],
    passes=[CITY_CLOSED],
    triggers=["type", "properties"],
    hint='add "additionalProperties": false to the object',
)
def strict_additional_properties_false(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every object in a strict Bedrock tool sets `additionalProperties: false`.

    ## Why

    Strict tools on Bedrock (Claude) need every object closed explicitly: a tool whose schema, or
    any nested object, lacks `additionalProperties: false` fails with `For 'object' type,
    'additionalProperties' must be explicitly set to false`; the same tool without `strict` is
    accepted.

    ## Fix

    Add `"additionalProperties": false` to every object schema of strict tools.
    """
    yield from closed_object_hits(node)


def _strict_specs(count: int) -> list[JSON]:
    return [example_spec(f"t{index}", CITY_CLOSED, strict=True) for index in range(count)]


def _optional_spec(name: str, optional: int) -> JSON:
    properties = {f"p{index}": {"type": "string"} for index in range(optional)}
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    return example_spec(name, schema, strict=True)


@rule(
    "bedrock-strict/optional-parameters",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[STRANDS_STRICT],
    fails=[
        Example(
            [_optional_spec("a", 13), _optional_spec("b", 12)],
            "Two strict tools with 13 and 12 optional properties:",
            '[{"toolSpec": {"name": "a", "strict": true, "inputSchema": {"json": {"type": '
            '"object", "properties": {"p0": {"type": "string"}, ..., "p12": {...}}, '
            '"additionalProperties": false}}}}, {"toolSpec": {"name": "b", ... 12 optional}}]',
        )
    ],
    passes=[
        Example(
            [_optional_spec("a", 12), _optional_spec("b", 12)],
            "Two strict tools with 12 optional properties each:",
            '[{"toolSpec": {"name": "a", ... 12 optional}}, '
            '{"toolSpec": {"name": "b", ... 12 optional}}]',
        )
    ],
    hint="make parameters required (nullable) or mark fewer tools strict",
)
def strict_optional_parameters(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """The strict tools of a Converse request have at most 24 optional parameters in total.

    ## Why

    More than 24 optional parameters summed over the strict tools of a request fails the whole
    Converse call (the Anthropic grammar limit, observed on Bedrock). schemadrift counts properties
    missing from `required` in every object at every depth.

    ## Fix

    Make parameters required (nullable where a value may be absent) or mark fewer tools strict.
    """
    total, shares = toolset_total(tools, ctx, "optional")
    if total > MAX_OPTIONAL_PARAMETERS:
        yield limit_hit("optional parameters", total, MAX_OPTIONAL_PARAMETERS, shares)


@rule(
    "bedrock-strict/too-many-strict-tools",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[
        PYDANTIC_AI_BEDROCK,
        Evidence(
            "https://platform.claude.com/docs/en/agents-and-tools/tool-use/strict-tool-use",
            "documented",
            "2026-09-20",
            verdict="rejected",
        ),
    ],
    fails=[
        Example(
            _strict_specs(21),
            "21 strict tools in one request:",
            '[{"toolSpec": {"name": "t0", "strict": true, ...}}, ..., '
            '{"toolSpec": {"name": "t20", "strict": true, ...}}]',
        )
    ],
    passes=[
        Example(
            _strict_specs(20),
            "20 strict tools:",
            '[{"toolSpec": {"name": "t0", "strict": true, ...}}, ..., '
            '{"toolSpec": {"name": "t19", "strict": true, ...}}]',
        )
    ],
    hint="keep strict: true on at most 20 tools per request",
)
def strict_too_many_tools(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """A Converse request has at most 20 strict tools.

    ## Why

    Strict tools on Bedrock share Anthropic's grammar limits, including 20 strict tools per request;
    pydantic-ai keeps Bedrock strict opt-in for this reason.

    ## Fix

    Mark only the tools whose arguments must be exact as `strict`.
    """
    if len(tools) > MAX_STRICT_TOOLS:
        yield Hit("", f"{len(tools)} strict tools in one request (limit {MAX_STRICT_TOOLS})")
