"""The dated limits, tables, evidence records and claims of the ``bedrock`` and
``bedrock-strict`` packs (``docs/dialects.md`` §5).

Kept apart from the rules so a changed limit or a new observation is one edit here. The limits
Bedrock shares with Anthropic's strict compiler live in ``dialects/_anthropic_family.py``.
"""

from __future__ import annotations

from dataclasses import replace

from schemadrift.model import Evidence, Severity
from schemadrift.registry import Claim

# --- Versioned limits and tables ------------------------------------------------------------

# ToolSpecification.name: pattern [a-zA-Z0-9_-]+, length 1-64 (AWS API reference, read
# 2026-09; observed `Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`): the
# pattern is _anthropic_family.NAME_PATTERN.
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

LITELLM_29624 = Evidence(
    "https://github.com/BerriAI/litellm/pull/29624",
    "observed",
    "2026-06-01",
    "output_config.format.schema: For 'number' type, properties maximum, minimum are not supported",
    "rejected",
)
LITELLM_39115 = Evidence(
    "https://github.com/BerriAI/litellm/pull/39115",
    "observed",
    "2026-09-01",
    "tools.1.custom: For 'array' type, property 'maxItems' is not supported (strict only)",
    "rejected",
)


def _strict(keyword: str, *evidence: Evidence) -> Claim:
    """An error claim on ``keyword``: pydantic-ai's probe of Bedrock, then what was observed."""
    return Claim(keyword, Severity.ERROR, (PYDANTIC_AI_BEDROCK, *evidence))


STRICT_CLAIMS: dict[str, Claim] = {
    "minimum": _strict("minimum", LITELLM_29624),
    "maximum": _strict("maximum", LITELLM_29624),
    "exclusiveMinimum": _strict("exclusiveMinimum"),
    "exclusiveMaximum": _strict("exclusiveMaximum"),
    "multipleOf": _strict("multipleOf"),
    "maxItems": _strict("maxItems", LITELLM_39115),
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
