"""Anthropic Messages API tools: the ``anthropic`` and ``anthropic-strict`` dialects.

Evidence: ``docs/dialects.md`` §3. Non-strict Anthropic validates the envelope (name pattern,
``input_schema`` with a root ``type: "object"``, no root combinators, top-level property keys)
and the schema's validity under JSON Schema 2020-12, and otherwise ignores keywords. Strict tool
use (``strict: true``) compiles the schema into a grammar, so it rejects every constraint the
compiler cannot express and caps the size of the strict part of a request.

The strict-mode checks are also used by ``bedrock-strict`` (Bedrock forwards Claude's strict
tools to the same compiler), so the node checks and counters below are plain functions that
``dialects/bedrock.py`` registers under its own rule IDs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from urllib.parse import unquote

from schemadrift import memo
from schemadrift.dialects._common import envelope_mismatch, node_types
from schemadrift.model import JSON, Evidence, Severity, Tool, escape_token
from schemadrift.registry import Claim, Context, Dialect, Example, Hit, dialect, rule
from schemadrift.schema.refs import LOCAL, ref_kind
from schemadrift.schema.walk import DEFINITION_KEYWORDS, Node, children, walk

# --- Versioned limits and tables (each with its source and the date it was read) -----------

# Tool names. Anthropic's OpenAPI spec documents ^[a-zA-Z0-9_-]{1,64}$; API errors seen in 2026
# quote {1,128} (dialects.md §3, read 2026-09). Error above the enforced cap, warn above the
# documented one (Claude Desktop's remote connectors still validate 64).
NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]+$")
NAME_MAX_ENFORCED = 128
NAME_MAX_DOCUMENTED = 64

# Top-level property keys: `Property keys should match pattern '^[a-zA-Z0-9_.-]{1,64}$'`
# (anthropics/claude-code #4668, 2025-07); checked on the top level only (aws-solutions-library-
# samples/accelerated-intelligent-document-processing-on-aws #709, 2026-08-31).
PROPERTY_KEY_PATTERN = re.compile(r"^[a-zA-Z0-9_.-]{1,64}$")

ROOT_COMBINATORS = ("oneOf", "allOf", "anyOf")

# Strict tool use (structured outputs), platform.claude.com docs read 2026-09-20.
STRICT_FORMATS = frozenset(
    {"date-time", "time", "date", "duration", "email", "hostname", "uri", "ipv4", "ipv6", "uuid"}
)
# Numeric constraints: documented as unsupported; exclusive* from pydantic-ai's Bedrock probe.
STRICT_NUMERIC = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
STRICT_STRING = ("minLength", "maxLength")
STRICT_ARRAY = ("maxItems", "uniqueItems")  # minItems is checked by value (0 and 1 are fine)
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
# Per-request limits, summed over all strict tools (documented, read 2026-09-20).
MAX_STRICT_TOOLS = 20
MAX_OPTIONAL_PARAMETERS = 24
MAX_UNION_PARAMETERS = 16

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
VERCEL_CLOSED = Evidence(
    "https://github.com/vercel/ai/issues/20681",
    "observed",
    "2026-09-12",
    "strict: true without additionalProperties: false (also on a nested object) -> 400 "
    "`For 'object' type, 'additionalProperties' must be explicitly set to false`",
    verdict="rejected",
)
PYDANTIC_AI_BEDROCK_PROBE = Evidence(
    "https://github.com/pydantic/pydantic-ai/blob/main/pydantic_ai_slim/pydantic_ai/providers/bedrock.py",
    "adapter",
    "2026-05-19",
    "probed against us.anthropic.claude-sonnet-4-5 (the same compiler as Anthropic strict)",
)
_DOCS_UNLISTED = replace(DOCS_STRUCTURED, verdict="", note="not in the supported list")
STRANDS_ONE_OF = Evidence(
    "https://github.com/strands-agents/harness-sdk/pull/2822",
    "observed",
    "2026-06-01",
    "oneOf anywhere fails strict tools on Bedrock (the same compiler family), unobserved on "
    "Anthropic itself",
    "rejected",
)


def _constraint(keyword: str, *evidence: Evidence) -> Claim:
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


# --- Helpers shared with dialects/bedrock.py -------------------------------------------------


def schema_of(tool: Tool, ctx: Context) -> tuple[str, JSON]:
    """The pointer prefix and schema the dialect judges (a rendered variant, else the raw one)."""
    return tool.schema_for(ctx.dialect)


def is_object_node(schema: JSON) -> bool:
    """A node describing an object: ``type`` names ``object``, or untyped with ``properties``."""
    if not isinstance(schema, dict):
        return False
    if "object" in node_types(schema):
        return True
    return "type" not in schema and isinstance(schema.get("properties"), dict)


def closed_object_hits(node: Node) -> Iterator[Hit]:
    """Strict grammars need every object closed with an explicit ``additionalProperties: false``."""
    schema = node.schema
    if not is_object_node(schema):
        return
    if "additionalProperties" not in schema:
        yield Hit(node.pointer, "object has no `additionalProperties: false`; strict mode needs it")
        return
    value = schema["additionalProperties"]
    if value is not False:
        yield Hit(
            node.pointer + "/additionalProperties",
            f"`additionalProperties` is {_short(value)}; strict mode accepts only `false` "
            "(maps such as `dict[str, T]` cannot be expressed)",
        )


def numeric_bound_hits(node: Node, claims: Mapping[str, Claim]) -> Iterator[Hit]:
    """Constraints a strict grammar cannot express, named the way the provider's error does.

    ``claims`` says, per keyword, what the provider does with it today: a keyword whose claim
    reports nothing (``severity`` ``None``: accepted after all) is not reported. ``minItems`` is
    judged by value: 0 and 1 are supported."""
    schema = node.schema
    if not isinstance(schema, dict):
        return
    label = "/".join(sorted(node_types(schema))) or "untyped"
    for keyword, claim in claims.items():
        if keyword == "minItems" or keyword not in schema or claim.severity is None:
            continue
        yield Hit(
            f"{node.pointer}/{keyword}",
            f"For '{label}' type, property '{keyword}' is not supported in strict mode",
            severity=claim.severity,
        )
    min_items = schema.get("minItems")
    above_one = claims.get("minItems")
    if (
        above_one is not None
        and above_one.severity is not None
        and isinstance(min_items, (int, float))
        and not isinstance(min_items, bool)
        and min_items > 1
    ):
        yield Hit(
            f"{node.pointer}/minItems",
            f"'minItems' values other than 0 or 1 are not supported in strict mode "
            f"(got {min_items})",
            severity=above_one.severity,
        )


def strict_counts(schema: JSON) -> tuple[int, int]:
    """``(optional parameters, union parameters)`` of one schema, in a single pass.

    Optional: properties not listed in their object's ``required``. Union: nodes using
    ``anyOf`` or a type array of two or more types. Both are counted as written (a definition
    counts once, whatever the number of references) and at every depth: the documented limits
    do not say, so this fails closed. Memoised by identity, because the optional and union
    rules of both strict dialects count the same schemas.
    """
    cached = _COUNTS.get(id(schema))
    if cached is not None and cached[0] is schema:
        return cached[1]
    optional = unions = 0
    stack: list[JSON] = [schema]
    while stack:
        value = stack.pop()
        if not isinstance(value, dict):
            continue
        properties = value.get("properties")
        if isinstance(properties, dict):
            required = value.get("required")
            names = (
                {r for r in required if isinstance(r, str)} if isinstance(required, list) else set()
            )
            optional += len(properties.keys() - names)
        kind = value.get("type")
        if isinstance(value.get("anyOf"), list) or (isinstance(kind, list) and len(kind) > 1):
            unions += 1
        stack.extend(sub for _, _, _, sub in children(value))
    if len(_COUNTS) > 65536:
        _COUNTS.clear()
    _COUNTS[id(schema)] = (schema, (optional, unions))
    return optional, unions


_COUNTS: dict[int, tuple[JSON, tuple[int, int]]] = memo.run_table()


def toolset_total(
    tools: Sequence[Tool], ctx: Context, counter: str
) -> tuple[int, list[tuple[str, int]]]:
    """The sum of ``optional`` or ``union`` parameters over the tools, and each tool's share."""
    index = 0 if counter == "optional" else 1
    shares = []
    for tool in tools:
        _, schema = schema_of(tool, ctx)
        share = strict_counts(schema)[index]
        if share:
            shares.append((tool.name, share))
    return sum(n for _, n in shares), sorted(shares)


