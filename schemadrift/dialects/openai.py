"""OpenAI function calling: the ``openai`` (non-strict) and ``openai-strict`` dialects.

``openai`` covers Chat Completions (``tools[].function``) and Responses (flat ``tools[]``) with
``strict`` off; ``openai-strict`` adds the Structured Outputs subset a ``strict: true`` function
must fit. Evidence: dialects.md §1 (non-strict), §2 (strict) and §6 (Azure OpenAI, kept as notes
and warnings because Azure runs the same validator but lags OpenAI's relaxations).

OpenAI reports one schema error per request, so these rules report everything at once: a user
fixes N problems in one deploy instead of N deploys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from schemadrift.dialects._common import DIALECTS_MD, envelope_mismatch, node_types
from schemadrift.model import JSON, Evidence, Severity, Tool, escape_token
from schemadrift.registry import Claim, Context, Dialect, Example, Hit, dialect, rule
from schemadrift.schema.walk import Node, children

# --------------------------------------------------------------------------------------------
# Versioned data. Each limit names its source and the date it was read; providers change them
# (the strict limits rose 50x between 2024-08 and 2026), so they are data, not logic.
# --------------------------------------------------------------------------------------------

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

LOOKAROUND = re.compile(r"\(\?<?[=!]")


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

# Evidence records shared by several rules.
STRUCTURED_OUTPUTS = "https://developers.openai.com/api/docs/guides/structured-outputs"
FUNCTION_CALLING = "https://developers.openai.com/api/docs/guides/function-calling"
FUNCTION_DEFINITION = (
    "https://github.com/openai/openai-python/blob/main/src/openai/types/shared_params/"
    "function_definition.py"
)
AZURE_STRUCTURED = "https://learn.microsoft.com/azure/ai-services/openai/how-to/structured-outputs"

OPENAI_SHAPES = frozenset({"openai", "openai-responses"})

# --------------------------------------------------------------------------------------------
# Dated claims: one per keyword or limit a rule covers, each with its own history. The newest
# verdict decides, and a claim whose newest evidence is an acceptance is never an error.
# --------------------------------------------------------------------------------------------

EV_STRUCTURED = Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01", "Supported schemas")
EV_STRUCTURED_LAUNCH = Evidence(
    STRUCTURED_OUTPUTS,
    "documented",
    "2024-08-06",
    "launch copy: 100 properties, depth 5, 15,000 characters, 500 enum values; no pattern, "
    "format, numeric or array bounds",
)
_SO_UNSUPPORTED = EV_STRUCTURED.rejects(
    '"Not supported": allOf, not, dependentRequired, dependentSchemas, if, then, else'
)
_SO_UNLISTED = EV_STRUCTURED.rejects(
    'not in the supported list: "call the API with an unsupported JSON Schema, you will '
    'receive an error"'
)
_PYDANTIC_AI_STRICT = Evidence(
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
    return Claim(keyword, Severity.ERROR, evidence)


STRICT_KEYWORD_CLAIMS: dict[str, Claim] = {
    "oneOf": _strict_keyword(
        "oneOf",
        _SO_UNLISTED,
        Evidence(
            "https://github.com/livekit/agents/issues/5302",
            "observed",
            "2026-03-01",
            "In context=(), 'oneOf' is not permitted",
            "rejected",
        ),
    ),
    **{
        key: _strict_keyword(key, _SO_UNSUPPORTED)
        for key in ("allOf", "not", "if", "then", "else", "dependentRequired", "dependentSchemas")
    },
    "dependencies": _strict_keyword("dependencies", _SO_UNLISTED),
    "default": Claim(
        "default",
        Severity.WARNING,
        (EV_DEFAULT_REJECTED, EV_DEFAULT_ACCEPTED),
        caveat="Azure OpenAI may still reject it, and the model does not apply it",
    ),
    "uniqueItems": _strict_keyword(
        "uniqueItems",
        _SO_UNLISTED,
        Evidence(
            "https://github.com/microsoft/semantic-kernel/issues/9786",
            "observed",
            "2024-12-01",
            verdict="rejected",
        ),
    ),
    **{
        key: _strict_keyword(key, _SO_UNLISTED, _PYDANTIC_AI_STRICT)
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
            _SO_UNLISTED,
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


def _ptr(base: str, *tokens: str) -> str:
    return base + "".join("/" + escape_token(token) for token in tokens)


def _is_object(schema: dict[str, JSON]) -> bool:
    """An object node: typed ``object`` (alone or in a type list), or untyped with
    ``properties``."""
    types = node_types(schema)
    return "object" in types or ("type" not in schema and "properties" in schema)


def _type_label(schema: JSON) -> str:
    """The root type as OpenAI prints it in ``got type: "..."`` (``None`` when there is none)."""
    if not isinstance(schema, dict):
        return type(schema).__name__ if schema is not None else "None"
    value = schema.get("type")
    if value is None:
        return "None"
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


# ============================================================================================
# openai (non-strict): envelope
# ============================================================================================


@rule(
    "openai/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(FUNCTION_DEFINITION, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/openai/openai-python/blob/main/src/openai/types/responses/"
            "function_tool_param.py",
            "documented",
            "2026-09-01",
            verdict="rejected",
        ),
    ],
    fails=[{"name": "get_weather", "input_schema": {"type": "object", "properties": {}}}],
    passes=[
        {
            "type": "function",
            "function": {"name": "get_weather", "parameters": {"type": "object", "properties": {}}},
        }
    ],
)
def envelope_shape(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tools sent to OpenAI use the Chat Completions or Responses function envelope.

    ## Why

    OpenAI reads `tools[].function.{name, description, parameters, strict}` (Chat Completions) or
    the flat `tools[].{type, name, description, parameters, strict}` (Responses). An Anthropic
    `input_schema`, a Gemini declaration or a Bedrock `toolSpec` sent as is has no `parameters`
    where OpenAI looks, and the request fails. MCP tools, bare schemas and framework objects are
    neutral: a client builds the envelope.

    ## Fix

    Wrap the schema as `{"type": "function", "function": {"name": ..., "parameters": ...}}` (or the
    Responses flat form).
    """
    yield from envelope_mismatch(tool, OPENAI_SHAPES, "OpenAI function calling")


