"""AWS Bedrock Converse tools: the ``bedrock`` and ``bedrock-strict`` dialects.

Evidence: ``docs/dialects.md`` §5. Converse validates the ``toolSpec`` envelope itself (name,
description, a root ``type: "object"``) and then hands the schema to the model family, whose
rules differ: Claude models apply Anthropic's validator (errors come back wrapped as
``The model returned the following errors: tools.0.custom: ...``), Amazon Nova documents a
top-level schema of ``type``/``properties``/``required`` only. ``bedrock`` does not know the
model, so model-specific rules are warnings that name the model family; recorded traffic in
which Nova, Llama and Mistral accepted a construct keeps a rule from firing on it.

``bedrock-strict`` (``toolSpec.strict: true``) reuses the grammar-compiler checks of
``anthropic-strict`` with Bedrock's own observed list.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from schemadrift.dialects._common import envelope_mismatch
from schemadrift.dialects.anthropic import (
    MAX_OPTIONAL_PARAMETERS,
    MAX_STRICT_TOOLS,
    VERCEL_CLOSED,
    closed_object_hits,
    duplicate_name_hits,
    limit_hit,
    numeric_bound_hits,
    property_key_hits,
    root_type_hits,
    toolset_total,
)
from schemadrift.model import JSON, Evidence, Severity, Tool
from schemadrift.registry import Claim, Context, Dialect, Example, Hit, dialect, rule
from schemadrift.schema.walk import Node

# --- Versioned limits and tables ------------------------------------------------------------

# ToolSpecification.name: pattern [a-zA-Z0-9_-]+, length 1-64 (AWS API reference, read
# 2026-09; observed `Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`).
NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]+$")
NAME_MAX = 64

# Amazon Nova: the top-level schema may hold only these (Nova user guide); recorded Converse
# traffic (pydantic-ai cassettes, 2025-2026) shows Nova also accepting additionalProperties
# and title at the top level, so those are not reported (NOVA_TOP_LEVEL_CLAIMS). $schema/$id
# and $defs/definitions have rules of their own.
NOVA_TOP_LEVEL = frozenset({"type", "properties", "required"})
NOVA_DEFINITIONS = ("$defs", "definitions")
LITELLM_STRIPPED = ("$schema", "$id")

# Strict tools (pydantic-ai's BedrockJsonSchemaTransformer, verified against Claude Sonnet 4.5
# on 2026-05-19): numeric bounds and maxItems are rejected, minItems above 1 too;
# minLength/maxLength are accepted on Bedrock although the AWS docs list them. Per keyword, with
# the evidence of each, in STRICT_CLAIMS below.

# --- Evidence records -----------------------------------------------------------------------

TOOL_SPEC = Evidence(
    "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolSpecification.html",
    "documented",
    "2026-09-01",
    verdict="rejected",
)
INPUT_SCHEMA = Evidence(
    "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolInputSchema.html",
    "documented",
    "2026-09-01",
    "The top level schema type must be object.",
    verdict="rejected",
)
NOVA_DOCS = Evidence(
    "https://docs.aws.amazon.com/nova/latest/userguide/tool-use-definition.html",
    "documented",
    "2025-04-01",
    "top level: type, properties and required only (as paraphrased in pydantic-ai #1623)",
    verdict="rejected",
)
RECORDED_BEDROCK = Evidence(
    "https://github.com/pydantic/pydantic-ai/tree/main/tests/models/bedrock/cassettes",
    "observed",
    "2026-08-22",
    "recorded HTTP 200: Nova with top-level additionalProperties/title and format date; "
    "Claude with $defs/$ref; Llama 4 Maverick and Pixtral with additionalProperties: false",
    verdict="accepted",
)
PYDANTIC_AI_BEDROCK = Evidence(
    "https://github.com/pydantic/pydantic-ai/blob/main/pydantic_ai_slim/pydantic_ai/providers/bedrock.py",
    "adapter",
    "2026-05-19",
    "_BEDROCK_STRICT_UNSUPPORTED_KEYS_BY_TYPE, verified against us.anthropic.claude-sonnet-4-5",
    verdict="rejected",
)
STRANDS_STRICT = Evidence(
    "https://github.com/strands-agents/harness-sdk/pull/2822",
    "observed",
    "2026-06-01",
    "oneOf anywhere and more than 24 optional parameters fail converse_stream() under strict",
    verdict="rejected",
)
OPENSRE_2404 = Evidence(
    "https://github.com/Tracer-Cloud/opensre/pull/2404",
    "observed",
    "2026-05-22",
    "Mistral/Llama: ValidationException: 'string' is not of type 'object', 'boolean' "
    "(low confidence: the cause of the error is unclear)",
    "rejected",
)

_LITELLM_29624 = Evidence(
    "https://github.com/BerriAI/litellm/pull/29624",
    "observed",
    "2026-06-01",
    "output_config.format.schema: For 'number' type, properties maximum, minimum are not supported",
    "rejected",
)
_LITELLM_39115 = Evidence(
    "https://github.com/BerriAI/litellm/pull/39115",
    "observed",
    "2026-09-01",
    "tools.1.custom: For 'array' type, property 'maxItems' is not supported (strict only)",
    "rejected",
)


def _strict(keyword: str, *evidence: Evidence) -> Claim:
    return Claim(keyword, Severity.ERROR, (PYDANTIC_AI_BEDROCK, *evidence))


STRICT_CLAIMS: dict[str, Claim] = {
    "minimum": _strict("minimum", _LITELLM_29624),
    "maximum": _strict("maximum", _LITELLM_29624),
    "exclusiveMinimum": _strict("exclusiveMinimum"),
    "exclusiveMaximum": _strict("exclusiveMaximum"),
    "multipleOf": _strict("multipleOf"),
    "maxItems": _strict("maxItems", _LITELLM_39115),
    "minItems": _strict("minItems"),  # values above 1
    **{
        key: Claim(
            key,
            None,
            (
                replace(
                    PYDANTIC_AI_BEDROCK,
                    verdict="accepted",
                    note="the AWS docs list it as unsupported, but Bedrock accepts it",
                ),
            ),
            caveat="the AWS structured-output docs list it as unsupported",
        )
        for key in ("minLength", "maxLength")
    },
}
"""What a strict Bedrock tool may constrain, per keyword (Claude models, verified 2026-05-19)."""

NOVA_TOP_LEVEL_CLAIMS: dict[str, Claim] = {
    key: Claim(
        f"top-level {key} (Amazon Nova)",
        None,
        (NOVA_DOCS, RECORDED_BEDROCK),
        caveat="the Nova guide still documents only type, properties and required",
    )
    for key in ("additionalProperties", "title")
}
"""Top-level keywords the Nova guide forbids and recorded Nova traffic shows accepted."""
NOVA_OTHER_TOP_LEVEL = Claim(
    "other top-level keywords (Amazon Nova)", Severity.WARNING, (NOVA_DOCS,)
)

ADDITIONAL_PROPERTIES_CLAIMS = (
    Claim(
        "additionalProperties: false (Mistral and Llama models)",
        None,
        (OPENSRE_2404, RECORDED_BEDROCK),
    ),
    Claim(
        "additionalProperties as a schema or true (Mistral and Llama models)",
        Severity.WARNING,
        (OPENSRE_2404,),
        caveat="low confidence: the reported error reads like a meta-schema error",
    ),
)


def _spec(name: str, schema: JSON, **extra: JSON) -> dict[str, JSON]:
    """A Bedrock-shaped tool for examples."""
    spec = {"name": name, "description": "Example tool.", "inputSchema": {"json": schema}}
    return {"toolSpec": {**spec, **extra}}


_CITY = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
_CITY_CLOSED = {**_CITY, "additionalProperties": False}


# --- bedrock: envelope --------------------------------------------------------------------


@rule(
    "bedrock/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[TOOL_SPEC],
    fails=[{"name": "get_weather", "description": "Weather.", "input_schema": _CITY}],
    passes=[_spec("get_weather", _CITY)],
    hint="send {toolSpec: {name, description, inputSchema: {json}}}",
)
def envelope_shape(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tools sent to Bedrock Converse use the `toolSpec` envelope.

    ## Why

    Converse reads `toolConfig.tools[].toolSpec.{name, description, inputSchema.json}`. An OpenAI,
    Anthropic or Gemini envelope sent as is fails request validation, and one bad tool fails the
    request. MCP tools, bare schemas and framework tools are neutral: a client builds the envelope.

    ## Fix

    Wrap the tool as `{"toolSpec": {"name", "description", "inputSchema": {"json": ...}}}`.
    """
    yield from envelope_mismatch(tool, frozenset({"bedrock"}), "Bedrock Converse")