def limit_hit(what: str, total: int, limit: int, shares: list[tuple[str, int]]) -> Hit:
    worst = sorted(shares, key=lambda item: (-item[1], item[0]))[:5]
    listed = ", ".join(f"{name} {n}" for name, n in worst)
    return Hit(
        "",
        f"the strict tools of this request declare {total} {what} (limit {limit}, summed over "
        f"all strict tools; largest: {listed})",
    )


def duplicate_name_hits(tools: Sequence[Tool]) -> Iterator[Hit]:
    """One hit per repeated name (on its second and later occurrences)."""
    seen: dict[str, int] = {}
    for tool in tools:
        seen[tool.name] = seen.get(tool.name, 0) + 1
        if seen[tool.name] == 2:
            yield Hit(
                "/name",
                f"tool name {tool.name!r} appears more than once in the request "
                "(`tools: Tool names must be unique.`)",
                tool=tool.name,
            )


def root_type_hits(node: Node, what: str) -> Iterator[Hit]:
    """The schema exists, is an object, and its root says ``type: "object"``."""
    schema = node.schema
    if schema is None:
        yield Hit("", f"the tool has no {what}; it is required and must be an object schema")
        return
    if not isinstance(schema, dict):
        yield Hit("", f'{what} is {_short(schema)}, not an object schema with `type: "object"`')
        return
    if "type" not in schema:
        yield Hit("", f'{what} has no `type`; the root must say `type: "object"`')
    elif schema["type"] != "object":
        yield Hit("/type", f'root `type` is {_short(schema["type"])}; it must be "object"')


def _short(value: JSON) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _tool(name: str, schema: JSON, **extra: JSON) -> dict[str, JSON]:
    """An Anthropic-shaped tool for examples."""
    return {"name": name, "description": "Example tool.", "input_schema": schema, **extra}


_CITY = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
_CITY_CLOSED = {**_CITY, "additionalProperties": False}


# --- anthropic: envelope ------------------------------------------------------------------


