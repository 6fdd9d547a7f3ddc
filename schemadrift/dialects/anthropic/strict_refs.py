"""References in Anthropic strict tools: ``allOf`` around ``$ref`` and recursive schemas.

The grammar compiler supports local ``$ref`` but cannot compile a schema of unbounded depth, nor
``allOf`` combined with a reference.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from schemadrift.dialects.anthropic.limits import DOCS_STRUCTURED
from schemadrift.model import JSON, Severity
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.facts import SchemaFacts, nodes
from schemadrift.schema.keywords import DEFINITION_KEYWORDS
from schemadrift.schema.refs import LOCAL, ref_kind
from schemadrift.schema.walk import Node


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


def recursive_ref(root: JSON, facts: SchemaFacts | None = None) -> str | None:
    """The pointer of a ``$ref`` that closes a reference cycle reachable from the root, if any.

    Regions are the targets of local JSON-pointer references (``#``, ``#/$defs/X``...); a
    region's references are those inside it but outside its own nested definitions. Anchors
    and unresolvable references are left to other rules.
    """
    if not isinstance(root, dict):
        return None
    sites: list[tuple[str, str]] = []  # (pointer of the $ref node, target pointer)
    for node in nodes(root, facts):
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
    site = recursive_ref(node.schema, ctx.facts)
    if site is not None:
        yield Hit(site + "/$ref", "this `$ref` makes the schema recursive; strict mode rejects it")
