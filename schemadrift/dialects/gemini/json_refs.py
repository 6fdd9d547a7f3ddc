"""The `$ref` rules of `parametersJsonSchema`: what may stand beside a `$ref`, and recursion.

Gemini unrolls recursive references only a little, and only through properties a call may
leave out; ``cyclic-ref`` walks the reference graph of the whole schema once, from its root.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from schemadrift.dialects.gemini.limits import EV_DIALECTS, EV_JSON_KEYWORDS
from schemadrift.model import JSON, Severity
from schemadrift.registry import Context, Hit, rule
from schemadrift.schema.pointer import join
from schemadrift.schema.walk import Node


def resolve_ref(root: JSON, ref: JSON) -> JSON:
    """The target of a local ``ref`` (``None`` for a remote or unresolvable one)."""
    if not isinstance(ref, str) or not ref.startswith("#"):
        return None
    from schemadrift.schema.refs import resolve_local

    return resolve_local(root, ref)


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


def _linked_list(*, next_required: bool) -> JSON:
    """A schema whose `Node` refers to itself through `next`, required or not (examples)."""
    node: dict[str, JSON] = {"type": "object", "properties": {"next": {"$ref": "#/$defs/Node"}}}
    if next_required:
        node["required"] = ["next"]
    return {
        "type": "object",
        "properties": {"node": {"$ref": "#/$defs/Node"}},
        "required": ["node"],
        "$defs": {"Node": node},
    }


@rule(
    "gemini-json/cyclic-ref",
    severity=Severity.ERROR,
    triggers={"$defs", "definitions", "$ref"},
    evidence=[EV_JSON_KEYWORDS.rejects("cyclic references only within non-required properties")],
    fails=[_linked_list(next_required=True)],
    passes=[_linked_list(next_required=False)],
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
        if isinstance(ref, str) and ref.startswith("#/") and resolve_ref(root, ref) is not None:
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
    # The `$ref` graph of the schema (each reference site, its target, and whether the path
    # to it is optional or through array items), built from the root.
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
        """Depth first from ``current``; an edge back onto the path closes a cycle."""
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