@rule(
    "anthropic/envelope-shape",
    envelope=True,
    severity=Severity.ERROR,
    scope="tool",
    evidence=[SDK_TOOL_PARAM, OPENAPI_TOOL],
    fails=[
        {
            "type": "function",
            "function": {"name": "get_weather", "parameters": _CITY},
        }
    ],
    passes=[_tool("get_weather", _CITY)],
    hint="send {name, description, input_schema}",
)
def envelope_shape(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tools sent to Anthropic use its envelope (`name`, `description`, `input_schema`).

    ## Why

    The Messages API reads `tools[].name` and `tools[].input_schema`. An OpenAI (`{type: function,
    function: {...}}`), Gemini or Bedrock envelope sent as is fails validation (`input_schema: Field
    required`), and one bad tool fails the whole request. MCP tools, bare schemas and framework
    tools are neutral: a client builds the envelope.

    ## Fix

    Convert the tool to `{"name", "description", "input_schema"}` before sending it.
    """
    yield from envelope_mismatch(tool, frozenset({"anthropic"}), "the Anthropic Messages API")


@rule(
    "anthropic/tool-name",
    severity=Severity.ERROR,
    scope="tool",
    evidence=[
        OPENAPI_TOOL,
        Evidence(
            "https://github.com/schemadrift/schemadrift/blob/main/docs/dialects.md#3-anthropic-messages-api--toolsinput_schema",
            "observed",
            "2026-09-01",
            "2026 API error: tools.0.custom.name: String should match pattern "
            "'^[a-zA-Z0-9_-]{1,128}$' (quoted in several repositories; dates not recorded)",
            verdict="rejected",
        ),
    ],
    fails=[_tool("github.create_issue", _CITY), _tool("x" * 129, _CITY)],
    passes=[_tool("github__create_issue", _CITY)],
    hint="use only letters, digits, '_' and '-', at most 128 characters",
)
def tool_name(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool names are 1-128 characters of `a-z A-Z 0-9 _ -`.

    ## Why

    Anthropic validates `tools[].name` against `^[a-zA-Z0-9_-]{1,128}$` (2026 API errors:
    `tools.0.custom.name: String should match pattern`). Dots, slashes, colons and spaces, common in
    MCP names such as `github.create_issue`, fail the whole request; the same pattern is enforced on
    tool calls replayed in the conversation history.

    ## Fix

    Rename the tool with letters, digits, `_` and `-` only (for MCP prefixes, use `server__tool`
    rather than `server.tool` or `server/tool`).
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
    if len(name) > NAME_MAX_ENFORCED:
        yield Hit(
            "/name", f"tool name is {len(name)} characters long (at most {NAME_MAX_ENFORCED})"
        )


@rule(
    "anthropic/tool-name-length",
    severity=Severity.WARNING,
    scope="tool",
    evidence=[OPENAPI_TOOL],
    fails=[_tool("n" * 65, _CITY)],
    passes=[_tool("n" * 64, _CITY)],
    hint="shorten the name to 64 characters",
)
def tool_name_length(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Tool names stay within Anthropic's documented 64 characters.

    ## Why

    Anthropic's API reference documents `^[a-zA-Z0-9_-]{1,64}$`; the API has accepted up to 128
    characters since 2026, but older history errors (`tool_use.name: String should have at most 64
    characters`) and Claude Desktop's remote MCP connectors (`FrontendRemoteMcpToolDefinition.name`)
    still enforce 64.

    ## Fix

    Shorten the name to 64 characters or fewer (drop long server prefixes).
    """
    if tool.name_from_file:
        return
    if NAME_MAX_DOCUMENTED < len(tool.name) <= NAME_MAX_ENFORCED:
        yield Hit(
            "/name",
            f"tool name is {len(tool.name)} characters long; Anthropic documents at most "
            f"{NAME_MAX_DOCUMENTED} (the API enforces {NAME_MAX_ENFORCED})",
        )


# --- anthropic: schema root ---------------------------------------------------------------


@rule(
    "anthropic/root-type-object",
    severity=Severity.ERROR,
    evidence=[
        SDK_TOOL_PARAM,
        Evidence(
            "https://github.com/cloudflare/agents/issues/1322",
            "observed",
            "2026-04-01",
            verdict="rejected",
        ),
    ],
    fails=[
        {"$schema": "http://json-schema.org/draft-07/schema#"},
        {"type": "array", "items": {"type": "string"}},
    ],
    passes=[_CITY],
    hint='make the root `{"type": "object", "properties": {...}}`',
    root_only=True,
)
def root_type_object(node: Node, ctx: Context) -> Iterator[Hit]:
    """`input_schema` is present and its root is `type: "object"`.

    ## Why

    Anthropic requires `input_schema` and a literal root `type: "object"`: a schema without `type`
    fails with `tools.0.custom.input_schema.type: Field required` (Zod 4 through zod-to-json-schema
    3 emitted just `{"$schema": ...}`, cloudflare/agents #1322), a root array or type list with
    `Input should be 'object'`.

    ## Fix

    Emit an object schema at the root: `{"type": "object", "properties": {...}}`; wrap a single
    non-object argument in a property.
    """
    if node.is_root:
        yield from root_type_hits(node, "input_schema")


@rule(
    "anthropic/root-composition",
    severity=Severity.ERROR,
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
            "properties": {"hours": {"type": "integer"}, "minutes": {"type": "integer"}},
            "anyOf": [{"required": ["hours"]}, {"required": ["minutes"]}],
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {
                "when": {"anyOf": [{"type": "integer"}, {"type": "string", "format": "date-time"}]}
            },
        }
    ],
    triggers=ROOT_COMBINATORS,
    hint="move the variants into properties; no oneOf/allOf/anyOf at the root",
    root_only=True,
)
def root_composition(node: Node, ctx: Context) -> Iterator[Hit]:
    """`input_schema` has no `oneOf`, `allOf` or `anyOf` at the top level.

    ## Why

    Anthropic answers `input_schema does not support oneOf, allOf, or anyOf at the top level` and
    rejects the request, even when the root also says `type: "object"` (the Home Assistant 2026.1
    timer tools and MCP servers with discriminated-union inputs broke this way). Nested combinators
    are fine.

    ## Fix

    Flatten the variants into one object whose properties are the union of the branches (optional
    where they differ), or split the tool in two; express "at least one of" in the description.
    """
    if not node.is_root or not isinstance(node.schema, dict):
        return
    for keyword in ROOT_COMBINATORS:
        if keyword in node.schema:
            yield Hit(f"/{keyword}", f"`{keyword}` at the top level of input_schema is rejected")


