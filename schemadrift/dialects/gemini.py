"""Google Gemini's three schema surfaces: ``gemini``, ``vertex`` and ``gemini-json``.

A Gemini function declaration carries its parameters either as ``parameters`` - a protobuf
``Schema`` message, an OpenAPI 3.0 subset whose JSON parser rejects every field it does not
know - or as ``parametersJsonSchema``, plain JSON Schema where unsupported keywords are
ignored. The Developer API (``gemini``) and Vertex AI (``vertex``) have different ``Schema``
messages, so they are separate dialects; ``gemini-json`` is the JSON Schema surface of both.
Evidence: dialects.md §4. Limits and field sets are dated data in the constants below.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote

from schemadrift.dialects._common import DIALECTS_MD, envelope_mismatch
from schemadrift.model import JSON, Evidence, Severity, Tool
from schemadrift.registry import Claim, Context, Dialect, Example, Hit, dialect, rule
from schemadrift.schema.pointer import join, split
from schemadrift.schema.walk import Node

# --- Dated data ---------------------------------------------------------------------------

# `type` values of the protobuf `Type` enum (case-insensitive in JSON). NULL exists in
# google-genai's `Type` since 2025-05 (Vertex); see the null-type rules for the dates.
TYPE_NAMES = frozenset({"string", "number", "integer", "boolean", "array", "object"})
_TYPE_OR_NULL = TYPE_NAMES | {"null"}

# Developer API string formats: only `enum` (2024-12, litellm #6970), `enum` and `date-time`
# (2025-08, gemini-cli #5450).
STRING_FORMATS = frozenset({"enum", "date-time"})

# Function names: start with a letter or `_`, then letters, digits, `_ . : -` (the `:` since
# late 2025, ccs #25). Length: 64 in every observed Developer API error (latest 2026-03);
# 128 in the google-genai docstring since 2026-05-20 (python-genai 29103464, Vertex).
FUNCTION_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.:\-]*")
GEMINI_NAME_MAX = 64
VERTEX_NAME_MAX = 128

# Property names, Vertex docstring: letter or `_`, then letters, digits, `_`; max 64. No
# rejection observed (inference).
PROPERTY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")

# Function declarations per request: 512 on the Developer API (observed, gemini-cli #19083,
# 2026-02); Vertex docs said 64, raised to 128 in 2024-11 (google-cloud-dotnet PR #13783),
# unverified since.
GEMINI_MAX_TOOLS = 512
VERTEX_MAX_TOOLS = 128

# Nesting: the API rejects "A FunctionDeclaration ... exceeds the maximum allowed nesting
# depth" (gemini-cli #6031, 2025-08) without saying the number. Heuristic: warn beyond this
# many object/array levels.
NESTING_WARN_DEPTH = 8

# Complexity (gemini-json): cumulative `maxItems` above ~960 failed with a bare
# INVALID_ARGUMENT (python-genai #2170, 2026-03); enum size is a heuristic.
MAX_ITEMS_BUDGET = 960
ENUM_VALUES_BUDGET = 1000

# FunctionDeclaration fields (google-genai `FunctionDeclaration`, both spellings).
DECLARATION_FIELDS = frozenset(
    {
        "name", "description", "behavior", "parameters", "parametersJsonSchema",
        "parameters_json_schema", "response", "responseJsonSchema", "response_json_schema",
    }
)  # fmt: skip

GOOGLE_SHAPES = frozenset({"gemini", "gemini-json"})

# --- Evidence -------------------------------------------------------------------------------

EV_ISCHEMA = Evidence(
    "https://docs.cloud.google.com/nodejs/docs/reference/generativelanguage/latest/"
    "generativelanguage/protos.google.ai.generativelanguage.v1beta.ischema",
    "documented",
    "2026-09-01",
    "v1beta ISchema: the 22 fields of the Developer API Schema",
)
EV_UNKNOWN_FIELD = Evidence(
    "https://github.com/nanbingxyz/5ire/issues/42",
    "observed",
    "2025-01-01",
    'Unknown name "additionalProperties" ... Cannot find field.',
    verdict="rejected",
)
EV_CONST = Evidence(
    "https://github.com/zed-industries/zed/issues/44875",
    "observed",
    "2025-12-01",
    verdict="rejected",
)
EV_TYPE_LIST = Evidence(
    "https://github.com/zed-industries/zed/issues/53919",
    "observed",
    "2026-04-01",
    'Unknown name "type" ...: Proto field is not repeating, cannot start list.',
    verdict="rejected",
)
EV_TYPE_REQUIRED = Evidence(
    "https://github.com/danny-avila/LibreChat/issues/6971",
    "observed",
    "2025-04-01",
    "type: must be specified when not using one_of, any_of or all_of fields",
    verdict="rejected",
)
EV_ENUM_TYPE = Evidence(
    "https://github.com/directus/directus/issues/27100",
    "observed",
    "2026-04-01",
    "enum: only allowed for STRING type",
    verdict="rejected",
)
EV_ENUM_VALUE = Evidence(
    "https://github.com/microsoft/azure-devops-mcp/issues/145",
    "observed",
    "2025-06-01",
    "Invalid value at '...enum[0]' (TYPE_STRING), 0",
    verdict="rejected",
)
EV_ENUM_EMPTY = Evidence(
    "https://github.com/Bobsilvio/ha-claude/issues/30",
    "observed",
    "2026-03-01",
    "enum[1]: cannot be empty",
    verdict="rejected",
)
EV_FORMAT = Evidence(
    "https://github.com/google-gemini/gemini-cli/issues/5450",
    "observed",
    "2025-08-01",
    "format: only 'enum' and 'date-time' are supported for STRING type",
    verdict="rejected",
)
EV_PROPS_OBJECT = Evidence(
    "https://github.com/anomalyco/opencode/issues/11889",
    "observed",
    "2026-01-01",
    "properties: only allowed for OBJECT type",
    verdict="rejected",
)
EV_ITEMS_ARRAY = Evidence(
    "https://github.com/sbroenne/mcp-server-excel/issues/672",
    "observed",
    "2026-06-01",
    "items: field predicate failed: $type == Type.ARRAY",
    verdict="rejected",
)
EV_ARRAY_ITEMS = Evidence(
    "https://github.com/cline/cline/issues/7926",
    "observed",
    "2025-11-01",
    "items: missing field.",
    verdict="rejected",
)
EV_EMPTY_PROPS = Evidence(
    "https://github.com/langchain-ai/langchainjs/pull/7935",
    "observed",
    "2025-03-01",
    "properties: should be non-empty for OBJECT type (2024-09 to 2025-03)",
    verdict="rejected",
)
EV_EMPTY_PROPS_OK = Evidence(
    "https://github.com/pydantic/pydantic-ai",
    "observed",
    "2025-09-01",
    "recorded HTTP 200 for properties: {} on gemini-2.0-flash and gemini-2.5-pro (test cassettes)",
    verdict="accepted",
)
EV_NAME = Evidence(
    "https://github.com/kaitranntt/ccs/issues/25",
    "observed",
    "2025-11-30",
    "Invalid function name. Must start with a letter or an underscore ... maximum length of 64.",
    verdict="rejected",
)
EV_NAME_128 = Evidence(
    "https://github.com/googleapis/python-genai/blob/main/google/genai/types.py",
    "documented",
    "2026-05-20",
    "FunctionDeclaration.name: ... with a maximum length of 128 (commit 29103464)",
)
EV_MAX_DECLS = Evidence(
    "https://github.com/google-gemini/gemini-cli/issues/19083",
    "observed",
    "2026-02-01",
    "At most 512 function declarations can be specified.",
    verdict="rejected",
)
EV_VERTEX_MAX_DECLS = Evidence(
    "https://github.com/googleapis/google-cloud-dotnet/pull/13783",
    "documented",
    "2024-11-01",
    "maximum number of function declarations from 64 to 128",
)
EV_DEPTH = Evidence(
    "https://github.com/google-gemini/gemini-cli/issues/6031",
    "observed",
    "2025-08-12",
    "A FunctionDeclaration in the request exceeds the maximum allowed nesting depth.",
    verdict="rejected",
)
EV_NULL = Evidence(
    "https://github.com/pydantic/pydantic-ai/issues/533",
    "observed",
    "2024-12-01",
    "Invalid value at '...any_of[1].type' (google.cloud.aiplatform.v1.Type), \"null\"",
    verdict="rejected",
)
EV_NULL_ADDED = Evidence(
    "https://github.com/googleapis/python-genai/commit/b07c549f",
    "documented",
    "2025-05-22",
    "google-genai Schema gains NULL type, additionalProperties, $defs, $ref",
)
EV_VERTEX_ROOT = Evidence(
    "https://github.com/BerriAI/litellm/issues/18442",
    "observed",
    "2025-12-01",
    "functionDeclaration parameters schema should be of type OBJECT",
    verdict="rejected",
)
EV_VERTEX_ANYOF = Evidence(
    "https://github.com/anomalyco/opencode/issues/15795",
    "observed",
    "2026-02-01",
    "schema specified other fields alongside any_of. When using any_of, it must be the only field "
    "set.",
    verdict="rejected",
)
EV_VERTEX_TYPE = Evidence(
    "https://github.com/google-gemini/gemini-cli/issues/2282",
    "observed",
    "2025-06-01",
    "schema didn't specify the schema type field",
    verdict="rejected",
)
EV_VERTEX_SCHEMA = Evidence(
    "https://cloud.google.com/vertex-ai/docs/reference/rest/v1/Schema", "documented", "2026-09-01"
)
EV_PROPERTY_NAME = Evidence(
    "https://github.com/googleapis/python-genai/blob/main/google/genai/types.py",
    "documented",
    "2026-05-20",
    "parameter names must start with a letter or an underscore ... maximum length of 64",
)
EV_JSON_SCHEMA = Evidence(
    "https://ai.google.dev/gemini-api/docs/function-calling",
    "documented",
    "2025-11-01",
    "parametersJsonSchema: must describe an object; mutually exclusive with parameters",
)
EV_JSON_KEYWORDS = Evidence(
    "https://cloud.google.com/vertex-ai/docs/reference/rest/v1/GenerationConfig",
    "documented",
    "2026-09-01",
    "responseJsonSchema supported keywords; 'not all features are supported'",
)
EV_JSON_COMPLEX = Evidence(
    "https://github.com/googleapis/python-genai/issues/2170",
    "observed",
    "2026-03-01",
    "cumulative maxItems above ~960 -> INVALID_ARGUMENT",
    verdict="rejected",
)
EV_JSON_STATES = Evidence(
    "https://github.com/googleapis/python-genai/issues/660",
    "observed",
    "2025-04-01",
    "The specified schema produces a constraint that has too many states for serving.",
    verdict="rejected",
)
EV_GENAI_TYPES = Evidence(
    "https://github.com/googleapis/python-genai/blob/main/google/genai/types.py",
    "documented",
    "2026-05-20",
    "FunctionDeclaration fields; parameters_json_schema is mutually exclusive with parameters",
)
EV_DIALECTS = Evidence(DIALECTS_MD, "inference", "2026-09-01", "dialects.md §4")
EV_ASTRA = Evidence(
    "https://github.com/datastax/astra-assistants-api/issues/73",
    "observed",
    "2024-09-01",
    'Unknown name "$defs" / "examples" / "title" in parameters',
    verdict="rejected",
)
EV_LITELLM_DEFAULT = Evidence(
    "https://github.com/BerriAI/litellm/issues/6459",
    "observed",
    "2025-04-01",
    'Unknown name "default" in parameters',
    verdict="rejected",
)
EV_DEFAULT_OK = Evidence(
    "https://github.com/pydantic/pydantic-ai/pull/2309",
    "adapter",
    "2025-07-01",
    "Allow `default` in tool schema with Gemini: the API accepts it",
    verdict="accepted",
)
EV_UNKNOWN_FIELD_ANYOF = Evidence(
    "https://github.com/glowingjade/obsidian-smart-composer/issues/455",
    "observed",
    "2025-08-01",
    'Unknown name "additionalProperties" at ...any_of[0] (gemini-2.5-flash)',
    verdict="rejected",
)
EV_GENAI_CLIENT = Evidence(
    "https://github.com/googleapis/python-genai/blob/main/google/genai/_transformers.py",
    "adapter",
    "2026-09-01",
    "a truthy additionalProperties raises client-side in Gemini Developer API mode",
    verdict="rejected",
)
EV_GENAI_ADDITIONAL = Evidence(
    "https://github.com/googleapis/python-genai/blob/main/google/genai/types.py",
    "documented",
    "2026-09-01",
    "Schema.additional_properties: can either be a boolean or an object",
    verdict="accepted",
)
EV_VERCEL_REFS = Evidence(
    "https://github.com/vercel/ai/blob/main/packages/google/src/"
    "convert-json-schema-to-openapi-schema.ts",
    "adapter",
    "2026-09-01",
    "ref/defs are supported by Vertex AI's Schema but rejected by the Developer API's",
)
EV_PYDANTIC_AI_GOOGLE = Evidence(
    "https://github.com/pydantic/pydantic-ai/blob/main/pydantic_ai_slim/pydantic_ai/profiles/"
    "google.py",
    "adapter",
    "2026-09-01",
    "GoogleJsonSchemaTransformer",
)
EV_FAZER = Evidence(
    "https://github.com/fazer-ai/agents/pull/67",
    "observed",
    "2026-08-01",
    "exclusiveMinimum, propertyNames: unknown fields of the 22-field Schema",
    verdict="rejected",
)
EV_SCHEMA_FIELD = Evidence(
    "https://github.com/router-for-me/CLIProxyAPI/issues/97",
    "observed",
    "2025-10-01",
    "Unknown name \"$schema\" at 'request.tools[0].function_declarations[0].parameters'",
    verdict="rejected",
)
EV_CLIPROXY_COMMENT = Evidence(
    "https://github.com/router-for-me/CLIProxyAPI/issues/3512",
    "observed",
    "2026-09-01",
    'Unknown name "$comment" / "enumDescriptions" (undated; the date is when it was read)',
    verdict="rejected",
)
EV_TYPE_ENUM_DEV = Evidence(
    "https://ai.google.dev/api/python/google/ai/generativelanguage/Type",
    "documented",
    "2024-06-05",
    "generativelanguage v1beta Type: STRING, NUMBER, INTEGER, BOOLEAN, ARRAY, OBJECT (no NULL)",
    verdict="rejected",
)


# --- The keyword support table ------------------------------------------------------------------
#
# One table says, for every keyword the Gemini schema surfaces are known to treat in some way,
# what each surface does with it today - accepted, rejected or ignored - and on what dated
# evidence (the newest verdict wins). Every gemini, vertex and gemini-json rule and hint reads
# it: which fields a `Schema` message has (`unsupported-keyword`, `_live`), which keywords
# `parametersJsonSchema` ignores (`ignored-keyword`), where a boolean may stand for a schema
# (`type-required`), whether a `null` type is taken (`null-type`), and which surfaces to point
# a user to in a hint. So no rule can reject what another rule or hint says is accepted.

GEMINI_SURFACE = "gemini"
VERTEX_SURFACE = "vertex"
JSON_SURFACE = "gemini-json"
SURFACES = (GEMINI_SURFACE, VERTEX_SURFACE, JSON_SURFACE)
SURFACE_NAMES = {
    GEMINI_SURFACE: "the Gemini Developer API's `parameters`",
    VERTEX_SURFACE: "Vertex AI's `parameters`",
    JSON_SURFACE: "`parametersJsonSchema`",
}

# What a verdict means for a rule, by default: rejected keywords fail the request (error),
# ignored ones are accepted but not enforced (a warning when they constrain arguments).
_LEVEL = {"rejected": Severity.ERROR, "ignored": Severity.WARNING, "accepted": None}


@dataclass(frozen=True, slots=True)
class Feature:
    """A keyword (or a keyword value, ``type: "null"``) and what each surface does with it.

    ``support`` maps each surface to its claim (dated evidence, newest verdict wins).
    ``annotation``: the keyword constrains no argument, so ignoring it is harmless.
    ``booleans``: surfaces where the keyword's value may be a boolean instead of a schema.
    ``superseded``: what an acceptance that followed a rejection is reported as (the `null`
    type stays a dated warning: adapters still rewrite it; `title`/`default` are plain accepted).
    ``rewrite``: how to say the same thing where it is rejected or ignored.
    """

    name: str
    support: Mapping[str, Claim]
    annotation: bool = False
    booleans: frozenset[str] = frozenset()
    superseded: Severity | None = None
    rewrite: str = ""

    def verdict(self, surface: str) -> str:
        return self.support[surface].verdict

    def accepted_on(self) -> list[str]:
        """The surfaces that accept this feature, in table order."""
        return [s for s in SURFACES if self.verdict(s) == "accepted"]


def _claim(
    name: str,
    surface: str,
    evidence: Sequence[Evidence],
    *,
    annotation: bool,
    superseded: Severity | None,
    caveat: str = "",
) -> Claim:
    """A surface's claim about ``name``, its severity read from the newest verdict."""
    probe = Claim(name, None, tuple(evidence))
    level = _LEVEL.get(probe.verdict)
    if probe.verdict == "ignored" and annotation:
        level = None
    if probe.conflict is not None:
        level = superseded
    return Claim(f"{name} ({surface})", level, tuple(evidence), caveat)


