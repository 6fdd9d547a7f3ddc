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

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

from schemadrift.diff.transitions import ANNOTATIONS, FALSE_SCHEMA
from schemadrift.model import JSON
from schemadrift.schema.pointer import join
from schemadrift.schema.walk import nesting_depth

NARROW = "narrow"
WIDEN = "widen"
CHANGE = "change"
ANNOTATE = "annotate"


@dataclass(frozen=True, slots=True)
class Delta:
    """One raw difference between two canonical schemas.

    ``pointer`` is where it is shown (relative to the schema root, new side unless
    ``removed``: what it names is gone from the new side, so it points into the old one);
    ``target`` is the old-side node whose values the witness search varies.
    """

    kind: str
    pointer: str
    target: str
    action: str
    before: JSON = None
    after: JSON = None
    discriminator: str | None = None
    node: str = ""  # the new-side node the change sits on (where it is reverted)
    removed: bool = False  # ``pointer`` is an old-side pointer


def _delta(where: str, *args: JSON, removed: bool = False, **fields: JSON) -> Delta:
    """A ``Delta`` sitting on the new-side node ``where`` (the walk's current node)."""
    return replace(Delta(*args, **fields), node=where, removed=removed)


def same(a: JSON, b: JSON) -> bool:
    """JSON equality: numbers by value, booleans distinct from numbers, dicts unordered.

    Iterative: a value nested past the recursion limit (a ``default`` 5,000 levels deep, which
    ``json-schema/too-deep`` reports) compares like any other, instead of failing and reading
    as changed (attack row 15: "changed (absent) → (absent)" on an unchanged snapshot).
    """
    pairs = [(a, b)]
    while pairs:
        x, y = pairs.pop()
        if x is y and not isinstance(x, float):
            continue  # one object (an inlined definition met twice): equal, NaN aside
        if isinstance(x, bool) or isinstance(y, bool):
            if not (isinstance(x, bool) and isinstance(y, bool) and x is y):
                return False
        elif isinstance(x, (int, float)) and isinstance(y, (int, float)):
            if x != y:
                return False
        elif isinstance(x, dict) and isinstance(y, dict):
            if x.keys() != y.keys():
                return False
            pairs += [(x[key], y[key]) for key in x]
        elif isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                return False
            pairs += zip(x, y, strict=True)
        elif type(x) is not type(y) or x != y:
            return False
    return True


def differences(a: JSON, b: JSON, pointer: str = "") -> Iterator[tuple[str, JSON, JSON]]:
    """``(pointer, before, after)`` for each deepest difference; absent values are ``None``."""
    if same(a, b):
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            if key not in b:
                yield join(pointer, key), a[key], None
            else:
                yield from differences(a[key], b[key], join(pointer, key))
        for key in b:
            if key not in a:
                yield join(pointer, key), None, b[key]
        return
    yield pointer, a, b


