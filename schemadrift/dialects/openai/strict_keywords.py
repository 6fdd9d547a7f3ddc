"""``openai-strict`` rules on keywords: those outside the Structured Outputs subset, string
formats, string lengths and patterns."""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemadrift.dialects.openai.evidence import (
    EV_PYDANTIC_AI_STRICT,
    EV_UNSUPPORTED,
    FORMAT_CLAIMS,
    STRICT_KEYWORD_CLAIMS,
    STRUCTURED_OUTPUTS,
)
from schemadrift.dialects.openai.limits import STRICT_FORMATS, STRICT_UNSUPPORTED
from schemadrift.dialects.openai.nodes import ptr, short
from schemadrift.model import Evidence, Severity
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.walk import Node

LOOKAROUND = re.compile(r"\(\?<?[=!]")
"""A lookahead or lookbehind group: ``(?=``, ``(?!``, ``(?<=``, ``(?<!``."""


@rule(
    "openai-strict/unsupported-keyword",
    severity=Severity.ERROR,
    triggers=STRICT_UNSUPPORTED,
    evidence=[
        EV_UNSUPPORTED,
        STRICT_KEYWORD_CLAIMS["oneOf"].evidence[1],
        STRICT_KEYWORD_CLAIMS["uniqueItems"].evidence[1],
        EV_PYDANTIC_AI_STRICT,
    ],
    claims=list(STRICT_KEYWORD_CLAIMS.values()),
    fails=[
        {
            "type": "object",
            "properties": {
                "vehicle": {"oneOf": [{"$ref": "#/$defs/Car"}, {"$ref": "#/$defs/Bike"}]}
            },
            "required": ["vehicle"],
            "additionalProperties": False,
            "$defs": {
                "Car": {
                    "type": "object",
                    "properties": {"wheels": {"type": "integer"}},
                    "required": ["wheels"],
                    "additionalProperties": False,
                },
                "Bike": {
                    "type": "object",
                    "properties": {"gears": {"type": "integer"}},
                    "required": ["gears"],
                    "additionalProperties": False,
                },
            },
        },
        {
            "type": "object",
            "properties": {
                "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
            },
            "required": ["tags"],
            "additionalProperties": False,
        },
    ],
    passes=[
        {
            "type": "object",
            "properties": {"tags": {"type": "array", "items": {"type": "string"}, "maxItems": 5}},
            "required": ["tags"],
            "additionalProperties": False,
        }
    ],
)
def strict_unsupported_keyword(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict schemas use only keywords Structured Outputs supports.

    ## Why

    With `strict: true` OpenAI rejects the request for a keyword outside its subset, with `In
    context=(...), '<keyword>' is not permitted`: composition (`oneOf`, `allOf`, `not`),
    conditionals (`if`/`then`/`else`), `dependentRequired`/`dependentSchemas`, and object/array
    keywords such as `uniqueItems`, `patternProperties`, `propertyNames`,
    `minProperties`/`maxProperties`, `contains`, `unevaluated*`. A pydantic discriminated union
    (`oneOf` + `discriminator`) is the common trigger; `anyOf` works. Each keyword has its own dated
    evidence: `default` was rejected in 2024 and accepted by api.openai.com in 2026-08, so it is a
    warning (Azure OpenAI may still reject it); `pattern`, `format` and numeric and array bounds
    were rejected at launch and are supported since 2025.

    ## Fix

    Replace `oneOf` by `anyOf`, inline `allOf`, and drop the other keywords (describe the constraint
    in `description` and check it in the tool). Most frameworks' strict converters do this for you.
    """
    for keyword in node.schema:
        advice = STRICT_UNSUPPORTED.get(keyword)
        claim = STRICT_KEYWORD_CLAIMS.get(keyword)
        if advice is None or claim is None or claim.severity is None:
            continue
        conflict = claim.conflict
        message = (
            f"'{keyword}' in strict mode is a dated conflict: {conflict}"
            if conflict
            else f"'{keyword}' is not permitted in strict mode"
        )
        yield Hit(ptr(node.pointer, keyword), message, hint=advice, severity=claim.severity)


@rule(
    "openai-strict/format",
    severity=Severity.ERROR,
    triggers=("format",),
    evidence=list(FORMAT_CLAIMS[0].evidence),
    claims=FORMAT_CLAIMS,
    fails=[
        {
            "type": "object",
            "properties": {"url": {"type": "string", "format": "uri"}},
            "required": ["url"],
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"when": {"type": "string", "format": "date-time"}},
            "required": ["when"],
            "additionalProperties": False,
        }
    ],
    hint=(
        "drop `format` or use date-time, time, date, duration, email, hostname, ipv4, ipv6 or uuid"
    ),
)
def strict_format(node: Node, ctx: Context) -> Iterator[Hit]:
    """String `format` is one of date-time, time, date, duration, email, hostname, ipv4, ipv6, uuid.

    ## Why

    Structured Outputs supports exactly these formats and rejects any other: `In
    context=('properties', 'url'), 'uri' is not a valid format`. `uri` is the usual culprit (MCP
    servers, pydantic `AnyUrl`); Anthropic strict accepts it, OpenAI does not.

    ## Fix

    Drop the format (say 'a URL' in `description`) or use one of the supported formats.
    """
    value = node.schema["format"]
    if value not in STRICT_FORMATS and FORMAT_CLAIMS[0].severity is not None:
        yield Hit(
            ptr(node.pointer, "format"),
            f"{short(value)} is not a valid format",
            severity=FORMAT_CLAIMS[0].severity,
        )


@rule(
    "openai-strict/string-length",
    severity=Severity.WARNING,
    triggers=("minLength", "maxLength"),
    inference=True,
    evidence=[
        Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01"),
        Evidence(
            "https://github.com/jina-ai/node-DeepResearch/issues/79",
            "observed",
            "2025-03-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/pydantic/pydantic-ai/pull/4490",
            "adapter",
            "2026-03-01",
            "PR to stop stripping them was closed unmerged",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"title": {"type": "string", "maxLength": 80}},
            "required": ["title"],
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"title": {"type": "string", "description": "At most 80 characters."}},
            "required": ["title"],
            "additionalProperties": False,
        }
    ],
)
def strict_string_length(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict schemas avoid `minLength`/`maxLength`, whose support is undocumented.

    ## Why

    The supported-schemas list names `pattern` and `format` for strings but not
    `minLength`/`maxLength`, which appear only in the fine-tuned-model exclusions. OpenAI rejected
    `maxLength` in 2025-03 (`maxLength is not permitted`) and pydantic-ai still strips both for
    strict mode. Whether the API accepts them today is not established, so this is a warning.

    ## Fix

    Drop `minLength`/`maxLength` (state the bound in `description`) or express it with `pattern`
    (`"^.{1,80}$"`).
    """
    for keyword in ("minLength", "maxLength"):
        if keyword in node.schema:
            yield Hit(
                ptr(node.pointer, keyword),
                f"'{keyword}' is not in the documented strict subset; OpenAI may reject it",
            )


@rule(
    "openai-strict/pattern-lookaround",
    severity=Severity.WARNING,
    triggers=("pattern",),
    inference=True,
    evidence=[
        Evidence("https://github.com/pydantic/pydantic-ai/pull/5519", "adapter", "2026-05-19")
    ],
    fails=[
        {
            "type": "object",
            "properties": {
                "amount": {"type": "string", "pattern": "^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$"}
            },
            "required": ["amount"],
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"amount": {"type": "string", "pattern": "^[+-]?\\d+(\\.\\d+)?$"}},
            "required": ["amount"],
            "additionalProperties": False,
        }
    ],
)
def strict_pattern_lookaround(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict `pattern`s use no lookahead or lookbehind.

    ## Why

    Strict mode compiles `pattern` into its output grammar, which has no lookaround. pydantic-ai
    strips patterns containing `(?=`, `(?!`, `(?<=` or `(?<!` for OpenAI since 2026-05 (triggered by
    pydantic's `Decimal` pattern). The exact OpenAI error has not been found, so this is a warning.

    ## Fix

    Rewrite the pattern without lookaround, or drop it and validate in the tool.
    """
    value = node.schema["pattern"]
    if isinstance(value, str) and LOOKAROUND.search(value):
        yield Hit(
            ptr(node.pointer, "pattern"),
            "pattern uses lookaround, which strict mode cannot compile",
        )