def _feature(
    name: str,
    gemini: Sequence[Evidence],
    vertex: Sequence[Evidence],
    json: Sequence[Evidence],
    *,
    annotation: bool = False,
    booleans: frozenset[str] = frozenset(),
    superseded: Severity | None = None,
    rewrite: str = "",
    caveats: Mapping[str, str] | None = None,
) -> Feature:
    cells = {GEMINI_SURFACE: gemini, VERTEX_SURFACE: vertex, JSON_SURFACE: json}
    support = {
        surface: _claim(
            name,
            surface,
            evidence,
            annotation=annotation,
            superseded=superseded,
            caveat=(caveats or {}).get(surface, ""),
        )
        for surface, evidence in cells.items()
    }
    return Feature(name, support, annotation, booleans, superseded, rewrite)


# The documents that list each surface's keywords (read 2026-09), as verdicts.
_DEV_LISTED = (EV_ISCHEMA.accepts("one of the 22 fields of the v1beta Schema"),)
_DEV_UNLISTED = (
    EV_ISCHEMA.rejects("not one of the 22 fields: the proto parser rejects unknown fields"),
    EV_UNKNOWN_FIELD.rejects(),
)
_VERTEX_LISTED = (EV_VERTEX_SCHEMA.accepts("a field of the aiplatform Schema"),)
_VERTEX_UNLISTED = (
    EV_VERTEX_SCHEMA.rejects("not a field of the aiplatform Schema: unknown fields fail parsing"),
)
_JSON_LISTED = (EV_JSON_KEYWORDS.accepts("listed as supported"),)
_JSON_UNLISTED = (EV_JSON_KEYWORDS.ignores('not listed: "not all features are supported"'),)
_VERTEX_2025 = EV_NULL_ADDED.accepts()

_ANY_KEYWORD = "any other keyword"
"""The row for keywords the table does not name: the `Schema` messages are closed sets, and
`parametersJsonSchema` accepts any JSON Schema while enforcing only what it lists."""

_FEATURES = [
    _feature(_ANY_KEYWORD, _DEV_UNLISTED, _VERTEX_UNLISTED, _JSON_UNLISTED),
    # The fields every surface accepts.
    *(
        _feature(key, _DEV_LISTED, _VERTEX_LISTED, _JSON_LISTED)
        for key in (
            "type", "format", "description", "enum", "maxItems", "minItems", "properties",
            "required", "anyOf", "propertyOrdering", "items", "minimum", "maximum",
        )
    ),
    # `parameters` fields that `parametersJsonSchema` does not list: constraints it ignores...
    *(
        _feature(key, _DEV_LISTED, _VERTEX_LISTED, _JSON_UNLISTED)
        for key in ("minProperties", "maxProperties", "minLength", "maxLength", "pattern")
    ),
    # ... and OpenAPI annotations it ignores harmlessly.
    *(
        _feature(key, _DEV_LISTED, _VERTEX_LISTED, _JSON_UNLISTED, annotation=True)
        for key in ("nullable", "example")
    ),
    _feature(
        "title",
        (
            EV_ASTRA.rejects("Unknown name \"title\" (2024-09)"),
            *_DEV_LISTED,
        ),
        _VERTEX_LISTED,
        _JSON_LISTED,
    ),
    _feature(
        "default",
        (
            EV_LITELLM_DEFAULT.rejects('Unknown name "default" (2025-04)'),
            EV_DEFAULT_OK.accepts(),
            *_DEV_LISTED,
        ),
        _VERTEX_LISTED,
        _JSON_UNLISTED,
        annotation=True,
    ),
    # Vertex's additions (google-genai Schema since 2025-05-22).
    _feature(
        "additionalProperties",
        (EV_UNKNOWN_FIELD.rejects(), EV_UNKNOWN_FIELD_ANYOF.rejects(), EV_GENAI_CLIENT.rejects()),
        (_VERTEX_2025, EV_GENAI_ADDITIONAL.accepts()),
        _JSON_LISTED,
        booleans=frozenset({VERTEX_SURFACE, JSON_SURFACE}),
        rewrite="remove `additionalProperties` (or state in `description` that no other keys "
        "are allowed)",
    ),
    *(
        _feature(
            key,
            (EV_ASTRA.rejects(), EV_VERCEL_REFS.rejects(), *_DEV_UNLISTED),
            (_VERTEX_2025, EV_VERCEL_REFS.accepts()),
            _JSON_LISTED,
            rewrite=rewrite,
        )
        for key, rewrite in (
            ("$ref", "inline the referenced schema"),
            ("$defs", "inline the definitions"),
        )
    ),
    # The protobuf names of the same two fields (`ref`, `defs`), which only `parameters` knows.
    *(
        _feature(key, (*_DEV_UNLISTED,), (_VERTEX_2025,), _JSON_UNLISTED, rewrite=rewrite)
        for key, rewrite in (("ref", "inline the referenced schema"), ("defs", "inline the definitions"))
    ),
    # JSON Schema keywords only `parametersJsonSchema` lists.
    *(
        _feature(key, _DEV_UNLISTED, _VERTEX_UNLISTED, _JSON_LISTED)
        for key in ("$id", "$anchor", "prefixItems")
    ),
    _feature(
        "oneOf",
        (EV_PYDANTIC_AI_GOOGLE.rejects("Gemini rejects `oneOf` outright"), *_DEV_UNLISTED),
        _VERTEX_UNLISTED,
        (EV_JSON_KEYWORDS.accepts("oneOf is treated as anyOf"),),
        rewrite="use `anyOf`",
    ),
    # Constraints `parameters` rejects and `parametersJsonSchema` ignores.
    _feature(
        "const",
        (EV_CONST.rejects(), *_DEV_UNLISTED),
        _VERTEX_UNLISTED,
        _JSON_UNLISTED,
        rewrite='use a one-value `enum` (`"enum": ["x"]`)',
    ),
    *(
        _feature(
            key,
            (EV_FAZER.rejects(), *_DEV_UNLISTED),
            _VERTEX_UNLISTED,
            (*_JSON_UNLISTED, EV_PYDANTIC_AI_GOOGLE.ignores("dropped as not yet supported")),
            rewrite=rewrite,
        )
        for key, rewrite in (
            ("exclusiveMinimum", "use `minimum` (inclusive), or state the bound in `description`"),
            ("exclusiveMaximum", "use `maximum` (inclusive), or state the bound in `description`"),
        )
    ),
    _feature("propertyNames", (EV_FAZER.rejects(), *_DEV_UNLISTED), _VERTEX_UNLISTED, _JSON_UNLISTED),
    _feature(
        "allOf",
        _DEV_UNLISTED,
        _VERTEX_UNLISTED,
        _JSON_UNLISTED,
        rewrite="merge the members into one schema",
    ),
    # JSON Schema annotations: rejected by the `Schema` messages, harmless where ignored.
    _feature(
        "$schema", (EV_SCHEMA_FIELD.rejects(), *_DEV_UNLISTED), _VERTEX_UNLISTED, _JSON_UNLISTED,
        annotation=True, rewrite="drop `$schema`",
    ),
    _feature(
        "examples", (EV_ASTRA.rejects(), *_DEV_UNLISTED), _VERTEX_UNLISTED, _JSON_UNLISTED,
        annotation=True, rewrite="use `example` (one value)",
    ),
    _feature(
        "$comment", (EV_CLIPROXY_COMMENT.rejects(), *_DEV_UNLISTED), _VERTEX_UNLISTED,
        _JSON_UNLISTED, annotation=True,
    ),
    *(
        _feature(key, _DEV_UNLISTED, _VERTEX_UNLISTED, _JSON_UNLISTED, annotation=True)
        for key in (
            "deprecated", "readOnly", "writeOnly", "definitions", "contentEncoding",
            "contentMediaType",
        )
    ),
    # A value rather than a keyword: the NULL type.
    _feature(
        'type: "null"',
        (EV_TYPE_ENUM_DEV.rejects(),),
        (EV_NULL.rejects(), _VERTEX_2025),
        _JSON_LISTED,
        superseded=Severity.WARNING,
        caveats={
            GEMINI_SURFACE: "google-genai's Type has NULL since 2025-05-22, for Vertex AI "
            "(dialects.md §9); no accepted Developer API request with a null type is on record",
            VERTEX_SURFACE: "older API versions, SDKs and proxies do not take it",
        },
    ),
]  # fmt: skip

