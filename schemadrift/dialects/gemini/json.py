"""The `parametersJsonSchema` rules (``gemini-json``) beyond names and declaration counts.

`parametersJsonSchema` takes plain JSON Schema: unsupported keywords are accepted and
ignored (``ignored-keyword``, from the keyword table), the root must describe an object, a
declaration may not also carry `parameters`, and the schema must stay within an opaque
complexity budget. The `$ref` rules are in ``json_refs.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.dialects.gemini.examples import CITY
from schemadrift.dialects.gemini.json_refs import resolve_ref
from schemadrift.dialects.gemini.limits import (
    ENUM_VALUES_BUDGET,
    EV_GENAI_TYPES,
    EV_JSON_COMPLEX,
    EV_JSON_SCHEMA,
    EV_JSON_STATES,
    MAX_ITEMS_BUDGET,
)
from schemadrift.dialects.gemini.support import (
    JSON_SURFACE,
    JSON_UNLISTED,
    feature,
    keyword_claims,
    keyword_hint,
)
from schemadrift.dialects.gemini.surface import declared_types
from schemadrift.model import JSON, Severity, Tool
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.pointer import join
from schemadrift.schema.walk import Node


@rule(
    "gemini-json/exclusive-parameters",
    also_in=("gemini", "vertex"),
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        EV_GENAI_TYPES.rejects("parameters_json_schema is mutually exclusive with parameters")
    ],
    fails=[
        {"functionDeclarations": [{"name": "f", "parameters": CITY, "parametersJsonSchema": CITY}]}
    ],
    passes=[{"functionDeclarations": [{"name": "f", "parametersJsonSchema": CITY}]}],
)
def json_exclusive(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """A declaration sets `parameters` or `parametersJsonSchema`, never both.

    ## Why

    google-genai documents `parameters_json_schema` as "mutually exclusive with `parameters`"; a
    declaration with both is rejected.

    ## Fix

    Keep one: `parametersJsonSchema` for JSON Schema, `parameters` for the OpenAPI subset.
    """
    if tool.origin.shape == "gemini-json" and "parameters" in tool.envelope:
        yield Hit("/parameters", "`parameters` and `parametersJsonSchema` are mutually exclusive")


@rule(
    "gemini-json/root-type-object",
    severity=Severity.ERROR,
    evidence=[EV_JSON_SCHEMA.rejects()],
    fails=[{"type": "array", "items": {"type": "string"}}],
    passes=[CITY],
    root_only=True,
)
def json_root_type(node: Node, ctx: Context) -> Iterator[Hit]:
    """`parametersJsonSchema` describes an object whose properties are the arguments.

    ## Why

    google-genai: "The schema must describe an object where the properties are the parameters to the
    function." A root typed as something else is an error; a root that does not say it is an object
    (no `type`) is a warning.

    ## Fix

    Make the root `{"type": "object", "properties": {...}}`.
    """
    if not node.is_root or not isinstance(node.schema, dict):
        return
    schema = node.schema
    types = declared_types(schema)
    if "$ref" in schema and not types:
        target = resolve_ref(ctx.root, schema["$ref"])
        types = declared_types(target)
        if not types:
            return
    if not types:
        if "properties" not in schema:
            yield Hit(
                "",
                "the schema does not say it describes an object (no `type`)",
                hint='add `"type": "object"`',
                severity=Severity.WARNING,
            )
        return
    if "object" not in types:
        yield Hit(
            "/type",
            f"`parametersJsonSchema` root has type {sorted(types)}; it must describe an object",
        )


@rule(
    "gemini-json/ignored-keyword",
    severity=Severity.WARNING,
    evidence=list(JSON_UNLISTED),
    claims=keyword_claims(JSON_SURFACE),
    fails=[{"type": "object", "properties": {"n": {"type": "string", "minLength": 3}}}],
    passes=[{"type": "object", "properties": {"n": {"type": "string", "default": "abc"}}}],
)
def json_ignored_keyword(node: Node, ctx: Context) -> Iterator[Hit]:
    """`parametersJsonSchema` constraints are ones Gemini enforces.

    ## Why

    Gemini accepts any JSON Schema in `parametersJsonSchema` but documents only `$id, $defs, $ref,
    $anchor, type, format, title, description, enum, items, prefixItems, minItems, maxItems,
    minimum, maximum, anyOf, oneOf, properties, additionalProperties, required, propertyOrdering`:
    "not all features are supported". Other constraints (`minLength`, `pattern`, `exclusiveMinimum`,
    `const`, `allOf`...) are accepted and ignored, so the model may send arguments that break them.
    Annotations (`default`, `examples`, `$schema`...) constrain nothing and are not reported.

    ## Fix

    Validate the constraint in the tool, or restate it in `description`; use `enum` for `const`.
    """
    schema = node.schema
    if not isinstance(schema, dict):
        return
    for key in schema:
        if key.startswith("x-"):
            continue
        claim = feature(key).support[JSON_SURFACE]
        if claim.severity is None:
            continue  # supported, or an annotation whose loss changes no argument
        yield Hit(
            join(node.pointer, key),
            f"Gemini ignores `{key}` in `parametersJsonSchema`: it is accepted but not enforced",
            hint=keyword_hint(key, JSON_SURFACE),
            severity=claim.severity,
        )


@rule(
    "gemini-json/schema-complexity",
    severity=Severity.WARNING,
    inference=True,
    evidence=[EV_JSON_COMPLEX, EV_JSON_STATES],
    fails=[
        {
            "type": "object",
            "properties": {
                "a": {"type": "array", "items": {"type": "string"}, "maxItems": 500},
                "b": {"type": "array", "items": {"type": "string"}, "maxItems": 500},
            },
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"a": {"type": "array", "items": {"type": "string"}, "maxItems": 50}},
        }
    ],
    root_only=True,
    doc_values={"MAX_ITEMS_BUDGET": MAX_ITEMS_BUDGET, "ENUM_VALUES_BUDGET": ENUM_VALUES_BUDGET},
)
def json_complexity(node: Node, ctx: Context) -> Iterator[Hit]:
    """`parametersJsonSchema` stays within Gemini's (opaque) complexity budget.

    ## Why

    Gemini compiles the schema into a constraint and rejects ones that are too complex with a bare
    `INVALID_ARGUMENT` or `The specified schema produces a constraint that has too many states for
    serving`. Observed: cumulative `maxItems` above ~960 across a tool failed. schemadrift warns
    above ${MAX_ITEMS_BUDGET} summed `maxItems` and ${ENUM_VALUES_BUDGET} enum values; the real
    budget is undocumented.

    ## Fix

    Lower `maxItems` bounds, shorten enums, or split the tool.
    """
    if not node.is_root:
        return
    # The summed `maxItems` and the count of enum values of the whole schema.
    # A raw scan (no pointers): every dict counts, which over-counts `maxItems`/`enum` used as
    # property names only in pathological schemas.
    max_items = 0
    enum_values = 0
    stack: list[JSON] = [ctx.root]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            bound = value.get("maxItems")
            if isinstance(bound, int) and not isinstance(bound, bool):
                max_items += bound
            values = value.get("enum")
            if isinstance(values, list):
                enum_values += len(values)
            stack.extend(v for k, v in value.items() if k != "enum" and isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend(v for v in value if isinstance(v, (dict, list)))
    if max_items > MAX_ITEMS_BUDGET:
        yield Hit(
            "",
            f"`maxItems` sums to {max_items} across the schema; Gemini failed above "
            f"~{MAX_ITEMS_BUDGET}",
        )
    if enum_values > ENUM_VALUES_BUDGET:
        yield Hit(
            "",
            f"{enum_values} enum values across the schema; large enums make Gemini's constraint "
            f"too complex",
        )
