"""Structure rules of `parameters`: which keywords fit which type, arrays, depth, names, root.

The first four checks are shared by gemini and vertex: ``parameters.py`` registers each once
per surface, and a docstring line tagged ``[gemini]`` or ``[vertex]`` belongs to that
surface's rule only (``twins.py``). The rules after them belong to one surface.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from schemadrift.dialects.gemini.examples import CITY
from schemadrift.dialects.gemini.limits import (
    EV_DIALECTS,
    EV_VERTEX_ANYOF,
    EV_VERTEX_ROOT,
    NESTING_WARN_DEPTH,
    PROPERTY_NAME,
)
from schemadrift.dialects.gemini.support import EMPTY_PARAMETERS_CLAIM
from schemadrift.dialects.gemini.surface import VERTEX, Surface, live, reaches, type_name
from schemadrift.model import Severity
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.pointer import join
from schemadrift.schema.walk import Node


def keyword_type(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """`properties`/`required` appear only on OBJECT and `items` only on ARRAY schemas.

    ## Why

    [gemini] Gemini checks keywords against the node's type: `properties: only allowed for OBJECT
    type`, `items: field predicate failed: $type == Type.ARRAY`. Sanitizers that collapse a union to
    one non-object type but keep the object keywords produce exactly this. The values must have the
    Schema message's types too (`properties` an object of Schemas, `required` a list of names), or
    the declaration does not parse.
    [vertex] The Developer API rejects these mismatches; Vertex shares the Schema model, but no
    Vertex rejection is on record, so this is a warning.

    ## Fix

    Fix the node's `type`, or remove the keywords that do not belong to it.
    """
    schema = node.schema
    yield from keyword_values(node, ctx, surface)
    kind = type_name(schema)
    if kind is None:  # typeless (anyOf) or a type list: other rules report those
        return
    found = []
    if kind != "object":
        found += [(k, "OBJECT") for k in ("properties", "required") if k in schema]
    if kind != "array" and "items" in schema:
        found.append(("items", "ARRAY"))
    if not found:
        return
    if not reaches(node, ctx.root, surface):
        return
    for key, wanted in found:
        yield Hit(
            join(node.pointer, key),
            f"`{key}` is only allowed for {wanted} type (this node is {kind.upper()})",
            hint=f'set `"type": "{wanted.lower()}"` or remove `{key}`',
        )


def keyword_values(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """`properties` and `required` values of the wrong JSON type. `parameters` is not
    meta-validated (it is not JSON Schema), so these packs say it themselves."""
    schema = node.schema
    props, required = schema.get("properties"), schema.get("required")
    wrong = []
    if "properties" in schema and not (
        isinstance(props, dict) and all(isinstance(v, dict) for v in props.values())
    ):
        wrong.append(("properties", "an object mapping names to Schema objects", props))
    if "required" in schema and not (
        isinstance(required, list) and all(isinstance(v, str) for v in required)
    ):
        wrong.append(("required", "a list of property names", required))
    if not wrong:
        return
    if not reaches(node, ctx.root, surface):
        return
    for key, wanted, value in wrong:
        shown = json.dumps(value, ensure_ascii=False)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        yield Hit(
            join(node.pointer, key),
            f"`{key}` must be {wanted}, not {shown}; the declaration does not parse",
            hint=f"write `{key}` as {wanted}",
        )


def array_items(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini] Every Gemini ARRAY schema has one `items` schema.
    [vertex] Every Vertex ARRAY schema has one `items` schema.

    ## Why

    [gemini] An ARRAY without `items` fails with `...properties[time_ranges].items: missing field.`
    (gemini-3-pro-preview); tuple-form `items: [...]` is not a Schema either.
    [vertex] An ARRAY without `items` is rejected (`items: missing field`).

    ## Fix

    [gemini] Add `"items": {...}` describing the elements.
    [vertex] Add `"items": {...}`.
    """
    schema = node.schema
    if type_name(schema) != "array":
        return
    items = schema.get("items")
    if isinstance(items, dict):
        return
    if not reaches(node, ctx.root, surface):
        return
    if items is None:
        yield Hit(
            node.pointer,
            "an ARRAY schema has no `items`; the request fails with `items: missing field`",
        )
    else:
        yield Hit(
            join(node.pointer, "items"),
            "`items` must be one schema object (tuple-form lists and booleans are not accepted)",
        )


def nesting(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini] Gemini `parameters` nest at most ${NESTING_WARN_DEPTH} object/array levels
    (heuristic).
    [vertex] Vertex `parameters` nest at most ${NESTING_WARN_DEPTH} object/array levels
    (heuristic).

    ## Why

    [gemini] Gemini rejects `A FunctionDeclaration in the request exceeds the maximum allowed
    nesting depth.` without documenting the limit. schemadrift warns past ${NESTING_WARN_DEPTH}
    object/array levels; the real cap is unknown.
    [vertex] Gemini rejects declarations past an undocumented nesting depth; this is a heuristic
    warning.

    ## Fix

    [gemini] Flatten the schema (e.g. pass nested structures as JSON strings or split the tool).
    [vertex] Flatten the schema.
    """
    if node.depth != NESTING_WARN_DEPTH + 1 or node.keyword not in ("properties", "items"):
        return
    if not reaches(node, ctx.root, surface):
        return
    yield Hit(
        node.pointer,
        f"this schema is nested {node.depth} object/array levels deep; Gemini rejects declarations "
        "past an undocumented nesting depth",
    )


def property_names(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """Parameter names start with a letter or `_` and use letters, digits and `_` (at most 64).

    ## Why

    [gemini] The google-genai docstring says parameter names "must start with a letter or an
    underscore and must only contain chars a-z, A-Z, 0-9, or underscores with a maximum length of
    64". No rejection has been observed, so this is a warning.
    [vertex] Documented in the google-genai/Vertex docstring; no rejection observed, so a warning.

    ## Fix

    Rename the property (e.g. `user-id` → `user_id`).
    """
    props = node.schema.get("properties")
    if not isinstance(props, dict):
        return
    bad = [name for name in props if not PROPERTY_NAME.fullmatch(str(name))]
    if not bad or not reaches(node, ctx.root, surface):
        return
    for name in bad:
        yield Hit(
            join(node.pointer, "properties", name),
            f"property name {name!r} is outside the documented parameter-name charset "
            "(letter or `_`, then letters, digits, `_`; at most 64)",
        )


@rule(
    "gemini/root-type-object",
    severity=Severity.WARNING,
    triggers={"type"},
    inference=True,
    evidence=[EV_VERTEX_ROOT, EV_DIALECTS],
    fails=[{"type": "string"}],
    passes=[CITY],
)
def gemini_root_type(node: Node, ctx: Context) -> Iterator[Hit]:
    """Gemini `parameters` describe an OBJECT whose properties are the arguments.

    ## Why

    Vertex AI rejects a non-OBJECT `parameters` root (`parameters schema should be of type OBJECT`);
    the Developer API's behaviour is not on record, and function arguments are always an object, so
    a STRING or ARRAY root is almost certainly a converter bug.

    ## Fix

    Wrap the value in an object: `{"type": "object", "properties": {"value": ...}}`.
    """
    if not node.is_root:
        return
    kind = type_name(node.schema)
    if kind is not None and kind != "object":
        yield Hit("/type", f"`parameters` root is {kind.upper()}; gemini expects OBJECT")


@rule(
    "gemini/empty-object-parameters",
    severity=Severity.WARNING,
    triggers={"type"},
    evidence=list(EMPTY_PARAMETERS_CLAIM.evidence),
    claims=[EMPTY_PARAMETERS_CLAIM],
    fails=[{"type": "object", "properties": {}}],
    passes=[CITY],
)
def gemini_empty_object(node: Node, ctx: Context) -> Iterator[Hit]:
    """A `parameters` OBJECT root has at least one property (or `parameters` is omitted).

    ## Why

    From 2024-09 to 2025-03 the Developer API rejected a root OBJECT without properties:
    `parameters.properties: should be non-empty for OBJECT type`. Recorded traffic from 2025-06 to
    2025-09 shows `{"type": "OBJECT", "properties": {}}` accepted, so this is a dated warning: older
    API versions and some proxies still reject it.

    ## Fix

    Omit `parameters` for a function without arguments.
    """
    schema = node.schema
    if not node.is_root or type_name(schema) != "object":
        return
    props = schema.get("properties")
    claim = EMPTY_PARAMETERS_CLAIM
    if (props is None or props == {}) and claim.severity is not None:
        yield Hit(
            "/properties" if props is not None else "",
            "`parameters` is an OBJECT with no properties (`should be non-empty for OBJECT "
            f"type`), a dated conflict: {claim.conflict or claim.history()}",
            severity=claim.severity,
        )