def literal(value: JSON) -> str:
    """A stable text for a JSON literal (enum values as discriminators)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


_LENGTH = (
    ("minLength", "maxLength"),
    ("minItems", "maxItems"),
    ("minProperties", "maxProperties"),
    ("minContains", "maxContains"),
)
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


def _covers(types: frozenset[str] | None, kind: str) -> bool:
    if types is None:
        return True
    return kind in types or (kind == "integer" and "number" in types)


def _types(node: dict[str, JSON]) -> frozenset[str] | None:
    value = node.get("type")
    return frozenset(value) if isinstance(value, list) else None


def _as_node(value: JSON) -> dict[str, JSON]:
    if value is True or value is None:
        return {}
    if value is False:
        return dict(FALSE_SCHEMA)
    return value if isinstance(value, dict) else {}


# Bounds keep their JSON numbers: Python compares an int with a float exactly, where
# ``float()`` of an integer past 1e308 overflows.
def _lower(node: dict[str, JSON]) -> tuple[float, bool, str] | None:
    if "exclusiveMinimum" in node and _num(node["exclusiveMinimum"]):
        return node["exclusiveMinimum"], True, "exclusiveMinimum"
    if "minimum" in node and _num(node["minimum"]):
        return node["minimum"], False, "minimum"
    return None


def _upper(node: dict[str, JSON]) -> tuple[float, bool, str] | None:
    if "exclusiveMaximum" in node and _num(node["exclusiveMaximum"]):
        return node["exclusiveMaximum"], True, "exclusiveMaximum"
    if "maximum" in node and _num(node["maximum"]):
        return node["maximum"], False, "maximum"
    return None


def _num(value: JSON) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


MAX_DEPTH = 64
"""Subschema levels the walk descends (it recurses). Below them, a subtree that differs is one
``diff/schema-changed`` of the whole subtree: coarser, never silent."""

SHOWN_DEPTH = 16
"""Values nested deeper than this are not carried into a finding (``shallow``)."""


def shallow(value: JSON) -> JSON:
    """``value`` if it nests at most ``SHOWN_DEPTH`` levels, else ``None`` (not shown)."""
    return value if nesting_depth(value, SHOWN_DEPTH) <= SHOWN_DEPTH else None


def compare(old: JSON, new: JSON) -> list[Delta]:
    """Every raw difference between two canonical schemas, in walk order."""
    out: list[Delta] = []
    _walk(_as_node(old), _as_node(new), "", "", out, 0)
    return out


def _walk(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta], depth: int
) -> None:
    if depth > MAX_DEPTH:
        if not same(old, new):
            out.append(_delta(p, "diff/schema-changed", p, q, CHANGE, shallow(old), shallow(new)))
        return
    if same(old, new):
        _order_only(old, new, p, q, out, depth)
        return
    if FALSE_SCHEMA in (old, new):
        action = WIDEN if old == FALSE_SCHEMA else NARROW
        out.append(_delta(p, "diff/schema-changed", p, q, action, old, new))
        return
    start = len(out)
    _node_deltas(old, new, p, q, out, depth)
    if len(out) > start:
        out[start:] = _relevant(out[start:], old, new, p, q)


def _node_deltas(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta], depth: int
) -> None:
    """Every delta of one node pair that differs (and of the subschemas below it)."""
    _types_delta(old, new, p, q, out)
    _enum_delta(old, new, p, q, out)
    for keyword in ("format", "pattern"):
        a, b = old.get(keyword), new.get(keyword)
        if a is None and b is not None:
            out.append(_delta(p, f"diff/{keyword}-added", join(p, keyword), q, NARROW, None, b))
        elif a is not None and b is None:
            out.append(
                _delta(
                    p, f"diff/{keyword}-removed", join(q, keyword), q, WIDEN, a, None, removed=True
                )
            )
        elif a is not None and not same(a, b):
            out.append(_delta(p, f"diff/{keyword}-changed", join(p, keyword), q, CHANGE, a, b))
    _numeric_delta(old, new, p, q, out)
    _length_delta(old, new, p, q, out)
    _annotation_delta(old, new, p, q, out)
    _object_delta(old, new, p, q, out, depth)
    _array_delta(old, new, p, q, out, depth)
    for keyword in ("anyOf", "oneOf", "allOf"):
        _composition_delta(keyword, old, new, p, q, out, depth)
    for key in sorted((set(old) | set(new)) - _HANDLED - ANNOTATIONS):
        a, b = old.get(key), new.get(key)
        if not same(a, b):
            where = join(p, key) if b is not None else join(q, key)
            out.append(
                _delta(
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


def _order_only(old: JSON, new: JSON, p: str, q: str, out: list[Delta], depth: int) -> None:
    """Equal schemas can still list their properties in another order (the model reads it)."""
    if not isinstance(old, dict) or not isinstance(new, dict) or depth > MAX_DEPTH:
        return
    a, b = old.get("properties"), new.get("properties")
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            out.append(
                _delta(
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


def _types_delta(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta]
) -> None:
    """A `type` keyword that differs, judged by what each node accepts as a whole: a `type`
    its `enum` or branches already imply adds or removes nothing."""
    if _types(old) == _types(new):
        return
    before, after = effective_types(old), effective_types(new)
    removed, added = before - after, after - before
    if not removed and not added:
        return
    b = new.get("type")
    where = join(p, "type") if b is not None else join(q, "type")
    gone = b is None
    values = (old.get("type"), b)
    if removed | added == {"null"}:
        kind = "diff/nullability-narrowed" if removed else "diff/nullability-widened"
        out.append(_delta(p, kind, where, q, NARROW if removed else WIDEN, *values, removed=gone))
        return
    core_removed = removed - {"null"}
    core_added = added - {"null"}
    # null beside other types is part of one type change, not a nullability change of its own
    if "null" in removed and not core_removed:
        out.append(_delta(p, "diff/nullability-narrowed", where, q, NARROW, *values, removed=gone))
    if "null" in added and not core_added:
        out.append(_delta(p, "diff/nullability-widened", where, q, WIDEN, *values, removed=gone))
    if core_removed and core_added:
        out.append(_delta(p, "diff/type-changed", where, q, CHANGE, *values, removed=gone))
    elif core_removed:
        out.append(_delta(p, "diff/type-narrowed", where, q, NARROW, *values, removed=gone))
    elif core_added:
        out.append(_delta(p, "diff/type-widened", where, q, WIDEN, *values, removed=gone))


def _enum_delta(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta]
) -> None:
    a, b = old.get("enum"), new.get("enum")
    if not isinstance(a, list) and not isinstance(b, list):
        return
    if not isinstance(a, list):
        out.append(_delta(p, "diff/enum-added", join(p, "enum"), q, NARROW, None, b))
        return
    if not isinstance(b, list):
        out.append(_delta(p, "diff/enum-removed", join(q, "enum"), q, WIDEN, a, None, removed=True))
        return
    before = {literal(v): v for v in a}
    after = {literal(v): v for v in b}
    if before.keys() == after.keys():
        return
    if len(a) == 1 and len(b) == 1:
        out.append(_delta(p, "diff/const-changed", join(p, "enum"), q, CHANGE, a[0], b[0]))
        return
    for key, value in before.items():
        if key not in after:
            out.append(
                _delta(
                    p,
                    "diff/enum-value-removed",
                    join(p, "enum"),
                    q,
                    NARROW,
                    value,
                    None,
                    discriminator=key,
                )
            )
    for key, value in after.items():
        if key not in before:
            out.append(
                _delta(
                    p,
                    "diff/enum-value-added",
                    join(p, "enum"),
                    q,
                    WIDEN,
                    None,
                    value,
                    discriminator=key,
                )
            )


def _numeric_delta(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta]
) -> None:
    for pick, tighter_if_greater in ((_lower, True), (_upper, False)):
        a, b = pick(old), pick(new)
        if a is None and b is None:
            continue
        if a is not None and b is not None and a[0] == b[0] and a[1] == b[1]:
            continue
        if b is None:
            assert a is not None
            out.append(
                _delta(
                    p,
                    "diff/numeric-bound-widened",
                    join(q, a[2]),
                    q,
                    WIDEN,
                    a[0],
                    None,
                    removed=True,
                )
            )
            continue
        if a is None:
            out.append(
                _delta(p, "diff/numeric-bound-narrowed", join(p, b[2]), q, NARROW, None, b[0])
            )
            continue
        greater = b[0] > a[0] or (b[0] == a[0] and b[1] and not a[1])
        tighter = greater if tighter_if_greater else (b[0] < a[0] or (b[0] == a[0] and b[1]))
        kind = "diff/numeric-bound-narrowed" if tighter else "diff/numeric-bound-widened"
        out.append(_delta(p, kind, join(p, b[2]), q, NARROW if tighter else WIDEN, a[0], b[0]))
    a_m, b_m = old.get("multipleOf"), new.get("multipleOf")
    if not same(a_m, b_m):
        if b_m is None:
            out.append(
                _delta(
                    p,
                    "diff/numeric-bound-widened",
                    join(q, "multipleOf"),
                    q,
                    WIDEN,
                    a_m,
                    None,
                    removed=True,
                )
            )
        elif a_m is None or not _divides(b_m, a_m):
            out.append(
                _delta(p, "diff/numeric-bound-narrowed", join(p, "multipleOf"), q, NARROW, a_m, b_m)
            )
        else:
            out.append(
                _delta(p, "diff/numeric-bound-widened", join(p, "multipleOf"), q, WIDEN, a_m, b_m)
            )


def _divides(divisor: JSON, value: JSON) -> bool:
    if not (_num(divisor) and _num(value)) or divisor == 0:
        return False
    try:
        ratio = value / divisor
    except OverflowError:
        return False
    return math.isfinite(ratio) and abs(ratio - round(ratio)) < 1e-9


def _length_delta(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta]
) -> None:
    for low, high in _LENGTH:
        for key, narrower_if_greater in ((low, True), (high, False)):
            a, b = old.get(key), new.get(key)
            if same(a, b) or not (a is None or _num(a)) or not (b is None or _num(b)):
                continue
            if b is None:
                out.append(
                    _delta(
                        p,
                        "diff/length-bound-widened",
                        join(q, key),
                        q,
                        WIDEN,
                        a,
                        None,
                        removed=True,
                    )
                )
                continue
            narrower = a is None or (b > a if narrower_if_greater else b < a)
            kind = "diff/length-bound-narrowed" if narrower else "diff/length-bound-widened"
            out.append(_delta(p, kind, join(p, key), q, NARROW if narrower else WIDEN, a, b))
    a_u, b_u = bool(old.get("uniqueItems")), bool(new.get("uniqueItems"))
    if a_u != b_u:
        kind = "diff/length-bound-narrowed" if b_u else "diff/length-bound-widened"
        out.append(
            _delta(
                p,
                kind,
                join(p if b_u else q, "uniqueItems"),
                q,
                NARROW if b_u else WIDEN,
                a_u,
                b_u,
                removed=not b_u,
            )
        )


def prose(value: JSON) -> JSON:
    """A description or title as the model reads it: runs of whitespace are one space, none
    at the ends (a re-wrapped paragraph is the same prompt)."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _annotation_delta(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta]
) -> None:
    for key in ("description", "title"):
        a, b = old.get(key), new.get(key)
        if prose(a) != prose(b) and (isinstance(a, str) or isinstance(b, str)):
            where, gone = (join(q, key), True) if key not in new else (join(p, key), False)
            out.append(
                _delta(p, "diff/description-changed", where, p, ANNOTATE, a, b, removed=gone)
            )
    if "default" in old or "default" in new:
        a, b = old.get("default"), new.get("default")
        if ("default" in old) != ("default" in new) or not same(a, b):
            where, gone = (
                (join(q, "default"), True)
                if "default" not in new
                else (
                    join(p, "default"),
                    False,
                )
            )
            out.append(_delta(p, "diff/default-changed", where, p, ANNOTATE, a, b, removed=gone))


