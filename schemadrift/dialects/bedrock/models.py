"""What some model families behind Converse reject: Amazon Nova, Claude, Mistral and Llama.

``bedrock`` does not know the model a tool is sent to, so these are warnings naming the family;
recorded traffic in which a family accepted a construct keeps a rule from firing on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from schemadrift.dialects._anthropic_family import EV_ROOT_COMPOSITION, property_key_hits
from schemadrift.dialects.bedrock.examples import CITY, CITY_CLOSED
from schemadrift.dialects.bedrock.limits import (
    ADDITIONAL_PROPERTIES_CLAIMS,
    LITELLM_STRIPPED,
    NOVA_DEFINITIONS,
    NOVA_DOCS,
    NOVA_OTHER_TOP_LEVEL,
    NOVA_TOP_LEVEL,
    NOVA_TOP_LEVEL_CLAIMS,
    OPENSRE_2404,
    RECORDED_BEDROCK,
)
from schemadrift.model import Evidence, Severity
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.walk import Node


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
    fails=[{"$schema": "http://json-schema.org/draft-07/schema#", **CITY}],
    passes=[CITY],
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
    fails=[{**CITY, "description": "Where to look."}],
    passes=[{**CITY_CLOSED, "title": "Lookup"}],
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
    evidence=list(EV_ROOT_COMPOSITION),
    fails=[
        {
            "type": "object",
            "oneOf": [
                {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
                {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]},
            ],
        }
    ],
    passes=[CITY],
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
    passes=[CITY_CLOSED],
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
