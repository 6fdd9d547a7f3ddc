"""``openai-strict`` rules on a strict schema's size: nesting depth, and the totals of
properties, enum values and string length."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from schemadrift.dialects._common import node_types
from schemadrift.dialects.openai.evidence import DEPTH_CLAIMS, EV_STRUCTURED, SIZE_CLAIMS
from schemadrift.dialects.openai.limits import STRICT_LIMITS
from schemadrift.dialects.openai.nodes import is_object_schema, ptr
from schemadrift.model import JSON, Severity
from schemadrift.registry import Context, Example, Hit, rule
from schemadrift.schema.facts import SchemaFacts
from schemadrift.schema.walk import Node, children


def _nested_strict(levels: int) -> JSON:
    """A strict-valid object schema nesting ``levels`` objects (root included)."""
    schema: JSON = {"type": "string"}
    for _ in range(levels):
        schema = {
            "type": "object",
            "properties": {"a": schema},
            "required": ["a"],
            "additionalProperties": False,
        }
    return schema


# The strict size counts of one schema (properties, names/enum/const characters,
# enum values, string enums over the threshold) and its deepest object and object+array
# nesting with their pointers.
@dataclass(slots=True)
class _Stats:
    """Whole-schema counts for the strict limits, gathered in one pass."""

    properties: int = 0
    string_length: int = 0
    enum_values: int = 0
    deepest_objects: int = 0
    deepest_objects_at: str = ""
    deepest_levels: int = 0
    deepest_levels_at: str = ""
    large_enums: list[tuple[str, int, int]] = field(default_factory=list)  # pointer, values, chars


def _facts_stats(facts: SchemaFacts) -> _Stats:
    """``_stats`` of a judged schema, computed once for the depth and the size rules."""
    return _stats(facts.root)


def _stats_of(node: Node, ctx: Context) -> _Stats:
    """``_stats`` of the root ``node``: from the schema's facts when the engine made them."""
    if ctx.facts is not None and ctx.facts.root is node.schema:
        return ctx.facts.derived(_facts_stats)
    return _stats(node.schema)


def _stats(root: JSON) -> _Stats:
    """Counts over the whole schema (``$defs`` included) and the deepest nesting, with pointers.

    Nesting is counted without following ``$ref`` (recursion is allowed). Object levels are
    what the docs limit (root object = level 1); array levels are counted separately because
    the docs do not say whether they count.
    """
    stats = _Stats()
    stack: list[tuple[JSON, str, int, int]] = [(root, "", 0, 0)]
    while stack:
        schema, pointer, objects, levels = stack.pop()
        if not isinstance(schema, dict):
            continue
        _count(schema, pointer, stats)
        is_object = is_object_schema(schema)
        if is_object:
            objects += 1
        if (
            is_object
            or "array" in node_types(schema)
            or ("type" not in schema and "items" in schema)
        ):
            levels += 1
        if objects > stats.deepest_objects:
            stats.deepest_objects, stats.deepest_objects_at = objects, pointer
        if levels > stats.deepest_levels:
            stats.deepest_levels, stats.deepest_levels_at = levels, pointer
        for rel, _keyword, _name, sub in children(schema):
            stack.append((sub, pointer + rel, objects, levels))
    return stats


def _count(schema: dict[str, JSON], pointer: str, stats: _Stats) -> None:
    """Add one node's properties, names, enum and const values to ``stats``."""
    for key in ("$defs", "definitions"):
        defs = schema.get(key)
        if isinstance(defs, dict):
            stats.string_length += sum(len(str(name)) for name in defs)
    props = schema.get("properties")
    if isinstance(props, dict):
        stats.properties += len(props)
        stats.string_length += sum(len(str(name)) for name in props)
    enum = schema.get("enum")
    if isinstance(enum, list):
        stats.enum_values += len(enum)
        chars = sum(len(v) if isinstance(v, str) else len(str(v)) for v in enum)
        stats.string_length += chars
        if len(enum) > STRICT_LIMITS.large_enum_threshold and all(isinstance(v, str) for v in enum):
            stats.large_enums.append((ptr(pointer, "enum"), len(enum), chars))
    if "const" in schema:
        value = schema["const"]
        stats.string_length += len(value) if isinstance(value, str) else len(str(value))


