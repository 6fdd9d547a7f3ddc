"""The versioned data of the OpenAI dialects: names, counts, keyword lists and size limits.

Each limit names its source and the date it was read. Providers change them (the strict
limits rose 50x between 2024-08 and 2026), so they are data, not logic; the dated evidence
for each lives in ``evidence.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]+$")
"""Function names: openai-python ``FunctionDefinition.name`` docstring; the API's own pattern in
400 errors (xiaozhi-esp32-server #1466, 2025-06). Azure/Teams once allowed dots (swagger-mcp
#13, 2025-06); dots are still treated as invalid because OpenAI itself rejects them."""

MAX_NAME_LENGTH = 64
"""openai-python ``FunctionDefinition.name`` docstring (read 2026-09)."""

MAX_TOOLS = 128
"""openai-openapi PR #76 (2023-08-31); observed with GPT-5.1 in 2025-11 (opencode #4909)."""

MAX_DESCRIPTION_LENGTH = 1024
"""Historical: enforced until ~2025-05 on OpenAI (llama_index PR #18784), still observed on Azure
OpenAI in 2025-04 (open_deep_research #80). A warning, not an error."""

ROOT_COMPOSITION_KEYWORDS = ("oneOf", "anyOf", "allOf", "enum", "const", "not")
"""Keywords OpenAI refuses at the top level (home-assistant/core #160600 wording, 2026-01)."""

STRICT_FORMATS = frozenset(
    {"date-time", "time", "date", "duration", "email", "hostname", "ipv4", "ipv6", "uuid"}
)
"""Structured Outputs "Supported schemas" string formats (developers.openai.com, read 2026-09).
Anthropic strict also allows ``uri``; OpenAI does not (agent-native PR #3085, 2026-08)."""

STRICT_UNSUPPORTED: dict[str, str] = {
    "oneOf": "use `anyOf` (OpenAI accepts `anyOf` but not `oneOf`)",
    "allOf": "merge the branches into one schema or inline the referenced definition",
    "not": "drop it and describe the exclusion in `description`",
    "if": "drop the conditional; describe it in `description` or model it with `anyOf`",
    "then": "drop the conditional; describe it in `description` or model it with `anyOf`",
    "else": "drop the conditional; describe it in `description` or model it with `anyOf`",
    "dependentRequired": "drop it; strict mode makes every property required anyway",
    "dependentSchemas": "drop it, or model the variants with `anyOf`",
    "dependencies": "drop it (draft-07 form of dependentRequired/dependentSchemas)",
    "default": "drop it where you target Azure OpenAI; in strict mode every property is sent, "
    "so a default never applies",
    "uniqueItems": "drop it and say 'distinct values' in `description`",
    "patternProperties": "use fixed `properties`, or an array of key/value objects",
    "propertyNames": "drop it; object keys are fixed by `properties` in strict mode",
    "unevaluatedProperties": "use `additionalProperties: false`",
    "minProperties": "drop it; strict objects always carry every property",
    "maxProperties": "drop it; strict objects always carry every property",
    "contains": "drop it and describe the requirement in `description`",
    "minContains": "drop it and describe the requirement in `description`",
    "maxContains": "drop it and describe the requirement in `description`",
    "unevaluatedItems": "drop it; use `items`",
}
"""Keywords a strict schema may not use (Structured Outputs "Supported schemas": composition,
conditionals and dependent*; the rest from pydantic-ai ``_STRICT_INCOMPATIBLE_KEYS`` and
``'<kw>' is not permitted`` errors such as semantic-kernel #9786). Read 2026-09."""

REF_ANNOTATIONS = frozenset({"title", "description"})
"""What openai-java's validator allows next to ``$ref`` (the only keywords it does not reject)."""


@dataclass(frozen=True, slots=True)
class StrictLimits:
    """Structured Outputs size limits as of one dated reading of the docs."""

    as_of: str
    object_properties: int
    nesting_depth: int
    total_string_length: int
    enum_values: int
    large_enum_threshold: int
    large_enum_string_length: int


STRICT_LIMITS_HISTORY = (
    # Launch, 2024-08-06 (docs snapshot; openai-node #1176: "144 parameters exceed the limit
    # of 100").
    StrictLimits("2024-08-06", 100, 5, 15_000, 500, 250, 7_500),
    # Transition copy of the docs: sizes raised, depth still 5 (ellmer #671, 2025-07-17).
    StrictLimits("2025-07-17", 5_000, 5, 120_000, 1_000, 250, 15_000),
    # Current docs (2026; openai-java #732 "docs say 10", fixed in v4.35.0 on 2026-04-30).
    StrictLimits("2026-04-30", 5_000, 10, 120_000, 1_000, 250, 15_000),
)
STRICT_LIMITS = STRICT_LIMITS_HISTORY[-1]
"""The limits the ``openai-strict`` rules check."""
