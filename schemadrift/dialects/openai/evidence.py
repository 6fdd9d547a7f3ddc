"""Evidence shared by several OpenAI rules, and the dated claims built from it.

A claim is one keyword or limit a rule covers, each with its own history. The newest verdict
decides, and a claim whose newest evidence is an acceptance is never an error.
"""

from __future__ import annotations

from schemadrift.dialects.openai.limits import (
    MAX_DESCRIPTION_LENGTH,
    STRICT_FORMATS,
    STRICT_LIMITS,
    STRICT_LIMITS_HISTORY,
)
from schemadrift.model import Evidence, Severity
from schemadrift.registry import Claim

STRUCTURED_OUTPUTS = "https://developers.openai.com/api/docs/guides/structured-outputs"
FUNCTION_CALLING = "https://developers.openai.com/api/docs/guides/function-calling"
FUNCTION_DEFINITION = (
    "https://github.com/openai/openai-python/blob/main/src/openai/types/shared_params/"
    "function_definition.py"
)

EV_STRUCTURED = Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01", "Supported schemas")
EV_STRUCTURED_LAUNCH = Evidence(
    STRUCTURED_OUTPUTS,
    "documented",
    "2024-08-06",
    "launch copy: 100 properties, depth 5, 15,000 characters, 500 enum values; no pattern, "
    "format, numeric or array bounds",
)
EV_UNSUPPORTED = EV_STRUCTURED.rejects(
    '"Not supported": allOf, not, dependentRequired, dependentSchemas, if, then, else'
)
EV_UNLISTED = EV_STRUCTURED.rejects(
    'not in the supported list: "call the API with an unsupported JSON Schema, you will '
    'receive an error"'
)
EV_PYDANTIC_AI_STRICT = Evidence(
    "https://github.com/pydantic/pydantic-ai/blob/main/pydantic_ai_slim/pydantic_ai/profiles/openai.py",
    "adapter",
    "2026-08-22",
    "_STRICT_INCOMPATIBLE_KEYS",
)
_PYDANTIC_AI_2420 = Evidence(
    "https://github.com/pydantic/pydantic-ai/pull/2420",
    "adapter",
    "2025-08-04",
    "Allow string format, pattern and others in OpenAI strict JSON mode (OpenAI added them "
    "~2025-05)",
    "accepted",
)
EV_DEFAULT_REJECTED = Evidence(
    "https://zenn.dev/nicopin/scraps/a8d8f53f5faebb",
    "observed",
    "2024-09-01",
    "In context=('properties', 'placeholder'), 'default' is not permitted",
    "rejected",
)
EV_DEFAULT_ACCEPTED = Evidence(
    "https://github.com/openai/openai-agents-python/issues/4390",
    "observed",
    "2026-08-01",
    'a strict function tool with `"default": 10` completed on the Responses API; the issue '
    "reports a rejection on Azure OpenAI only",
    "accepted",
)


def _strict_keyword(keyword: str, *evidence: Evidence) -> Claim:
    """The claim of a keyword strict mode rejects: an error, on this evidence."""
    return Claim(keyword, Severity.ERROR, evidence)


STRICT_KEYWORD_CLAIMS: dict[str, Claim] = {
    "oneOf": _strict_keyword(
        "oneOf",
        EV_UNLISTED,
        Evidence(
            "https://github.com/livekit/agents/issues/5302",
            "observed",
            "2026-03-01",
            "In context=(), 'oneOf' is not permitted",
            "rejected",
        ),
    ),
    **{
        key: _strict_keyword(key, EV_UNSUPPORTED)
        for key in ("allOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas")
    },
    "dependencies": _strict_keyword("dependencies", EV_UNLISTED),
    "default": Claim(
        "default",
        Severity.WARNING,
        (EV_DEFAULT_REJECTED, EV_DEFAULT_ACCEPTED),
        caveat="Azure OpenAI may still reject it, and the model does not apply it",
    ),
    "uniqueItems": _strict_keyword(
        "uniqueItems",
        EV_UNLISTED,
        Evidence(
            "https://github.com/microsoft/semantic-kernel/issues/9786",
            "observed",
            "2024-12-01",
            verdict="rejected",
        ),
    ),
    **{
        key: _strict_keyword(key, EV_UNLISTED, EV_PYDANTIC_AI_STRICT)
        for key in (
            "patternProperties",
            "propertyNames",
            "unevaluatedProperties",
            "minProperties",
            "maxProperties",
            "contains",
            "minContains",
            "maxContains",
            "unevaluatedItems",
        )
    },
    # Rejected at launch (2024-08), supported since ~2025-05: no longer reported.
    **{
        key: Claim(
            key,
            None,
            (
                EV_STRUCTURED_LAUNCH.rejects(),
                _PYDANTIC_AI_2420,
                EV_STRUCTURED.accepts("a supported constraint"),
            ),
        )
        for key in (
            "pattern",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "minItems",
            "maxItems",
        )
    },
}
"""What strict mode does with each keyword outside its core, by dated evidence."""