SUPPORT: dict[str, Feature] = {feature.name: feature for feature in _FEATURES}
"""The table, by keyword (and ``type: "null"``)."""

NULL_TYPE = SUPPORT['type: "null"']


def feature(keyword: str) -> Feature:
    """The row for ``keyword``: its own, or the one for keywords the table does not name."""
    return SUPPORT.get(keyword) or SUPPORT[_ANY_KEYWORD]


def accepted_keywords(surface: str) -> frozenset[str]:
    """The keywords ``surface`` accepts: for `parameters`, the fields of its `Schema` message."""
    return frozenset(
        name
        for name, row in SUPPORT.items()
        if row is not NULL_TYPE and name != _ANY_KEYWORD and row.verdict(surface) == "accepted"
    )


GEMINI_FIELDS = accepted_keywords(GEMINI_SURFACE)
"""The Developer API v1beta `Schema`: its closed set of 22 fields."""
VERTEX_FIELDS = accepted_keywords(VERTEX_SURFACE)
"""Vertex AI's `Schema`: the same fields plus `additionalProperties`, `$ref`/`ref`, `$defs`/`defs`."""
JSON_SUPPORTED = accepted_keywords(JSON_SURFACE)
"""The keywords `parametersJsonSchema` documents as supported."""


def keyword_hint(keyword: str, surface: str) -> str:
    """The fix for ``keyword`` on ``surface``, naming the surfaces that accept it (from the
    table, so a hint never sends a user to a surface that rejects the keyword)."""
    row = feature(keyword)
    verdict = row.verdict(surface)
    if verdict == "ignored":
        advice = row.rewrite or f"enforce `{keyword}` in the tool or state it in `description`"
    else:
        advice = row.rewrite or f"remove `{keyword}` (or move its meaning into `description`)"
    elsewhere = [SURFACE_NAMES[s] for s in row.accepted_on() if s != surface]
    if elsewhere and verdict == "rejected":
        advice += f" ({' and '.join(elsewhere)} accept{'s' if len(elsewhere) == 1 else ''} it)"
    return advice


EV_FORMAT_2024 = Evidence(
    "https://github.com/BerriAI/litellm/issues/6970",
    "observed",
    "2024-12-01",
    "items.format: only 'enum' is supported for STRING type",
    "rejected",
)
EV_VERTEX_FORMATS = Evidence(
    "https://github.com/googleapis/python-genai/blob/main/google/genai/types.py",
    "documented",
    "2026-09-01",
    "Schema.format: for STRING, email, byte, date, date-time, password and other formats",
    "accepted",
)
VERTEX_STRING_FORMATS = frozenset({"enum", "date-time", "email", "byte", "date", "password"})
"""The STRING formats google-genai's Vertex `Schema` documents by name."""

FORMAT_CLAIMS = {
    GEMINI_SURFACE: (
        Claim(
            "STRING format other than enum and date-time",
            Severity.ERROR,
            (EV_FORMAT_2024, EV_FORMAT),
        ),
        Claim("STRING format date-time", None, (EV_FORMAT_2024, EV_FORMAT.accepts())),
    ),
    VERTEX_SURFACE: (
        Claim(
            "STRING format outside " + ", ".join(sorted(VERTEX_STRING_FORMATS)),
            Severity.WARNING,
            (EV_FORMAT, EV_VERTEX_FORMATS),
            caveat="the Developer API rejects it; no Vertex rejection is on record",
        ),
        Claim(
            "STRING format " + ", ".join(sorted(VERTEX_STRING_FORMATS)),
            None,
            (EV_VERTEX_FORMATS,),
        ),
    ),
}
"""What each `parameters` surface does with a STRING `format`, by dated evidence."""

NAME_LENGTH_CLAIM = Claim(
    "function names of 65 to 128 characters",
    Severity.WARNING,
    (EV_NAME, EV_NAME_128.accepts()),
    caveat="the Developer API still rejected names over 64 in every observed error",
)
"""Vertex documents 128 characters since 2026-05; every observed error says 64."""

EMPTY_PARAMETERS_CLAIM = Claim(
    "a `parameters` OBJECT root with no properties",
    Severity.WARNING,
    (EV_EMPTY_PROPS, EV_EMPTY_PROPS_OK),
    caveat="older API versions and some proxies still reject it",
)
"""Rejected 2024-09..2025-03, accepted in traffic recorded 2025-06..09."""


def keyword_claims(surface: str) -> tuple[Claim, ...]:
    """The table's claims for ``surface`` that a rule acts on or that carry history (what
    ``explain`` prints under a rule): every reported keyword, and every accepted one that was
    once rejected. Keywords accepted all along are left out (they would only repeat the list)."""
    out = []
    for row in _FEATURES:
        claim = row.support[surface]
        if row is NULL_TYPE:
            continue
        if claim.severity is not None or claim.conflict is not None:
            out.append(claim)
    return tuple(out)


# --- Helpers ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Surface:
    """One `parameters` surface: which dialect, which fields its `Schema` message has."""

    dialect: str
    title: str
    fields: frozenset[str]


GEMINI = _Surface(GEMINI_SURFACE, "the Gemini Developer API (`parameters`)", GEMINI_FIELDS)
VERTEX = _Surface(VERTEX_SURFACE, "Vertex AI (`parameters`)", VERTEX_FIELDS)

_MAP_KEYWORDS = frozenset({"properties", "$defs", "defs", "definitions", "patternProperties"})


def _live(root: JSON, pointer: str, fields: frozenset[str]) -> bool:
    """True unless the node at ``pointer`` sits under a keyword the surface rejects.

    The protobuf parser stops at the first unknown field, so nothing below it is judged: a
    finding there would only repeat the one at the unknown keyword.
    """
    tokens = split(pointer)
    node = root
    index = 0
    while index < len(tokens):
        if not isinstance(node, dict):
            return True
        keyword = tokens[index]
        if keyword not in fields:
            return False
        value = node.get(keyword)
        if (keyword in _MAP_KEYWORDS or isinstance(value, list)) and index + 1 < len(tokens):
            container = value
            key = tokens[index + 1]
            if isinstance(container, dict):
                node = container.get(key)
            elif isinstance(container, list) and key.isdigit() and int(key) < len(container):
                node = container[int(key)]
            else:
                return True
            index += 2
        else:
            node = value
            index += 1
    return True


def _type_name(schema: JSON) -> str | None:
    """The lower-cased single `type` of a node, or ``None`` when absent or not a string."""
    if isinstance(schema, dict):
        value = schema.get("type")
        if isinstance(value, str):
            return value.lower()
    return None


def _declared_types(schema: JSON) -> set[str]:
    """Every JSON type a node names, lower-cased (a string or a list)."""
    if not isinstance(schema, dict):
        return set()
    value = schema.get("type")
    if isinstance(value, str):
        return {value.lower()}
    if isinstance(value, list):
        return {item.lower() for item in value if isinstance(item, str)}
    return set()


def _in_dead_definitions(node: Node, surface: _Surface) -> bool:
    return node.in_definitions and "$defs" not in surface.fields


def _tool_name_hits(tool: Tool, limit: int, warn_above: int | None, where: str) -> Iterator[Hit]:
    if tool.name_from_file:
        return
    name = tool.name
    if not FUNCTION_NAME.fullmatch(name):
        yield Hit(
            "/name",
            f"function name {name!r} is invalid for {where}: it must start with a letter or "
            "`_` and contain only letters, digits, `_`, `.`, `:` and `-`",
        )
    if len(name) > limit:
        yield Hit("/name", f"function name is {len(name)} characters; {where} allows {limit}")
    elif warn_above is not None and len(name) > warn_above and NAME_LENGTH_CLAIM.severity:
        yield Hit(
            "/name",
            f"function name is {len(name)} characters; the Gemini Developer API rejects names "
            f"over {warn_above} (this surface documents {limit}: "
            f"{NAME_LENGTH_CLAIM.conflict or NAME_LENGTH_CLAIM.history()})",
            severity=NAME_LENGTH_CLAIM.severity,
        )


def _envelope_hits(tool: Tool, title: str) -> Iterator[Hit]:
    yield from envelope_mismatch(tool, GOOGLE_SHAPES, title)
    if tool.origin.shape in GOOGLE_SHAPES and tool.builtin is None:
        for key in tool.envelope:
            if key not in DECLARATION_FIELDS:
                yield Hit(
                    f"/{key}",
                    f"`{key}` is not a FunctionDeclaration field; the request fails with "
                    f'"Unknown name \\"{key}\\""',
                    hint=f"remove `{key}` from the declaration",
                )


