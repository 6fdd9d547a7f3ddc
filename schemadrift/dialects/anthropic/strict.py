"""Keywords of Anthropic strict tools: the ``anthropic-strict`` rules judged node by node.

Strict tool use (``strict: true``) compiles the schema into a grammar, so it rejects every
constraint the compiler cannot express: numeric bounds, open objects, unlisted formats,
complex regexes and non-primitive enum values; keywords outside its documented list are at best
not enforced.
"""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.dialects._anthropic_family import (
    VERCEL_CLOSED,
    closed_object_hits,
    numeric_bound_hits,
    short,
)
from schemadrift.dialects.anthropic.examples import CITY, CITY_CLOSED
from schemadrift.dialects.anthropic.limits import (
    DOCS_STRUCTURED,
    DOCS_UNLISTED,
    SDK_TRANSFORM,
    STRANDS_ONE_OF,
    STRICT_CONSTRAINT_CLAIMS,
    STRICT_FORMATS,
    STRICT_UNLISTED,
)
from schemadrift.model import Severity
from schemadrift.registry import Claim, Context, Hit, rule
from schemadrift.schema.walk import Node


@rule(
    "anthropic-strict/unsupported-constraint",
    severity=Severity.ERROR,
    evidence=[
        DOCS_STRUCTURED,
        *STRICT_CONSTRAINT_CLAIMS["minimum"].evidence[1:],
        *STRICT_CONSTRAINT_CLAIMS["minItems"].evidence[1:],
        SDK_TRANSFORM,
    ],
    claims=list(STRICT_CONSTRAINT_CLAIMS.values()),
    fails=[
        {
            "type": "object",
            "properties": {
                "timeoutMs": {
                    "anyOf": [
                        {"type": "integer", "minimum": 1, "maximum": 300000},
                        {"type": "null"},
                    ]
                }
            },
            "required": ["timeoutMs"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"tags": {"type": "array", "items": {"type": "string"}, "minItems": 2}},
            "additionalProperties": False,
        },
    ],
    passes=[
        {
            "type": "object",
            "properties": {
                "timeoutMs": {"type": "integer", "description": "1 to 300000"},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            },
            "additionalProperties": False,
        }
    ],
    triggers=tuple(STRICT_CONSTRAINT_CLAIMS),
    hint="move the constraint into the description; strict mode cannot enforce it",
)
def strict_unsupported_constraint(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict tools use no numeric bounds, string lengths, `maxItems`, `uniqueItems` or `minItems`
    above 1.

    ## Why

    Strict tool use compiles the schema into a grammar, which cannot express these constraints; the
    API rejects the request (`tools.25.custom: For 'integer' type, properties maximum, minimum are
    not supported`; `For 'array' type, 'minItems' values other than 0 or 1 are not supported`). The
    same schema is accepted without `strict`, so turning strict on (or a framework doing it) breaks
    tools that worked.

    ## Fix

    Drop the constraint from the schema sent in strict mode and state it in the description;
    validate it in the tool's code (the Anthropic SDK's `transform_schema()` does exactly this).
    """
    yield from numeric_bound_hits(node, STRICT_CONSTRAINT_CLAIMS)


@rule(
    "anthropic-strict/additional-properties-false",
    severity=Severity.ERROR,
    evidence=[DOCS_STRUCTURED, VERCEL_CLOSED, SDK_TRANSFORM],
    fails=[
        CITY,
        {
            "type": "object",
            "properties": {
                "labels": {"type": "object", "additionalProperties": {"type": "string"}}
            },
            "additionalProperties": False,
        },
    ],
    passes=[CITY_CLOSED],
    triggers=["type", "properties"],
    hint='add "additionalProperties": false to the object',
)
def strict_additional_properties_false(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every object in a strict tool sets `additionalProperties: false`.

    ## Why

    Strict tool use supports closed objects only. `additionalProperties` other than `false` is
    documented as unsupported (so `dict[str, T]` cannot be expressed), and leaving it out fails too,
    also on a nested object: `For 'object' type, 'additionalProperties' must be explicitly set to
    false`.

    ## Fix

    Add `"additionalProperties": false` to every object schema (pydantic: `model_config =
    ConfigDict(extra="forbid")`; the Anthropic SDK's `transform_schema()` sets it); turn maps into
    lists of key/value objects.
    """
    yield from closed_object_hits(node)


@rule(
    "anthropic-strict/format",
    severity=Severity.ERROR,
    evidence=[DOCS_STRUCTURED, SDK_TRANSFORM],
    fails=[
        {
            "type": "object",
            "properties": {"site": {"type": "string", "format": "idn-hostname"}},
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"site": {"type": "string", "format": "uri"}},
            "additionalProperties": False,
        }
    ],
    triggers=["format"],
    hint="use a supported format or describe the format in the description",
)
def strict_format(node: Node, ctx: Context) -> Iterator[Hit]:
    """String `format`s in strict tools are among those strict mode supports.

    ## Why

    Strict mode supports `date-time`, `time`, `date`, `duration`, `email`, `hostname`, `uri`,
    `ipv4`, `ipv6` and `uuid` only; other formats are unsupported and rejected. Note the list
    differs from OpenAI's (which rejects `uri`).

    ## Fix

    Drop the `format` (describe it instead) or use one of the supported formats.
    """
    schema = node.schema
    if not isinstance(schema, dict):
        return
    value = schema.get("format")
    if value not in STRICT_FORMATS:
        yield Hit(
            node.pointer + "/format",
            f"format {short(value)} is not supported in strict mode (supported: "
            + ", ".join(sorted(STRICT_FORMATS))
            + ")",
        )


