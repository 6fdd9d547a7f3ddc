"""Merging: the ``allOf`` of two canonical nodes as one node, where their keywords combine.

Used by the folds that take a branch into its node (one branch left, a type or enum union, a
nullable branch, ``allOf`` branches). A keyword that reads its siblings must see the same
siblings after a merge, or the merge is not made.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from schemadrift.diff.transitions.values import (
    ANNOTATIONS,
    FALSE_SCHEMA,
    is_false,
    is_num,
    json_key,
    strings,
)
from schemadrift.model import JSON
from schemadrift.schema.refs import CYCLE_MARKER, REF_KEYWORDS

Settle = Callable[[dict[str, JSON]], dict[str, JSON]]
"""``canonical.settle``: a node whose subschemas are canonical, folded until no fold applies."""

# Keywords that change what they mean when put beside more keywords. An applicator's
# annotations feed `unevaluated*`; a reference or a cycle marker stands for a whole schema.
APPLICATORS = frozenset(
    {
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
        "dependentSchemas",
        CYCLE_MARKER,
        *REF_KEYWORDS,
    }
)
_READERS: dict[str, frozenset[str]] = {
    "additionalProperties": frozenset({"properties", "patternProperties"}),
    "items": frozenset({"prefixItems"}),
    "additionalItems": frozenset({"items", "prefixItems"}),
    "then": frozenset({"if"}),
    "else": frozenset({"if"}),
    "contains": frozenset({"minContains", "maxContains"}),
    "minContains": frozenset({"contains"}),
    "maxContains": frozenset({"contains"}),
    "unevaluatedProperties": APPLICATORS
    | {"properties", "patternProperties", "additionalProperties"},
    "unevaluatedItems": APPLICATORS | {"prefixItems", "items", "contains"},
}
"""For each keyword that reads sibling keywords, the siblings it reads (2020-12). A merge
that would show it other siblings than it had (`additionalProperties` beside another
branch's `properties`) changes which values are accepted, so it is not made."""

_LOWER = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"})
_UPPER = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"})
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "dependentSchemas"})
_SCHEMA_VALUES = frozenset(
    {"items", "additionalProperties", "propertyNames", "unevaluatedProperties", "unevaluatedItems"}
)
_CONFLICT = object()
_ABSENT = object()


def _same(a: object, b: object) -> bool:
    """Whether two keyword values are one (``_ABSENT``: the keyword is missing)."""
    if a is b:
        return True
    if a is _ABSENT or b is _ABSENT:
        return False
    return json_key(a) == json_key(b)


def merge(base: dict[str, JSON], extra: dict[str, JSON], settle: Settle) -> dict[str, JSON] | None:
    """``allOf`` of two canonical nodes as one node, or ``None`` when they do not combine.

    A keyword in both combines where the meet has one spelling (types and enums intersect,
    bounds take the tighter, `required` and `properties` unite, subschemas of one keyword
    become an `allOf`); `base`'s annotations win (it is the outer node, what the model
    reads). A keyword that reads its siblings (``_READERS``) must see the same siblings in the
    merged node as it did on its own side. ``settle`` makes a subschema both sides hold
    canonical again (``canonical.settle``, passed in: settling runs the branch folds, which
    merge)."""
    if is_false(base) or is_false(extra):
        return dict(FALSE_SCHEMA)
    out = dict(base)
    for key, value in extra.items():
        if key not in out:
            out[key] = value
            continue
        if key in ANNOTATIONS or _same(out[key], value):
            continue
        combined = _combine(key, out[key], value, settle)
        if combined is _CONFLICT:
            return None
        out[key] = combined
    for side in (base, extra):
        for key in side:
            readers = _READERS.get(key)
            if readers is not None and not all(
                _same(out.get(name, _ABSENT), side.get(name, _ABSENT)) for name in readers
            ):
                return None
    return out


def _combine(key: str, a: JSON, b: JSON, settle: Settle) -> JSON:
    """One keyword's two values in an ``allOf`` as one value, or ``_CONFLICT``."""
    if key == "type" and strings(a) and strings(b):
        return sorted(set(a) & set(b) | _integer_meet(a, b))
    if key == "required" and strings(a) and strings(b):
        return list(dict.fromkeys([*a, *b]))
    if key == "enum" and isinstance(a, list) and isinstance(b, list):
        keys = {json_key(v) for v in b}
        return [v for v in a if json_key(v) in keys]
    if key in _LOWER and is_num(a) and is_num(b):
        return max(a, b)
    if key in _UPPER and is_num(a) and is_num(b):
        return min(a, b)
    if key == "multipleOf" and is_num(a) and is_num(b):
        return b if _multiple(b, a) else a if _multiple(a, b) else _CONFLICT
    if key in _SCHEMA_VALUES and isinstance(a, dict) and isinstance(b, dict):
        return _both(a, b, settle)
    if key in _SCHEMA_MAPS and isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for name, schema in b.items():
            mine = out.get(name)
            if mine is None:
                out[name] = schema
            elif isinstance(mine, dict) and isinstance(schema, dict):
                out[name] = _both(mine, schema, settle)
            else:
                return _CONFLICT
        return out
    if key == "dependentRequired" and isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for name, needed in b.items():
            mine = out.get(name)
            if mine is None:
                out[name] = needed
            elif strings(mine) and strings(needed):
                out[name] = list(dict.fromkeys([*mine, *needed]))
            else:
                return _CONFLICT
        return out
    if key == "allOf" and isinstance(a, list) and isinstance(b, list):
        return [*a, *b]
    return _CONFLICT


def _multiple(value: JSON, step: JSON) -> bool:
    """Whether ``value`` is a whole multiple of ``step`` (so `multipleOf: value` implies
    `multipleOf: step`)."""
    if not (is_num(value) and is_num(step)) or step == 0:
        return False
    ratio = value / step
    return math.isfinite(ratio) and abs(ratio - round(ratio)) < 1e-9


def _both(a: dict[str, JSON], b: dict[str, JSON], settle: Settle) -> JSON:
    """Two canonical subschemas that must both hold, as one canonical subschema (settled like
    any node)."""
    return settle({"allOf": [a, b]})


def _integer_meet(a: list[str], b: list[str]) -> set[str]:
    """``integer`` survives ``number`` ∩ ``integer`` (integer is a subset of number)."""
    if ("integer" in a and "number" in b) or ("number" in a and "integer" in b):
        return {"integer"}
    return set()