def _too_many(tools: Sequence[Tool], limit: int, where: str) -> Iterator[Hit]:
    # The cap is on function declarations; a built-in tool (`googleSearch`) is another field
    # of the request's `Tool`s, not a declaration.
    declared = sum(1 for tool in tools if tool.builtin is None)
    if declared > limit:
        yield Hit("", f"{declared} function declarations; {where} accepts at most {limit}")


def _nested(levels: int) -> JSON:
    schema: JSON = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"a": schema}}
    return schema


def _decl(params: JSON, name: str = "get_weather") -> JSON:
    """A Gemini declaration list around ``params`` (for examples)."""
    return {"functionDeclarations": [{"name": name, "description": "d", "parameters": params}]}


_CITY = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}


# --- Shared `parameters` checks (gemini and vertex) ---------------------------------------------


def _unsupported_keyword(node: Node, ctx: Context, surface: _Surface) -> Iterator[Hit]:
    schema = node.schema
    if not isinstance(schema, dict) or _in_dead_definitions(node, surface):
        return
    unknown = [key for key in schema if key not in surface.fields]
    if not unknown or not _live(ctx.root, node.pointer, surface.fields):
        return
    for key in unknown:
        yield Hit(
            join(node.pointer, key),
            f"`{key}` is not a field of {surface.title}'s Schema; the request fails with "
            f'"Unknown name \\"{key}\\": Cannot find field"',
            hint=keyword_hint(key, surface.dialect),
        )


def _type_value(node: Node, ctx: Context, surface: _Surface) -> Iterator[Hit]:
    value = node.schema.get("type")
    if isinstance(value, str) and value.lower() in _TYPE_OR_NULL:
        return
    if _in_dead_definitions(node, surface) or not _live(ctx.root, node.pointer, surface.fields):
        return
    pointer = join(node.pointer, "type")
    if isinstance(value, list):
        yield Hit(
            pointer,
            f"`type` is a list {value!r}; {surface.title} takes one type (the proto field is not "
            "repeating)",
            hint='use one type and `"nullable": true` for null, or `anyOf` for real unions',
        )
    else:
        yield Hit(
            pointer, f"`type` {value!r} is not a Gemini type ({', '.join(sorted(TYPE_NAMES))})"
        )


def _null_type(node: Node, ctx: Context, surface: _Surface) -> Iterator[Hit]:
    if _type_name(node.schema) != "null":
        return
    if _in_dead_definitions(node, surface) or not _live(ctx.root, node.pointer, surface.fields):
        return
    claim = NULL_TYPE.support[surface.dialect]
    if claim.severity is None:
        return
    where = "a branch of `anyOf`" if node.keyword == "anyOf" else "a schema"
    conflict = claim.conflict
    why = (
        f"{surface.title} took no null type until recently ({conflict})"
        if conflict
        else f"{surface.title} has no null type to rely on"
    )
    yield Hit(
        join(node.pointer, "type"),
        f'`"type": "null"` in {where}: {why}',
        hint='drop the null branch and set `"nullable": true` on the remaining schema',
        severity=claim.severity,
    )


def _enum_string(node: Node, ctx: Context, surface: _Surface, strict_type: bool) -> Iterator[Hit]:
    schema = node.schema
    values = schema.get("enum")
    listed = values if isinstance(values, list) else []
    bad = [v for v in listed if not isinstance(v, str) or v == ""]
    kind = _type_name(schema)
    if not bad and (kind is None or kind == "string"):
        return
    if _in_dead_definitions(node, surface) or not _live(ctx.root, node.pointer, surface.fields):
        return
    pointer = join(node.pointer, "enum")
    shown = ", ".join(repr(v) for v in bad[:5]) + (" ..." if len(bad) > 5 else "")
    if kind is not None and kind != "string":
        # One finding per node (Gemini lists each value; the fix is one edit).
        yield Hit(
            pointer,
            f"`enum` is only allowed for STRING type (this node is {kind.upper()})"
            + (f"; non-string values: {shown}" if bad else ""),
            hint='make the node `"type": "string"` with string values, or list the allowed '
            "values in `description`",
            severity=None if strict_type or bad else Severity.WARNING,
        )
    elif bad:
        yield Hit(
            pointer,
            f"`enum` values must be non-empty strings; offending: {shown}",
            hint='use non-empty string values (`"0"`, not `0`; drop `""`)',
        )


def _string_format(node: Node, ctx: Context, surface: _Surface) -> Iterator[Hit]:
    schema = node.schema
    fmt = schema.get("format")
    known = STRING_FORMATS if surface is GEMINI else VERTEX_STRING_FORMATS
    claim = FORMAT_CLAIMS[surface.dialect][0]
    if _type_name(schema) != "string" or (isinstance(fmt, str) and fmt in known):
        return
    if claim.severity is None:
        return
    if _in_dead_definitions(node, surface) or not _live(ctx.root, node.pointer, surface.fields):
        return
    if surface is GEMINI:
        message = (
            f"string `format` {fmt!r}: only 'enum' and 'date-time' are supported for STRING type"
        )
    else:
        message = (
            f"string `format` {fmt!r} is not one Vertex documents for STRING "
            f"({', '.join(sorted(known))}); {claim.caveat}"
        )
    yield Hit(join(node.pointer, "format"), message, severity=claim.severity)


def _keyword_type(node: Node, ctx: Context, surface: _Surface) -> Iterator[Hit]:
    schema = node.schema
    yield from _keyword_values(node, ctx, surface)
    kind = _type_name(schema)
    if kind is None:  # typeless (anyOf) or a type list: other rules report those
        return
    found = []
    if kind != "object":
        found += [(k, "OBJECT") for k in ("properties", "required") if k in schema]
    if kind != "array" and "items" in schema:
        found.append(("items", "ARRAY"))
    if not found:
        return
    if _in_dead_definitions(node, surface) or not _live(ctx.root, node.pointer, surface.fields):
        return
    for key, wanted in found:
        yield Hit(
            join(node.pointer, key),
            f"`{key}` is only allowed for {wanted} type (this node is {kind.upper()})",
            hint=f'set `"type": "{wanted.lower()}"` or remove `{key}`',
        )


def _keyword_values(node: Node, ctx: Context, surface: _Surface) -> Iterator[Hit]:
    """`properties` and `required` values of the wrong JSON type. `parameters` is not
    meta-validated (it is not JSON Schema), so these packs say it themselves."""
    schema = node.schema
    props, required = schema.get("properties"), schema.get("required")
    wrong = []
    if "properties" in schema and not (
        isinstance(props, dict) and all(isinstance(v, dict) for v in props.values())
    ):
        wrong.append(("properties", "an object mapping names to Schema objects", props))
    if "required" in schema and not (
        isinstance(required, list) and all(isinstance(v, str) for v in required)
    ):
        wrong.append(("required", "a list of property names", required))
    if not wrong:
        return
    if _in_dead_definitions(node, surface) or not _live(ctx.root, node.pointer, surface.fields):
        return
    for key, wanted, value in wrong:
        shown = json.dumps(value, ensure_ascii=False)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        yield Hit(
            join(node.pointer, key),
            f"`{key}` must be {wanted}, not {shown}; the declaration does not parse",
            hint=f"write `{key}` as {wanted}",
        )


def _array_items(node: Node, ctx: Context, surface: _Surface) -> Iterator[Hit]:
    schema = node.schema
    if _type_name(schema) != "array":
        return
    items = schema.get("items")
    if isinstance(items, dict):
        return
    if _in_dead_definitions(node, surface) or not _live(ctx.root, node.pointer, surface.fields):
        return
    if items is None:
        yield Hit(
            node.pointer,
            "an ARRAY schema has no `items`; the request fails with `items: missing field`",
        )
    else:
        yield Hit(
            join(node.pointer, "items"),
            "`items` must be one schema object (tuple-form lists and booleans are not accepted)",
        )


def _nesting(node: Node, ctx: Context, surface: _Surface) -> Iterator[Hit]:
    if node.depth != NESTING_WARN_DEPTH + 1 or node.keyword not in ("properties", "items"):
        return
    if _in_dead_definitions(node, surface) or not _live(ctx.root, node.pointer, surface.fields):
        return
    yield Hit(
        node.pointer,
        f"this schema is nested {node.depth} object/array levels deep; Gemini rejects declarations "
        "past an undocumented nesting depth",
    )


def _property_names(node: Node, ctx: Context, surface: _Surface) -> Iterator[Hit]:
    props = node.schema.get("properties")
    if not isinstance(props, dict):
        return
    bad = [name for name in props if not PROPERTY_NAME.fullmatch(str(name))]
    if not bad or _in_dead_definitions(node, surface):
        return
    if not _live(ctx.root, node.pointer, surface.fields):
        return
    for name in bad:
        yield Hit(
            join(node.pointer, "properties", name),
            f"property name {name!r} is outside the documented parameter-name charset "
            "(letter or `_`, then letters, digits, `_`; at most 64)",
        )


# --- gemini (Developer API `parameters`) ------------------------------------------------------