DESCRIPTION_CLAIM = Claim(
    f"description over {MAX_DESCRIPTION_LENGTH:,} characters",
    Severity.WARNING,
    (
        Evidence(
            "https://github.com/langchain-ai/open_deep_research/issues/80",
            "observed",
            "2025-04-01",
            "Azure OpenAI o3-mini: string_above_max_length",
            "rejected",
        ),
        Evidence(
            "https://github.com/getsentry/sentry-mcp/issues/106",
            "observed",
            "2025-04-01",
            "gpt-4o: string_above_max_length",
            "rejected",
        ),
        Evidence(
            "https://github.com/run-llama/llama_index/pull/18784",
            "observed",
            "2025-05-19",
            "limit lifted on OpenAI (36k-character description accepted)",
            "accepted",
        ),
    ),
    caveat="Azure OpenAI deployments and OpenAI-compatible proxies may still enforce it",
)

FORMAT_CLAIMS = (
    Claim(
        "format outside " + ", ".join(sorted(STRICT_FORMATS)),
        Severity.ERROR,
        (
            EV_UNLISTED,
            Evidence(
                "https://github.com/BuilderIO/agent-native/pull/3085",
                "observed",
                "2026-08-01",
                "'uri' is not a valid format",
                "rejected",
            ),
            Evidence(
                "https://github.com/can1357/oh-my-pi/issues/206",
                "observed",
                "2026-02-28",
                "",
                "rejected",
            ),
        ),
    ),
    Claim(
        "format " + ", ".join(sorted(STRICT_FORMATS)),
        None,
        (EV_STRUCTURED_LAUNCH.rejects(), _PYDANTIC_AI_2420, EV_STRUCTURED.accepts()),
    ),
)
"""Strict-mode string formats: the supported list is accepted since ~2025-05, others fail."""


def _limit(over: str, current: int, launch: int | None, *history: Evidence) -> tuple[Claim, ...]:
    """The claims of one strict-mode limit: above today's value an error; between the launch
    value and today's (when it rose), a dated conflict that is no longer reported."""
    claims = [
        Claim(f"{over} above {current:,}", Severity.ERROR, (EV_STRUCTURED.rejects(),)),
    ]
    if launch is not None and launch < current:
        claims.append(
            Claim(
                f"{over} from {launch + 1:,} to {current:,}",
                None,
                (EV_STRUCTURED_LAUNCH.rejects(), *history, EV_STRUCTURED.accepts()),
            )
        )
    return tuple(claims)


_LAUNCH = STRICT_LIMITS_HISTORY[0]
_OPENAI_JAVA_1001 = Evidence(
    "https://github.com/openai/openai-java/pull/1001",
    "observed",
    "2026-09-01",
    "local validation limits are outdated compared to the current API",
    "accepted",
)
SIZE_CLAIMS: dict[str, tuple[Claim, ...]] = {
    "properties": _limit(
        "object properties",
        STRICT_LIMITS.object_properties,
        _LAUNCH.object_properties,
        Evidence(
            "https://github.com/openai/openai-node/issues/1176",
            "observed",
            "2024-11-01",
            "144 parameters exceed the limit of 100",
            "rejected",
        ),
        _OPENAI_JAVA_1001,
    ),
    "string_length": _limit(
        "characters of names, enum and const values",
        STRICT_LIMITS.total_string_length,
        _LAUNCH.total_string_length,
        _OPENAI_JAVA_1001,
    ),
    "enum_values": _limit(
        "enum values", STRICT_LIMITS.enum_values, _LAUNCH.enum_values, _OPENAI_JAVA_1001
    ),
    "large_enum": _limit(
        f"characters in one string enum of more than {STRICT_LIMITS.large_enum_threshold} values",
        STRICT_LIMITS.large_enum_string_length,
        _LAUNCH.large_enum_string_length,
        _OPENAI_JAVA_1001,
    ),
}
"""Structured Outputs size limits, each with the dated history of its value."""

DEPTH_CLAIMS = _limit(
    "object nesting levels",
    STRICT_LIMITS.nesting_depth,
    _LAUNCH.nesting_depth,
    Evidence(
        "https://github.com/tidyverse/ellmer/issues/671",
        "observed",
        "2025-07-17",
        "6 levels of nesting exceeds limit of 5",
        "rejected",
    ),
    Evidence(
        "https://github.com/openai/openai-java/issues/732",
        "observed",
        "2026-04-30",
        "the docs say 10 levels; the SDK's hard-coded 5 was fixed in v4.35.0",
        "accepted",
    ),
)
"""Structured Outputs nesting depth: 5 until at least 2025-07-17, 10 by 2026-04-30."""
