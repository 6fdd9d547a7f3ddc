"""``openai`` rules on the parameters schema's structure: its root, objects, arrays, properties.

These hold with and without ``strict``; OpenAI documents no keyword subset for non-strict
function calling, so the rejections observed are structural.
"""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.dialects._common import node_types
from schemadrift.dialects.openai.limits import ROOT_COMPOSITION_KEYWORDS
from schemadrift.dialects.openai.nodes import ptr, type_label
from schemadrift.model import Evidence, Severity, Tool
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.facts import nodes
from schemadrift.schema.walk import Node


@rule(
    "openai/root-type-object",
    severity=Severity.ERROR,
    evidence=[
        Evidence(
            "https://github.com/vercel/ai/issues/7325", "observed", "2025-07-01", verdict="rejected"
        ),
        Evidence(
            "https://github.com/n8n-io/n8n/issues/30531",
            "observed",
            "2026-05-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/n8n-io/n8n/issues/29353",
            "observed",
            "2026-04-01",
            verdict="rejected",
        ),
    ],
    fails=[{"type": "string"}, {"properties": {}}, {}],
    passes=[{"type": "object", "properties": {"q": {"type": "string"}}}],
    hint='set "type": "object" at the root of `parameters`',
    root_only=True,
)
def root_type_object(node: Node, ctx: Context) -> Iterator[Hit]:
    """The parameters schema is `type: "object"` at the root.

    ## Why

    OpenAI rejects any other root: `schema must be a JSON Schema of 'type: "object"', got 'type:
    "string"'`, and a root without `type` is reported as `got 'type: "None"'` (Azure OpenAI too).
    Zod 4 and dependency upgrades have produced both (vercel/ai #7325, n8n #29353). A type list that
    contains `object` is reported as a warning: OpenAI's check expects the string `object`.

    ## Fix

    Put `"type": "object"` at the root and the arguments under `properties`.
    """
    if node.keyword is not None:
        return
    schema = node.schema
    if schema is None:  # `parameters` omitted: a function without arguments
        return
    if not isinstance(schema, dict):
        yield Hit("", f'schema must be a JSON Schema of type "object", got {type_label(schema)}')
        return
    value = schema.get("type")
    if value == "object":
        return
    if isinstance(value, list) and "object" in value:
        yield Hit(
            "/type",
            f'root type is a list ({type_label(schema)}); OpenAI expects the string "object"',
            severity=Severity.WARNING,
            hint='use "type": "object" at the root',
        )
        return
    where = "" if value is None else "/type"
    yield Hit(
        where,
        f'schema must be a JSON Schema of type: "object", got type: "{type_label(schema)}"',
    )


@rule(
    "openai/root-composition",
    severity=Severity.ERROR,
    triggers=ROOT_COMPOSITION_KEYWORDS,
    evidence=[
        Evidence(
            "https://github.com/home-assistant/core/issues/160600",
            "observed",
            "2026-01-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/goruck/home-generative-agent/pull/546",
            "observed",
            "2026-01-01",
            "later wording adds 'const'",
            verdict="rejected",
        ),
    ],
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
            "properties": {"hours": {"type": "integer"}, "minutes": {"type": "integer"}},
        }
    ],
    hint="move the composition below the root (into a property) or drop it",
    root_only=True,
)
def root_composition(node: Node, ctx: Context) -> Iterator[Hit]:
    """The root schema has no `oneOf`/`anyOf`/`allOf`/`enum`/`const`/`not`.

    ## Why

    OpenAI rejects the request with `schema must have type 'object' and not have
    'oneOf'/'anyOf'/'allOf'/'enum'/'const'/'not' at the top level`. Home Assistant 2026.1 added a
    root `anyOf` (at least one of hours/minutes/seconds) and every OpenAI and Anthropic request
    failed. The message belongs to the same root check as the non-strict `type: "None"` error, so it
    applies with and without `strict`.

    ## Fix

    Keep the root a plain object: move alternatives into a property (`mode` with `anyOf`), or
    validate 'at least one of' in the tool and say so in `description`.
    """
    if node.keyword is not None or not isinstance(node.schema, dict):
        return
    for keyword in ROOT_COMPOSITION_KEYWORDS:
        if keyword in node.schema:
            yield Hit(
                "/" + keyword,
                f"schema must have type 'object' and not have '{keyword}' at the top level",
            )