def _name_hits(tool: Tool, provider: str) -> Iterator[Hit]:
    name = tool.name
    if tool.name_from_file:
        return
    if not NAME_PATTERN.match(name):
        bad = sorted({ch for ch in name if not re.match(r"[a-zA-Z0-9_-]", ch)})
        shown = " ".join(repr(ch) for ch in bad) if bad else "an empty name"
        yield Hit(
            "/name",
            f"tool name {name!r} does not match '^[a-zA-Z0-9_-]+$' ({shown}); "
            f"{provider} rejects the request",
            hint="use only letters, digits, '_' and '-' (e.g. replace '.', '/' and spaces by '_')",
        )
    if len(name) > MAX_NAME_LENGTH:
        yield Hit(
            "/name",
            f"tool name is {len(name)} characters long; {provider} allows at most "
            f"{MAX_NAME_LENGTH}",
            hint=f"shorten the name to {MAX_NAME_LENGTH} characters (mind server prefixes)",
        )


@rule(
    "openai/tool-name",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(FUNCTION_DEFINITION, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/xinnan-tech/xiaozhi-esp32-server/issues/1466",
            "observed",
            "2025-06-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/use-novamira/novamira/issues/12",
            "observed",
            "2026-04-16",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/danishjsheikh/swagger-mcp/issues/13",
            "observed",
            "2025-06-01",
            "Azure/Teams variant allowed dots: '^[a-zA-Z0-9_\\\\.-]+$'",
        ),
    ],
    fails=[
        {
            "type": "function",
            "function": {
                "name": "github.get_issue",
                "parameters": {"type": "object", "properties": {}},
            },
        },
        {
            "type": "function",
            "function": {"name": "x" * 65, "parameters": {"type": "object", "properties": {}}},
        },
    ],
    passes=[
        {
            "type": "function",
            "function": {
                "name": "github_get_issue",
                "parameters": {"type": "object", "properties": {}},
            },
        }
    ],
)
def tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool names are 1–64 characters of `a-z A-Z 0-9 _ -`.

    ## Why

    OpenAI validates every function name against `^[a-zA-Z0-9_-]+$` with a maximum length of 64 and
    rejects the whole request otherwise (`Invalid 'tools[8].function.name': string does not match
    pattern`). MCP allows dots and 128 characters, so MCP tools forwarded as is (or prefixed with a
    server name) often break this. The same pattern is enforced on replayed history, so renaming a
    tool can also break old conversations. Azure OpenAI has been seen allowing dots; OpenAI does
    not.

    ## Fix

    Use only letters, digits, `_` and `-`, at most 64 characters.
    """
    yield from _name_hits(tool, "OpenAI")


@rule(
    "openai/description-length",
    severity=Severity.WARNING,
    scope="tool",
    evidence=list(DESCRIPTION_CLAIM.evidence),
    claims=[DESCRIPTION_CLAIM],
    fails=[
        {
            "type": "function",
            "function": {
                "name": "search",
                "description": "d" * 1025,
                "parameters": {"type": "object", "properties": {}},
            },
        }
    ],
    passes=[
        {
            "type": "function",
            "function": {
                "name": "search",
                "description": "Search the catalogue.",
                "parameters": {"type": "object", "properties": {}},
            },
        }
    ],
    hint="shorten the description to 1,024 characters if you target Azure OpenAI",
)
def description_length(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool descriptions stay within 1,024 characters (still enforced on some Azure deployments).

    ## Why

    OpenAI rejected function descriptions over 1,024 characters (`string_above_max_length`) until
    about May 2025, and Azure OpenAI was still seen enforcing it in April 2025. OpenAI itself
    accepts longer descriptions now, so this is a warning: the tool works on api.openai.com and may
    fail on an Azure deployment or an OpenAI-compatible proxy.

    ## Fix

    Keep the description under 1,024 characters; move long usage notes into parameter descriptions
    or the system prompt.
    """
    text = tool.description
    claim = DESCRIPTION_CLAIM
    if isinstance(text, str) and len(text) > MAX_DESCRIPTION_LENGTH and claim.severity:
        yield Hit(
            "/description",
            f"description is {len(text)} characters; the {MAX_DESCRIPTION_LENGTH:,}-character "
            f"limit is a dated conflict: {claim.conflict or claim.history()}",
            severity=claim.severity,
        )


