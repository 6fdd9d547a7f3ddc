"""The envelope and the schema root of Anthropic tools: the ``anthropic`` structure rules.

Non-strict Anthropic validates the envelope (``name``, ``input_schema``), a root
``type: "object"`` without top-level combinators, and the schema's validity under JSON Schema
2020-12 whatever draft it declares; other keywords are accepted and not enforced.
"""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.dialects._anthropic_family import EV_ROOT_COMPOSITION, root_type_hits, schema_of
from schemadrift.dialects._common import envelope_mismatch
from schemadrift.dialects.anthropic.examples import CITY, example_tool
from schemadrift.dialects.anthropic.limits import OPENAPI_TOOL, ROOT_COMBINATORS, SDK_TOOL_PARAM
from schemadrift.model import Evidence, Severity, Tool
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.walk import Node


@rule(
    "anthropic/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[SDK_TOOL_PARAM, OPENAPI_TOOL],
    fails=[
        {
            "type": "function",
            "function": {"name": "get_weather", "parameters": CITY},
        }
    ],
    passes=[example_tool("get_weather", CITY)],
    hint="send {name, description, input_schema}",
)
def envelope_shape(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tools sent to Anthropic use its envelope (`name`, `description`, `input_schema`).

    ## Why

    The Messages API reads `tools[].name` and `tools[].input_schema`. An OpenAI (`{type: function,
    function: {...}}`), Gemini or Bedrock envelope sent as is fails validation (`input_schema: Field
    required`), and one bad tool fails the whole request. MCP tools, bare schemas and framework
    tools are neutral: a client builds the envelope.

    ## Fix

    Convert the tool to `{"name", "description", "input_schema"}` before sending it.
    """
    yield from envelope_mismatch(tool, frozenset({"anthropic"}), "the Anthropic Messages API")


@rule(
    "anthropic/root-type-object",
    severity=Severity.ERROR,
    evidence=[
        SDK_TOOL_PARAM,
        Evidence(
            "https://github.com/cloudflare/agents/issues/1322",
            "observed",
            "2026-04-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {"$schema": "http://json-schema.org/draft-07/schema#"},
        {"type": "array", "items": {"type": "string"}},
    ],
    passes=[CITY],
    hint='make the root `{"type": "object", "properties": {...}}`',
    root_only=True,
)
def root_type_object(node: Node, ctx: Context) -> Iterator[Hit]:
    """`input_schema` is present and its root is `type: "object"`.

    ## Why

    Anthropic requires `input_schema` and a literal root `type: "object"`: a schema without `type`
    fails with `tools.0.custom.input_schema.type: Field required` (Zod 4 through zod-to-json-schema
    3 emitted just `{"$schema": ...}`, cloudflare/agents #1322), a root array or type list with
    `Input should be 'object'`.

    ## Fix

    Emit an object schema at the root: `{"type": "object", "properties": {...}}`; wrap a single
    non-object argument in a property.
    """
    if node.is_root:
        yield from root_type_hits(node, "input_schema")


@rule(
    "anthropic/root-composition",
    severity=Severity.ERROR,
    evidence=list(EV_ROOT_COMPOSITION),
    fails=[
        {
            "type": "object",
            "properties": {"hours": {"type": "integer"}, "minutes": {"type": "integer"}},
            "anyOf": [{"required": ["hours"]}, {"required": ["minutes"]}],
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {
                "when": {"anyOf": [{"type": "integer"}, {"type": "string", "format": "date-time"}]}
            },
        }
    ],
    triggers=ROOT_COMBINATORS,
    hint="move the variants into properties; no oneOf/allOf/anyOf at the root",
    root_only=True,
)
def root_composition(node: Node, ctx: Context) -> Iterator[Hit]:
    """`input_schema` has no `oneOf`, `allOf` or `anyOf` at the top level.

    ## Why

    Anthropic answers `input_schema does not support oneOf, allOf, or anyOf at the top level` and
    rejects the request, even when the root also says `type: "object"` (the Home Assistant 2026.1
    timer tools and MCP servers with discriminated-union inputs broke this way). Nested combinators
    are fine.

    ## Fix

    Flatten the variants into one object whose properties are the union of the branches (optional
    where they differ), or split the tool in two; express "at least one of" in the description.
    """
    if not node.is_root or not isinstance(node.schema, dict):
        return
    for keyword in ROOT_COMBINATORS:
        if keyword in node.schema:
            yield Hit(f"/{keyword}", f"`{keyword}` at the top level of input_schema is rejected")


STRICT_DRAFT_HINT = (
    "drop the draft-07 construct and state it in the description: a strict tool supports neither "
    "`prefixItems` nor numeric bounds"
)


@rule(
    "anthropic/draft-2020-12",
    severity=Severity.WARNING,
    scope="tool",
    inference=True,
    evidence=[
        Evidence(
            "https://github.com/anthropics/claude-code/issues/63673",
            "observed",
            "2026-05-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/Dokploy/mcp/issues/74", "observed", "2025-09-01", verdict="rejected"
        ),
        Evidence(
            "https://github.com/anomalyco/opencode/pull/39120",
            "inference",
            "2026-08-01",
            "fixed tuple-form items for strict 2020-12 validators",
        ),
    ],
    fails=[
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "properties": {"point": {"type": "array", "items": [{"type": "number"}] * 2}},
        }
    ],
    passes=[
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "properties": {"point": {"type": "array", "items": {"type": "number"}}},
        }
    ],
    hint="use 2020-12 constructs (prefixItems, numeric exclusiveMinimum)",
)
def draft_2020_12(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Schemas that declare an older draft are also valid under JSON Schema 2020-12.

    ## Why

    Anthropic checks every `input_schema` against the 2020-12 meta-schema (`JSON schema is invalid.
    It must match JSON Schema draft 2020-12`), whatever `$schema` says. A schema that declares
    draft-04/06/07 or 2019-09 can be valid under its own draft and invalid under 2020-12: tuple-form
    `items: [...]` and boolean `exclusiveMinimum: true` are the usual cases. The `json-schema` pack
    judges the declared draft, so it stays silent on them. That Anthropic ignores `$schema` is an
    inference from its error text (opencode fixed tuple `items` for "strict 2020-12 validators"),
    hence a warning.

    ## Fix

    Emit 2020-12 constructs (`prefixItems` for tuples, numeric `exclusiveMinimum`) or configure the
    generator to target 2020-12 (zod-to-json-schema `target`, pydantic already does).
    """
    from schemadrift.schema.validity import draft_of, meta_errors, nests_too_deep

    base, schema = schema_of(tool, ctx)
    if not isinstance(schema, dict) or "$schema" not in schema:
        return
    declared = draft_of(schema)
    if declared in (None, "2020-12"):
        return  # the json-schema pack already judges these under 2020-12
    if nests_too_deep(schema):
        return
    errors = meta_errors({key: value for key, value in schema.items() if key != "$schema"})
    if errors:
        pointer, message = errors[0]
        yield Hit(
            base + pointer,
            f"`$schema` declares {declared}, but Anthropic validates against 2020-12, where "
            f"this is invalid: {message}",
            # The usual fix names `prefixItems` and a numeric `exclusiveMinimum`, which a strict
            # tool cannot use (anthropic-strict/unlisted-keyword, /unsupported-constraint).
            hint=STRICT_DRAFT_HINT if tool.strict else None,
        )