def regex_problem(pattern: str) -> str | None:
    """What makes ``pattern`` too complex for the strict grammar, or ``None``.

    Backreferences (``\\1``, ``\\k<name>``), lookaround (``(?=``, ``(?!``, ``(?<=``, ``(?<!``)
    and word boundaries (``\\b``, ``\\B``) are rejected; inside a character class ``\\b`` is a
    backspace and groups do not exist, so classes are skipped.
    """
    index, end, in_class = 0, len(pattern), False
    while index < end:
        char = pattern[index]
        if char == "\\":
            following = pattern[index + 1 : index + 2]
            if not in_class:
                if following in tuple("123456789"):
                    return f"a backreference (\\{following})"
                if following == "k" and pattern[index + 2 : index + 3] in ("<", "'", "{"):
                    return "a named backreference (\\k<...>)"
                if following in ("b", "B"):
                    return f"a word boundary (\\{following})"
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            index += 1
            if pattern[index : index + 1] == "^":
                index += 1
            if pattern[index : index + 1] == "]":  # a leading ']' is literal
                index += 1
            continue
        elif char == "(" and pattern[index + 1 : index + 2] == "?":
            head = pattern[index + 2 : index + 4]
            if head[:1] in ("=", "!") or head in ("<=", "<!"):
                return f"a lookaround ((?{head if head[:1] == '<' else head[:1]}...)"
        index += 1
    return None


@rule(
    "anthropic-strict/pattern",
    severity=Severity.ERROR,
    evidence=[DOCS_STRUCTURED],
    fails=[
        {
            "type": "object",
            "properties": {"amount": {"type": "string", "pattern": "^(?!^[-+.]*$)[+-]?0*\\d*$"}},
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"code": {"type": "string", "pattern": "^[A-Z]{3}[\\b-]?\\d+$"}},
            "additionalProperties": False,
        }
    ],
    triggers=["pattern"],
    hint="simplify the regex: no backreferences, lookaround or \\b",
)
def strict_pattern(node: Node, ctx: Context) -> Iterator[Hit]:
    r"""`pattern`s in strict tools are simple regular expressions.

    ## Why

    Strict mode supports `pattern` only in simple form: backreferences, lookaround and `\b` word
    boundaries cannot be compiled into the grammar and are rejected. Generated schemas carry such
    patterns unnoticed (pydantic's `Decimal` pattern uses a lookahead).

    ## Fix

    Simplify the pattern, or drop it and validate the value in the tool's code.
    """
    schema = node.schema
    if not isinstance(schema, dict) or not isinstance(schema.get("pattern"), str):
        return
    problem = regex_problem(schema["pattern"])
    if problem:
        yield Hit(node.pointer + "/pattern", f"pattern uses {problem}, unsupported in strict mode")


@rule(
    "anthropic-strict/enum-values",
    severity=Severity.ERROR,
    evidence=[DOCS_STRUCTURED],
    fails=[
        {
            "type": "object",
            "properties": {"point": {"enum": [[0, 0], [1, 1]]}},
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"unit": {"enum": ["c", "f", None]}},
            "additionalProperties": False,
        }
    ],
    triggers=["enum"],
    hint="use only strings, numbers, booleans or null in enum",
)
def strict_enum_values(node: Node, ctx: Context) -> Iterator[Hit]:
    """`enum` values in strict tools are strings, numbers, booleans or null.

    ## Why

    Strict mode documents complex types within `enum` (objects, arrays) as unsupported; the grammar
    compiler rejects them.

    ## Fix

    Use primitive enum values, or an `anyOf` of `const` objects for structured choices.
    """
    schema = node.schema
    if not isinstance(schema, dict) or not isinstance(schema.get("enum"), list):
        return
    for index, value in enumerate(schema["enum"]):
        if isinstance(value, (dict, list)):
            yield Hit(
                f"{node.pointer}/enum/{index}",
                f"enum value {short(value)} is not a primitive; strict mode rejects it",
            )


@rule(
    "anthropic-strict/unlisted-keyword",
    severity=Severity.WARNING,
    inference=True,
    evidence=[DOCS_UNLISTED, SDK_TRANSFORM, STRANDS_ONE_OF],
    claims=[
        Claim(keyword, Severity.WARNING, (DOCS_UNLISTED, STRANDS_ONE_OF))
        if keyword == "oneOf"
        else Claim(keyword, Severity.WARNING, (DOCS_UNLISTED, SDK_TRANSFORM))
        for keyword in STRICT_UNLISTED
    ],
    fails=[
        {
            "type": "object",
            "properties": {"v": {"oneOf": [{"type": "string"}, {"type": "integer"}]}},
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"v": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
            "additionalProperties": False,
        }
    ],
    triggers=STRICT_UNLISTED,
    hint="use anyOf instead of oneOf; describe other constraints in the description",
)
def strict_unlisted_keyword(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict tools use only keywords strict mode documents as supported.

    ## Why

    Strict mode lists what it supports (types, `enum`, `const`, `anyOf`, `allOf`, local `$ref`,
    `default`, `required`, `additionalProperties: false`, some formats, simple `pattern`, `minItems`
    0/1). Keywords outside the list, such as `oneOf`, `not`, `if`/`then`/`else`, `patternProperties`
    or `prefixItems`, have no observed rejection on the Anthropic API itself, but `oneOf` fails on
    Bedrock's strict tools (the same compiler family) and the Anthropic SDK rewrites `oneOf` to
    `anyOf` and strips the rest. At best they are not enforced.

    ## Fix

    Use `anyOf` instead of `oneOf`; move the other constraints into the description.
    """
    schema = node.schema
    if not isinstance(schema, dict):
        return
    for keyword in STRICT_UNLISTED:
        if keyword in schema:
            yield Hit(
                f"{node.pointer}/{keyword}",
                f"`{keyword}` is not in strict mode's supported list: rejected or not enforced",
            )
