"""The kinds of JSON value a schema node accepts, as the diff reasons about them.

``ATOMS`` splits numbers into integers and fractions so that ``integer`` → ``number`` reads as
a widening; ``effective_types`` intersects a node's ``type``, ``enum``, ``const`` and branches.
"""

from __future__ import annotations

from schemadrift.diff.delta import MAX_DEPTH
from schemadrift.diff.transitions import FALSE_SCHEMA
from schemadrift.model import JSON

ATOMS = frozenset({"null", "boolean", "integer", "fraction", "string", "array", "object"})
"""Disjoint kinds of JSON value (``fraction``: a number that is not an integer)."""
_NAMED = {"number": frozenset({"integer", "fraction"})}


def json_type(value: JSON) -> str:
    """The JSON Schema type name of a value (a whole float is an integer, as in 2020-12)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _atom(value: JSON) -> str:
    """``json_type``, with a number that is not an integer named ``fraction`` (a kind disjoint
    from ``integer``, which ``number`` is not)."""
    kind = json_type(value)
    return "fraction" if kind == "number" else kind


def effective_types(node: JSON, depth: int = 0) -> frozenset[str]:
    """The kinds of value (``ATOMS``) a canonical node can accept at most: what its `type`,
    `enum` and composition allow together. ``{"oneOf": [obj, obj]}`` accepts only objects, so
    a root `type: "object"` beside it changes nothing."""
    if not isinstance(node, dict):
        return frozenset() if node is False else ATOMS
    if node == FALSE_SCHEMA:
        return frozenset()
    out = ATOMS
    types = node.get("type")
    if isinstance(types, list):
        out = out & frozenset(a for t in types for a in _NAMED.get(str(t), {str(t)}))
    enum = node.get("enum")
    if isinstance(enum, list):
        out = out & frozenset(_atom(value) for value in enum)
    if depth < MAX_DEPTH:
        for keyword in ("anyOf", "oneOf"):
            branches = node.get(keyword)
            if isinstance(branches, list):
                out = out & frozenset().union(*(effective_types(b, depth + 1) for b in branches))
        branches = node.get("allOf")
        if isinstance(branches, list):
            for branch in branches:
                out = out & effective_types(branch, depth + 1)
    return out