@rule(
    "openai/root-properties",
    severity=Severity.ERROR,
    triggers=("type",),
    evidence=[
        Evidence(
            "https://github.com/langchain-ai/langchain-mcp-adapters/issues/137",
            "observed",
            "2025-05-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/github/github-mcp-server/issues/1548",
            "observed",
            "2025-12-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/pydantic/pydantic-ai/blob/main/pydantic_ai_slim/pydantic_ai/profiles/openai.py",
            "adapter",
            "2026-08-22",
            verdict="rejected",
        ),
    ],
    fails=[{"type": "object"}],
    passes=[{"type": "object", "properties": {}}],
    hint='add "properties": {} at the root',
)
def root_properties(node: Node, ctx: Context) -> Iterator[Hit]:
    """A root object schema declares `properties` (possibly empty).

    ## Why

    `{"type": "object"}` alone is rejected: `In context=(), object schema missing properties`
    (langchain-mcp-adapters #137, GitHub's MCP server #1548). MCP allows a no-argument tool to omit
    `properties`, so forwarded MCP tools hit this. pydantic-ai adds `properties: {}` to every object
    because 'OpenAI drops objects without it'.

    ## Fix

    Add `"properties": {}` to a tool that takes no arguments.
    """
    schema = node.schema
    if node.keyword is None and schema.get("type") == "object" and "properties" not in schema:
        yield Hit("", "object schema missing properties")


@rule(
    "openai/array-items",
    severity=Severity.ERROR,
    triggers=("type",),
    evidence=[
        Evidence(
            "https://github.com/sigoden/aichat/pull/1049",
            "observed",
            "2024-12-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/tidewave-ai/tidewave_phoenix/pull/224",
            "observed",
            "2026-02-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/gumloop/guMCP/pull/136",
            "observed",
            "2025-05-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {"type": "object", "properties": {"paths": {"type": "array"}}},
        {"type": "object", "properties": {"args": {"type": ["array", "null"]}}},
    ],
    passes=[
        {"type": "object", "properties": {"paths": {"type": "array", "items": {"type": "string"}}}}
    ],
    hint='add "items" with the element schema',
)
def array_items(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every `array` schema (also inside a type list) declares `items`.

    ## Why

    OpenAI rejects `In context=('properties', 'paths'), array schema missing items`, also when
    `"array"` is one member of a type list (`context=(..., 'type', '0'), array schema missing
    items`). `list` without a type parameter in Python, or `z.array(z.any())`, produce such schemas.

    ## Fix

    Give the array an item schema, e.g. `"items": {"type": "string"}`.
    """
    schema = node.schema
    if "items" not in schema and "array" in node_types(schema):
        yield Hit(node.pointer, "array schema missing items")


@rule(
    "openai/property-schema",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(
            "https://github.com/diegosouzapw/OmniRoute/issues/12045",
            "observed",
            "2026-01-01",
            verdict="rejected",
        )
    ],
    fails=[{"type": "object", "properties": {"content": "string"}}],
    passes=[{"type": "object", "properties": {"content": {"type": "string"}}}],
    hint="replace the value by a schema object",
)
def property_schema(tool: Tool, ctx: Context) -> Iterator[Hit]:
    # A tool rule: it judges schemas that are not valid JSON Schema, which the engine keeps
    # from schema rules (the meta-validity gate), in OpenAI's own words.
    """Every value under `properties` (and `items`) is a schema object or boolean.

    ## Why

    OpenAI validates `parameters` against the JSON Schema meta-schema and rejects `'string' is not
    of type 'object', 'boolean'` for a shorthand such as `"properties": {"content": "string"}`. Some
    lenient gateways accepted it, which hid the bug until the request went to OpenAI.

    ## Fix

    Write each property as a schema: `"content": {"type": "string"}`.
    """
    base, root = tool.schema_for(ctx.dialect)
    for node in nodes(root, ctx.facts):
        if isinstance(node.schema, dict):
            for hit in _property_schema(node):
                yield Hit(base + hit.pointer, hit.message)


def _property_schema(node: Node) -> Iterator[Hit]:
    """The hits of one node: `properties` that is not a mapping, a property or `items` value
    that is not a schema; pointers relative to the schema root."""
    schema = node.schema
    props = schema.get("properties")
    if "properties" in schema and not isinstance(props, dict):
        yield Hit(
            ptr(node.pointer, "properties"),
            f"'properties' must map names to schemas, got {type(props).__name__}",
        )
    elif isinstance(props, dict):
        for name, value in props.items():
            if not isinstance(value, (dict, bool)):
                yield Hit(
                    ptr(node.pointer, "properties", str(name)),
                    f"{value!r} is not of type 'object', 'boolean'",
                )
    items = schema.get("items")
    if "items" in schema and not isinstance(items, (dict, bool, list)):
        yield Hit(ptr(node.pointer, "items"), f"{items!r} is not of type 'object', 'boolean'")