@rule(
    "gemini/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        EV_UNKNOWN_FIELD,
        EV_GENAI_TYPES.rejects("an unknown declaration field fails parsing"),
    ],
    fails=[
        [{"type": "function", "function": {"name": "get_weather", "parameters": _CITY}}],
        {"functionDeclarations": [{"name": "f", "parameters": _CITY, "strict": True}]},
    ],
    passes=[_decl(_CITY)],
)
def gemini_envelope(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tools sent to the Gemini Developer API are function declarations with known fields only.

    ## Why

    Gemini takes `functionDeclarations: [{name, description, parameters}]`. An OpenAI (`{type:
    function, function: {...}}`), Anthropic or Bedrock envelope, or an unknown declaration field
    such as `strict`, fails JSON-to-proto parsing and rejects the request. MCP, bare and framework
    shapes are neutral: the client builds the declaration.

    ## Fix

    Send `{name, description, parameters}` (or `parametersJsonSchema`) and nothing else.
    """
    yield from _envelope_hits(tool, "the Gemini Developer API")


@rule(
    "gemini/tool-name",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[EV_NAME],
    fails=[_decl(_CITY, "get weather"), _decl(_CITY, "9lives"), _decl(_CITY, "x" * 65)],
    passes=[_decl(_CITY, "weather.get:v2-now")],
)
def gemini_tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Function names start with a letter or `_`, use letters, digits, `_ . : -`, at most 64.

    ## Why

    The Developer API answers `Invalid function name. Must start with a letter or an underscore.
    Must be a-z, A-Z, 0-9, or contain underscores (_), dots (.), colons (:), or dashes (-), with a
    maximum length of 64.` and rejects the request. MCP gateways that prefix server names
    (`server__tool`) often push names over 64.

    ## Fix

    Rename the function: letters, digits, `_`, `.`, `:`, `-`, starting with a letter or `_`, at most
    64.
    """
    yield from _tool_name_hits(tool, GEMINI_NAME_MAX, None, "the Gemini Developer API")


@rule(
    "gemini/unsupported-keyword",
    severity=Severity.ERROR,
    evidence=[*_DEV_UNLISTED, EV_CONST],
    claims=keyword_claims(GEMINI_SURFACE),
    fails=[
        {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False},
        {"type": "object", "properties": {"n": {"type": "number", "exclusiveMinimum": 0}}},
        {
            "type": "object",
            "properties": {"a": {"$ref": "#/$defs/A"}},
            "$defs": {"A": {"type": "string"}},
        },
    ],
    passes=[
        {
            "type": "object",
            "properties": {"a": {"type": "string", "nullable": True, "default": "x"}},
            "required": ["a"],
        }
    ],
)
def gemini_unsupported_keyword(node: Node, ctx: Context) -> Iterator[Hit]:
    """Schemas sent as Gemini `parameters` use only the 22 fields of the Developer API Schema.

    ## Why

    `parameters` is a protobuf `Schema` message (an OpenAPI 3.0 subset) with a closed set of 22
    fields: `type, format, title, description, nullable, enum, maxItems, minItems, properties,
    required, minProperties, maxProperties, minLength, maxLength, pattern, example, anyOf,
    propertyOrdering, default, items, minimum, maximum`. Anything else - `additionalProperties`,
    `$ref`, `$defs`, `const`, `$schema`, `oneOf`, `allOf`, `exclusiveMinimum`, `examples` - fails
    JSON parsing with `Unknown name "<kw>" at '...': Cannot find field.` and the whole request is
    rejected. Nothing below an unknown keyword is judged.

    ## Fix

    Remove the keyword or rewrite it in the subset (`oneOf` → `anyOf`, `const` → one-value `enum`,
    inline `$ref`). Or send the schema as `parametersJsonSchema`, which accepts JSON Schema.
    """
    yield from _unsupported_keyword(node, ctx, GEMINI)


@rule(
    "gemini/type-value",
    severity=Severity.ERROR,
    triggers={"type"},
    evidence=[EV_TYPE_LIST, EV_ISCHEMA],
    fails=[{"type": "object", "properties": {"a": {"type": ["string", "null"]}}}],
    passes=[{"type": "object", "properties": {"a": {"type": "string", "nullable": True}}}],
)
def gemini_type_value(node: Node, ctx: Context) -> Iterator[Hit]:
    """`type` is one Gemini type name, never a list.

    ## Why

    The proto `type` field holds one `Type` enum value (`STRING, NUMBER, INTEGER, BOOLEAN, ARRAY,
    OBJECT`, case-insensitive). A JSON Schema type list such as `["string", "null"]` fails with
    `Proto field is not repeating, cannot start list.`

    ## Fix

    Use one type; express "or null" with `"nullable": true` and real unions with `anyOf`.
    """
    yield from _type_value(node, ctx, GEMINI)


@rule(
    "gemini/null-type",
    severity=Severity.ERROR,
    triggers={"type"},
    evidence=[EV_TYPE_ENUM_DEV.rejects(), EV_NULL, EV_NULL_ADDED],
    claims=[NULL_TYPE.support[GEMINI_SURFACE]],
    fails=[
        {
            "type": "object",
            "properties": {"age": {"anyOf": [{"type": "integer"}, {"type": "null"}]}},
            "required": ["age"],
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"age": {"type": "integer", "nullable": True}},
            "required": ["age"],
        }
    ],
)
def gemini_null_type(node: Node, ctx: Context) -> Iterator[Hit]:
    """Gemini `parameters` express nullability with `nullable`, not a `null` type.

    ## Why

    The Developer API's `Type` enum as documented for `parameters` has no NULL (`STRING … OBJECT`),
    and a `null` branch was rejected with `Invalid value at '...any_of[1].type' ... "null"` (2024).
    google-genai added a NULL type in 2025-05 for Vertex AI; adapters (litellm, Vercel AI SDK) still
    rewrite `anyOf [X, null]` to `X` + `nullable: true` before calling Gemini. Dated: this rule is
    an error until an accepted Developer API request with a null type is on record.

    ## Fix

    Drop the `{"type": "null"}` branch and set `"nullable": true` on the remaining schema.
    """
    yield from _null_type(node, ctx, GEMINI)