@rule(
    "openai/responses-strict-omitted",
    envelope=True,
    severity=Severity.WARNING,
    scope="tool",
    evidence=[
        Evidence(
            FUNCTION_CALLING,
            "documented",
            "2026-09-01",
            "quoted in 0xPlaygrounds/rig #2477: Responses normalizes to strict when strict "
            "is omitted",
        ),
        Evidence("https://github.com/0xPlaygrounds/rig/pull/2477", "observed", "2026-09-01"),
        Evidence("https://github.com/vercel/ai/pull/15889", "observed", "2026-06-01"),
        Evidence("https://github.com/open-webui/open-webui/pull/30046", "observed", "2026-09-01"),
    ],
    fails=[
        {
            "type": "function",
            "name": "search",
            "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
        }
    ],
    passes=[
        {
            "type": "function",
            "name": "search",
            "strict": False,
            "parameters": {"type": "object", "properties": {"q": {"type": "string"}}},
        }
    ],
    hint='set "strict": false (or true) explicitly on every Responses tool',
)
def responses_strict_omitted(tool: Tool, ctx: Context) -> Iterator[Hit]:
    # A hosted tool (`{"type": "web_search"}`) has no `strict` to set.
    """Responses API tools set `strict` explicitly.

    ## Why

    On the Responses API an omitted `strict` is not 'non-strict': OpenAI attempts to normalize the
    schema into strict mode (`additionalProperties: false`, every property required) and falls back
    to non-strict only when it cannot. Optional parameters then become mandatory and the model fills
    them with `""`, `0` or `[]`. Chat Completions stays non-strict by default, so the same tool
    behaves differently on the two APIs.

    ## Fix

    Send `"strict": false` to keep non-strict function calling, or `"strict": true` with a schema
    that fits the strict subset.
    """
    if (
        tool.origin.shape == "openai-responses"
        and tool.builtin is None
        and tool.envelope.get("strict") is None
    ):
        yield Hit(
            "/strict",
            "`strict` is omitted: the Responses API normalizes this schema into strict mode "
            "(all properties required, objects closed) when it can",
        )


# ============================================================================================
# openai (non-strict): schema
# ============================================================================================


@rule(
    "openai/root-type-object",
    severity=Severity.ERROR,
    evidence=[
        Evidence(
            "https://github.com/vercel/ai/issues/7325", "observed", "2025-07-01", verdict="rejected"
        ),
        Evidence(
            "https://github.com/n8n-io/n8n/issues/30531",
            "observed",
            "2026-05-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/n8n-io/n8n/issues/29353",
            "observed",
            "2026-04-01",
            verdict="rejected",
        ),
    ],
    fails=[{"type": "string"}, {"properties": {}}, {}],
    passes=[{"type": "object", "properties": {"q": {"type": "string"}}}],
    hint='set "type": "object" at the root of `parameters`',
    root_only=True,
)
def root_type_object(node: Node, ctx: Context) -> Iterator[Hit]:
    """The parameters schema is `type: "object"` at the root.

    ## Why

    OpenAI rejects any other root: `schema must be a JSON Schema of 'type: "object"', got 'type:
    "string"'`, and a root without `type` is reported as `got 'type: "None"'` (Azure OpenAI too).
    Zod 4 and dependency upgrades have produced both (vercel/ai #7325, n8n #29353). A type list that
    contains `object` is reported as a warning: OpenAI's check expects the string `object`.

    ## Fix

    Put `"type": "object"` at the root and the arguments under `properties`.
    """
    if node.keyword is not None:
        return
    schema = node.schema
    if schema is None:  # `parameters` omitted: a function without arguments
        return
    if not isinstance(schema, dict):
        yield Hit("", f'schema must be a JSON Schema of type "object", got {_type_label(schema)}')
        return
    value = schema.get("type")
    if value == "object":
        return
    if isinstance(value, list) and "object" in value:
        yield Hit(
            "/type",
            f'root type is a list ({_type_label(schema)}); OpenAI expects the string "object"',
            severity=Severity.WARNING,
            hint='use "type": "object" at the root',
        )
        return
    where = "" if value is None else "/type"
    yield Hit(
        where,
        f'schema must be a JSON Schema of type: "object", got type: "{_type_label(schema)}"',
    )


@rule(
    "openai/root-composition",
    severity=Severity.ERROR,
    triggers=ROOT_COMPOSITION_KEYWORDS,
    evidence=[
        Evidence(
            "https://github.com/home-assistant/core/issues/160600",
            "observed",
            "2026-01-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/goruck/home-generative-agent/pull/546",
            "observed",
            "2026-01-01",
            "later wording adds 'const'",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"hours": {"type": "integer"}, "minutes": {"type": "integer"}},
            "anyOf": [{"required": ["hours"]}, {"required": ["minutes"]}],
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"hours": {"type": "integer"}, "minutes": {"type": "integer"}},
        }
    ],
    hint="move the composition below the root (into a property) or drop it",
    root_only=True,
)
def root_composition(node: Node, ctx: Context) -> Iterator[Hit]:
    """The root schema has no `oneOf`/`anyOf`/`allOf`/`enum`/`const`/`not`.

    ## Why

    OpenAI rejects the request with `schema must have type 'object' and not have
    'oneOf'/'anyOf'/'allOf'/'enum'/'const'/'not' at the top level`. Home Assistant 2026.1 added a
    root `anyOf` (at least one of hours/minutes/seconds) and every OpenAI and Anthropic request
    failed. The message belongs to the same root check as the non-strict `type: "None"` error, so it
    applies with and without `strict`.

    ## Fix

    Keep the root a plain object: move alternatives into a property (`mode` with `anyOf`), or
    validate 'at least one of' in the tool and say so in `description`.
    """
    if node.keyword is not None or not isinstance(node.schema, dict):
        return
    for keyword in ROOT_COMPOSITION_KEYWORDS:
        if keyword in node.schema:
            yield Hit(
                "/" + keyword,
                f"schema must have type 'object' and not have '{keyword}' at the top level",
            )


