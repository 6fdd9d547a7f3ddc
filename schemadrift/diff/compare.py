"""Parallel walk of two canonical schemas: what changed, and in which direction.

Knows nothing about verdicts (oasdiff's ``diff/`` vs ``checker/``): it emits raw ``Delta``s,
each with the kind it looks like, where it is, and its *action* in value terms (``narrow``: the
new schema accepts fewer values here; ``widen``: more; ``change``: either or both, decided by
the witness search; ``annotate``: nothing about accepted values changed). ``classify.py``
turns actions into verdicts per consumer and direction.

Both inputs are canonical (``transitions.canonical``): references inlined and representation
folded, so a difference here is a difference in meaning (or in an annotation).
"""

from __future__ import annotations

from schemadrift.diff.delta import (
    ANNOTATE,
    CHANGE,
    MAX_DEPTH,
    NARROW,
    WIDEN,
    Delta,
    as_node,
    delta_at,
    same,
    shallow,
)
from schemadrift.diff.json_types import effective_types
from schemadrift.diff.structure_deltas import array_delta, composition_delta, object_delta
from schemadrift.diff.transitions import ANNOTATIONS, FALSE_SCHEMA
from schemadrift.diff.value_deltas import (
    annotation_delta,
    enum_delta,
    length_delta,
    numeric_delta,
    types_delta,
)
from schemadrift.model import JSON
from schemadrift.schema.pointer import join

_HANDLED = frozenset(
    {
        "type",
        "enum",
        "format",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "prefixItems",
        "anyOf",
        "oneOf",
        "allOf",
        "title",
        "description",
        "default",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "minContains",
        "maxContains",
        "uniqueItems",
        "propertyNames",
        "dependentRequired",
        "patternProperties",
        "dependentSchemas",
    }
)
"""Keywords with a delta of their own; any other keyword that differs is one
``diff/schema-changed`` (reported once: a keyword in neither list was reported twice)."""


def compare(old: JSON, new: JSON) -> list[Delta]:
    """Every raw difference between two canonical schemas, in walk order."""
    out: list[Delta] = []
    _walk(as_node(old), as_node(new), "", "", out, 0)
    return out


def _walk(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta], depth: int
) -> None:
    if depth > MAX_DEPTH:
        if not same(old, new):
            out.append(delta_at(p, "diff/schema-changed", p, q, CHANGE, shallow(old), shallow(new)))
        return
    if same(old, new):
        _order_only(old, new, p, q, out, depth)
        return
    if FALSE_SCHEMA in (old, new):
        action = WIDEN if old == FALSE_SCHEMA else NARROW
        out.append(delta_at(p, "diff/schema-changed", p, q, action, old, new))
        return
    start = len(out)
    _node_deltas(old, new, p, q, out, depth)
    if len(out) > start:
        out[start:] = _relevant(out[start:], old, new, p, q)


def _node_deltas(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta], depth: int
) -> None:
    """Every delta of one node pair that differs (and of the subschemas below it)."""
    types_delta(old, new, p, q, out)
    enum_delta(old, new, p, q, out)
    for keyword in ("format", "pattern"):
        a, b = old.get(keyword), new.get(keyword)
        if a is None and b is not None:
            out.append(delta_at(p, f"diff/{keyword}-added", join(p, keyword), q, NARROW, None, b))
        elif a is not None and b is None:
            out.append(
                delta_at(
                    p, f"diff/{keyword}-removed", join(q, keyword), q, WIDEN, a, None, removed=True
                )
            )
        elif a is not None and not same(a, b):
            out.append(delta_at(p, f"diff/{keyword}-changed", join(p, keyword), q, CHANGE, a, b))
    numeric_delta(old, new, p, q, out)
    length_delta(old, new, p, q, out)
    annotation_delta(old, new, p, q, out)
    object_delta(old, new, p, q, out, depth, _walk)
    array_delta(old, new, p, q, out, depth, _walk)
    for keyword in ("anyOf", "oneOf", "allOf"):
        composition_delta(keyword, old, new, p, q, out, depth, _walk)
    for key in sorted((set(old) | set(new)) - _HANDLED - ANNOTATIONS):
        a, b = old.get(key), new.get(key)
        if not same(a, b):
            where = join(p, key) if b is not None else join(q, key)
            out.append(
                delta_at(
                    p,
                    "diff/schema-changed",
                    where,
                    q,
                    CHANGE,
                    a,
                    b,
                    discriminator=key,
                    removed=b is None,
                )
            )


