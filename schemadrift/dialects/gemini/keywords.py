"""The keyword checks gemini and vertex share: which fields, types, enums and formats.

Each check takes the ``Surface`` it judges for; ``parameters.py`` registers it once per
surface. Its docstring documents both rules: a paragraph line tagged ``[gemini]`` or
``[vertex]`` belongs to that surface's rule, an untagged one to both (``twins.py``).
"""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.dialects.gemini.limits import (
    STRING_FORMATS,
    TYPE_NAMES,
    TYPE_OR_NULL,
    VERTEX_STRING_FORMATS,
)
from schemadrift.dialects.gemini.support import FORMAT_CLAIMS, NULL_TYPE, feature, keyword_hint
from schemadrift.dialects.gemini.surface import (
    GEMINI,
    VERTEX,
    Surface,
    in_dead_definitions,
    live,
    reaches,
    type_name,
)
from schemadrift.model import Severity
from schemadrift.registry import Context, Hit
from schemadrift.schema.pointer import join
from schemadrift.schema.walk import Node


def unsupported_keyword(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini] Schemas sent as Gemini `parameters` use only the 22 fields of the Developer API
    Schema.
    [vertex] Schemas sent as Vertex `parameters` use only the fields of Vertex's Schema message.

    ## Why

    [gemini] `parameters` is a protobuf `Schema` message (an OpenAPI 3.0 subset) with a closed set
    of 22 fields: `type, format, title, description, nullable, enum, maxItems, minItems, properties,
    required, minProperties, maxProperties, minLength, maxLength, pattern, example, anyOf,
    propertyOrdering, default, items, minimum, maximum`. Anything else - `additionalProperties`,
    `$ref`, `$defs`, `const`, `$schema`, `oneOf`, `allOf`, `exclusiveMinimum`, `examples` - fails
    JSON parsing with `Unknown name "<kw>" at '...': Cannot find field.` and the whole request is
    rejected. Nothing below an unknown keyword is judged.
    [vertex] Vertex's `Schema` is the Developer API's 22 fields plus `additionalProperties`,
    `$ref`/`ref` and `$defs`/`defs` (since 2025-05). Other keywords (`const`, `oneOf`, `allOf`,
    `exclusiveMinimum`, `$schema`, `examples`...) fail JSON parsing with an unknown-field error and
    reject the request.

    ## Fix

    [gemini] Remove the keyword or rewrite it in the subset (`oneOf` → `anyOf`, `const` → one-value
    `enum`, inline `$ref`). Or send the schema as `parametersJsonSchema`, which accepts JSON Schema.
    [vertex] Remove the keyword or rewrite it (`oneOf` → `anyOf`, `const` → one-value `enum`); or
    send `parametersJsonSchema`.
    """
    schema = node.schema
    if not isinstance(schema, dict) or in_dead_definitions(node, surface):
        return
    unknown = [key for key in schema if key not in surface.fields]
    if not unknown or not live(ctx.root, node.pointer, surface.fields):
        return
    for key in unknown:
        yield Hit(
            join(node.pointer, key),
            f"`{key}` is not a field of {surface.title}'s Schema; the request fails with "
            f'"Unknown name \\"{key}\\": Cannot find field"',
            hint=keyword_hint(key, surface.dialect),
        )


def type_value(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini] `type` is one Gemini type name, never a list.
    [vertex] Vertex `type` is one type name, never a list.

    ## Why

    [gemini] The proto `type` field holds one `Type` enum value (`STRING, NUMBER, INTEGER, BOOLEAN,
    ARRAY, OBJECT`, case-insensitive). A JSON Schema type list such as `["string", "null"]` fails
    with `Proto field is not repeating, cannot start list.`
    [vertex] The proto `type` field is not repeating: a type list is rejected; nullability is
    `nullable: true`.

    ## Fix

    [gemini] Use one type; express "or null" with `"nullable": true` and real unions with `anyOf`.
    [vertex] Use one type and `"nullable": true`, or `anyOf` for unions.
    """
    value = node.schema.get("type")
    if isinstance(value, str) and value.lower() in TYPE_OR_NULL:
        return
    if not reaches(node, ctx.root, surface):
        return
    pointer = join(node.pointer, "type")
    if isinstance(value, list):
        yield Hit(
            pointer,
            f"`type` is a list {value!r}; {surface.title} takes one type (the proto field is not "
            "repeating)",
            hint='use one type and `"nullable": true` for null, or `anyOf` for real unions',
        )
    else:
        yield Hit(
            pointer, f"`type` {value!r} is not a Gemini type ({', '.join(sorted(TYPE_NAMES))})"
        )


