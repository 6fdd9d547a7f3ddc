"""``canonical``: the folds of ``TRANSITIONS`` run in table order, stage by stage, on every
node of an (inlined) schema.
"""

from __future__ import annotations

from schemadrift.diff.transitions.table import TRANSITIONS, Stage, Transition
from schemadrift.diff.transitions.values import FALSE_SCHEMA
from schemadrift.model import JSON


def _at(stage: Stage) -> tuple[Transition, ...]:
    """The entries of ``TRANSITIONS`` that run at ``stage``, in table order."""
    return tuple(t for t in TRANSITIONS if t.stage is stage)


_SCHEMA = _at(Stage.SCHEMA)
_DESCENT = _at(Stage.DESCENT)
_NODE = _at(Stage.NODE)
_KEYWORDS = _at(Stage.KEYWORDS)
_BRANCHES = _at(Stage.BRANCHES)

_SETTLE_ROUNDS = 16
_COMPOSITION = frozenset({"anyOf", "oneOf", "allOf"})
_MAX_DEPTH = 200

_SUBSCHEMA = frozenset(
    {
        "additionalProperties",
        "items",
        "contains",
        "not",
        "propertyNames",
        "if",
        "then",
        "else",
        "unevaluatedProperties",
        "unevaluatedItems",
        "contentSchema",
    }
)
_SUBLIST = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_SUBMAP = frozenset({"properties", "patternProperties", "dependentSchemas"})


def settle(node: dict[str, JSON]) -> dict[str, JSON]:
    """``node`` (subschemas canonical) folded until no fold applies: a merge can bring in
    keywords that another fold reads (two bounds on one side, every type named, a branch
    left alone), so the folds run again after one, and ``canonical`` is idempotent."""
    out = node
    for _ in range(_SETTLE_ROUNDS):
        for transition in _KEYWORDS:
            out = transition.apply(out, settle)
        if _COMPOSITION.isdisjoint(out):
            break  # the branch folds read only these keywords: none would change the node
        before = out
        for transition in _BRANCHES:
            out = transition.apply(out, settle)
        if out is before:
            break
    return out


def canonical_node(
    node: JSON,
    depth: int = 0,
    *,
    openapi: bool = False,
    memo: dict[tuple[int, int], tuple[JSON, JSON]] | None = None,
) -> JSON:
    """The canonical form of one (inlined) schema node and everything below it. ``openapi``
    reads it as an OpenAPI 3.0 Schema object (Gemini ``parameters``). ``memo`` holds the
    forms already made in this pass, by node identity: an inlined definition is one object
    wherever it is referenced, and is folded once."""
    if node is True:
        return {}
    if node is False:
        return dict(FALSE_SCHEMA)
    if not isinstance(node, dict) or depth > _MAX_DEPTH:
        return node
    if memo is None:
        memo = {}
    key = (id(node), depth)
    known = memo.get(key)
    if known is not None and known[0] is node:
        return known[1]
    out = node
    for transition in _DESCENT:
        out = transition.apply(out, settle)
    out = dict(out)
    for name, value in out.items():
        if name in _SUBSCHEMA and isinstance(value, (dict, bool)):
            out[name] = canonical_node(value, depth + 1, openapi=openapi, memo=memo)
        elif name in _SUBLIST and isinstance(value, list):
            out[name] = [canonical_node(v, depth + 1, openapi=openapi, memo=memo) for v in value]
        elif name in _SUBMAP and isinstance(value, dict):
            out[name] = {
                k: canonical_node(v, depth + 1, openapi=openapi, memo=memo)
                for k, v in value.items()
            }
    for transition in _NODE:
        if openapi or not transition.openapi:
            out = transition.apply(out, settle)
    result = settle(out)
    memo[key] = (node, result)  # the node is held: its id is not reused while it is a key
    return result


def canonical(schema: JSON, *, openapi: bool = False) -> JSON:
    """``schema`` with every fold of ``TRANSITIONS`` applied, in order: references inlined,
    then each node's folds. ``openapi``: the schema is an OpenAPI 3.0 Schema object (the
    Gemini ``parameters`` shape), not JSON Schema."""
    root = schema
    if isinstance(root, dict):
        for transition in _SCHEMA:
            root = transition.apply(root, settle)
    return canonical_node(root, openapi=openapi)