@rule(
    "openai-strict/nesting-depth",
    severity=Severity.ERROR,
    evidence=[*DEPTH_CLAIMS[0].evidence, DEPTH_CLAIMS[1].evidence[1]],
    claims=DEPTH_CLAIMS,
    fails=[
        Example(
            _nested_strict(STRICT_LIMITS.nesting_depth + 1),
            f"{STRICT_LIMITS.nesting_depth + 1} nested objects (property `a` of `a` of ...):",
            '{"type": "object", "properties": {"a": {"type": "object", "properties": {"a": ...}}}}',
        )
    ],
    passes=[
        {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        }
    ],
    root_only=True,
    doc_values={"nesting_depth": STRICT_LIMITS.nesting_depth},
)
def strict_nesting_depth(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict schemas nest at most ${nesting_depth} object levels.

    ## Why

    Structured Outputs allows up to ${nesting_depth} levels of nesting (5 until 2025-07 or later: `6
    levels of nesting exceeds limit of 5`, ellmer #671). Object levels are counted from the root
    object (level 1); `$ref` is not followed. The docs do not say whether an array level counts, so
    a schema that passes the limit only when arrays are counted gets a warning.

    ## Fix

    Flatten the schema: lift deep sub-objects into separate arguments or separate tools.
    """
    if node.keyword is not None or not isinstance(node.schema, dict):
        return
    sizes = _stats_of(node, ctx)
    limit = STRICT_LIMITS.nesting_depth
    if sizes.deepest_objects > limit:
        yield Hit(
            sizes.deepest_objects_at,
            f"{sizes.deepest_objects} levels of nesting exceeds limit of {limit}",
            severity=DEPTH_CLAIMS[0].severity,
        )
    elif sizes.deepest_levels > limit:
        yield Hit(
            sizes.deepest_levels_at,
            f"{sizes.deepest_levels} levels of nesting counting arrays exceeds limit of {limit} "
            "(OpenAI may not count array levels)",
            severity=Severity.WARNING,
        )


@rule(
    "openai-strict/size-limits",
    severity=Severity.ERROR,
    evidence=[EV_STRUCTURED.rejects(), SIZE_CLAIMS["properties"][1].evidence[1]],
    claims=[claim for claims in SIZE_CLAIMS.values() for claim in claims],
    fails=[
        Example(
            {
                "type": "object",
                "properties": {
                    "country": {"type": "string", "enum": [f"c{i}" for i in range(1001)]}
                },
                "required": ["country"],
                "additionalProperties": False,
            },
            "A string enum of 1,001 values (over 1,000 enum values in total):",
            '{"type": "object", "properties": {"country": {"type": "string", "enum": ["c0", "c1", '
            '..., "c1000"]}}, "required": ["country"], "additionalProperties": false}',
        )
    ],
    passes=[
        {
            "type": "object",
            "properties": {"country": {"type": "string", "enum": ["fr", "de", "it"]}},
            "required": ["country"],
            "additionalProperties": False,
        }
    ],
    root_only=True,
    doc_values={
        "object_properties": format(STRICT_LIMITS.object_properties, ","),
        "total_string_length": format(STRICT_LIMITS.total_string_length, ","),
        "enum_values": format(STRICT_LIMITS.enum_values, ","),
        "large_enum_string_length": format(STRICT_LIMITS.large_enum_string_length, ","),
        "large_enum_threshold": STRICT_LIMITS.large_enum_threshold,
    },
)
def strict_size_limits(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict schemas stay within OpenAI's size limits (properties, enum values, total string
    length).

    ## Why

    Structured Outputs caps a schema at ${object_properties} object properties in total,
    ${total_string_length} characters of property names, definition names, enum and const values,
    ${enum_values} enum values, and ${large_enum_string_length} characters for one string enum of
    more than ${large_enum_threshold} values. The limits rose 50x since the 2024 launch (100
    properties, 15,000 characters, 500 enum values): `144 parameters exceed the limit of 100`
    (openai-node #1176). OpenAI-compatible SDKs that still ship the launch caps reject earlier than
    the API.

    ## Fix

    Split the tool, or replace huge enums by a free string validated in the tool.
    """
    if node.keyword is not None or not isinstance(node.schema, dict):
        return
    limits = STRICT_LIMITS
    sizes = _stats_of(node, ctx)
    level = {name: claims[0].severity for name, claims in SIZE_CLAIMS.items()}
    if sizes.properties > limits.object_properties and level["properties"]:
        yield Hit(
            "",
            f"{sizes.properties} object properties exceed the limit of {limits.object_properties}",
            severity=level["properties"],
        )
    if sizes.string_length > limits.total_string_length and level["string_length"]:
        yield Hit(
            "",
            f"total string length of names, enum and const values ({sizes.string_length}) "
            f"exceeds the limit of {limits.total_string_length}",
            severity=level["string_length"],
        )
    if sizes.enum_values > limits.enum_values and level["enum_values"]:
        yield Hit(
            "",
            f"{sizes.enum_values} enum values exceed the limit of {limits.enum_values}",
            severity=level["enum_values"],
        )
    for pointer, count, chars in sizes.large_enums:
        if chars > limits.large_enum_string_length and level["large_enum"]:
            yield Hit(
                pointer,
                f"string enum of {count} values totals {chars} characters; above "
                f"{limits.large_enum_threshold} values the limit is "
                f"{limits.large_enum_string_length}",
                severity=level["large_enum"],
            )