@rule(
    "gemini/type-required",
    severity=Severity.ERROR,
    evidence=[EV_TYPE_REQUIRED],
    fails=[
        {"type": "object", "properties": {"q": {"description": "anything"}}},
        {"properties": {}},
    ],
    passes=[
        {"type": "object", "properties": {"q": {"type": "string", "description": "anything"}}},
        {
            "type": "object",
            "properties": {"q": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        },
    ],
)
def gemini_type_required(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every Gemini `parameters` schema node sets `type` unless it uses `anyOf`.

    ## Why

    The Developer API answers `...properties[commit_hash].type: must be specified when not using
    one_of, any_of or all_of fields`. Description-only nodes (`{"description": "..."}`, a JSON
    Schema "any") and boolean schemas are not expressible. An empty root (`{}`) is only a warning:
    omitting `parameters` is the usual way to declare a function without arguments.

    ## Fix

    Give the node a `type` (e.g. `"string"`), or omit `parameters` for a function without arguments.
    """
    yield from _type_required(node, ctx, GEMINI)


_NO_TYPE_NEEDED = frozenset({"anyOf", "$ref", "ref", "oneOf", "allOf"})


def _type_required(node: Node, ctx: Context, surface: _Surface) -> Iterator[Hit]:
    schema = node.schema
    if isinstance(schema, bool):
        if node.keyword is not None and surface.dialect in feature(node.keyword).booleans:
            return  # e.g. Vertex's `additionalProperties`: "a boolean or an object"
        if _in_dead_definitions(node, surface) or not _live(ctx.root, node.pointer, surface.fields):
            return
        yield Hit(node.pointer, f"a boolean schema ({str(schema).lower()}) is not a Gemini Schema")
        return
    if not isinstance(schema, dict) or "type" in schema:
        return
    if not _NO_TYPE_NEEDED.isdisjoint(schema):
        return  # anyOf nodes need no type; $ref/oneOf/allOf are judged by the keyword rules
    if node.is_root and surface is VERTEX:
        return  # vertex/root-type-object reports a typeless root
    if _in_dead_definitions(node, surface) or not _live(ctx.root, node.pointer, surface.fields):
        return
    if node.is_root and not schema:
        yield Hit(
            "",
            "`parameters` is an empty schema; Gemini may reject it for lacking a `type`",
            hint="omit `parameters` for a function without arguments",
            severity=Severity.WARNING,
        )
        return
    yield Hit(node.pointer, "this schema node has no `type` (and no `anyOf`)")


@rule(
    "gemini/enum-string",
    severity=Severity.ERROR,
    triggers={"enum"},
    evidence=[EV_ENUM_VALUE, EV_ENUM_TYPE, EV_ENUM_EMPTY],
    fails=[
        {"type": "object", "properties": {"depth": {"type": "number", "enum": [0, 1, 2]}}},
        {"type": "object", "properties": {"s": {"type": "string", "enum": ["a", ""]}}},
    ],
    passes=[
        {"type": "object", "properties": {"depth": {"type": "string", "enum": ["0", "1", "2"]}}}
    ],
)
def gemini_enum_string(node: Node, ctx: Context) -> Iterator[Hit]:
    """Gemini `enum` appears only on STRING schemas and lists non-empty strings.

    ## Why

    The proto `enum` is a list of strings allowed only for STRING type. Integer values fail with
    `Invalid value at '...enum[0]' (TYPE_STRING), 0`, an enum on a NUMBER with `enum: only allowed
    for STRING type`, and an empty string with `enum[1]: cannot be empty`. Gemini lists every value
    as its own violation; schemadrift reports one finding per node naming all offending values.

    ## Fix

    Make the node a STRING with non-empty string values, or describe the allowed numbers in
    `description`.
    """
    yield from _enum_string(node, ctx, GEMINI, strict_type=True)


@rule(
    "gemini/string-format",
    severity=Severity.ERROR,
    triggers={"format"},
    evidence=[EV_FORMAT_2024, EV_FORMAT],
    claims=FORMAT_CLAIMS[GEMINI_SURFACE],
    fails=[{"type": "object", "properties": {"url": {"type": "string", "format": "uri"}}}],
    passes=[{"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}}}],
)
def gemini_string_format(node: Node, ctx: Context) -> Iterator[Hit]:
    """Gemini STRING `format` is `enum` or `date-time`.

    ## Why

    The Developer API answers `format: only 'enum' and 'date-time' are supported for STRING type`
    (2025-08; only `enum` in 2024-12) and rejects the request. `uri`, `email`, `uuid`, `date` -
    common in generated schemas - all fail.

    ## Fix

    Remove `format` and say the expected format in `description` (pydantic-ai does this).
    """
    yield from _string_format(node, ctx, GEMINI)


@rule(
    "gemini/keyword-type-mismatch",
    severity=Severity.ERROR,
    triggers={"properties", "required", "items"},
    evidence=[EV_PROPS_OBJECT, EV_ITEMS_ARRAY],
    fails=[
        {
            "type": "object",
            "properties": {"data": {"type": "string", "properties": {"t": {"type": "string"}}}},
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"data": {"type": "object", "properties": {"t": {"type": "string"}}}},
        }
    ],
)
def gemini_keyword_type(node: Node, ctx: Context) -> Iterator[Hit]:
    """`properties`/`required` appear only on OBJECT and `items` only on ARRAY schemas.

    ## Why

    Gemini checks keywords against the node's type: `properties: only allowed for OBJECT type`,
    `items: field predicate failed: $type == Type.ARRAY`. Sanitizers that collapse a union to one
    non-object type but keep the object keywords produce exactly this. The values must have the
    Schema message's types too (`properties` an object of Schemas, `required` a list of names), or
    the declaration does not parse.

    ## Fix

    Fix the node's `type`, or remove the keywords that do not belong to it.
    """
    yield from _keyword_type(node, ctx, GEMINI)


@rule(
    "gemini/array-items",
    severity=Severity.ERROR,
    triggers={"type"},
    evidence=[EV_ARRAY_ITEMS],
    fails=[{"type": "object", "properties": {"tags": {"type": "array"}}}],
    passes=[
        {"type": "object", "properties": {"tags": {"type": "array", "items": {"type": "string"}}}}
    ],
)
def gemini_array_items(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every Gemini ARRAY schema has one `items` schema.

    ## Why

    An ARRAY without `items` fails with `...properties[time_ranges].items: missing field.`
    (gemini-3-pro-preview); tuple-form `items: [...]` is not a Schema either.

    ## Fix

    Add `"items": {...}` describing the elements.
    """
    yield from _array_items(node, ctx, GEMINI)


@rule(
    "gemini/root-type-object",
    severity=Severity.WARNING,
    triggers={"type"},
    inference=True,
    evidence=[EV_VERTEX_ROOT, EV_DIALECTS],
    fails=[{"type": "string"}],
    passes=[_CITY],
)
def gemini_root_type(node: Node, ctx: Context) -> Iterator[Hit]:
    """Gemini `parameters` describe an OBJECT whose properties are the arguments.

    ## Why

    Vertex AI rejects a non-OBJECT `parameters` root (`parameters schema should be of type OBJECT`);
    the Developer API's behaviour is not on record, and function arguments are always an object, so
    a STRING or ARRAY root is almost certainly a converter bug.

    ## Fix

    Wrap the value in an object: `{"type": "object", "properties": {"value": ...}}`.
    """
    yield from _root_type(node, "gemini")


def _root_type(node: Node, where: str) -> Iterator[Hit]:
    if not node.is_root:
        return
    kind = _type_name(node.schema)
    if kind is not None and kind != "object":
        yield Hit("/type", f"`parameters` root is {kind.upper()}; {where} expects OBJECT")


@rule(
    "gemini/empty-object-parameters",
    severity=Severity.WARNING,
    triggers={"type"},
    evidence=list(EMPTY_PARAMETERS_CLAIM.evidence),
    claims=[EMPTY_PARAMETERS_CLAIM],
    fails=[{"type": "object", "properties": {}}],
    passes=[_CITY],
)
def gemini_empty_object(node: Node, ctx: Context) -> Iterator[Hit]:
    """A `parameters` OBJECT root has at least one property (or `parameters` is omitted).

    ## Why

    From 2024-09 to 2025-03 the Developer API rejected a root OBJECT without properties:
    `parameters.properties: should be non-empty for OBJECT type`. Recorded traffic from 2025-06 to
    2025-09 shows `{"type": "OBJECT", "properties": {}}` accepted, so this is a dated warning: older
    API versions and some proxies still reject it.

    ## Fix

    Omit `parameters` for a function without arguments.
    """
    yield from _empty_object(node)


def _empty_object(node: Node) -> Iterator[Hit]:
    schema = node.schema
    if not node.is_root or _type_name(schema) != "object":
        return
    props = schema.get("properties")
    claim = EMPTY_PARAMETERS_CLAIM
    if (props is None or props == {}) and claim.severity is not None:
        yield Hit(
            "/properties" if props is not None else "",
            "`parameters` is an OBJECT with no properties (`should be non-empty for OBJECT "
            f"type`), a dated conflict: {claim.conflict or claim.history()}",
            severity=claim.severity,
        )


@rule(
    "gemini/nesting-depth",
    severity=Severity.WARNING,
    inference=True,
    evidence=[EV_DEPTH],
    fails=[_nested(NESTING_WARN_DEPTH + 1)],
    passes=[_nested(4)],
    doc_values={"NESTING_WARN_DEPTH": NESTING_WARN_DEPTH},
)
def gemini_nesting(node: Node, ctx: Context) -> Iterator[Hit]:
    """Gemini `parameters` nest at most ${NESTING_WARN_DEPTH} object/array levels (heuristic).

    ## Why

    Gemini rejects `A FunctionDeclaration in the request exceeds the maximum allowed nesting depth.`
    without documenting the limit. schemadrift warns past ${NESTING_WARN_DEPTH} object/array levels;
    the real cap is unknown.

    ## Fix

    Flatten the schema (e.g. pass nested structures as JSON strings or split the tool).
    """
    yield from _nesting(node, ctx, GEMINI)


@rule(
    "gemini/property-name",
    severity=Severity.WARNING,
    triggers={"properties"},
    inference=True,
    evidence=[EV_PROPERTY_NAME],
    fails=[{"type": "object", "properties": {"user-id": {"type": "string"}}}],
    passes=[{"type": "object", "properties": {"user_id": {"type": "string"}}}],
)
def gemini_property_name(node: Node, ctx: Context) -> Iterator[Hit]:
    """Parameter names start with a letter or `_` and use letters, digits and `_` (at most 64).

    ## Why

    The google-genai docstring says parameter names "must start with a letter or an underscore and
    must only contain chars a-z, A-Z, 0-9, or underscores with a maximum length of 64". No rejection
    has been observed, so this is a warning.

    ## Fix

    Rename the property (e.g. `user-id` → `user_id`).
    """
    yield from _property_names(node, ctx, GEMINI)


@rule(
    "gemini/too-many-tools",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[EV_MAX_DECLS],
    fails=[
        Example(
            [
                {
                    "functionDeclarations": [
                        {"name": f"f{i}", "parameters": _CITY} for i in range(513)
                    ]
                }
            ],
            "513 declarations:",
            '{"functionDeclarations": [{"name": "f0", ...}, ... 513 items]}',
        )
    ],
    passes=[[_decl(_CITY)]],
    doc_values={"GEMINI_MAX_TOOLS": GEMINI_MAX_TOOLS},
)
def gemini_too_many(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """A Gemini request declares at most ${GEMINI_MAX_TOOLS} functions.

    ## Why

    The API answers `At most 512 function declarations can be specified.` and rejects the request.

    ## Fix

    Send fewer tools per request (select the relevant ones, or group them).
    """
    yield from _too_many(tools, GEMINI_MAX_TOOLS, "the Gemini API")


# --- vertex (Vertex AI `parameters`) ------------------------------------------------------------


@rule(
    "vertex/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[EV_GENAI_TYPES.rejects("an unknown declaration field fails parsing")],
    fails=[[{"name": "f", "input_schema": _CITY}]],
    passes=[_decl(_CITY)],
)
def vertex_envelope(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tools sent to Vertex AI are function declarations with known fields only.

    ## Why

    Vertex AI takes Gemini function declarations; an OpenAI, Anthropic or Bedrock envelope, or an
    unknown declaration field, fails JSON-to-proto parsing.

    ## Fix

    Send `{name, description, parameters}` (or `parametersJsonSchema`) and nothing else.
    """
    yield from _envelope_hits(tool, "Vertex AI")


@rule(
    "vertex/tool-name",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[EV_NAME_128.rejects(), EV_NAME],
    claims=[NAME_LENGTH_CLAIM],
    fails=[_decl(_CITY, "get/weather"), _decl(_CITY, "x" * 129)],
    passes=[_decl(_CITY, "get_weather")],
)
def vertex_tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Vertex function names use letters, digits, `_ . : -`, start with a letter or `_`, at most
    128.

    ## Why

    Invalid function names reject the request. google-genai documents 128 characters for Vertex
    since 2026-05; older SDK docs said 64, and every observed error says 64, so names of 65-128
    characters get a warning.

    ## Fix

    Rename the function; keep it within 64 characters to be safe on every Gemini surface.
    """
    yield from _tool_name_hits(tool, VERTEX_NAME_MAX, GEMINI_NAME_MAX, "Vertex AI")


@rule(
    "vertex/unsupported-keyword",
    severity=Severity.ERROR,
    evidence=[*_VERTEX_UNLISTED, EV_NULL_ADDED.accepts()],
    claims=keyword_claims(VERTEX_SURFACE),
    fails=[{"type": "object", "properties": {"a": {"type": "string", "const": "x"}}}],
    passes=[
        {
            "type": "object",
            "properties": {"a": {"$ref": "#/$defs/A"}},
            "additionalProperties": False,
            "$defs": {"A": {"type": "string"}},
        }
    ],
)
def vertex_unsupported_keyword(node: Node, ctx: Context) -> Iterator[Hit]:
    """Schemas sent as Vertex `parameters` use only the fields of Vertex's Schema message.

    ## Why

    Vertex's `Schema` is the Developer API's 22 fields plus `additionalProperties`, `$ref`/`ref` and
    `$defs`/`defs` (since 2025-05). Other keywords (`const`, `oneOf`, `allOf`, `exclusiveMinimum`,
    `$schema`, `examples`...) fail JSON parsing with an unknown-field error and reject the request.

    ## Fix

    Remove the keyword or rewrite it (`oneOf` → `anyOf`, `const` → one-value `enum`); or send
    `parametersJsonSchema`.
    """
    yield from _unsupported_keyword(node, ctx, VERTEX)


@rule(
    "vertex/type-value",
    severity=Severity.ERROR,
    triggers={"type"},
    evidence=[EV_TYPE_LIST, EV_VERTEX_SCHEMA],
    fails=[{"type": "object", "properties": {"a": {"type": ["string", "null"]}}}],
    passes=[{"type": "object", "properties": {"a": {"type": "string", "nullable": True}}}],
)
def vertex_type_value(node: Node, ctx: Context) -> Iterator[Hit]:
    """Vertex `type` is one type name, never a list.

    ## Why

    The proto `type` field is not repeating: a type list is rejected; nullability is `nullable:
    true`.

    ## Fix

    Use one type and `"nullable": true`, or `anyOf` for unions.
    """
    yield from _type_value(node, ctx, VERTEX)


@rule(
    "vertex/null-type",
    severity=Severity.WARNING,
    triggers={"type"},
    evidence=[EV_NULL, EV_NULL_ADDED.accepts()],
    claims=[NULL_TYPE.support[VERTEX_SURFACE]],
    fails=[
        {
            "type": "object",
            "properties": {"age": {"anyOf": [{"type": "integer"}, {"type": "null"}]}},
        }
    ],
    passes=[{"type": "object", "properties": {"age": {"type": "integer", "nullable": True}}}],
)
def vertex_null_type(node: Node, ctx: Context) -> Iterator[Hit]:
    """Vertex `parameters` prefer `nullable` to a `null` type (dated).

    ## Why

    Before 2025-05 Vertex rejected a null branch: `Invalid value at '...any_of[1].type'
    (type.googleapis.com/google.cloud.aiplatform.v1.Type), "null"`. google-genai's Schema gained a
    NULL type on 2025-05-22, so current Vertex accepts it; older API versions, SDKs and proxies do
    not, and adapters still rewrite it.

    ## Fix

    Drop the null branch and set `"nullable": true`.
    """
    yield from _null_type(node, ctx, VERTEX)


@rule(
    "vertex/type-required",
    severity=Severity.ERROR,
    evidence=[EV_VERTEX_TYPE],
    claims=[SUPPORT["additionalProperties"].support[VERTEX_SURFACE]],
    fails=[{"type": "object", "properties": {"width": {"description": "px"}}}],
    passes=[{"type": "object", "properties": {"width": {"type": "integer", "description": "px"}}}],
)
def vertex_type_required(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every Vertex schema node sets `type` (except a node that is only `anyOf` or `$ref`).

    ## Why

    Vertex answers `` `create-field` functionDeclaration `parameters.data.meta.width` schema didn't
    specify the schema type field `` and rejects the request. Description-only nodes (JSON Schema
    "any") and boolean schemas are the usual cause.

    ## Fix

    Give the node a `type`.
    """
    yield from _type_required(node, ctx, VERTEX)


@rule(
    "vertex/anyof-exclusive",
    severity=Severity.ERROR,
    triggers={"anyOf"},
    evidence=[EV_VERTEX_ANYOF],
    fails=[
        {
            "type": "object",
            "properties": {
                "age": {"anyOf": [{"type": "integer"}, {"type": "string"}], "title": "Age"}
            },
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"age": {"anyOf": [{"type": "integer"}, {"type": "string"}]}},
        }
    ],
)
def vertex_anyof_exclusive(node: Node, ctx: Context) -> Iterator[Hit]:
    """A Vertex schema node with `anyOf` has no other field.

    ## Why

    Vertex answers `schema specified other fields alongside any_of. When using any_of, it must be
    the only field set.` Pydantic's `Optional[X]` (`anyOf` plus `default`/`title`) triggers it.

    ## Fix

    Move `description`, `default`, `title`... into the branches, or replace `anyOf [X, null]` with
    `X` + `nullable: true`.
    """
    schema = node.schema
    others = [key for key in schema if key != "anyOf"]
    if not others or not _live(ctx.root, node.pointer, VERTEX.fields):
        return
    yield Hit(
        node.pointer,
        f"`anyOf` must be the only field of its node; this node also sets {', '.join(others)}",
    )


@rule(
    "vertex/root-type-object",
    severity=Severity.ERROR,
    evidence=[EV_VERTEX_ROOT],
    fails=[{"properties": {}}, {"type": "string"}],
    passes=[_CITY],
    root_only=True,
)
def vertex_root_type(node: Node, ctx: Context) -> Iterator[Hit]:
    """Vertex `parameters` root is an OBJECT schema.

    ## Why

    Vertex answers `` `load_mcp_documentation` functionDeclaration parameters schema should be of
    type OBJECT `` for any other root, including a root without `type`.

    ## Fix

    Make the root `{"type": "object", "properties": {...}}`.
    """
    if not node.is_root:
        return
    kind = _type_name(node.schema)
    if kind == "object":
        return
    if kind is None:
        yield Hit("", "`parameters` root has no `type`; Vertex requires OBJECT")
    else:
        yield Hit("/type", f"`parameters` root is {kind.upper()}; Vertex requires OBJECT")


@rule(
    "vertex/enum-string",
    severity=Severity.ERROR,
    triggers={"enum"},
    evidence=[EV_ENUM_VALUE, EV_VERTEX_SCHEMA],
    fails=[{"type": "object", "properties": {"d": {"type": "string", "enum": [1, 2]}}}],
    passes=[{"type": "object", "properties": {"d": {"type": "string", "enum": ["1", "2"]}}}],
)
def vertex_enum_string(node: Node, ctx: Context) -> Iterator[Hit]:
    """Vertex `enum` lists non-empty strings (and belongs on STRING schemas).

    ## Why

    `enum` is a repeated string field of the proto: non-string values fail JSON parsing (`Invalid
    value ... (TYPE_STRING), 0`). Enums on non-STRING types are rejected by the Developer API; on
    Vertex that part is unconfirmed, so it is a warning.

    ## Fix

    Use string values on a STRING node.
    """
    yield from _enum_string(node, ctx, VERTEX, strict_type=False)


@rule(
    "vertex/string-format",
    severity=Severity.WARNING,
    triggers={"format"},
    inference=True,
    evidence=[EV_FORMAT, EV_VERTEX_FORMATS],
    claims=FORMAT_CLAIMS[VERTEX_SURFACE],
    fails=[{"type": "object", "properties": {"url": {"type": "string", "format": "uri"}}}],
    passes=[{"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}}}],
)
def vertex_string_format(node: Node, ctx: Context) -> Iterator[Hit]:
    """Vertex STRING `format` is `enum` or `date-time` (as on the Developer API).

    ## Why

    The Developer API rejects other string formats; Vertex's Schema documents `enum` and `date-time`
    for STRING. No Vertex rejection is on record, so this is a warning.

    ## Fix

    Remove `format` and describe the format in `description`.
    """
    yield from _string_format(node, ctx, VERTEX)


@rule(
    "vertex/keyword-type-mismatch",
    severity=Severity.WARNING,
    triggers={"properties", "required", "items"},
    inference=True,
    evidence=[EV_PROPS_OBJECT, EV_DIALECTS],
    fails=[
        {"type": "object", "properties": {"d": {"type": "string", "items": {"type": "string"}}}}
    ],
    passes=[
        {"type": "object", "properties": {"d": {"type": "array", "items": {"type": "string"}}}}
    ],
)
def vertex_keyword_type(node: Node, ctx: Context) -> Iterator[Hit]:
    """`properties`/`required` appear only on OBJECT and `items` only on ARRAY schemas.

    ## Why

    The Developer API rejects these mismatches; Vertex shares the Schema model, but no Vertex
    rejection is on record, so this is a warning.

    ## Fix

    Fix the node's `type`, or remove the keywords that do not belong to it.
    """
    yield from _keyword_type(node, ctx, VERTEX)


@rule(
    "vertex/array-items",
    severity=Severity.ERROR,
    triggers={"type"},
    evidence=[EV_ARRAY_ITEMS],
    fails=[{"type": "object", "properties": {"tags": {"type": "array"}}}],
    passes=[
        {"type": "object", "properties": {"tags": {"type": "array", "items": {"type": "string"}}}}
    ],
)
def vertex_array_items(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every Vertex ARRAY schema has one `items` schema.

    ## Why

    An ARRAY without `items` is rejected (`items: missing field`).

    ## Fix

    Add `"items": {...}`.
    """
    yield from _array_items(node, ctx, VERTEX)


@rule(
    "vertex/nesting-depth",
    severity=Severity.WARNING,
    inference=True,
    evidence=[EV_DEPTH],
    fails=[_nested(NESTING_WARN_DEPTH + 1)],
    passes=[_nested(4)],
    doc_values={"NESTING_WARN_DEPTH": NESTING_WARN_DEPTH},
)
def vertex_nesting(node: Node, ctx: Context) -> Iterator[Hit]:
    """Vertex `parameters` nest at most ${NESTING_WARN_DEPTH} object/array levels (heuristic).

    ## Why

    Gemini rejects declarations past an undocumented nesting depth; this is a heuristic warning.

    ## Fix

    Flatten the schema.
    """
    yield from _nesting(node, ctx, VERTEX)


@rule(
    "vertex/property-name",
    severity=Severity.WARNING,
    triggers={"properties"},
    inference=True,
    evidence=[EV_PROPERTY_NAME],
    fails=[{"type": "object", "properties": {"user id": {"type": "string"}}}],
    passes=[{"type": "object", "properties": {"user_id": {"type": "string"}}}],
)
def vertex_property_name(node: Node, ctx: Context) -> Iterator[Hit]:
    """Parameter names start with a letter or `_` and use letters, digits and `_` (at most 64).

    ## Why

    Documented in the google-genai/Vertex docstring; no rejection observed, so a warning.

    ## Fix

    Rename the property (e.g. `user-id` → `user_id`).
    """
    yield from _property_names(node, ctx, VERTEX)


@rule(
    "vertex/too-many-tools",
    severity=Severity.WARNING,
    scope="toolset",
    inference=True,
    evidence=[EV_VERTEX_MAX_DECLS.rejects()],
    fails=[
        Example(
            [
                {
                    "functionDeclarations": [
                        {"name": f"f{i}", "parameters": _CITY} for i in range(129)
                    ]
                }
            ],
            "129 declarations:",
            '{"functionDeclarations": [{"name": "f0", ...}, ... 129 items]}',
        )
    ],
    passes=[[_decl(_CITY)]],
    doc_values={"VERTEX_MAX_TOOLS": VERTEX_MAX_TOOLS},
)
def vertex_too_many(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """A Vertex request declares at most ${VERTEX_MAX_TOOLS} functions (documented 2024).

    ## Why

    Vertex docs said 64 function declarations, raised to 128 in 2024-11; the current number is
    unverified (the Developer API allows 512), so this is a warning.

    ## Fix

    Send fewer tools per request.
    """
    yield from _too_many(tools, VERTEX_MAX_TOOLS, "Vertex AI (2024 docs)")


# --- gemini-json (`parametersJsonSchema`) -----------------------------------------------------


@rule(
    "gemini-json/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[EV_GENAI_TYPES.rejects("an unknown declaration field fails parsing")],
    fails=[[{"toolSpec": {"name": "f", "inputSchema": {"json": _CITY}}}]],
    passes=[{"functionDeclarations": [{"name": "f", "parametersJsonSchema": _CITY}]}],
)
def json_envelope(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tools sent with `parametersJsonSchema` are Gemini function declarations with known fields
    only.

    ## Why

    An OpenAI, Anthropic or Bedrock envelope, or an unknown declaration field, fails JSON-to-proto
    parsing.

    ## Fix

    Send `{name, description, parametersJsonSchema}` and nothing else.
    """
    yield from _envelope_hits(tool, "Gemini")


@rule(
    "gemini-json/exclusive-parameters",
    also_in=("gemini", "vertex"),
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        EV_GENAI_TYPES.rejects("parameters_json_schema is mutually exclusive with parameters")
    ],
    fails=[
        {
            "functionDeclarations": [
                {"name": "f", "parameters": _CITY, "parametersJsonSchema": _CITY}
            ]
        }
    ],
    passes=[{"functionDeclarations": [{"name": "f", "parametersJsonSchema": _CITY}]}],
)
def json_exclusive(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """A declaration sets `parameters` or `parametersJsonSchema`, never both.

    ## Why

    google-genai documents `parameters_json_schema` as "mutually exclusive with `parameters`"; a
    declaration with both is rejected.

    ## Fix

    Keep one: `parametersJsonSchema` for JSON Schema, `parameters` for the OpenAPI subset.
    """
    if tool.origin.shape == "gemini-json" and "parameters" in tool.envelope:
        yield Hit("/parameters", "`parameters` and `parametersJsonSchema` are mutually exclusive")


@rule(
    "gemini-json/tool-name",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[EV_NAME, EV_NAME_128.rejects()],
    claims=[NAME_LENGTH_CLAIM],
    fails=[{"functionDeclarations": [{"name": "get weather", "parametersJsonSchema": _CITY}]}],
    passes=[{"functionDeclarations": [{"name": "get_weather", "parametersJsonSchema": _CITY}]}],
)
def json_tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Function names start with a letter or `_`, use letters, digits, `_ . : -`, at most 128 (64 on
    the Developer API).

    ## Why

    Invalid names reject the request. The length cap depends on the host: 64 on the Developer API
    (every observed error), 128 on Vertex (2026 docstring); names of 65-128 characters get a
    warning.

    ## Fix

    Rename the function; stay within 64 characters for the Developer API.
    """
    yield from _tool_name_hits(tool, VERTEX_NAME_MAX, GEMINI_NAME_MAX, "Gemini")


@rule(
    "gemini-json/root-type-object",
    severity=Severity.ERROR,
    evidence=[EV_JSON_SCHEMA.rejects()],
    fails=[{"type": "array", "items": {"type": "string"}}],
    passes=[_CITY],
    root_only=True,
)
def json_root_type(node: Node, ctx: Context) -> Iterator[Hit]:
    """`parametersJsonSchema` describes an object whose properties are the arguments.

    ## Why

    google-genai: "The schema must describe an object where the properties are the parameters to the
    function." A root typed as something else is an error; a root that does not say it is an object
    (no `type`) is a warning.

    ## Fix

    Make the root `{"type": "object", "properties": {...}}`.
    """
    if not node.is_root or not isinstance(node.schema, dict):
        return
    schema = node.schema
    types = _declared_types(schema)
    if "$ref" in schema and not types:
        target = _resolve(ctx.root, schema["$ref"])
        types = _declared_types(target)
        if not types:
            return
    if not types:
        if "properties" not in schema:
            yield Hit(
                "",
                "the schema does not say it describes an object (no `type`)",
                hint='add `"type": "object"`',
                severity=Severity.WARNING,
            )
        return
    if "object" not in types:
        yield Hit(
            "/type",
            f"`parametersJsonSchema` root has type {sorted(types)}; it must describe an object",
        )


def _resolve(root: JSON, ref: JSON) -> JSON:
    if not isinstance(ref, str) or not ref.startswith("#"):
        return None
    from schemadrift.schema.refs import resolve_local

    return resolve_local(root, ref)


@rule(
    "gemini-json/ignored-keyword",
    severity=Severity.WARNING,
    evidence=list(_JSON_UNLISTED),
    claims=keyword_claims(JSON_SURFACE),
    fails=[{"type": "object", "properties": {"n": {"type": "string", "minLength": 3}}}],
    passes=[{"type": "object", "properties": {"n": {"type": "string", "default": "abc"}}}],
)
def json_ignored_keyword(node: Node, ctx: Context) -> Iterator[Hit]:
    """`parametersJsonSchema` constraints are ones Gemini enforces.

    ## Why

    Gemini accepts any JSON Schema in `parametersJsonSchema` but documents only `$id, $defs, $ref,
    $anchor, type, format, title, description, enum, items, prefixItems, minItems, maxItems,
    minimum, maximum, anyOf, oneOf, properties, additionalProperties, required, propertyOrdering`:
    "not all features are supported". Other constraints (`minLength`, `pattern`, `exclusiveMinimum`,
    `const`, `allOf`...) are accepted and ignored, so the model may send arguments that break them.
    Annotations (`default`, `examples`, `$schema`...) constrain nothing and are not reported.

    ## Fix

    Validate the constraint in the tool, or restate it in `description`; use `enum` for `const`.
    """
    schema = node.schema
    if not isinstance(schema, dict):
        return
    for key in schema:
        if key.startswith("x-"):
            continue
        claim = feature(key).support[JSON_SURFACE]
        if claim.severity is None:
            continue  # supported, or an annotation whose loss changes no argument
        yield Hit(
            join(node.pointer, key),
            f"Gemini ignores `{key}` in `parametersJsonSchema`: it is accepted but not enforced",
            hint=keyword_hint(key, JSON_SURFACE),
            severity=claim.severity,
        )


@rule(
    "gemini-json/ref-siblings",
    severity=Severity.WARNING,
    triggers={"$ref"},
    inference=True,
    evidence=[EV_JSON_KEYWORDS, EV_DIALECTS],
    fails=[
        {
            "type": "object",
            "properties": {"a": {"$ref": "#/$defs/A", "description": "the a"}},
            "$defs": {"A": {"type": "string"}},
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"a": {"$ref": "#/$defs/A"}},
            "$defs": {"A": {"type": "string"}},
        }
    ],
)
def json_ref_siblings(node: Node, ctx: Context) -> Iterator[Hit]:
    """A `$ref` node in `parametersJsonSchema` has no sibling keywords except `$`-keywords.

    ## Why

    Gemini documents: "If `$ref` is set on a sub-schema, no other properties, except for those
    starting as a `$`, may be set." Whether a sibling is rejected or dropped is not on record, so
    this is a warning; pydantic puts `description` and `default` next to `$ref`.

    ## Fix

    Wrap the reference: `{"anyOf": [{"$ref": "..."}], "description": "..."}`, or move the siblings
    into the definition.
    """
    schema = node.schema
    others = [k for k in schema if not k.startswith("$")]
    if node.is_root and others:
        return  # a root `$ref` next to `type`/`properties` is a document, not a sub-schema
    if others:
        yield Hit(
            node.pointer,
            f"`$ref` has sibling keywords {', '.join(others)}; Gemini allows only `$`-keywords "
            f"next to `$ref`",
        )


@rule(
    "gemini-json/cyclic-ref",
    severity=Severity.ERROR,
    triggers={"$defs", "definitions", "$ref"},
    evidence=[EV_JSON_KEYWORDS.rejects("cyclic references only within non-required properties")],
    fails=[
        {
            "type": "object",
            "properties": {"node": {"$ref": "#/$defs/Node"}},
            "required": ["node"],
            "$defs": {
                "Node": {
                    "type": "object",
                    "properties": {"next": {"$ref": "#/$defs/Node"}},
                    "required": ["next"],
                }
            },
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"node": {"$ref": "#/$defs/Node"}},
            "required": ["node"],
            "$defs": {
                "Node": {
                    "type": "object",
                    "properties": {"next": {"$ref": "#/$defs/Node"}},
                }
            },
        }
    ],
    root_only=True,
)
def json_cyclic_ref(node: Node, ctx: Context) -> Iterator[Hit]:
    """Recursive `$ref`s in `parametersJsonSchema` pass through a non-required property.

    ## Why

    Gemini documents: "Cyclic references are unrolled to a limited degree and, as such, may only be
    used within non-required properties. (Nullable properties are not sufficient.)" A cycle made
    only of required properties cannot be unrolled. A cycle that passes only through array items
    (which may be empty) is a warning.

    ## Fix

    Make at least one property on the recursive path optional (leave it out of `required`).
    """
    if not node.is_root:
        return
    yield from _required_cycles(ctx.root)


def _edges(root: JSON, start: str) -> list[tuple[str, str, bool, bool]]:
    """``(ref site pointer, target pointer, through_optional, through_items)`` reachable from
    the schema at ``start`` without crossing another ``$ref``."""
    from schemadrift.schema.pointer import resolve

    base = resolve(root, start, None)
    out: list[tuple[str, str, bool, bool]] = []
    stack: list[tuple[JSON, str, bool, bool]] = [(base, start, False, False)]
    while stack:
        schema, pointer, optional, items = stack.pop()
        if not isinstance(schema, dict):
            continue
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and _resolve(root, ref) is not None:
            out.append((pointer, unquote(ref[1:]), optional, items))
        required = schema.get("required")
        required_set = (
            {r for r in required if isinstance(r, str)} if isinstance(required, list) else set()
        )
        for key, value in schema.items():
            if key in ("$defs", "definitions"):
                continue
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    stack.append(
                        (sub, join(pointer, key, name), optional or name not in required_set, items)
                    )
            elif key in ("additionalProperties", "patternProperties") and isinstance(value, dict):
                subs = value.values() if key == "patternProperties" else [value]
                for sub in subs:
                    stack.append((sub, join(pointer, key), True, items))
            elif key == "items" and isinstance(value, dict):
                stack.append((value, join(pointer, key), optional, True))
            elif key in ("anyOf", "oneOf", "allOf", "prefixItems") and isinstance(value, list):
                for index, sub in enumerate(value):
                    stack.append(
                        (sub, join(pointer, key, index), optional, items or key == "prefixItems")
                    )
    return out


def _required_cycles(root: JSON) -> Iterator[Hit]:
    """Report each `$ref` that closes a cycle made only of required edges."""
    every: dict[str, list[tuple[str, str, bool, bool]]] = {}
    pending = [""]
    while pending:
        start = pending.pop()
        if start in every:
            continue
        every[start] = _edges(root, start)
        pending.extend(target for _, target, _, _ in every[start] if target not in every)
    graph = {
        start: [(site, target, items) for site, target, optional, items in edges if not optional]
        for start, edges in every.items()
    }
    reported: set[str] = set()
    path: list[bool] = []  # items flag of each edge on the current DFS path
    on_path: dict[str, int] = {}
    done: set[str] = set()

    def visit(current: str) -> Iterator[Hit]:
        on_path[current] = len(path)
        for site, target, items in graph[current]:
            if target in on_path:
                cycle_items = items or any(path[on_path[target] :])
                if site not in reported:
                    reported.add(site)
                    yield Hit(
                        join(site, "$ref"),
                        "this `$ref` closes a cycle of required properties; Gemini can only "
                        "unroll recursion through non-required properties",
                        severity=Severity.WARNING if cycle_items else None,
                    )
            elif target not in done:
                path.append(items)
                yield from visit(target)
                path.pop()
        del on_path[current]
        done.add(current)

    for start in sorted(graph):
        if start not in done:
            yield from visit(start)


@rule(
    "gemini-json/schema-complexity",
    severity=Severity.WARNING,
    inference=True,
    evidence=[EV_JSON_COMPLEX, EV_JSON_STATES],
    fails=[
        {
            "type": "object",
            "properties": {
                "a": {"type": "array", "items": {"type": "string"}, "maxItems": 500},
                "b": {"type": "array", "items": {"type": "string"}, "maxItems": 500},
            },
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"a": {"type": "array", "items": {"type": "string"}, "maxItems": 50}},
        }
    ],
    root_only=True,
    doc_values={"MAX_ITEMS_BUDGET": MAX_ITEMS_BUDGET, "ENUM_VALUES_BUDGET": ENUM_VALUES_BUDGET},
)
def json_complexity(node: Node, ctx: Context) -> Iterator[Hit]:
    """`parametersJsonSchema` stays within Gemini's (opaque) complexity budget.

    ## Why

    Gemini compiles the schema into a constraint and rejects ones that are too complex with a bare
    `INVALID_ARGUMENT` or `The specified schema produces a constraint that has too many states for
    serving`. Observed: cumulative `maxItems` above ~960 across a tool failed. schemadrift warns
    above ${MAX_ITEMS_BUDGET} summed `maxItems` and ${ENUM_VALUES_BUDGET} enum values; the real
    budget is undocumented.

    ## Fix

    Lower `maxItems` bounds, shorten enums, or split the tool.
    """
    if not node.is_root:
        return
    # A raw scan (no pointers): every dict counts, which over-counts `maxItems`/`enum` used as
    # property names only in pathological schemas.
    max_items = 0
    enum_values = 0
    stack: list[JSON] = [ctx.root]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            bound = value.get("maxItems")
            if isinstance(bound, int) and not isinstance(bound, bool):
                max_items += bound
            values = value.get("enum")
            if isinstance(values, list):
                enum_values += len(values)
            stack.extend(v for k, v in value.items() if k != "enum" and isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend(v for v in value if isinstance(v, (dict, list)))
    if max_items > MAX_ITEMS_BUDGET:
        yield Hit(
            "",
            f"`maxItems` sums to {max_items} across the schema; Gemini failed above "
            f"~{MAX_ITEMS_BUDGET}",
        )
    if enum_values > ENUM_VALUES_BUDGET:
        yield Hit(
            "",
            f"{enum_values} enum values across the schema; large enums make Gemini's constraint "
            f"too complex",
        )


@rule(
    "gemini-json/too-many-tools",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[EV_MAX_DECLS],
    fails=[
        Example(
            [
                {
                    "functionDeclarations": [
                        {"name": f"f{i}", "parametersJsonSchema": _CITY} for i in range(513)
                    ]
                }
            ],
            "513 declarations:",
            '{"functionDeclarations": [{"name": "f0", ...}, ... 513 items]}',
        )
    ],
    passes=[[{"functionDeclarations": [{"name": "f", "parametersJsonSchema": _CITY}]}]],
    doc_values={"GEMINI_MAX_TOOLS": GEMINI_MAX_TOOLS},
)
def json_too_many(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """A Gemini request declares at most ${GEMINI_MAX_TOOLS} functions.

    ## Why

    The API answers `At most 512 function declarations can be specified.`

    ## Fix

    Send fewer tools per request.
    """
    yield from _too_many(tools, GEMINI_MAX_TOOLS, "the Gemini API")


# --- Dialects ---------------------------------------------------------------------------------

GEMINI_DIALECT = dialect(
    Dialect(
        id="gemini",
        title="Gemini Developer API (`parameters`, OpenAPI subset)",
        shapes=("gemini",),
        notes=(
            "generativelanguage v1beta `Schema`: 22 fields, unknown fields reject the request. "
            "Gemini reports every violation at once."
        ),
    )
)

VERTEX_DIALECT = dialect(
    Dialect(
        id="vertex",
        title="Vertex AI Gemini (`parameters`)",
        shapes=("gemini",),
        notes=(
            "aiplatform `Schema`: the Developer API fields plus additionalProperties, $ref/$defs, "
            "NULL."
        ),
    )
)

GEMINI_JSON_DIALECT = dialect(
    Dialect(
        id="gemini-json",
        title="Gemini `parametersJsonSchema` (JSON Schema surface)",
        shapes=("gemini-json",),
        notes="Plain JSON Schema; unsupported keywords are accepted and ignored (warnings).",
    )
)