@rule(
    "bedrock/tool-name",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        TOOL_SPEC,
        Evidence(
            "https://github.com/openclaw/openclaw/pull/12949",
            "observed",
            "2026-02-09",
            verdict="rejected",
        ),
    ],
    fails=[_spec("github.create_issue", _CITY), _spec("n" * 65, _CITY)],
    passes=[_spec("github__create_issue", _CITY)],
    hint="use only letters, digits, '_' and '-', at most 64 characters",
)
def tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool names are 1-64 characters of `a-z A-Z 0-9 _ -`.

    ## Why

    Converse validates `toolSpec.name` against `[a-zA-Z0-9_-]+` with length 1-64 (`Member must
    satisfy regular expression pattern: [a-zA-Z0-9_-]+`), also on tool calls replayed in the
    history, so an MCP name with a dot or a long `server__tool` prefix fails every later request.

    ## Fix

    Rename the tool with letters, digits, `_` and `-` only, 64 characters at most.
    """
    if tool.name_from_file:
        return
    name = tool.name
    if not name:
        yield Hit("/name", "the tool name is empty")
    elif not NAME_PATTERN.match(name):
        bad = sorted({c for c in name if not NAME_PATTERN.match(c)})
        yield Hit(
            "/name",
            f"tool name {name!r} has characters outside [a-zA-Z0-9_-]: "
            + " ".join(repr(c) for c in bad),
        )
    if len(name) > NAME_MAX:
        yield Hit("/name", f"tool name is {len(name)} characters long (at most {NAME_MAX})")


@rule(
    "bedrock/description-length",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        TOOL_SPEC,
        Evidence(
            "https://github.com/aws-samples/bedrock-access-gateway/issues/213",
            "observed",
            "2025-12-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/anomalyco/opencode/pull/48582",
            "observed",
            "2026-09-01",
            verdict="rejected",
        ),
    ],
    fails=[{"toolSpec": {"name": "ping", "description": "", "inputSchema": {"json": _CITY}}}],
    passes=[
        {"toolSpec": {"name": "ping", "inputSchema": {"json": _CITY}}},
        _spec("ping", _CITY),
    ],
    hint="write a description or omit the key",
)
def description_length(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """A tool `description`, when present, is at least 1 character long.

    ## Why

    `toolSpec.description` is optional, but an empty string fails validation: boto3 raises `Invalid
    length for parameter toolConfig.tools[13].toolSpec.description, value: 0, valid min length: 1`
    before sending, and the API answers HTTP 400 when a client sends it anyway. Frameworks emit `""`
    for tools without a docstring.

    ## Fix

    Write a description, or leave the key out (omitting it is accepted).
    """
    if tool.description is not None and len(tool.description) < 1:
        yield Hit("/description", "the description is empty; Bedrock requires at least 1 character")


# --- bedrock: schema ----------------------------------------------------------------------


@rule(
    "bedrock/root-type-object",
    severity=Severity.ERROR,
    evidence=[
        INPUT_SCHEMA,
        Evidence(
            "https://github.com/aaif-goose/goose/pull/5064",
            "observed",
            "2025-10-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/earendil-works/pi/issues/8279",
            "observed",
            "2026-08-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {"oneOf": [_CITY, {"type": "object", "properties": {"zip": {"type": "string"}}}]},
        {"type": "string"},
    ],
    passes=[_CITY],
    hint='make the root `{"type": "object", "properties": {...}}`',
    root_only=True,
)
def root_type_object(node: Node, ctx: Context) -> Iterator[Hit]:
    """`inputSchema.json` is present and its root is `type: "object"`.

    ## Why

    AWS documents "The top level schema type must be object", and Converse answers `The value at
    toolConfig.tools.3.toolSpec.inputSchema.json.type must be one of the following: object.`
    Root-composed schemas (`oneOf` without `type`) started failing for some models in August 2026.

    ## Fix

    Emit `{"type": "object", "properties": {...}}` at the root.
    """
    if node.is_root:
        yield from root_type_hits(node, "inputSchema.json")


@rule(
    "bedrock/schema-id-keys",
    severity=Severity.WARNING,
    evidence=[
        Evidence(
            "https://github.com/BerriAI/litellm/pull/10062",
            "adapter",
            "2025-04-01",
            verdict="rejected",
        ),
        NOVA_DOCS,
    ],
    fails=[{"$schema": "http://json-schema.org/draft-07/schema#", **_CITY}],
    passes=[_CITY],
    triggers=LITELLM_STRIPPED,
    hint="drop $schema and $id from the schema",
    root_only=True,
)
def schema_id_keys(node: Node, ctx: Context) -> Iterator[Hit]:
    """`inputSchema.json` carries no top-level `$schema` or `$id`.

    ## Why

    litellm strips `$id` and `$schema` before calling Bedrock because "non-standard keys like $id
    and $schema ... are not supported" by some models; Amazon Nova documents a top level of `type`,
    `properties` and `required` only. Generators such as zod-to-json-schema add `$schema` to every
    tool.

    ## Fix

    Drop `$schema` and `$id` from the schema sent to Bedrock.
    """
    if not node.is_root or not isinstance(node.schema, dict):
        return
    for key in LITELLM_STRIPPED:
        if key in node.schema:
            yield Hit(f"/{key}", f"top-level `{key}` is not supported by some Bedrock models")


@rule(
    "bedrock/nova-definitions",
    severity=Severity.WARNING,
    evidence=[
        Evidence(
            "https://github.com/zed-industries/zed/issues/28521",
            "observed",
            "2025-04-01",
            "extraneous key [definitions] is not permitted (Nova)",
            "rejected",
        ),
        NOVA_DOCS,
        replace(RECORDED_BEDROCK, verdict="", note="recorded HTTP 200 for $defs/$ref on Claude"),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"home": {"$ref": "#/definitions/Address"}},
            "definitions": {"Address": {"type": "object", "properties": {}}},
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"home": {"type": "object", "properties": {"city": {"type": "string"}}}},
        }
    ],
    triggers=NOVA_DEFINITIONS,
    hint="inline $defs/definitions for Amazon Nova",
    root_only=True,
)
def nova_definitions(node: Node, ctx: Context) -> Iterator[Hit]:
    """`inputSchema.json` has no top-level `$defs` or `definitions` (Amazon Nova).

    ## Why

    Amazon Nova rejects definitions at the top of a tool schema: `Malformed input request:
    #/toolConfig/tools/2/toolSpec/inputSchema/json: extraneous key [definitions] is not permitted`,
    and its guide allows only `type`, `properties` and `required` there. Claude on Bedrock accepts
    `$defs`/`$ref` (recorded traffic), and `bedrock` does not know the model, so this is a warning;
    it is an error for Nova.

    ## Fix

    Inline the definitions before sending to Nova (pydantic-ai uses
    `InlineDefsJsonSchemaTransformer` for every Amazon model).
    """
    if not node.is_root or not isinstance(node.schema, dict):
        return
    for key in NOVA_DEFINITIONS:
        if key in node.schema:
            yield Hit(
                f"/{key}",
                f"Amazon Nova rejects a top-level `{key}` (`extraneous key [{key}] is not "
                "permitted`); Claude accepts it",
            )


@rule(
    "bedrock/nova-top-level-keyword",
    severity=Severity.WARNING,
    evidence=[NOVA_DOCS, RECORDED_BEDROCK],
    claims=[*NOVA_TOP_LEVEL_CLAIMS.values(), NOVA_OTHER_TOP_LEVEL],
    fails=[{**_CITY, "description": "Where to look."}],
    passes=[{**_CITY_CLOSED, "title": "Lookup"}],
    hint=(
        "for Nova, keep the top level to type, properties and required (additionalProperties "
        "and title are accepted too)"
    ),
    root_only=True,
)
def nova_top_level_keyword(node: Node, ctx: Context) -> Iterator[Hit]:
    """`inputSchema.json` keeps to `type`, `properties` and `required` at the top level (Amazon
    Nova).

    ## Why

    Amazon Nova's guide allows only `type`, `properties` and `required` at the top of a tool schema
    and says other fields "result in a hard API error". Recorded traffic shows Nova accepting
    top-level `additionalProperties` and `title`, so those are not reported; other keys
    (`description`, `examples`, `anyOf`...) are a warning for Nova users.

    ## Fix

    Move top-level keywords other than `type`, `properties` and `required` out of the schema.
    """
    if not node.is_root or not isinstance(node.schema, dict):
        return
    accepted = {key for key, claim in NOVA_TOP_LEVEL_CLAIMS.items() if claim.severity is None}
    skip = NOVA_TOP_LEVEL | accepted
    for key in node.schema:
        if key in skip or key in NOVA_DEFINITIONS or key in LITELLM_STRIPPED:
            continue
        yield Hit(
            f"/{key}",
            f"Amazon Nova documents only type, properties and required at the top level; "
            f"`{key}` may be rejected",
            severity=NOVA_OTHER_TOP_LEVEL.severity,
        )


@rule(
    "bedrock/claude-root-composition",
    severity=Severity.WARNING,
    evidence=[
        Evidence(
            "https://github.com/anthropics/claude-code/issues/40075",
            "observed",
            "2026-03-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/home-assistant/core/issues/160600",
            "observed",
            "2026-01-07",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": "object",
            "oneOf": [
                {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
                {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]},
            ],
        }
    ],
    passes=[_CITY],
    triggers=("oneOf", "allOf", "anyOf"),
    hint="move the variants into properties for Claude models",
    root_only=True,
)
def claude_root_composition(node: Node, ctx: Context) -> Iterator[Hit]:
    """`inputSchema.json` has no top-level `oneOf`, `allOf` or `anyOf` (Claude models).

    ## Why

    Converse forwards Claude tools to Anthropic's validator, which rejects combinators at the top
    level (`input_schema does not support oneOf, allOf, or anyOf at the top level`, wrapped as `The
    model returned the following errors: ...`). Other Bedrock models are not known to reject them,
    so this is a warning.

    ## Fix

    Flatten the variants into one object, or split the tool.
    """
    if not node.is_root or not isinstance(node.schema, dict):
        return
    for key in ("oneOf", "allOf", "anyOf"):
        if key in node.schema:
            yield Hit(f"/{key}", f"Claude models on Bedrock reject a top-level `{key}`")


@rule(
    "bedrock/claude-property-name",
    severity=Severity.WARNING,
    evidence=[
        Evidence(
            "https://github.com/aws-solutions-library-samples/accelerated-intelligent-document-processing-on-aws/issues/709",
            "observed",
            "2026-08-31",
            verdict="rejected",
        )
    ],
    fails=[{"type": "object", "properties": {"Account Number": {"type": "string"}}}],
    passes=[{"type": "object", "properties": {"account_number": {"type": "string"}}}],
    triggers=["properties"],
    hint="rename the property to [a-zA-Z0-9_.-], at most 64 characters",
)
def claude_property_name(node: Node, ctx: Context) -> Iterator[Hit]:
    """Top-level property keys match `^[a-zA-Z0-9_.-]{1,64}$` (Claude models).

    ## Why

    Claude tools on Converse are checked by Anthropic's validator:
    `tools.0.custom.input_schema.properties: Property keys should match pattern
    '^[a-zA-Z0-9_.-]{1,64}$'`. Keys with spaces (`"Account Number"`) fail; only the top level is
    checked. Other models are not known to reject them, so this is a warning.

    ## Fix

    Rename the property to letters, digits, `_`, `.` and `-`, 64 characters at most.
    """
    for hit in property_key_hits(node):
        yield Hit(hit.pointer, hit.message + " (Claude models on Bedrock reject it)")


@rule(
    "bedrock/additional-properties-schema",
    severity=Severity.WARNING,
    inference=True,
    evidence=[OPENSRE_2404, RECORDED_BEDROCK],
    claims=ADDITIONAL_PROPERTIES_CLAIMS,
    fails=[
        {
            "type": "object",
            "properties": {
                "labels": {"type": "object", "additionalProperties": {"type": "string"}}
            },
        }
    ],
    passes=[_CITY_CLOSED],
    triggers=["additionalProperties"],
    hint="use additionalProperties: false or omit it for Mistral/Llama models",
)
def additional_properties_schema(node: Node, ctx: Context) -> Iterator[Hit]:
    """`additionalProperties` is `false` or absent (Mistral and Llama models).

    ## Why

    A 2026 report says Mistral and Llama models on Bedrock reject `additionalProperties` with
    `ValidationException: 'string' is not of type 'object', 'boolean'`, even when it is `false`.
    Recorded traffic contradicts the `false` case (Llama 4 Maverick and Pixtral Large accepted it),
    and the message reads like a meta-schema error, so only schema-valued or `true`
    `additionalProperties` are reported, as a low-confidence warning.

    ## Fix

    Send `additionalProperties: false` or leave it out for Mistral and Llama models; describe
    free-form maps in the description.
    """
    schema = node.schema
    if isinstance(schema, dict) and schema.get("additionalProperties", False) is not False:
        claim = ADDITIONAL_PROPERTIES_CLAIMS[1]
        if claim.severity is None:
            return
        yield Hit(
            node.pointer + "/additionalProperties",
            "Mistral and Llama models on Bedrock were reported to reject `additionalProperties` "
            "(low confidence; `false` is known to work)",
            severity=claim.severity,
        )


@rule(
    "bedrock/duplicate-tool-name",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[
        Evidence(
            "https://github.com/anthropics/claude-code/issues/10687",
            "observed",
            "2025-10-31",
            verdict="rejected",
        )
    ],
    fails=[[_spec("search", _CITY), _spec("search", _CITY)]],
    passes=[[_spec("search_web", _CITY), _spec("search_docs", _CITY)]],
    hint="give every tool in the request a distinct name",
)
def duplicate_tool_name(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """Tool names are unique within a Converse request.

    ## Why

    A request whose tools share a name is rejected by Claude models (`tools: Tool names must be
    unique.`, returned through Converse) and leaves any model unable to say which tool it calls.

    ## Fix

    Rename one of the tools, or prefix tools with their server name (`server__tool`).
    """
    yield from duplicate_name_hits(tools)


# --- bedrock-strict -------------------------------------------------------------------------


@rule(
    "bedrock-strict/unsupported-constraint",
    severity=Severity.ERROR,
    evidence=[_LITELLM_39115, _LITELLM_29624, PYDANTIC_AI_BEDROCK],
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
    fails=[_CITY],
    passes=[_CITY_CLOSED],
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
    return [_spec(f"t{index}", _CITY_CLOSED, strict=True) for index in range(count)]


def _optional_spec(name: str, optional: int) -> JSON:
    properties = {f"p{index}": {"type": "string"} for index in range(optional)}
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    return _spec(name, schema, strict=True)


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


BEDROCK_DRAFT_VALIDATION = Evidence(
    "https://github.com/maximhq/bifrost/issues/1720",
    "observed",
    "2026-02-01",
    "`The json schema definition ... is invalid ... $.properties: null found, object expected`",
    verdict="rejected",
)
"""The evidence that this provider validates tool schemas against the JSON Schema draft."""

BEDROCK = dialect(
    Dialect(
        id="bedrock",
        draft_validation=BEDROCK_DRAFT_VALIDATION,
        title="AWS Bedrock Converse (toolConfig.tools[].toolSpec)",
        strict="bedrock-strict",
        shapes=("bedrock",),
        notes=(
            "Model-agnostic: rules that only some model families enforce (Claude, Nova, "
            "Mistral/Llama) are warnings naming the family. A malformed schema "
            "(`properties: null` -> `$.properties: null found, object expected`) and a `$ref` "
            "to a missing definition are errors of the always-on json-schema pack."
        ),
    )
)

BEDROCK_STRICT = dialect(
    Dialect(
        id="bedrock-strict",
        draft_validation=BEDROCK_DRAFT_VALIDATION,
        title="AWS Bedrock Converse strict tools (toolSpec.strict: true)",
        extends="bedrock",
        shapes=("bedrock",),
        notes=(
            "Strict support differs by model (Claude, some Mistral, Qwen3, Gemma 3). "
            "`$ref` must resolve (`Reference to non-existent definition`): json-schema/"
            "unresolved-ref reports it."
        ),
    )
)