@rule(
    "anthropic/property-name",
    severity=Severity.ERROR,
    evidence=[
        Evidence(
            "https://github.com/anthropics/claude-code/issues/4668",
            "observed",
            "2025-07-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/aws-solutions-library-samples/accelerated-intelligent-document-processing-on-aws/issues/709",
            "observed",
            "2026-08-31",
            "the same validator behind Bedrock; checks top-level keys only",
            verdict="rejected",
        ),
    ],
    fails=[{"type": "object", "properties": {"Account Number": {"type": "string"}}}],
    passes=[
        {
            "type": "object",
            "properties": {
                "account_number": {"type": "string"},
                "meta": {"type": "object", "properties": {"Free Text": {"type": "string"}}},
            },
        }
    ],
    triggers=["properties"],
    hint="rename the property to [a-zA-Z0-9_.-], at most 64 characters",
)
def property_name(node: Node, ctx: Context) -> Iterator[Hit]:
    """Top-level property keys match `^[a-zA-Z0-9_.-]{1,64}$`.

    ## Why

    Anthropic rejects `input_schema.properties` keys outside this pattern: `Property keys should
    match pattern '^[a-zA-Z0-9_.-]{1,64}$'`. Keys with spaces or brackets (`"Account Number"`,
    `"rule_name[]"`, taken from an external API) fail the whole request. Only the top level is
    checked by the API; nested keys are not.

    ## Fix

    Rename the property to letters, digits, `_`, `.` and `-` (64 characters at most) and map it back
    to the external name in the tool's code.
    """
    yield from property_key_hits(node)


def property_key_hits(node: Node) -> Iterator[Hit]:
    """Top-level ``properties`` keys outside Claude's property-key pattern."""
    if not node.is_root or not isinstance(node.schema, dict):
        return
    properties = node.schema.get("properties")
    if not isinstance(properties, dict):
        return
    for key in properties:
        if not PROPERTY_KEY_PATTERN.match(str(key)):
            yield Hit(
                f"/properties/{escape_token(str(key))}",
                f"property key {key!r} does not match ^[a-zA-Z0-9_.-]{{1,64}}$",
            )


STRICT_DRAFT_HINT = (
    "drop the draft-07 construct and state it in the description: a strict tool supports neither "
    "`prefixItems` nor numeric bounds"
)


@rule(
    "anthropic/draft-2020-12",
    severity=Severity.WARNING,
    scope="tool",
    inference=True,
    evidence=[
        Evidence(
            "https://github.com/anthropics/claude-code/issues/63673",
            "observed",
            "2026-05-01",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/Dokploy/mcp/issues/74", "observed", "2025-09-01", verdict="rejected"
        ),
        Evidence(
            "https://github.com/anomalyco/opencode/pull/39120",
            "inference",
            "2026-08-01",
            "fixed tuple-form items for strict 2020-12 validators",
        ),
    ],
    fails=[
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "properties": {"point": {"type": "array", "items": [{"type": "number"}] * 2}},
        }
    ],
    passes=[
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": "object",
            "properties": {"point": {"type": "array", "items": {"type": "number"}}},
        }
    ],
    hint="use 2020-12 constructs (prefixItems, numeric exclusiveMinimum)",
)
def draft_2020_12(tool: Tool, ctx: Context) -> Iterator[Hit]:
    """Schemas that declare an older draft are also valid under JSON Schema 2020-12.

    ## Why

    Anthropic checks every `input_schema` against the 2020-12 meta-schema (`JSON schema is invalid.
    It must match JSON Schema draft 2020-12`), whatever `$schema` says. A schema that declares
    draft-04/06/07 or 2019-09 can be valid under its own draft and invalid under 2020-12: tuple-form
    `items: [...]` and boolean `exclusiveMinimum: true` are the usual cases. The `json-schema` pack
    judges the declared draft, so it stays silent on them. That Anthropic ignores `$schema` is an
    inference from its error text (opencode fixed tuple `items` for "strict 2020-12 validators"),
    hence a warning.

    ## Fix

    Emit 2020-12 constructs (`prefixItems` for tuples, numeric `exclusiveMinimum`) or configure the
    generator to target 2020-12 (zod-to-json-schema `target`, pydantic already does).
    """
    from schemadrift.schema.validity import draft_of, meta_errors, nests_too_deep

    base, schema = schema_of(tool, ctx)
    if not isinstance(schema, dict) or "$schema" not in schema:
        return
    declared = draft_of(schema)
    if declared in (None, "2020-12"):
        return  # the json-schema pack already judges these under 2020-12
    if nests_too_deep(schema):
        return
    errors = meta_errors({key: value for key, value in schema.items() if key != "$schema"})
    if errors:
        pointer, message = errors[0]
        yield Hit(
            base + pointer,
            f"`$schema` declares {declared}, but Anthropic validates against 2020-12, where "
            f"this is invalid: {message}",
            # The usual fix names `prefixItems` and a numeric `exclusiveMinimum`, which a strict
            # tool cannot use (anthropic-strict/unlisted-keyword, /unsupported-constraint).
            hint=STRICT_DRAFT_HINT if tool.strict else None,
        )