def null_type(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini] Gemini `parameters` express nullability with `nullable`, not a `null` type.
    [vertex] Vertex `parameters` prefer `nullable` to a `null` type (dated).

    ## Why

    [gemini] The Developer API's `Type` enum as documented for `parameters` has no NULL (`STRING …
    OBJECT`), and a `null` branch was rejected with `Invalid value at '...any_of[1].type' ...
    "null"` (2024). google-genai added a NULL type in 2025-05 for Vertex AI; adapters (litellm,
    Vercel AI SDK) still rewrite `anyOf [X, null]` to `X` + `nullable: true` before calling Gemini.
    Dated: this rule is an error until an accepted Developer API request with a null type is on
    record.
    [vertex] Before 2025-05 Vertex rejected a null branch: `Invalid value at '...any_of[1].type'
    (type.googleapis.com/google.cloud.aiplatform.v1.Type), "null"`. google-genai's Schema gained a
    NULL type on 2025-05-22, so current Vertex accepts it; older API versions, SDKs and proxies do
    not, and adapters still rewrite it.

    ## Fix

    [gemini] Drop the `{"type": "null"}` branch and set `"nullable": true` on the remaining schema.
    [vertex] Drop the null branch and set `"nullable": true`.
    """
    if type_name(node.schema) != "null":
        return
    if not reaches(node, ctx.root, surface):
        return
    claim = NULL_TYPE.support[surface.dialect]
    if claim.severity is None:
        return
    where = "a branch of `anyOf`" if node.keyword == "anyOf" else "a schema"
    conflict = claim.conflict
    why = (
        f"{surface.title} took no null type until recently ({conflict})"
        if conflict
        else f"{surface.title} has no null type to rely on"
    )
    yield Hit(
        join(node.pointer, "type"),
        f'`"type": "null"` in {where}: {why}',
        hint='drop the null branch and set `"nullable": true` on the remaining schema',
        severity=claim.severity,
    )


def enum_string(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini] Gemini `enum` appears only on STRING schemas and lists non-empty strings.
    [vertex] Vertex `enum` lists non-empty strings (and belongs on STRING schemas).

    ## Why

    [gemini] The proto `enum` is a list of strings allowed only for STRING type. Integer values fail
    with `Invalid value at '...enum[0]' (TYPE_STRING), 0`, an enum on a NUMBER with `enum: only
    allowed for STRING type`, and an empty string with `enum[1]: cannot be empty`. Gemini lists
    every value as its own violation; schemadrift reports one finding per node naming all offending
    values.
    [vertex] `enum` is a repeated string field of the proto: non-string values fail JSON parsing
    (`Invalid value ... (TYPE_STRING), 0`). Enums on non-STRING types are rejected by the Developer
    API; on Vertex that part is unconfirmed, so it is a warning.

    ## Fix

    [gemini] Make the node a STRING with non-empty string values, or describe the allowed numbers in
    `description`.
    [vertex] Use string values on a STRING node.
    """
    strict_type = surface is GEMINI  # an enum on a non-STRING node: rejected on record there
    schema = node.schema
    values = schema.get("enum")
    listed = values if isinstance(values, list) else []
    bad = [v for v in listed if not isinstance(v, str) or v == ""]
    kind = type_name(schema)
    if not bad and (kind is None or kind == "string"):
        return
    if not reaches(node, ctx.root, surface):
        return
    pointer = join(node.pointer, "enum")
    shown = ", ".join(repr(v) for v in bad[:5]) + (" ..." if len(bad) > 5 else "")
    if kind is not None and kind != "string":
        # One finding per node (Gemini lists each value; the fix is one edit).
        yield Hit(
            pointer,
            f"`enum` is only allowed for STRING type (this node is {kind.upper()})"
            + (f"; non-string values: {shown}" if bad else ""),
            hint='make the node `"type": "string"` with string values, or list the allowed '
            "values in `description`",
            severity=None if strict_type or bad else Severity.WARNING,
        )
    elif bad:
        yield Hit(
            pointer,
            f"`enum` values must be non-empty strings; offending: {shown}",
            hint='use non-empty string values (`"0"`, not `0`; drop `""`)',
        )


def string_format(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini] Gemini STRING `format` is `enum` or `date-time`.
    [vertex] Vertex STRING `format` is `enum` or `date-time` (as on the Developer API).

    ## Why

    [gemini] The Developer API answers `format: only 'enum' and 'date-time' are supported for STRING
    type` (2025-08; only `enum` in 2024-12) and rejects the request. `uri`, `email`, `uuid`,
    `date` - common in generated schemas - all fail.
    [vertex] The Developer API rejects other string formats; Vertex's Schema documents `enum` and
    `date-time` for STRING. No Vertex rejection is on record, so this is a warning.

    ## Fix

    [gemini] Remove `format` and say the expected format in `description` (pydantic-ai does this).
    [vertex] Remove `format` and describe the format in `description`.
    """
    schema = node.schema
    fmt = schema.get("format")
    known = STRING_FORMATS if surface is GEMINI else VERTEX_STRING_FORMATS
    claim = FORMAT_CLAIMS[surface.dialect][0]
    if type_name(schema) != "string" or (isinstance(fmt, str) and fmt in known):
        return
    if claim.severity is None:
        return
    if not reaches(node, ctx.root, surface):
        return
    if surface is GEMINI:
        message = (
            f"string `format` {fmt!r}: only 'enum' and 'date-time' are supported for STRING type"
        )
    else:
        message = (
            f"string `format` {fmt!r} is not one Vertex documents for STRING "
            f"({', '.join(sorted(known))}); {claim.caveat}"
        )
    yield Hit(join(node.pointer, "format"), message, severity=claim.severity)


_NO_TYPE_NEEDED = frozenset({"anyOf", "$ref", "ref", "oneOf", "allOf"})
"""Keywords that stand for a node's type (`anyOf`), or whose own rules judge the node."""


def type_required(node: Node, ctx: Context, surface: Surface) -> Iterator[Hit]:
    """[gemini] Every Gemini `parameters` schema node sets `type` unless it uses `anyOf`.
    [vertex] Every Vertex schema node sets `type` (except a node that is only `anyOf` or `$ref`).

    ## Why

    [gemini] The Developer API answers `...properties[commit_hash].type: must be specified when not
    using one_of, any_of or all_of fields`. Description-only nodes (`{"description": "..."}`, a JSON
    Schema "any") and boolean schemas are not expressible. An empty root (`{}`) is only a warning:
    omitting `parameters` is the usual way to declare a function without arguments.
    [vertex] Vertex answers `` `create-field` functionDeclaration `parameters.data.meta.width`
    schema didn't specify the schema type field `` and rejects the request. Description-only nodes
    (JSON Schema "any") and boolean schemas are the usual cause.

    ## Fix

    [gemini] Give the node a `type` (e.g. `"string"`), or omit `parameters` for a function without
    arguments.
    [vertex] Give the node a `type`.
    """
    schema = node.schema
    if isinstance(schema, bool):
        if node.keyword is not None and surface.dialect in feature(node.keyword).booleans:
            return  # e.g. Vertex's `additionalProperties`: "a boolean or an object"
        if not reaches(node, ctx.root, surface):
            return
        yield Hit(node.pointer, f"a boolean schema ({str(schema).lower()}) is not a Gemini Schema")
        return
    if not isinstance(schema, dict) or "type" in schema:
        return
    if not _NO_TYPE_NEEDED.isdisjoint(schema):
        return  # anyOf nodes need no type; $ref/oneOf/allOf are judged by the keyword rules
    if node.is_root and surface is VERTEX:
        return  # vertex/root-type-object reports a typeless root
    if not reaches(node, ctx.root, surface):
        return
    if node.is_root and not schema:
        yield Hit(
            "",
            "`parameters` is an empty schema; Gemini may reject it for lacking a `type`",
            hint="omit `parameters` for a function without arguments",
            severity=Severity.WARNING,
        )
        return
    yield Hit(node.pointer, "this schema node has no `type` (and no `anyOf`)")