@rule(
    "openai/root-properties",
    severity=Severity.ERROR,
    triggers=("type",),
    evidence=[
        Evidence(
            "https://github.com/langchain-ai/langchain-mcp-adapters/issues/137",
            "observed",
            "2025-05-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/github/github-mcp-server/issues/1548",
            "observed",
            "2025-12-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/pydantic/pydantic-ai/blob/main/pydantic_ai_slim/pydantic_ai/profiles/openai.py",
            "adapter",
            "2026-08-22",
            verdict="rejected",
        ),
    ],
    fails=[{"type": "object"}],
    passes=[{"type": "object", "properties": {}}],
    hint='add "properties": {} at the root',
)
def root_properties(node: Node, ctx: Context) -> Iterator[Hit]:
    """A root object schema declares `properties` (possibly empty).

    ## Why

    `{"type": "object"}` alone is rejected: `In context=(), object schema missing properties`
    (langchain-mcp-adapters #137, GitHub's MCP server #1548). MCP allows a no-argument tool to omit
    `properties`, so forwarded MCP tools hit this. pydantic-ai adds `properties: {}` to every object
    because 'OpenAI drops objects without it'.

    ## Fix

    Add `"properties": {}` to a tool that takes no arguments.
    """
    schema = node.schema
    if node.keyword is None and schema.get("type") == "object" and "properties" not in schema:
        yield Hit("", "object schema missing properties")