@rule(
    "anthropic/duplicate-tool-name",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[
        Evidence(
            "https://github.com/anthropics/claude-code/issues/10687",
            "observed",
            "2025-10-31",
            verdict="rejected",
        ),
        Evidence(
            "https://github.com/eclipse-theia/theia/issues/16122",
            "observed",
            "2025-08-04",
            verdict="rejected",
        ),
    ],
    fails=[[_tool("search", _CITY), _tool("search", _CITY)]],
    passes=[[_tool("search_web", _CITY), _tool("search_docs", _CITY)]],
    hint="give every tool in the request a distinct name",
)
def duplicate_tool_name(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """Tool names are unique within a request.

    ## Why

    Anthropic rejects a request whose tools share a name (`tools: Tool names must be unique.`). It
    happens when two MCP servers expose the same tool, or a client adds a built-in tool with a user
    tool's name.

    ## Fix

    Rename one of the tools, or prefix tools with their server name (`server__tool`).
    """
    yield from duplicate_name_hits(tools)


# --- anthropic-strict ---------------------------------------------------------------------


@rule(
    "anthropic-strict/unsupported-constraint",
    severity=Severity.ERROR,
    evidence=[
        DOCS_STRUCTURED,
        *STRICT_CONSTRAINT_CLAIMS["minimum"].evidence[1:],
        *STRICT_CONSTRAINT_CLAIMS["minItems"].evidence[1:],
        SDK_TRANSFORM,
    ],
    claims=list(STRICT_CONSTRAINT_CLAIMS.values()),
    fails=[
        {
            "type": "object",
            "properties": {
                "timeoutMs": {
                    "anyOf": [
                        {"type": "integer", "minimum": 1, "maximum": 300000},
                        {"type": "null"},
                    ]
                }
            },
            "required": ["timeoutMs"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"tags": {"type": "array", "items": {"type": "string"}, "minItems": 2}},
            "additionalProperties": False,
        },
    ],
    passes=[
        {
            "type": "object",
            "properties": {
                "timeoutMs": {"type": "integer", "description": "1 to 300000"},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            },
            "additionalProperties": False,
        }
    ],
    triggers=tuple(STRICT_CONSTRAINT_CLAIMS),
    hint="move the constraint into the description; strict mode cannot enforce it",
)
def strict_unsupported_constraint(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict tools use no numeric bounds, string lengths, `maxItems`, `uniqueItems` or `minItems`
    above 1.

    ## Why

    Strict tool use compiles the schema into a grammar, which cannot express these constraints; the
    API rejects the request (`tools.25.custom: For 'integer' type, properties maximum, minimum are
    not supported`; `For 'array' type, 'minItems' values other than 0 or 1 are not supported`). The
    same schema is accepted without `strict`, so turning strict on (or a framework doing it) breaks
    tools that worked.

    ## Fix

    Drop the constraint from the schema sent in strict mode and state it in the description;
    validate it in the tool's code (the Anthropic SDK's `transform_schema()` does exactly this).
    """
    yield from numeric_bound_hits(node, STRICT_CONSTRAINT_CLAIMS)


@rule(
    "anthropic-strict/additional-properties-false",
    severity=Severity.ERROR,
    evidence=[DOCS_STRUCTURED, VERCEL_CLOSED, SDK_TRANSFORM],
    fails=[
        _CITY,
        {
            "type": "object",
            "properties": {
                "labels": {"type": "object", "additionalProperties": {"type": "string"}}
            },
            "additionalProperties": False,
        },
    ],
    passes=[_CITY_CLOSED],
    triggers=["type", "properties"],
    hint='add "additionalProperties": false to the object',
)
def strict_additional_properties_false(node: Node, ctx: Context) -> Iterator[Hit]:
    """Every object in a strict tool sets `additionalProperties: false`.

    ## Why

    Strict tool use supports closed objects only. `additionalProperties` other than `false` is
    documented as unsupported (so `dict[str, T]` cannot be expressed), and leaving it out fails too,
    also on a nested object: `For 'object' type, 'additionalProperties' must be explicitly set to
    false`.

    ## Fix

    Add `"additionalProperties": false` to every object schema (pydantic: `model_config =
    ConfigDict(extra="forbid")`; the Anthropic SDK's `transform_schema()` sets it); turn maps into
    lists of key/value objects.
    """
    yield from closed_object_hits(node)


@rule(
    "anthropic-strict/format",
    severity=Severity.ERROR,
    evidence=[DOCS_STRUCTURED, SDK_TRANSFORM],
    fails=[
        {
            "type": "object",
            "properties": {"site": {"type": "string", "format": "idn-hostname"}},
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"site": {"type": "string", "format": "uri"}},
            "additionalProperties": False,
        }
    ],
    triggers=["format"],
    hint="use a supported format or describe the format in the description",
)
def strict_format(node: Node, ctx: Context) -> Iterator[Hit]:
    """String `format`s in strict tools are among those strict mode supports.

    ## Why

    Strict mode supports `date-time`, `time`, `date`, `duration`, `email`, `hostname`, `uri`,
    `ipv4`, `ipv6` and `uuid` only; other formats are unsupported and rejected. Note the list
    differs from OpenAI's (which rejects `uri`).

    ## Fix

    Drop the `format` (describe it instead) or use one of the supported formats.
    """
    schema = node.schema
    if not isinstance(schema, dict):
        return
    value = schema.get("format")
    if value not in STRICT_FORMATS:
        yield Hit(
            node.pointer + "/format",
            f"format {_short(value)} is not supported in strict mode (supported: "
            + ", ".join(sorted(STRICT_FORMATS))
            + ")",
        )


def regex_problem(pattern: str) -> str | None:
    """What makes ``pattern`` too complex for the strict grammar, or ``None``.

    Backreferences (``\\1``, ``\\k<name>``), lookaround (``(?=``, ``(?!``, ``(?<=``, ``(?<!``)
    and word boundaries (``\\b``, ``\\B``) are rejected; inside a character class ``\\b`` is a
    backspace and groups do not exist, so classes are skipped.
    """
    index, end, in_class = 0, len(pattern), False
    while index < end:
        char = pattern[index]
        if char == "\\":
            following = pattern[index + 1 : index + 2]
            if not in_class:
                if following in tuple("123456789"):
                    return f"a backreference (\\{following})"
                if following == "k" and pattern[index + 2 : index + 3] in ("<", "'", "{"):
                    return "a named backreference (\\k<...>)"
                if following in ("b", "B"):
                    return f"a word boundary (\\{following})"
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            index += 1
            if pattern[index : index + 1] == "^":
                index += 1
            if pattern[index : index + 1] == "]":  # a leading ']' is literal
                index += 1
            continue
        elif char == "(" and pattern[index + 1 : index + 2] == "?":
            head = pattern[index + 2 : index + 4]
            if head[:1] in ("=", "!") or head in ("<=", "<!"):
                return f"a lookaround ((?{head if head[:1] == '<' else head[:1]}...)"
        index += 1
    return None


@rule(
    "anthropic-strict/pattern",
    severity=Severity.ERROR,
    evidence=[DOCS_STRUCTURED],
    fails=[
        {
            "type": "object",
            "properties": {"amount": {"type": "string", "pattern": "^(?!^[-+.]*$)[+-]?0*\\d*$"}},
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"code": {"type": "string", "pattern": "^[A-Z]{3}[\\b-]?\\d+$"}},
            "additionalProperties": False,
        }
    ],
    triggers=["pattern"],
    hint="simplify the regex: no backreferences, lookaround or \\b",
)
def strict_pattern(node: Node, ctx: Context) -> Iterator[Hit]:
    r"""`pattern`s in strict tools are simple regular expressions.

    ## Why

    Strict mode supports `pattern` only in simple form: backreferences, lookaround and `\b` word
    boundaries cannot be compiled into the grammar and are rejected. Generated schemas carry such
    patterns unnoticed (pydantic's `Decimal` pattern uses a lookahead).

    ## Fix

    Simplify the pattern, or drop it and validate the value in the tool's code.
    """
    schema = node.schema
    if not isinstance(schema, dict) or not isinstance(schema.get("pattern"), str):
        return
    problem = regex_problem(schema["pattern"])
    if problem:
        yield Hit(node.pointer + "/pattern", f"pattern uses {problem}, unsupported in strict mode")


@rule(
    "anthropic-strict/enum-values",
    severity=Severity.ERROR,
    evidence=[DOCS_STRUCTURED],
    fails=[
        {
            "type": "object",
            "properties": {"point": {"enum": [[0, 0], [1, 1]]}},
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"unit": {"enum": ["c", "f", None]}},
            "additionalProperties": False,
        }
    ],
    triggers=["enum"],
    hint="use only strings, numbers, booleans or null in enum",
)
def strict_enum_values(node: Node, ctx: Context) -> Iterator[Hit]:
    """`enum` values in strict tools are strings, numbers, booleans or null.

    ## Why

    Strict mode documents complex types within `enum` (objects, arrays) as unsupported; the grammar
    compiler rejects them.

    ## Fix

    Use primitive enum values, or an `anyOf` of `const` objects for structured choices.
    """
    schema = node.schema
    if not isinstance(schema, dict) or not isinstance(schema.get("enum"), list):
        return
    for index, value in enumerate(schema["enum"]):
        if isinstance(value, (dict, list)):
            yield Hit(
                f"{node.pointer}/enum/{index}",
                f"enum value {_short(value)} is not a primitive; strict mode rejects it",
            )


@rule(
    "anthropic-strict/all-of-ref",
    severity=Severity.ERROR,
    evidence=[DOCS_STRUCTURED],
    fails=[
        {
            "type": "object",
            "properties": {"home": {"allOf": [{"$ref": "#/$defs/Address"}], "description": "x"}},
            "$defs": {
                "Address": {
                    "type": "object",
                    "properties": {"city": {"type": "string"}},
                    "additionalProperties": False,
                }
            },
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"home": {"$ref": "#/$defs/Address"}},
            "$defs": {
                "Address": {
                    "type": "object",
                    "properties": {"city": {"type": "string"}},
                    "additionalProperties": False,
                }
            },
            "additionalProperties": False,
        }
    ],
    triggers=["allOf"],
    hint="reference the definition directly instead of allOf: [{$ref}]",
)
def strict_all_of_ref(node: Node, ctx: Context) -> Iterator[Hit]:
    """`allOf` in strict tools is not combined with `$ref`.

    ## Why

    Strict mode supports `allOf` only without `$ref` in it. Older pydantic and many generators wrap
    a described reference as `allOf: [{"$ref": ...}]`, which strict mode rejects.

    ## Fix

    Reference the definition directly (`{"$ref": ...}`), or inline it.
    """
    schema = node.schema
    if not isinstance(schema, dict) or not isinstance(schema.get("allOf"), list):
        return
    members = schema["allOf"]
    if "$ref" in schema or any(isinstance(m, dict) and "$ref" in m for m in members):
        yield Hit(
            node.pointer + "/allOf", "`allOf` combined with `$ref` is unsupported in strict mode"
        )


def recursive_ref(root: JSON) -> str | None:
    """The pointer of a ``$ref`` that closes a reference cycle reachable from the root, if any.

    Regions are the targets of local JSON-pointer references (``#``, ``#/$defs/X``...); a
    region's references are those inside it but outside its own nested definitions. Anchors
    and unresolvable references are left to other rules.
    """
    if not isinstance(root, dict):
        return None
    sites: list[tuple[str, str]] = []  # (pointer of the $ref node, target pointer)
    for node in walk(root):
        ref = node.schema.get("$ref") if isinstance(node.schema, dict) else None
        if isinstance(ref, str) and ref_kind(ref) == LOCAL:
            fragment = unquote(ref[1:])
            if fragment == "" or fragment.startswith("/"):
                sites.append((node.pointer, fragment))

    if not sites:
        return None

    def inside(pointer: str, region: str) -> bool:
        if not (pointer == region or pointer.startswith(region + "/")):
            return False
        rest = pointer[len(region) :]
        return not any(rest.startswith(f"/{k}/") for k in DEFINITION_KEYWORDS)

    def edges(region: str) -> list[tuple[str, str]]:
        return [(site, target) for site, target in sites if inside(site, region)]

    on_stack: list[str] = []
    done: set[str] = set()

    def visit(region: str) -> str | None:
        on_stack.append(region)
        for site, target in edges(region):
            if target in on_stack:
                return site
            if target not in done:
                found = visit(target)
                if found is not None:
                    return found
        on_stack.pop()
        done.add(region)
        return None

    try:
        return visit("")
    except RecursionError:
        return None


@rule(
    "anthropic-strict/recursive-schema",
    severity=Severity.ERROR,
    evidence=[DOCS_STRUCTURED],
    fails=[
        {
            "type": "object",
            "properties": {"tree": {"$ref": "#/$defs/Node"}},
            "$defs": {
                "Node": {
                    "type": "object",
                    "properties": {
                        "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}
                    },
                    "additionalProperties": False,
                }
            },
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"a": {"$ref": "#/$defs/Leaf"}, "b": {"$ref": "#/$defs/Leaf"}},
            "$defs": {"Leaf": {"type": "string"}},
            "additionalProperties": False,
        }
    ],
    hint="unroll the recursion to a fixed depth, or send the tool without strict",
    root_only=True,
)
def strict_recursive_schema(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict tools have no recursive schemas.

    ## Why

    Strict mode documents recursive schemas as unsupported: a grammar cannot be compiled for a tree
    of unbounded depth (a `$ref` back to an enclosing definition or to `#`). Non-strict Anthropic
    and OpenAI strict accept the same schema. External `$ref`s, also unsupported, are reported by
    `json-schema/remote-ref`.

    ## Fix

    Bound the recursion by unrolling it a fixed number of levels, or send the tool without `strict`.
    """
    if not node.is_root:
        return
    site = recursive_ref(node.schema)
    if site is not None:
        yield Hit(site + "/$ref", "this `$ref` makes the schema recursive; strict mode rejects it")


@rule(
    "anthropic-strict/unlisted-keyword",
    severity=Severity.WARNING,
    inference=True,
    evidence=[_DOCS_UNLISTED, SDK_TRANSFORM, STRANDS_ONE_OF],
    claims=[
        Claim(keyword, Severity.WARNING, (_DOCS_UNLISTED, STRANDS_ONE_OF))
        if keyword == "oneOf"
        else Claim(keyword, Severity.WARNING, (_DOCS_UNLISTED, SDK_TRANSFORM))
        for keyword in STRICT_UNLISTED
    ],
    fails=[
        {
            "type": "object",
            "properties": {"v": {"oneOf": [{"type": "string"}, {"type": "integer"}]}},
            "additionalProperties": False,
        }
    ],
    passes=[
        {
            "type": "object",
            "properties": {"v": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
            "additionalProperties": False,
        }
    ],
    triggers=STRICT_UNLISTED,
    hint="use anyOf instead of oneOf; describe other constraints in the description",
)
def strict_unlisted_keyword(node: Node, ctx: Context) -> Iterator[Hit]:
    """Strict tools use only keywords strict mode documents as supported.

    ## Why

    Strict mode lists what it supports (types, `enum`, `const`, `anyOf`, `allOf`, local `$ref`,
    `default`, `required`, `additionalProperties: false`, some formats, simple `pattern`, `minItems`
    0/1). Keywords outside the list, such as `oneOf`, `not`, `if`/`then`/`else`, `patternProperties`
    or `prefixItems`, have no observed rejection on the Anthropic API itself, but `oneOf` fails on
    Bedrock's strict tools (the same compiler family) and the Anthropic SDK rewrites `oneOf` to
    `anyOf` and strips the rest. At best they are not enforced.

    ## Fix

    Use `anyOf` instead of `oneOf`; move the other constraints into the description.
    """
    schema = node.schema
    if not isinstance(schema, dict):
        return
    for keyword in STRICT_UNLISTED:
        if keyword in schema:
            yield Hit(
                f"{node.pointer}/{keyword}",
                f"`{keyword}` is not in strict mode's supported list: rejected or not enforced",
            )


def _strict_tools(count: int, prefix: str = "t") -> list[JSON]:
    return [_tool(f"{prefix}{index}", _CITY_CLOSED, strict=True) for index in range(count)]


def _optional_tool(name: str, optional: int) -> JSON:
    properties = {f"p{index}": {"type": "string"} for index in range(optional)}
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    return _tool(name, schema, strict=True)


def _union_tool(name: str, unions: int) -> JSON:
    properties = {f"p{index}": {"type": ["string", "null"]} for index in range(unions)}
    schema = {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }
    return _tool(name, schema, strict=True)


@rule(
    "anthropic-strict/too-many-strict-tools",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[DOCS_STRICT_TOOLS],
    fails=[
        Example(
            _strict_tools(21),
            "21 strict tools in one request:",
            '[{"name": "t0", "strict": true, ...}, ..., {"name": "t20", "strict": true, ...}]',
        )
    ],
    passes=[
        Example(
            _strict_tools(20),
            "20 strict tools:",
            '[{"name": "t0", "strict": true, ...}, ..., {"name": "t19", "strict": true, ...}]',
        )
    ],
    hint="keep strict: true on at most 20 tools per request",
)
def strict_too_many_tools(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """A request has at most 20 strict tools.

    ## Why

    Anthropic documents a limit of 20 strict tools per request (non-strict tools do not count).
    Beyond it the request is rejected; frameworks that mark every tool strict hit it as soon as a
    few MCP servers are connected.

    ## Fix

    Mark only the tools whose arguments must be exact as `strict`; send the rest without it.
    """
    if len(tools) > MAX_STRICT_TOOLS:
        yield Hit(
            "",
            f"{len(tools)} strict tools in one request (limit {MAX_STRICT_TOOLS})",
        )


@rule(
    "anthropic-strict/optional-parameters",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[DOCS_STRICT_TOOLS, DOCS_STRUCTURED],
    fails=[
        Example(
            [_optional_tool("a", 13), _optional_tool("b", 12)],
            "Two strict tools with 13 and 12 optional properties:",
            '[{"name": "a", "strict": true, "input_schema": {"type": "object", '
            '"properties": {"p0": {"type": "string"}, ..., "p12": {...}}, '
            '"additionalProperties": false}}, {"name": "b", ... 12 optional properties}]',
        )
    ],
    passes=[
        Example(
            [_optional_tool("a", 12), _optional_tool("b", 12)],
            "Two strict tools with 12 optional properties each:",
            '[{"name": "a", ... 12 optional properties}, '
            '{"name": "b", ... 12 optional properties}]',
        )
    ],
    hint="make parameters required (nullable) or mark fewer tools strict",
)
def strict_optional_parameters(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """The strict tools of a request have at most 24 optional parameters in total.

    ## Why

    Optional properties make the compiled grammar grow quickly, so Anthropic caps optional
    parameters (properties not in `required`) at 24, summed over all strict tools and JSON output
    schemas of a request. schemadrift counts every object at every depth, as written (a definition
    counts once).

    ## Fix

    Make parameters required (nullable where a value may be absent: `{"type": ["string", "null"]}`),
    or send fewer tools as strict.
    """
    total, shares = toolset_total(tools, ctx, "optional")
    if total > MAX_OPTIONAL_PARAMETERS:
        yield limit_hit("optional parameters", total, MAX_OPTIONAL_PARAMETERS, shares)


@rule(
    "anthropic-strict/union-parameters",
    severity=Severity.ERROR,
    scope="toolset",
    evidence=[DOCS_STRICT_TOOLS, DOCS_STRUCTURED],
    fails=[
        Example(
            [_union_tool("a", 9), _union_tool("b", 8)],
            "Two strict tools with 9 and 8 nullable properties:",
            '[{"name": "a", "strict": true, "input_schema": {"type": "object", '
            '"properties": {"p0": {"type": ["string", "null"]}, ..., "p8": {...}}, '
            '"required": ["p0", ..., "p8"], "additionalProperties": false}}, '
            '{"name": "b", ... 8 nullable properties}]',
        )
    ],
    passes=[
        Example(
            [_union_tool("a", 8), _union_tool("b", 8)],
            "Two strict tools with 8 nullable properties each:",
            '[{"name": "a", ... 8 nullable properties}, {"name": "b", ... 8 nullable properties}]',
        )
    ],
    hint="use fewer anyOf/nullable parameters or mark fewer tools strict",
)
def strict_union_parameters(tools: Sequence[Tool], ctx: Context) -> Iterator[Hit]:
    """The strict tools of a request have at most 16 parameters using unions.

    ## Why

    Unions make the compiled grammar grow quickly, so Anthropic caps parameters that use `anyOf` or
    type arrays (`["string", "null"]`, the usual nullable form) at 16, summed over all strict tools
    of a request.

    ## Fix

    Replace unions with single types where possible, or send fewer tools as strict.
    """
    total, shares = toolset_total(tools, ctx, "union")
    if total > MAX_UNION_PARAMETERS:
        yield limit_hit(
            "parameters using anyOf or type arrays", total, MAX_UNION_PARAMETERS, shares
        )


ANTHROPIC_DRAFT_VALIDATION = Evidence(
    "https://github.com/anthropics/claude-code/issues/63673",
    "observed",
    "2026-05-01",
    "`JSON schema is invalid. It must match JSON Schema draft 2020-12`",
    verdict="rejected",
)
"""The evidence that this provider validates tool schemas against the JSON Schema draft."""

ANTHROPIC = dialect(
    Dialect(
        id="anthropic",
        draft_validation=ANTHROPIC_DRAFT_VALIDATION,
        title="Anthropic Messages API (tools[].input_schema)",
        strict="anthropic-strict",
        shapes=("anthropic",),
        notes=(
            "Non-strict tools: keywords other than the root rules are accepted and not enforced. "
            "Validity under JSON Schema 2020-12 and $ref resolution are the json-schema pack's."
        ),
    )
)

ANTHROPIC_STRICT = dialect(
    Dialect(
        id="anthropic-strict",
        draft_validation=ANTHROPIC_DRAFT_VALIDATION,
        title="Anthropic strict tool use (strict: true)",
        extends="anthropic",
        shapes=("anthropic",),
        notes=(
            "Grammar-compiled tools. Beyond the documented limits, large schemas fail with "
            "`Schema is too complex for compilation` at model-dependent sizes (not checked)."
        ),
    )
)
