"""The names that tell tool shapes apart: the shapes' descriptions, the provider built-in
tool types and fields (with where each list was read), the keywords that make an object a
bare schema, and the dialect each shape implies. Data only, read by ``shapes.py`` (and the pipeline)."""

from __future__ import annotations

import re

SHAPE_NAMES = (
    "a bare JSON Schema (one tool's parameters)",
    'an OpenAI tool ({"type": "function", "function": {...}}) or its Responses flat form',
    'an Anthropic tool ({"name", "input_schema"})',
    'Gemini declarations ({"functionDeclarations": [...]}, with "parameters" or '
    '"parametersJsonSchema")',
    'a Bedrock tool ({"toolSpec": {...}} or {"toolConfig": {"tools": [...]}})',
    'an MCP tools/list result ({"tools": [...]}, also inside a JSON-RPC "result")',
    'a provider built-in tool ({"type": "web_search_20250305", "name": "web_search"}, '
    '{"type": "file_search"}, {"googleSearch": {}}, {"systemTool": {...}})',
    "a list of tool objects",
    "a schemadrift snapshot",
)

# --- Provider built-in tools -------------------------------------------------------------------
# Tools the provider implements itself: the request names them, no JSON Schema of the user's
# describes their input. Recognised so that a file mixing them with function tools is linted
# (they used to stop the run with exit 2), counted in the request and listed in the report.

ANTHROPIC_BUILTIN_TYPE = re.compile(r"[a-z][a-z0-9_]*_(20\d{6})")
"""Anthropic versions every built-in tool type with its release date: ``web_search_20250305``,
``bash_20250124``, ``text_editor_20250728``, ``computer_20250124``, ``code_execution_20250825``,
``web_fetch_20250910``, ``memory_20250818``, ``tool_search_tool_regex_20251119``,
``browser_toolset_20260801`` (anthropic-sdk-python ``types/tool_union_param.py`` and
``types/beta/beta_tool_union_param.py``, read 2026-12). No JSON Schema ``type`` looks like it."""

ANTHROPIC_BUILTIN_TYPES = frozenset({"mcp_toolset"})
"""Unversioned Anthropic tool types: the MCP connector's ``{"type": "mcp_toolset",
"mcp_server_name": ...}`` (``beta_mcp_toolset_param.py``)."""

OPENAI_BUILTIN_TYPES = frozenset(
    {
        "web_search", "web_search_2025_08_26", "web_search_preview",
        "web_search_preview_2025_03_11", "file_search", "code_interpreter", "image_generation",
        "computer_use_preview", "computer", "mcp", "local_shell", "shell", "apply_patch",
        "tool_search", "programmatic_tool_calling",
    }
)  # fmt: skip
"""OpenAI Responses hosted tools: every member of openai-python's ``ToolParam`` union but
``function``, ``custom`` and ``namespace`` (``types/responses/tool_param.py``, openai 3.57,
read 2026-12)."""

GEMINI_BUILTIN_FIELDS = frozenset(
    {
        "googleSearch", "google_search", "googleSearchRetrieval", "google_search_retrieval",
        "codeExecution", "code_execution", "urlContext", "url_context", "retrieval",
        "enterpriseWebSearch", "enterprise_web_search", "googleMaps", "google_maps",
        "computerUse", "computer_use", "fileSearch", "file_search", "parallelAiSearch",
        "parallel_ai_search", "exaAiSearch", "exa_ai_search", "mcpServers", "mcp_servers",
    }
)  # fmt: skip
"""Fields of a Gemini ``Tool`` other than its function declarations: each names a built-in
tool (google-genai ``types.Tool``, 3.6.1, both spellings)."""

GEMINI_DECLARATIONS = ("functionDeclarations", "function_declarations")
"""The two spellings of a Gemini ``Tool``'s function declarations."""
GEMINI_TOOL_FIELDS = GEMINI_BUILTIN_FIELDS | frozenset(GEMINI_DECLARATIONS)
"""Every field of a Gemini ``Tool``: an object made only of these is one."""

BEDROCK_CACHE_POINT = "cachePoint"
"""A Bedrock ``toolConfig.tools`` member that marks a prompt-cache boundary, not a tool
(``Tool`` union: ``toolSpec`` | ``systemTool`` | ``cachePoint``, Bedrock API reference)."""

IMPLIED_DIALECT = {
    "openai": "openai",
    "openai-responses": "openai",
    "openai-function": "openai",
    "anthropic": "anthropic",
    "gemini": "gemini",
    "gemini-json": "gemini-json",
    "bedrock": "bedrock",
    "mcp": "mcp",
}
"""The dialect an input shape implies when neither the CLI nor the config names one."""

# Keywords of JSON Schema (all drafts), OpenAPI 3 schema objects and common vendor additions:
# an object made only of these (or empty) is a bare schema.
SCHEMA_KEYWORDS = frozenset(
    [
        "$schema",
        "$id",
        "id",
        "$ref",
        "$defs",
        "definitions",
        "$anchor",
        "$dynamicRef",
        "$dynamicAnchor",
        "$comment",
        "$vocabulary",
        "$recursiveRef",
        "$recursiveAnchor",
        "type",
        "enum",
        "const",
        "format",
        "title",
        "description",
        "default",
        "examples",
        "example",
        "readOnly",
        "writeOnly",
        "deprecated",
        "nullable",
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "dependencies",
        "dependentRequired",
        "dependentSchemas",
        "unevaluatedProperties",
        "items",
        "prefixItems",
        "additionalItems",
        "contains",
        "minContains",
        "maxContains",
        "minItems",
        "maxItems",
        "uniqueItems",
        "unevaluatedItems",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "pattern",
        "contentEncoding",
        "contentMediaType",
        "contentSchema",
        "discriminator",
        "xml",
        "externalDocs",
        "propertyOrdering",
    ]
)
