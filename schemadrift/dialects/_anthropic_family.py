"""What the ``anthropic`` and ``bedrock`` packs share: Claude's validator and strict compiler.

Bedrock Converse hands Claude tools to Anthropic's validator (top-level property keys, unique
names, a root ``type: "object"``) and Claude's strict tools to the same grammar compiler (closed
objects, no numeric bounds, per-request limits on strict tools, optional and union parameters).
Both packs apply the checks below under their own rule IDs, each with its own evidence, so
neither imports the other. Plain functions and dated limits: no rule is registered here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence

from schemadrift.dialects._common import node_types
from schemadrift.model import JSON, Evidence, Tool, escape_token
from schemadrift.registry import Claim, Context, Hit
from schemadrift.schema.facts import SchemaFacts
from schemadrift.schema.walk import Node, children

# Top-level property keys: `Property keys should match pattern '^[a-zA-Z0-9_.-]{1,64}$'`
# (anthropics/claude-code #4668, 2025-07); checked on the top level only (aws-solutions-library-
# samples/accelerated-intelligent-document-processing-on-aws #709, 2026-08-31).
PROPERTY_KEY_PATTERN = re.compile(r"^[a-zA-Z0-9_.-]{1,64}$")

# Per-request limits of strict tool use, summed over all strict tools (documented by Anthropic,
# read 2026-09-20; Bedrock's Claude models hit the same ones).
MAX_STRICT_TOOLS = 20
MAX_OPTIONAL_PARAMETERS = 24
MAX_UNION_PARAMETERS = 16

EV_DUPLICATE_NAMES = Evidence(
    "https://github.com/anthropics/claude-code/issues/10687",
    "observed",
    "2025-10-31",
    verdict="rejected",
)
"""Two MCP servers exposing one tool name: `tools: Tool names must be unique.` (Claude's
validator, behind both Anthropic and Bedrock)."""
EV_ROOT_COMPOSITION = (
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
)
"""A root `oneOf`/`anyOf`/`allOf` rejected by Claude's validator (Anthropic and Bedrock)."""
VERCEL_CLOSED = Evidence(
    "https://github.com/vercel/ai/issues/20681",
    "observed",
    "2026-09-12",
    "strict: true without additionalProperties: false (also on a nested object) -> 400 "
    "`For 'object' type, 'additionalProperties' must be explicitly set to false`",
    verdict="rejected",
)


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
            f"`additionalProperties` is {short(value)}; strict mode accepts only `false` "
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
    do not say, so this fails closed.
    """
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
    return optional, unions


def _strict_counts_of(facts: SchemaFacts) -> tuple[int, int]:
    return strict_counts(facts.root)


def toolset_total(
    tools: Sequence[Tool], ctx: Context, counter: str
) -> tuple[int, list[tuple[str, int]]]:
    """The sum of ``optional`` or ``union`` parameters over the tools, and each tool's share."""
    index = 0 if counter == "optional" else 1
    shares = []
    facts_of = ctx.member_facts or [None] * len(tools)
    for tool, facts in zip(tools, facts_of, strict=True):
        _, schema = schema_of(tool, ctx)
        if facts is not None and facts.root is schema:
            share = facts.derived(_strict_counts_of)[index]  # once for both rules and dialects
        else:
            share = strict_counts(schema)[index]
        if share:
            shares.append((tool.name, share))
    return sum(n for _, n in shares), sorted(shares)


def limit_hit(what: str, total: int, limit: int, shares: list[tuple[str, int]]) -> Hit:
    """A request-wide limit exceeded: the total and the five largest shares, to say which
    tools to look at first."""
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
        yield Hit("", f'{what} is {short(schema)}, not an object schema with `type: "object"`')
        return
    if "type" not in schema:
        yield Hit("", f'{what} has no `type`; the root must say `type: "object"`')
    elif schema["type"] != "object":
        yield Hit("/type", f'root `type` is {short(schema["type"])}; it must be "object"')


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


def short(value: JSON) -> str:
    """A JSON value as a message quotes it: compact, cut to 60 characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]+$")
"""Tool names Claude's API and Bedrock Converse accept: letters, digits, `_` and `-`."""


def tool_name_hits(tool: Tool, longest: int) -> Iterator[Hit]:
    """An empty name, characters outside ``NAME_PATTERN`` (listed), or more than ``longest``
    characters: what both providers check on a tool's name."""
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
    if len(name) > longest:
        yield Hit("/name", f"tool name is {len(name)} characters long (at most {longest})")
