"""The folds that take ``anyOf``/``oneOf``/``allOf`` branches into their node.

Each fold here is one entry of ``TRANSITIONS`` (``table.py``). A union fold runs on ``anyOf``,
then on ``oneOf``; it returns the node itself when it does not apply, so the settling loop
(``canonical.settle``) knows when the branches are done.
"""

from __future__ import annotations

from collections.abc import Callable

from schemadrift.diff.transitions.merge import Settle, merge
from schemadrift.diff.transitions.values import (
    FALSE_SCHEMA,
    dedupe,
    is_false,
    json_key,
    only,
    strings,
    type_list,
)
from schemadrift.model import JSON
from schemadrift.schema.refs import CYCLE_MARKER, REF_KEYWORDS

Node = dict[str, JSON]
Step = Callable[[Node, str, list[JSON], Node, Settle], "Node | None"]

# Keywords that can reject `null` even where the type set lists it: `anyOf: [X, null]` only
# folds into X accepting null when X holds none of them (every other keyword applies to one
# type of value and lets `null` through).
_NULL_SENSITIVE = frozenset(
    {"not", "if", "then", "else", "allOf", "anyOf", "oneOf", "const", CYCLE_MARKER, *REF_KEYWORDS}
)


def _per_union(step: Step) -> Callable[[Node, Settle], Node]:
    """A fold that runs ``step`` on the node's ``anyOf``, then on its ``oneOf`` (each when it
    is a non-empty list). ``step`` gets the node, the keyword, its branches and the node
    without them, and returns the folded node or ``None``."""

    def fold(node: Node, settle: Settle) -> Node:
        """``step`` on ``anyOf``, then ``oneOf``; ``node`` itself when it folds neither."""
        if "anyOf" not in node and "oneOf" not in node:
            return node  # most nodes: nothing to read
        for keyword in ("anyOf", "oneOf"):
            branches = node.get(keyword)
            if isinstance(branches, list) and branches:
                rest = {k: v for k, v in node.items() if k != keyword}
                folded = step(node, keyword, branches, rest, settle)
                if folded is not None:
                    node = folded
        return node

    return fold


def _discriminated(branches: list[JSON], rest: Node) -> bool:
    """Branches that accept only objects and each require a property whose single allowed
    value differs per branch: no value can match two of them."""
    if len(branches) < 2 or not all(isinstance(b, dict) for b in branches):
        return False
    if rest.get("type") != ["object"] and not all(
        isinstance(b, dict) and b.get("type") == ["object"] for b in branches
    ):
        return False  # a non-object ignores `properties`/`required`: it matches every branch
    names = None
    for branch in branches:
        assert isinstance(branch, dict)
        props = branch.get("properties")
        required = branch.get("required")
        if not isinstance(props, dict) or not strings(required):
            return False
        tags = {
            n
            for n in required
            if isinstance(props.get(n), dict)
            and isinstance(props[n].get("enum"), list)
            and len(props[n]["enum"]) == 1
        }
        names = tags if names is None else names & tags
    for name in sorted(names or ()):
        values = [json_key(b["properties"][name]["enum"][0]) for b in branches]
        if len(set(values)) == len(values):
            return True
    return False


def _discriminated_oneof(
    node: Node, keyword: str, branches: list[JSON], rest: Node, settle: Settle
) -> Node | None:
    """A discriminated ``oneOf`` as ``anyOf``."""
    if keyword == "oneOf" and "anyOf" not in node and _discriminated(branches, rest):
        return {("anyOf" if k == "oneOf" else k): v for k, v in node.items()}
    return None


def _single_branch(
    node: Node, keyword: str, branches: list[JSON], rest: Node, settle: Settle
) -> Node | None:
    """No live branch: nothing is accepted; one live branch: merged into the node."""
    live = [b for b in branches if not is_false(b)]
    if not live:
        return dict(FALSE_SCHEMA)  # no branch can match: nothing is accepted
    if len(live) != 1:
        return None
    branch = live[0]
    if isinstance(branch, dict):
        merged = merge(rest, branch, settle)
        if merged is not None:
            return merged
    return None if len(live) == len(branches) else {**rest, keyword: live}


def _of_types(
    node: Node, keyword: str, branches: list[JSON], rest: Node, settle: Settle
) -> Node | None:
    """``anyOf`` of type-only branches (``oneOf`` too when the types are disjoint) as a type
    array."""
    live = [b for b in branches if not is_false(b)]
    if len(live) < 2 or not all(only(b, {"type"}) and strings(b["type"]) for b in live):
        return None
    sets = [set(b["type"]) for b in live]
    total = sum(len(s) for s in sets)
    union: set[str] = set().union(*sets)
    integer_in_number = "number" in union and "integer" in union
    if keyword == "anyOf" or (total == len(union) and not integer_in_number):
        return merge(rest, {"type": type_list(sorted(union)) or []}, settle)
    return None


def _of_enums(
    node: Node, keyword: str, branches: list[JSON], rest: Node, settle: Settle
) -> Node | None:
    """``anyOf`` of enum-only branches as one enum of their union."""
    live = [b for b in branches if not is_false(b)]
    if keyword != "anyOf" or len(live) < 2:
        return None
    if not all(only(b, {"enum"}) and isinstance(b["enum"], list) for b in live):
        return None
    return merge(rest, {"enum": dedupe([v for b in live for v in b["enum"]])}, settle)


def _with_null(
    node: Node, keyword: str, branches: list[JSON], rest: Node, settle: Settle
) -> Node | None:
    """``anyOf: [X, {type: null}]`` (pydantic 2 ``Optional``) as X accepting null."""
    live = [b for b in branches if not is_false(b)]
    if keyword != "anyOf" or len(live) < 2:
        return None
    nulls = [b for b in live if only(b, {"type"}) and b["type"] == ["null"]]
    others = [b for b in live if not (only(b, {"type"}) and b["type"] == ["null"])]
    if len(nulls) != 1 or len(others) != 1 or not isinstance(others[0], dict):
        return None
    other = others[0]
    if not strings(other.get("type")) or _NULL_SENSITIVE & set(other):
        return None
    widened = dict(other)
    widened["type"] = sorted({*other["type"], "null"})
    if isinstance(widened.get("enum"), list):
        widened["enum"] = dedupe([*widened["enum"], None])
    return merge(rest, widened, settle)


def _false_dropped(
    node: Node, keyword: str, branches: list[JSON], rest: Node, settle: Settle
) -> Node | None:
    """Branches that accept nothing dropped (the others still there)."""
    live = [b for b in branches if not is_false(b)]
    return {**node, keyword: live} if len(live) < len(branches) else None


discriminated_oneof = _per_union(_discriminated_oneof)
single_branch = _per_union(_single_branch)
of_types = _per_union(_of_types)
of_enums = _per_union(_of_enums)
with_null = _per_union(_with_null)
false_dropped = _per_union(_false_dropped)


def merge_all_of(node: Node, settle: Settle) -> Node:
    """The ``allOf`` branches that combine with the node merged into it (``node`` itself when
    none does)."""
    branches = node.get("allOf")
    if not isinstance(branches, list):
        return node
    out = {k: v for k, v in node.items() if k != "allOf"}
    kept: list[JSON] = []
    for branch in branches:
        merged = merge(out, branch, settle) if isinstance(branch, dict) else None
        if merged is None:
            kept.append(branch)
        else:
            out = merged
    if len(kept) == len(branches):
        return node
    if kept:
        out["allOf"] = [*kept, *(out["allOf"] if isinstance(out.get("allOf"), list) else [])]
    return out
