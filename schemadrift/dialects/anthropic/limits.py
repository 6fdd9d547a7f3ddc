"""The dated limits, tables and evidence records of the ``anthropic`` and ``anthropic-strict``
packs, each with its source and the date it was read (``docs/dialects.md`` §3).

Kept apart from the rules so a changed limit or a new observation is one edit here; the rule
modules import what they judge by. What Bedrock shares lives in ``dialects/_anthropic_family.py``.
"""

from __future__ import annotations

from dataclasses import replace

from schemadrift.model import Evidence, Severity
from schemadrift.registry import Claim

# --- Versioned limits and tables (each with its source and the date it was read) -----------

# Tool names. Anthropic's OpenAPI spec documents ^[a-zA-Z0-9_-]{1,64}$; API errors seen in 2026
# quote {1,128} (dialects.md §3, read 2026-09). Error above the enforced cap, warn above the
# documented one (Claude Desktop's remote connectors still validate 64). The pattern is
# _anthropic_family.NAME_PATTERN, shared with Bedrock.
NAME_MAX_ENFORCED = 128
NAME_MAX_DOCUMENTED = 64

ROOT_COMBINATORS = ("oneOf", "allOf", "anyOf")

# Strict tool use (structured outputs), platform.claude.com docs read 2026-09-20.
STRICT_FORMATS = frozenset(
    {"date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"}
)
# Keywords outside the documented supported list with no observed rejection on Anthropic itself
# (oneOf is observed on Bedrock strict, same compiler family): warnings [I].
STRICT_UNLISTED = (
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "patternProperties",
    "propertyNames",
    "dependentSchemas",
    "dependentRequired",
    "minProperties",
    "maxProperties",
    "contains",
    "minContains",
    "maxContains",
    "prefixItems",
    "unevaluatedProperties",
    "unevaluatedItems",
)

# --- Evidence records --------------------------------------------------------------------

DOCS_STRUCTURED = Evidence(
    "https://platform.claude.com/docs/en/build-with-claude/structured-outputs",
    "documented",
    "2026-09-20",
    "JSON Schema limitations of structured outputs and strict tool use",
    verdict="rejected",
)
DOCS_STRICT_TOOLS = Evidence(
    "https://platform.claude.com/docs/en/agents-and-tools/tool-use/strict-tool-use",
    "documented",
    "2026-09-20",
    verdict="rejected",
)
SDK_TRANSFORM = Evidence(
    "https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/lib/_parse/_transform.py",
    "adapter",
    "2025-11-14",
    "transform_schema() keeps only what strict mode accepts and moves the rest into description",
)
SDK_TOOL_PARAM = Evidence(
    "https://github.com/anthropics/anthropic-sdk-python/blob/main/src/anthropic/types/tool_param.py",
    "documented",
    "2026-09-01",
    "InputSchemaTyped: type: Required[Literal['object']]",
    verdict="rejected",
)
OPENAPI_TOOL = Evidence(
    "https://schemas.apis.io/schemas/claude/claude-tool/",
    "documented",
    "2026-09-01",
    "Anthropic OpenAPI Tool schema: name must match ^[a-zA-Z0-9_-]{1,64}$",
    verdict="rejected",
)
PYDANTIC_AI_BEDROCK_PROBE = Evidence(
    "https://github.com/pydantic/pydantic-ai/blob/main/pydantic_ai_slim/pydantic_ai/providers/bedrock.py",
    "adapter",
    "2026-05-19",
    "probed against us.anthropic.claude-sonnet-4-5 (the same compiler as Anthropic strict)",
)
DOCS_UNLISTED = replace(DOCS_STRUCTURED, verdict="", note="not in the supported list")
STRANDS_ONE_OF = Evidence(
    "https://github.com/strands-agents/harness-sdk/pull/2822",
    "observed",
    "2026-06-01",
    "oneOf anywhere fails strict tools on Bedrock (the same compiler family), unobserved on "
    "Anthropic itself",
    "rejected",
)


def _constraint(keyword: str, *evidence: Evidence) -> Claim:
    """An error claim on ``keyword``: the structured-outputs docs, then what was observed."""
    return Claim(keyword, Severity.ERROR, (DOCS_STRUCTURED, *evidence))


_PI_9953 = Evidence(
    "https://github.com/earendil-works/pi/issues/9953",
    "observed",
    "2026-09-01",
    "For 'integer' type, properties maximum, minimum are not supported",
    "rejected",
)
STRICT_CONSTRAINT_CLAIMS: dict[str, Claim] = {
    "minimum": _constraint(
        "minimum",
        _PI_9953,
        Evidence(
            "https://github.com/agentjido/req_llm/issues/302",
            "observed",
            "2025-12-01",
            "For 'integer' type, property 'minimum' is not supported",
            "rejected",
        ),
    ),
    "maximum": _constraint("maximum", _PI_9953),
    "exclusiveMinimum": _constraint("exclusiveMinimum", PYDANTIC_AI_BEDROCK_PROBE.rejects()),
    "exclusiveMaximum": _constraint("exclusiveMaximum", PYDANTIC_AI_BEDROCK_PROBE.rejects()),
    "multipleOf": _constraint("multipleOf"),
    "minLength": _constraint("minLength"),
    "maxLength": _constraint("maxLength"),
    "maxItems": _constraint(
        "maxItems",
        Evidence(
            "https://github.com/BerriAI/litellm/pull/39115",
            "observed",
            "2026-09-01",
            "tools.1.custom: For 'array' type, property 'maxItems' is not supported (via Bedrock)",
            "rejected",
        ),
    ),
    "uniqueItems": _constraint("uniqueItems"),
    "minItems": _constraint(
        "minItems",
        Evidence(
            "https://github.com/ghostlobster/memorize-everything/issues/93",
            "observed",
            "2026-05-01",
            "'minItems' values other than 0 or 1 are not supported",
            "rejected",
        ),
    ),
}
"""Constraints strict mode cannot compile, each with its dated rejections (``minItems``: values
above 1; 0 and 1 are supported)."""