# The keywords that only constrain values of some types, by the types they constrain.
_FAMILY: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        (
            "properties",
            "patternProperties",
            "additionalProperties",
            "propertyNames",
            "required",
            "minProperties",
            "maxProperties",
            "dependentRequired",
            "dependentSchemas",
            "unevaluatedProperties",
        ),
        frozenset({"object"}),
    ),
    **dict.fromkeys(
        (
            "items",
            "prefixItems",
            "contains",
            "minContains",
            "maxContains",
            "minItems",
            "maxItems",
            "uniqueItems",
            "unevaluatedItems",
        ),
        frozenset({"array"}),
    ),
    **dict.fromkeys(
        ("minLength", "maxLength", "pattern", "format", "contentEncoding", "contentMediaType"),
        frozenset({"string"}),
    ),
    **dict.fromkeys(
        ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
        frozenset({"integer", "fraction"}),
    ),
}


def _relevant(
    deltas: list[Delta], old: dict[str, JSON], new: dict[str, JSON], p: str, q: str
) -> list[Delta]:
    """``deltas`` without the vacuous ones: a keyword that constrains only objects cannot
    widen what a node accepts when it accepts no object at all, nor narrow it when it
    accepted none before (`additionalProperties` dropped along with `type: object`)."""
    kinds: dict[str, frozenset[str]] = {}

    def accepted(side: str) -> frozenset[str]:
        if side not in kinds:
            kinds[side] = effective_types(old if side == "old" else new)
        return kinds[side]

    kept = []
    for delta in deltas:
        family = _FAMILY.get(_keyword(delta.pointer, p, q) or "")
        if family is not None and (
            (delta.action == WIDEN and not family & accepted("new"))
            or (delta.action == NARROW and not family & accepted("old"))
        ):
            continue
        kept.append(delta)
    return kept


def _keyword(pointer: str, p: str, q: str) -> str | None:
    """The first keyword of ``pointer`` below the node at ``p`` (new side) or ``q`` (old)."""
    for base in (p, q):
        if pointer.startswith(base + "/"):
            return pointer[len(base) + 1 :].split("/", 1)[0]
    return None


def _order_only(old: JSON, new: JSON, p: str, q: str, out: list[Delta], depth: int) -> None:
    """Equal schemas can still list their properties in another order (the model reads it)."""
    if not isinstance(old, dict) or not isinstance(new, dict) or depth > MAX_DEPTH:
        return
    a, b = old.get("properties"), new.get("properties")
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            out.append(
                delta_at(
                    p,
                    "diff/property-order-changed",
                    join(p, "properties"),
                    q,
                    ANNOTATE,
                    list(a),
                    list(b),
                )
            )
        for name in a:
            _order_only(
                a[name],
                b[name],
                join(p, "properties", name),
                join(q, "properties", name),
                out,
                depth + 1,
            )
    for key in ("items", "additionalProperties"):
        _order_only(old.get(key), new.get(key), join(p, key), join(q, key), out, depth + 1)
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        xs, ys = old.get(key), new.get(key)
        if isinstance(xs, list) and isinstance(ys, list):
            for index, (x, y) in enumerate(zip(xs, ys, strict=False)):
                _order_only(x, y, join(p, key, index), join(q, key, index), out, depth + 1)