def _explicit_map(node: dict[str, JSON]) -> bool:
    """Whether an object declares arbitrary names (closed world): explicit extra properties."""
    extra = node.get("additionalProperties")
    return (isinstance(extra, dict) and extra != FALSE_SCHEMA) or "patternProperties" in node


def _object_delta(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta], depth: int
) -> None:
    a_props: dict[str, JSON] = old["properties"] if isinstance(old.get("properties"), dict) else {}
    b_props: dict[str, JSON] = new["properties"] if isinstance(new.get("properties"), dict) else {}
    a_req = set(old.get("required") or []) if isinstance(old.get("required"), list) else set()
    b_req = set(new.get("required") or []) if isinstance(new.get("required"), list) else set()
    for name, sub in a_props.items():
        if name in b_props:
            _walk(
                _as_node(sub),
                _as_node(b_props[name]),
                join(p, "properties", name),
                join(q, "properties", name),
                out,
                depth + 1,
            )
        else:
            out.append(
                _delta(
                    p,
                    "diff/property-removed",
                    join(q, "properties", name),
                    q,
                    CHANGE,
                    sub,
                    None,
                    discriminator=name,
                    removed=True,
                )
            )
    for name, sub in b_props.items():
        if name in a_props:
            continue
        where = join(p, "properties", name)
        if name in b_req and name not in a_req:
            out.append(
                _delta(
                    p,
                    "diff/required-property-added",
                    where,
                    q,
                    NARROW,
                    None,
                    sub,
                    discriminator=name,
                )
            )
        else:
            # Closed world: a name the old schema never declared is no part of its contract,
            # unless it explicitly accepted extra properties (a map) — then check for real.
            action = CHANGE if _explicit_map(old) else WIDEN
            out.append(
                _delta(
                    p,
                    "diff/optional-property-added",
                    where,
                    q,
                    action,
                    None,
                    sub,
                    discriminator=name,
                )
            )
    common = [n for n in a_props if n in b_props]
    order = [n for n in b_props if n in a_props]
    if common != order:
        out.append(
            _delta(
                p, "diff/property-order-changed", join(p, "properties"), q, ANNOTATE, common, order
            )
        )
    for name in sorted(b_req - a_req):
        if name in b_props and name not in a_props:
            continue  # reported as diff/required-property-added
        where = join(p, "properties", name) if name in b_props else join(p, "required")
        out.append(
            _delta(
                p, "diff/property-became-required", where, q, NARROW, None, name, discriminator=name
            )
        )
    for name in sorted(a_req - b_req):
        if name in a_props and name not in b_props:
            continue  # reported as diff/property-removed
        where = join(p, "properties", name) if name in b_props else join(q, "required")
        out.append(
            _delta(
                p,
                "diff/property-became-optional",
                where,
                q,
                WIDEN,
                name,
                None,
                discriminator=name,
                removed=name not in b_props,
            )
        )
    a_extra, b_extra = old.get("additionalProperties"), new.get("additionalProperties")
    if not same(a_extra, b_extra):
        a_node, b_node = _as_node(a_extra), _as_node(b_extra)
        if (
            isinstance(a_extra, dict)
            and isinstance(b_extra, dict)
            and FALSE_SCHEMA not in (a_extra, b_extra)
        ):
            _walk(
                a_node,
                b_node,
                join(p, "additionalProperties"),
                join(q, "additionalProperties"),
                out,
                depth + 1,
            )
        elif b_node == FALSE_SCHEMA or (a_extra is None and b_extra is not None):
            out.append(
                _delta(
                    p,
                    "diff/additional-properties-narrowed",
                    join(p, "additionalProperties"),
                    q,
                    NARROW,
                    a_extra,
                    b_extra,
                )
            )
        else:
            where = join(p if b_extra is not None else q, "additionalProperties")
            out.append(
                _delta(
                    p,
                    "diff/additional-properties-widened",
                    where,
                    q,
                    WIDEN,
                    a_extra,
                    b_extra,
                    removed=b_extra is None,
                )
            )
    for key in ("dependentRequired", "patternProperties", "dependentSchemas", "propertyNames"):
        a, b = old.get(key), new.get(key)
        if not same(a, b):
            where = join(p if b is not None else q, key)
            out.append(
                _delta(
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


def _array_delta(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta], depth: int
) -> None:
    a_items, b_items = old.get("items"), new.get("items")
    a_prefix = old.get("prefixItems") if isinstance(old.get("prefixItems"), list) else None
    b_prefix = new.get("prefixItems") if isinstance(new.get("prefixItems"), list) else None
    if a_prefix is None and b_prefix is None:
        if not same(a_items, b_items):
            _walk(
                _as_node(a_items),
                _as_node(b_items),
                join(p, "items"),
                join(q, "items"),
                out,
                depth + 1,
            )
        return
    if same(a_prefix, b_prefix) and not same(a_items, b_items):
        _walk(
            _as_node(a_items), _as_node(b_items), join(p, "items"), join(q, "items"), out, depth + 1
        )
        return
    if (
        a_prefix is not None
        and b_prefix is not None
        and len(a_prefix) == len(b_prefix)
        and same(a_items, b_items)
    ):
        for index, (x, y) in enumerate(zip(a_prefix, b_prefix, strict=True)):
            _walk(
                _as_node(x),
                _as_node(y),
                join(p, "prefixItems", index),
                join(q, "prefixItems", index),
                out,
                depth + 1,
            )
        return
    where = join(p, "prefixItems") if b_prefix is not None else join(q, "prefixItems")
    out.append(
        _delta(
            p,
            "diff/items-changed",
            where,
            q,
            CHANGE,
            {"prefixItems": a_prefix, "items": a_items},
            {"prefixItems": b_prefix, "items": b_items},
            removed=b_prefix is None,
        )
    )


def _signature(node: JSON) -> str:
    if isinstance(node, dict):
        return literal(sorted(node.get("type") or [])) + literal(
            sorted(node.get("properties") or {})
        )
    return literal(node)


def _composition_delta(
    keyword: str,
    old: dict[str, JSON],
    new: dict[str, JSON],
    p: str,
    q: str,
    out: list[Delta],
    depth: int,
) -> None:
    a = old.get(keyword) if isinstance(old.get(keyword), list) else None
    b = new.get(keyword) if isinstance(new.get(keyword), list) else None
    if a is None and b is None:
        return
    a_list: list[JSON] = list(a or [])
    b_list: list[JSON] = list(b or [])
    if same(a_list, b_list):
        return
    left = list(range(len(a_list)))
    right = list(range(len(b_list)))
    for i in list(left):
        for j in right:
            if same(a_list[i], b_list[j]):
                left.remove(i)
                right.remove(j)
                break
    # Pair leftovers one-to-one by shape (same types and property names) and walk into them,
    # so a constraint changed inside a branch is reported as that constraint.
    paired = []
    if len(left) == 1 and len(right) == 1:
        paired.append((left[0], right[0]))
    else:
        for i in list(left):
            matches = [j for j in right if _signature(b_list[j]) == _signature(a_list[i])]
            if len(matches) == 1:
                paired.append((i, matches[0]))
                right.remove(matches[0])
        left = [i for i in left if i not in {x for x, _ in paired}]
    for i, j in paired:
        if i in left:
            left.remove(i)
        if j in right:
            right.remove(j)
        _walk(
            _as_node(a_list[i]),
            _as_node(b_list[j]),
            join(p, keyword, j),
            join(q, keyword, i),
            out,
            depth + 1,
        )
    if a is None and len(right) > 1 and not paired:
        # The keyword itself is new: one change (every value must now match its branches),
        # not one "branch added" per branch, each claiming the same witness.
        out.append(
            _delta(
                p,
                "diff/composition-branch-added",
                join(p, keyword),
                q,
                CHANGE,
                None,
                b_list,
                discriminator=f"{keyword}/{literal(b_list)}",
            )
        )
        return
    if b is None and len(left) > 1 and not paired:
        # The keyword is gone as a whole: one change.
        out.append(
            _delta(
                p,
                "diff/composition-branch-removed",
                join(q, keyword),
                q,
                CHANGE,
                a_list,
                None,
                discriminator=f"{keyword}/{literal(a_list)}",
                removed=True,
            )
        )
        return
    for i in left:
        out.append(
            _delta(
                p,
                "diff/composition-branch-removed",
                join(q, keyword, i),
                q,
                CHANGE,
                a_list[i],
                None,
                discriminator=f"{keyword}/{literal(a_list[i])}",
                removed=True,
            )
        )
    for j in right:
        # An anyOf branch can only widen; a oneOf branch can also make an instance match twice.
        action = WIDEN if keyword == "anyOf" and a is not None else CHANGE
        out.append(
            _delta(
                p,
                "diff/composition-branch-added",
                join(p, keyword, j),
                q,
                action,
                None,
                b_list[j],
                discriminator=f"{keyword}/{literal(b_list[j])}",
            )
        )
