"""``openai-strict`` rules on a strict schema's shape: closed objects, every property required,
an object root, a type on every node."""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.dialects.openai.evidence import STRUCTURED_OUTPUTS
from schemadrift.dialects.openai.limits import STRICT_UNSUPPORTED
from schemadrift.dialects.openai.nodes import is_object_schema, ptr, short, type_label
from schemadrift.model import Evidence, Severity
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.walk import Node


@rule(
    "openai-strict/additional-properties-false",
    severity=Severity.ERROR,
    triggers=("type", "properties"),
    evidence=[
        Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/camel-ai/camel/issues/2231",
            "observed",
            "2025-04-20",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/n8n-io/n8n/pull/21328", "observed", "2025-10-01", verdict="rejected"
        ),
        Evidence(
            "https://github.com/openai/openai-agents-python/blob/main/src/agents/strict_schema.py",
            "adapter",
            "2026-09-01",
            "compares with `is not False` because `additionalProperties: {}` is falsy",
        ),
    ],
    fails=[
        {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]},
        {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": {},
        },
    ],
    passes=[
        {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        }
    ],
    hint='add "additionalProperties": false to this object',
)
def additional_properties_false(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every object schema sets `additionalProperties: false`.

    ## Why

    Structured Outputs requires `additionalProperties: false` on every object, nested ones and
    `$defs` included: `'additionalProperties' is required to be supplied and to be false`.
    `additionalProperties: {}` (common in MCP and OpenAPI-derived schemas) is not `false` either and
    fails with `schema must have a 'type' key`; `true` and typed maps (`dict[str, T]`) cannot be
    expressed in strict mode at all.

    ## Fix

    Add `"additionalProperties": false` to every object; turn maps into arrays of key/value objects,
    or send the tool with `strict: false`.
    """
    schema = node.schema
    if node.keyword in STRICT_UNSUPPORTED or not is_object_schema(schema):
        return
    if "additionalProperties" not in schema:
        yield Hit(node.pointer, "'additionalProperties' is required to be supplied and to be false")
    elif schema["additionalProperties"] is not False:
        yield Hit(
            ptr(node.pointer, "additionalProperties"),
            f"'additionalProperties' must be false, got {short(schema['additionalProperties'])}",
        )


@rule(
    "openai-strict/required-all-properties",
    severity=Severity.ERROR,
    triggers=("properties",),
    evidence=[
        Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/anomalyco/opencode/issues/13737",
            "observed",
            "2026-02-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/camel-ai/camel/issues/2629",
            "observed",
            "2025-06-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"q": {"type": "string"}, "limit": {"type": "integer"}},
            "required": ["q"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q", "function_arguments"],
            "additionalProperties": False,
        },
    ],
    passes=[
        {
            "type": "object",
            "properties": {"q": {"type": "string"}, "limit": {"type": ["integer", "null"]}},
            "required": ["q", "limit"],
            "additionalProperties": False,
        }
    ],
    hint="list every property in `required`; make optional ones nullable",
)
def required_all_properties(node: Node, ctx: Context) -> Iterator[Hit]:
    """`required` lists every key of `properties`, and nothing else.

    ## Why

    Strict mode has no optional fields: 'all fields or function parameters must be specified as
    required'. A missing key fails with `'required' is required to be supplied and to be an array
    including every key in properties. Missing 'multiple'.`, an extra one with `Extra required key
    'x' supplied.` Optional values are expressed as a union with `null`.

    ## Fix

    List every property in `required`; make optional ones nullable (`"type": ["string", "null"]` or
    `anyOf` with `{"type": "null"}`) and drop names that are not properties.
    """
    schema = node.schema
    props = schema["properties"]
    if node.keyword in STRICT_UNSUPPORTED or not isinstance(props, dict):
        return
    required = schema.get("required")
    if required is None:
        if props:
            missing = ", ".join(repr(str(k)) for k in props)
            yield Hit(
                node.pointer,
                "'required' is required to be supplied and to be an array including every key "
                f"in properties. Missing {missing}.",
            )
        return
    where = ptr(node.pointer, "required")
    if not isinstance(required, list):
        yield Hit(where, "'required' must be an array including every key in properties")
        return
    listed = {item for item in required if isinstance(item, str)}
    missing_keys = [str(k) for k in props if k not in listed]
    if missing_keys:
        yield Hit(
            where,
            "'required' is required to be supplied and to be an array including every key in "
            f"properties. Missing {', '.join(repr(k) for k in missing_keys)}.",
        )
    for item in required:
        if item not in props:
            yield Hit(where, f"Extra required key {item!r} supplied.", discriminator=str(item))


@rule(
    "openai-strict/root-object",
    severity=Severity.ERROR,
    evidence=[
        Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/openai/openai-agents-python/blob/main/src/agents/strict_schema.py",
            "adapter",
            "2026-09-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": ["object", "null"],
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        }
    ],
    hint='use "type": "object" (not a type list) at the root',
    root_only=True,
)
def strict_root_object(node: Node, ctx: Context) -> Iterator[Hit]:
    """The root of a strict schema is a non-nullable object.

    ## Why

    'Root objects must not be anyOf and must be an object.' openai-agents refuses a root `"type":
    ["object", "null"]` before sending; a nullable root cannot be compiled into the strict grammar.

    ## Fix

    Use `"type": "object"` at the root; make the arguments nullable instead of the whole object.
    """
    if node.keyword is not None or not isinstance(node.schema, dict):
        return
    value = node.schema.get("type")
    if isinstance(value, list) and "object" in value and len(set(value)) > 1:
        yield Hit(
            "/type", f"root must be a non-nullable object, got type {type_label(node.schema)}"
        )


TYPED_BY = ("type", "anyOf", "$ref", "enum", "const", "oneOf", "allOf")
"""A node holding one of these is typed for strict mode. ``enum``/``const`` alone are typed in
the docs' type list; ``oneOf``/``allOf`` are counted so that their own rejection is the one
reported, not a second 'missing type'."""

_TYPED_SKIP = frozenset({"additionalProperties", *STRICT_UNSUPPORTED})


@rule(
    "openai-strict/typed-node",
    severity=Severity.ERROR,
    evidence=[
        Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/can1357/oh-my-pi/issues/211",
            "observed",
            "2026-02-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/apexive/odoo-llm/issues/212",
            "observed",
            "2025-10-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/pydantic/pydantic-ai/issues/4425",
            "adapter",
            "2026-02-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"method_name_filter": {"description": "Filter methods by name"}},
            "required": ["method_name_filter"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"items": {"type": "array", "items": {}}},
            "required": ["items"],
            "additionalProperties": False,
        },
    ],
    passes=[
        {
            "type": "object",
            "properties": {
                "method_name_filter": {"type": "string", "description": "Filter methods by name"},
                "mode": {"enum": ["fast", "full"]},
            },
            "required": ["method_name_filter", "mode"],
            "additionalProperties": False,
        }
    ],
    hint='add a "type" to this schema',
)
def typed_node(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every schema node has a `type`, `anyOf`, `$ref`, `enum` or `const`.

    ## Why

    Strict mode compiles every node into a grammar, so each must say what it accepts: `{}`, `items:
    {}` and description-only properties fail with `In context=('properties', 'slide_instructions',
    'items'), schema must have a 'type' key`. pydantic-ai refuses bare `list` / `list[Any]` for the
    same reason. Every `anyOf` branch is a node too, so each branch must fit the strict subset.

    ## Fix

    Give the node a type (`"type": "string"`, or a union such as `["string", "number", "boolean",
    "null"]`), or send the tool with `strict: false`.
    """
    if node.keyword in _TYPED_SKIP:
        return
    schema = node.schema
    if isinstance(schema, bool):
        yield Hit(
            node.pointer,
            f"schema must have a 'type' key (got the boolean schema {str(schema).lower()})",
        )
        return
    if not isinstance(schema, dict):
        return
    for key in TYPED_BY:
        if key in schema:
            return
    yield Hit(node.pointer, "schema must have a 'type' key")