@rule(
    "vertex/anyof-exclusive",
    severity=Severity.ERROR,
    triggers={"anyOf"},
    evidence=[EV_VERTEX_ANYOF],
    fails=[
        {
            "type": "object",
            "properties": {
                "age": {"anyOf": [{"type": "integer"}, {"type": "string"}], "title": "Age"}
            },
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"age": {"anyOf": [{"type": "integer"}, {"type": "string"}]}},
        }
    ],
)
def vertex_anyof_exclusive(node: Node, ctx: Context) -> Iterator[Hit]:
    """A Vertex schema node with `anyOf` has no other field.

    ## Why

    Vertex answers `schema specified other fields alongside any_of. When using any_of, it must be
    the only field set.` Pydantic's `Optional[X]` (`anyOf` plus `default`/`title`) triggers it.

    ## Fix

    Move `description`, `default`, `title`... into the branches, or replace `anyOf [X, null]` with
    `X` + `nullable: true`.
    """
    schema = node.schema
    others = [key for key in schema if key != "anyOf"]
    if not others or not live(ctx.root, node.pointer, VERTEX.fields):
        return
    yield Hit(
        node.pointer,
        f"`anyOf` must be the only field of its node; this node also sets {', '.join(others)}",
    )


@rule(
    "vertex/root-type-object",
    severity=Severity.ERROR,
    evidence=[EV_VERTEX_ROOT],
    fails=[{"properties": {}}, {"type": "string"}],
    passes=[CITY],
    root_only=True,
)
def vertex_root_type(node: Node, ctx: Context) -> Iterator[Hit]:
    """Vertex `parameters` root is an OBJECT schema.

    ## Why

    Vertex answers `` `load_mcp_documentation` functionDeclaration parameters schema should be of
    type OBJECT `` for any other root, including a root without `type`.

    ## Fix

    Make the root `{"type": "object", "properties": {...}}`.
    """
    if not node.is_root:
        return
    kind = type_name(node.schema)
    if kind == "object":
        return
    if kind is None:
        yield Hit("", "`parameters` root has no `type`; Vertex requires OBJECT")
    else:
        yield Hit("/type", f"`parameters` root is {kind.upper()}; Vertex requires OBJECT")