@rule(
    "openai/array-items",
    severity=Severity.ERROR,
    triggers=("type",),
    evidence=[
        Evidence(
            "https://github.com/sigoden/aichat/pull/1049",
            "observed",
            "2024-12-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/tidewave-ai/tidewave_phoenix/pull/224",
            "observed",
            "2026-02-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/gumloop/guMCP/pull/136",
            "observed",
            "2025-05-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {"type": "object", "properties": {"paths": {"type": "array"}}},
        {"type": "object", "properties": {"args": {"type": ["array", "null"]}}},
    ],
    passes=[
        {"type": "object", "properties": {"paths": {"type": "array", "items": {"type": "string"}}}}
    ],
    hint='add "items" with the element schema',
)
def array_items(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every `array` schema (also inside a type list) declares `items`.

    ## Why

    OpenAI rejects `In context=('properties', 'paths'), array schema missing items`, also when
    `"array"` is one member of a type list (`context=(..., 'type', '0'), array schema missing
    items`). `list` without a type parameter in Python, or `z.array(z.any())`, produce such schemas.

    ## Fix

    Give the array an item schema, e.g. `"items": {"type": "string"}`.
    """
    schema = node.schema
    if "items" not in schema and "array" in node_types(schema):
        yield Hit(node.pointer, "array schema missing items")


@rule(
    "openai/property-schema",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        Evidence(
            "https://github.com/diegosouzapw/OmniRoute/issues/12045",
            "observed",
            "2026-01-01",
            verdict="rejected",
        )
    ],
    fails=[{"type": "object", "properties": {"content": "string"}}],
    passes=[{"type": "object", "properties": {"content": {"type": "string"}}}],
    hint="replace the value by a schema object",
)
def property_schema(tool: Tool, ctx: Context) -> Iterator[Hit]:
    # A tool rule: it judges schemas that are not valid JSON Schema, which the engine keeps
    # from schema rules (the meta-validity gate), in OpenAI's own words.
    """Every value under `properties` (and `items`) is a schema object or boolean.

    ## Why

    OpenAI validates `parameters` against the JSON Schema meta-schema and rejects `'string' is not
    of type 'object', 'boolean'` for a shorthand such as `"properties": {"content": "string"}`. Some
    lenient gateways accepted it, which hid the bug until the request went to OpenAI.

    ## Fix

    Write each property as a schema: `"content": {"type": "string"}`.
    """
    from schemadrift.schema.walk import walk

    base, root = tool.schema_for(ctx.dialect)
    for node in walk(root):
        if isinstance(node.schema, dict):
            for hit in _property_schema(node):
                yield Hit(base + hit.pointer, hit.message)


def _property_schema(node: Node) -> Iterator[Hit]:
    schema = node.schema
    props = schema.get("properties")
    if "properties" in schema and not isinstance(props, dict):
        yield Hit(
            _ptr(node.pointer, "properties"),
            f"'properties' must map names to schemas, got {type(props).__name__}",
        )
    elif isinstance(props, dict):
        for name, value in props.items():
            if not isinstance(value, (dict, bool)):
                yield Hit(
                    _ptr(node.pointer, "properties", str(name)),
                    f"{value!r} is not of type 'object', 'boolean'",
                )
    items = schema.get("items")
    if "items" in schema and not isinstance(items, (dict, bool, list)):
        yield Hit(_ptr(node.pointer, "items"), f"{items!r} is not of type 'object', 'boolean'")


# ============================================================================================
# openai (non-strict): toolset
# ============================================================================================


@rule(
    "openai/too-many-tools",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[
        Evidence(
            "https://github.com/openai/openai-openapi/pull/76",
            "documented",
            "2023-08-31",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/zed-industries/zed/issues/42393",
            "observed",
            "2025-11-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/anomalyco/opencode/issues/4909",
            "observed",
            "2025-11-01",
            verdict="rejected",
        ),
    ],
    fails=[
        Example(
            [
                {
                    "type": "function",
                    "function": {
                        "name": f"t{i}",
                        "parameters": {"type": "object", "properties": {}},
                    },
                }
                for i in range(MAX_TOOLS + 1)
            ],
            "129 tools in one request:",
            '[{"type": "function", "function": {"name": "t0", ...}}, ... 129 tools]',
        )
    ],
    passes=[
        Example(
            [
                {
                    "type": "function",
                    "function": {
                        "name": f"t{i}",
                        "parameters": {"type": "object", "properties": {}},
                    },
                }
                for i in range(3)
            ],
            "A few tools:",
        )
    ],
)
def too_many_tools(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """A request sends at most 128 tools.

    ## Why

    OpenAI rejects `Invalid 'tools': array too long. Expected an array with maximum length 128`
    (`array_above_max_length`). Agents that load every MCP server's tools reach this quickly (zed
    #42393 with GPT-5, opencode #4909 with GPT-5.1 via Copilot).

    ## Fix

    Send at most 128 tools: load tools per task, or group related operations in one tool.
    """
    if len(tools) > MAX_TOOLS:
        yield Hit(
            "",
            f"{len(tools)} tools in one request; OpenAI accepts at most {MAX_TOOLS}",
        )


@rule(
    "openai/duplicate-tool-name",
    severity=Severity.WARNING,
    scope="toolset",
    inference=True,
    evidence=[
        Evidence(
            "https://github.com/openai/openai-agents-python/issues/4116", "adapter", "2026-08-02"
        ),
        Evidence(
            "https://github.com/router-for-me/CLIProxyAPI/issues/4788",
            "observed",
            "2026-08-05",
            "OpenAI-compatible upstream (DeepSeek) rejects duplicate function names",
            verdict="rejected",
        ),
    ],
    fails=[
        [
            {
                "type": "function",
                "function": {"name": "search", "parameters": {"type": "object", "properties": {}}},
            },
            {
                "type": "function",
                "function": {"name": "search", "parameters": {"type": "object", "properties": {}}},
            },
        ]
    ],
    passes=[
        [
            {
                "type": "function",
                "function": {
                    "name": "search_web",
                    "parameters": {"type": "object", "properties": {}},
                },
            },
            {
                "type": "function",
                "function": {
                    "name": "search_docs",
                    "parameters": {"type": "object", "properties": {}},
                },
            },
        ]
    ],
)
def duplicate_tool_name(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """Tool names are unique within a request.

    ## Why

    OpenAI documents no uniqueness check and no rejection has been found, but two functions with one
    name cannot be told apart: the model sees both descriptions and your code dispatches the call to
    one of them (openai-agents-python #4116: 'the second one silently shadows the first').
    OpenAI-compatible upstreams such as DeepSeek, and Anthropic, reject the request with `Tool names
    must be unique.`

    ## Fix

    Give each tool a distinct name (prefix MCP tools with their server name).
    """
    yield from duplicate_name_hits(tools, "OpenAI")


def duplicate_name_hits(tools: Sequence[Tool], provider: str) -> Iterator[Hit]:
    """One hit per repeated name, on the second and later tools that carry it."""
    seen: dict[str, int] = {}
    for tool in tools:
        count = seen.get(tool.name, 0) + 1
        seen[tool.name] = count
        if count == 2:
            yield Hit(
                "/name",
                f"tool name {tool.name!r} is used by more than one tool in the request; "
                f"{provider} cannot tell them apart",
                tool=tool.name,
            )


# ============================================================================================
# openai-strict: structure
# ============================================================================================


@rule(
    "openai-strict/additional-properties-false",
    severity=Severity.ERROR,
    triggers=("type", "properties"),
    evidence=[
        Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/camel-ai/camel/issues/2231",
            "observed",
            "2025-04-20",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/n8n-io/n8n/pull/21328", "observed", "2025-10-01", verdict="rejected"
        ),
        Evidence(
            "https://github.com/openai/openai-agents-python/blob/main/src/agents/strict_schema.py",
            "adapter",
            "2026-09-01",
            "compares with `is not False` because `additionalProperties: {}` is falsy",
        ),
    ],
    fails=[
        {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]},
        {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": {},
        },
    ],
    passes=[
        {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        }
    ],
    hint='add "additionalProperties": false to this object',
)
def additional_properties_false(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every object schema sets `additionalProperties: false`.

    ## Why

    Structured Outputs requires `additionalProperties: false` on every object, nested ones and
    `$defs` included: `'additionalProperties' is required to be supplied and to be false`.
    `additionalProperties: {}` (common in MCP and OpenAPI-derived schemas) is not `false` either and
    fails with `schema must have a 'type' key`; `true` and typed maps (`dict[str, T]`) cannot be
    expressed in strict mode at all.

    ## Fix

    Add `"additionalProperties": false` to every object; turn maps into arrays of key/value objects,
    or send the tool with `strict: false`.
    """
    schema = node.schema
    if node.keyword in STRICT_UNSUPPORTED or not _is_object(schema):
        return
    if "additionalProperties" not in schema:
        yield Hit(node.pointer, "'additionalProperties' is required to be supplied and to be false")
    elif schema["additionalProperties"] is not False:
        yield Hit(
            _ptr(node.pointer, "additionalProperties"),
            f"'additionalProperties' must be false, got {_short(schema['additionalProperties'])}",
        )


def _short(value: JSON) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


@rule(
    "openai-strict/required-all-properties",
    severity=Severity.ERROR,
    triggers=("properties",),
    evidence=[
        Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/anomalyco/opencode/issues/13737",
            "observed",
            "2026-02-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/camel-ai/camel/issues/2629",
            "observed",
            "2025-06-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"q": {"type": "string"}, "limit": {"type": "integer"}},
            "required": ["q"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q", "function_arguments"],
            "additionalProperties": False,
        },
    ],
    passes=[
        {
            "type": "object",
            "properties": {"q": {"type": "string"}, "limit": {"type": ["integer", "null"]}},
            "required": ["q", "limit"],
            "additionalProperties": False,
        }
    ],
    hint="list every property in `required`; make optional ones nullable",
)
def required_all_properties(node: Node, ctx: Context) -> Iterator[Hit]:
    """`required` lists every key of `properties`, and nothing else.

    ## Why

    Strict mode has no optional fields: 'all fields or function parameters must be specified as
    required'. A missing key fails with `'required' is required to be supplied and to be an array
    including every key in properties. Missing 'multiple'.`, an extra one with `Extra required key
    'x' supplied.` Optional values are expressed as a union with `null`.

    ## Fix

    List every property in `required`; make optional ones nullable (`"type": ["string", "null"]` or
    `anyOf` with `{"type": "null"}`) and drop names that are not properties.
    """
    schema = node.schema
    props = schema["properties"]
    if node.keyword in STRICT_UNSUPPORTED or not isinstance(props, dict):
        return
    required = schema.get("required")
    if required is None:
        if props:
            missing = ", ".join(repr(str(k)) for k in props)
            yield Hit(
                node.pointer,
                "'required' is required to be supplied and to be an array including every key "
                f"in properties. Missing {missing}.",
            )
        return
    where = _ptr(node.pointer, "required")
    if not isinstance(required, list):
        yield Hit(where, "'required' must be an array including every key in properties")
        return
    listed = {item for item in required if isinstance(item, str)}
    missing_keys = [str(k) for k in props if k not in listed]
    if missing_keys:
        yield Hit(
            where,
            "'required' is required to be supplied and to be an array including every key in "
            f"properties. Missing {', '.join(repr(k) for k in missing_keys)}.",
        )
    for item in required:
        if item not in props:
            yield Hit(where, f"Extra required key {item!r} supplied.", discriminator=str(item))


@rule(
    "openai-strict/root-object",
    severity=Severity.ERROR,
    evidence=[
        Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/openai/openai-agents-python/blob/main/src/agents/strict_schema.py",
            "adapter",
            "2026-09-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": ["object", "null"],
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        }
    ],
    hint='use "type": "object" (not a type list) at the root',
    root_only=True,
)
def strict_root_object(node: Node, ctx: Context) -> Iterator[Hit]:
    """The root of a strict schema is a non-nullable object.

    ## Why

    'Root objects must not be anyOf and must be an object.' openai-agents refuses a root `"type":
    ["object", "null"]` before sending; a nullable root cannot be compiled into the strict grammar.

    ## Fix

    Use `"type": "object"` at the root; make the arguments nullable instead of the whole object.
    """
    if node.keyword is not None or not isinstance(node.schema, dict):
        return
    value = node.schema.get("type")
    if isinstance(value, list) and "object" in value and len(set(value)) > 1:
        yield Hit(
            "/type", f"root must be a non-nullable object, got type {_type_label(node.schema)}"
        )


TYPED_BY = ("type", "anyOf", "$ref", "enum", "const", "oneOf", "allOf")
"""A node holding one of these is typed for strict mode. ``enum``/``const`` alone are typed in
the docs' type list; ``oneOf``/``allOf`` are counted so that their own rejection is the one
reported, not a second 'missing type'."""

_TYPED_SKIP = frozenset({"additionalProperties", *STRICT_UNSUPPORTED})


@rule(
    "openai-strict/typed-node",
    severity=Severity.ERROR,
    evidence=[
        Evidence(STRUCTURED_OUTPUTS, "documented", "2026-09-01", verdict="rejected"),
        Evidence(
            "https://github.com/can1357/oh-my-pi/issues/211",
            "observed",
            "2026-02-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/apexive/odoo-llm/issues/212",
            "observed",
            "2025-10-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/pydantic/pydantic-ai/issues/4425",
            "adapter",
            "2026-02-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"method_name_filter": {"description": "Filter methods by name"}},
            "required": ["method_name_filter"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"items": {"type": "array", "items": {}}},
            "required": ["items"],
            "additionalProperties": False,
        },
    ],
    passes=[
        {
            "type": "object",
            "properties": {
                "method_name_filter": {"type": "string", "description": "Filter methods by name"},
                "mode": {"enum": ["fast", "full"]},
            },
            "required": ["method_name_filter", "mode"],
            "additionalProperties": False,
        }
    ],
    hint='add a "type" to this schema',
)
def typed_node(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every schema node has a `type`, `anyOf`, `$ref`, `enum` or `const`.

    ## Why

    Strict mode compiles every node into a grammar, so each must say what it accepts: `{}`, `items:
    {}` and description-only properties fail with `In context=('properties', 'slide_instructions',
    'items'), schema must have a 'type' key`. pydantic-ai refuses bare `list` / `list[Any]` for the
    same reason. Every `anyOf` branch is a node too, so each branch must fit the strict subset.

    ## Fix

    Give the node a type (`"type": "string"`, or a union such as `["string", "number", "boolean",
    "null"]`), or send the tool with `strict: false`.
    """
    if node.keyword in _TYPED_SKIP:
        return
    schema = node.schema
    if isinstance(schema, bool):
        yield Hit(
            node.pointer,
            f"schema must have a 'type' key (got the boolean schema {str(schema).lower()})",
        )
        return
    if not isinstance(schema, dict):
        return
    for key in TYPED_BY:
        if key in schema:
            return
    yield Hit(node.pointer, "schema must have a 'type' key")


# ============================================================================================
# openai-strict: keywords
# ============================================================================================


@rule(
    "openai-strict/unsupported-keyword",
    severity=Severity.ERROR,
    triggers=STRICT_UNSUPPORTED,
    evidence=[
        _SO_UNSUPPORTED,
        STRICT_KEYWORD_CLAIMS["oneOf"].evidence[1],
        STRICT_KEYWORD_CLAIMS["uniqueItems"].evidence[1],
        _PYDANTIC_AI_STRICT,
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
        yield Hit(_ptr(node.pointer, keyword), message, hint=advice, severity=claim.severity)


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
            _ptr(node.pointer, "format"),
            f"{_short(value)} is not a valid format",
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
                _ptr(node.pointer, keyword),
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
            _ptr(node.pointer, "pattern"),
            "pattern uses lookaround, which strict mode cannot compile",
        )


@rule(
    "openai-strict/ref-siblings",
    severity=Severity.ERROR,
    triggers=("$ref",),
    evidence=[
        Evidence(
            "https://github.com/openai/openai-python/blob/main/src/openai/lib/_pydantic.py",
            "adapter",
            "2026-09-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/openai/openai-java/blob/main/openai-java-core/src/main/kotlin/com/openai/core/JsonSchemaValidator.kt",
            "adapter",
            "2026-09-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/camel-ai/camel/issues/3001",
            "observed",
            "2025-08-10",
            verdict="rejected",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"city": {"$ref": "#/$defs/City", "default": None}},
            "required": ["city"],
            "additionalProperties": False,
            "$defs": {
                "City": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}},
                    "required": ["name"],
                    "additionalProperties": False,
                }
            },
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"city": {"anyOf": [{"$ref": "#/$defs/City"}]}},
            "required": ["city"],
            "additionalProperties": False,
            "$defs": {
                "City": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}},
                    "required": ["name"],
                    "additionalProperties": False,
                }
            },
        }
    ],
    hint='wrap the reference as "anyOf": [{"$ref": ...}] or move the keywords into the definition',
)
def strict_ref_siblings(node: Node, ctx: Context) -> Iterator[Hit]:
    """A strict `$ref` has no sibling keywords other than `title`/`description`.

    ## Why

    OpenAI's own SDKs refuse to send `$ref` with other keywords: openai-python and openai-agents
    inline the definition because 'we can't use `$ref`s if there are also other properties defined',
    and openai-java's validator allows only `title` and `description` next to `$ref`. Azure OpenAI
    answered `$ref cannot have keywords {'description'}` for a strict tool (camel #3001), so even
    those two are risky: see `openai-strict/ref-annotation`.

    ## Fix

    Wrap the reference: `"anyOf": [{"$ref": "#/$defs/X"}]` next to the other keywords, or move them
    into the definition.
    """
    if node.keyword is None:
        return  # a root `$ref` is judged by the root rules, `$defs`/`$schema` belong there
    for keyword in node.schema:
        if keyword != "$ref" and keyword not in REF_ANNOTATIONS:
            yield Hit(
                _ptr(node.pointer, keyword), f"$ref cannot have the sibling keyword '{keyword}'"
            )


@rule(
    "openai-strict/ref-annotation",
    severity=Severity.WARNING,
    triggers=("$ref",),
    inference=True,
    evidence=[
        Evidence(
            "https://github.com/camel-ai/camel/issues/3001",
            "observed",
            "2025-08-10",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/openai/openai-java/blob/main/openai-java-core/src/main/kotlin/com/openai/core/JsonSchemaValidator.kt",
            "adapter",
            "2026-09-01",
            verdict="accepted",
        ),
    ],
    fails=[
        {
            "type": "object",
            "properties": {"city": {"$ref": "#/$defs/City", "description": "Where to look."}},
            "required": ["city"],
            "additionalProperties": False,
            "$defs": {
                "City": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}},
                    "required": ["name"],
                    "additionalProperties": False,
                }
            },
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {
                "city": {"anyOf": [{"$ref": "#/$defs/City"}], "description": "Where to look."}
            },
            "required": ["city"],
            "additionalProperties": False,
            "$defs": {
                "City": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}},
                    "required": ["name"],
                    "additionalProperties": False,
                }
            },
        }
    ],
    hint='wrap the reference as "anyOf": [{"$ref": ...}] to keep the description',
)
def strict_ref_annotation(node: Node, ctx: Context) -> Iterator[Hit]:
    """A strict `$ref` carries no `title`/`description` beside it.

    ## Why

    openai-java's validator allows `title` and `description` next to `$ref`, but Azure OpenAI
    rejected a strict tool with `$ref cannot have keywords {'description'}` (camel #3001,
    api-version 2024-12-01-preview), and openai-python inlines such refs rather than send them.
    Whether api.openai.com accepts them today is not established.

    ## Fix

    Put the description in the definition, or wrap: `"anyOf": [{"$ref": "#/$defs/X"}],
    "description": "..."`.
    """
    if node.keyword is None:
        return
    for keyword in node.schema:
        if keyword in REF_ANNOTATIONS:
            yield Hit(
                _ptr(node.pointer, keyword),
                f"'{keyword}' beside $ref: Azure OpenAI rejects it in strict mode",
            )


# ============================================================================================
# openai-strict: limits
# ============================================================================================


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


_last_stats: list[tuple[JSON, _Stats]] = []
"""One-entry cache: the depth and size rules run back to back on the same root node, so the
second one reuses the first one's pass. The entry holds the root itself (compared with ``is``),
so an id can never be recycled under it."""


def _stats(root: JSON) -> _Stats:
    """Counts over the whole schema (``$defs`` included) and the deepest nesting, with pointers.

    Nesting is counted without following ``$ref`` (recursion is allowed). Object levels are
    what the docs limit (root object = level 1); array levels are counted separately because
    the docs do not say whether they count.
    """
    if _last_stats and _last_stats[0][0] is root:
        return _last_stats[0][1]
    stats = _Stats()
    stack: list[tuple[JSON, str, int, int]] = [(root, "", 0, 0)]
    while stack:
        schema, pointer, objects, levels = stack.pop()
        if not isinstance(schema, dict):
            continue
        _count(schema, pointer, stats)
        is_object = _is_object(schema)
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
    _last_stats[:] = [(root, stats)]
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
            stats.large_enums.append((_ptr(pointer, "enum"), len(enum), chars))
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
    sizes = _stats(node.schema)
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
    sizes = _stats(node.schema)
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


# ============================================================================================
# Dialects
# ============================================================================================

AZURE_NOTES = (
    "Azure OpenAI runs the same validator with the same messages (n8n #30531, "
    "langchain-mcp-adapters #137) but lags OpenAI: it still enforced the 1,024-character "
    "description limit in 2025-04 (warned by openai/description-length), needs api-version "
    "2024-08-01-preview or later (GA 2024-10-21) for `strict`, and its docs still listed "
    "`minItems`/`maxItems` and other bounds as unsupported in strict mode in 2026-09; a "
    "Teams/Azure path once allowed dots in names."
)

OPENAI_DRAFT_VALIDATION = Evidence(
    "https://github.com/diegosouzapw/OmniRoute/issues/12045",
    "observed",
    "2026-01-01",
    "`'string' is not of type 'object', 'boolean'`: a meta-schema error",
    verdict="rejected",
)
"""The evidence that this provider validates tool schemas against the JSON Schema draft."""

OPENAI = dialect(
    Dialect(
        id="openai",
        draft_validation=OPENAI_DRAFT_VALIDATION,
        title="OpenAI function calling (Chat Completions / Responses, non-strict)",
        strict="openai-strict",
        shapes=tuple(sorted(OPENAI_SHAPES)),
        notes=(
            "Non-strict function calling: OpenAI documents no keyword subset; observed "
            "rejections are structural (root, properties, items, names, tool count). Other "
            f"keywords are passed to the model unenforced. {AZURE_NOTES} "
            f"Evidence: {DIALECTS_MD} §1, §6."
        ),
    )
)

OPENAI_STRICT = dialect(
    Dialect(
        id="openai-strict",
        draft_validation=OPENAI_DRAFT_VALIDATION,
        title="OpenAI Structured Outputs (strict: true functions)",
        extends="openai",
        shapes=tuple(sorted(OPENAI_SHAPES)),
        notes=(
            "The Structured Outputs subset, as of "
            f"{STRICT_LIMITS.as_of} (limits: {STRICT_LIMITS.object_properties:,} properties, "
            f"depth {STRICT_LIMITS.nesting_depth}, {STRICT_LIMITS.total_string_length:,} "
            f"characters, {STRICT_LIMITS.enum_values:,} enum values). Fine-tuned models also "
            "reject string/number/array bounds, `pattern` and `format`. "
            f"{AZURE_NOTES} Evidence: {DIALECTS_MD} §2, §6."
        ),
    )
)
