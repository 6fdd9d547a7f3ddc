"""Gemini's dated data: the limits and field sets the rules apply, and the evidence for them.

Every number or set here comes from a provider document, an observed error or an adapter's
code, dated; the rules and the keyword table (``support.py``) read them, so a documented
limit cannot drift from the one a check applies. Evidence: dialects.md §4.
"""

from __future__ import annotations

import re

from schemadrift.dialects._common import DIALECTS_MD
from schemadrift.model import Evidence

# --- Dated data ---------------------------------------------------------------------------

# `type` values of the protobuf `Type` enum (case-insensitive in JSON). NULL exists in
# google-genai's `Type` since 2025-05 (Vertex); see the null-type rules for the dates.
TYPE_NAMES = frozenset({"string", "number", "integer", "boolean", "array", "object"})
TYPE_OR_NULL = TYPE_NAMES | {"null"}

# Developer API string formats: only `enum` (2024-12, litellm #6970), `enum` and `date-time`
# (2025-08, gemini-cli #5450).
STRING_FORMATS = frozenset({"enum", "date-time"})
VERTEX_STRING_FORMATS = frozenset({"enum", "date-time", "email", "byte", "date", "password"})
"""The STRING formats google-genai's Vertex `Schema` documents by name."""

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
