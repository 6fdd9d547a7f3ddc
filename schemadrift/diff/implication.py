"""A proof that one schema accepts every value another accepts, when an easy one exists.

The witness search (``witness.py``) looks for a value one side of a change accepts and the
other rejects. When there is none it tries every candidate before it gives up: removing a
property from an open object, raising a ``maxLength`` or adding an ``enum`` value cost it a
full search, ~1 ms a change, to confirm what the two schemas show at a glance. ``accepts_all``
shows it first, and the search is skipped.

The proof is sound and incomplete: ``True`` means every value valid under ``narrow`` is valid
under ``wide`` (so no witness exists); ``False`` only means no proof was found, and the search
runs as before. Each keyword of ``wide`` must be implied by ``narrow`` through a rule below;
any keyword without one must appear in ``narrow`` with the same value (the same constraint on
the same value) unless it depends on sibling keywords, in which case no proof is attempted.
The forms are canonical (``transitions.canonical``): references inlined, ``const`` folded
into ``enum``, type sets as lists, booleans as ``{}`` and ``{"not": {}}``. A cycle marker or a
reference left in either side ends the attempt: those are judged by the real validators.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable

from schemadrift.diff.json_types import json_type
from schemadrift.diff.transitions import ANNOTATIONS, FALSE_SCHEMA
from schemadrift.model import JSON
from schemadrift.schema.refs import CYCLE_MARKER

MAX_DEPTH = 64

# Keywords whose meaning depends on siblings other than themselves: comparing their values
# alone proves nothing (``unevaluated*`` see every applicator; ``then``/``else`` follow ``if``).
_CONTEXTUAL = frozenset(
    {"unevaluatedProperties", "unevaluatedItems", "additionalItems", "if", "then", "else"}
)
# Keywords that are never proven, even when equal: they point elsewhere.
_UNRESOLVED = frozenset({"$ref", "$dynamicRef", "$recursiveRef", CYCLE_MARKER})
_LOWER = {"minLength", "minItems", "minProperties", "minContains"}
_UPPER = {"maxLength", "maxItems", "maxProperties", "maxContains"}


def accepts_all(wide: JSON, narrow: JSON, depth: int = 0) -> bool:
    """Whether every value valid under ``narrow`` is provably valid under ``wide``."""
    if _is_true(wide) or _is_false(narrow):
        return True
    if depth > MAX_DEPTH or not (isinstance(wide, dict) and isinstance(narrow, dict)):
        return False
    if _UNRESOLVED.intersection(wide) or _UNRESOLVED.intersection(narrow):
        return False
    for keyword, value in wide.items():
        if keyword in ANNOTATIONS:
            continue
        rule = _RULES.get(keyword)
        if rule is not None:
            if not rule(wide, narrow, depth + 1):
                return False
        elif keyword in _CONTEXTUAL or not _same(narrow.get(keyword, _ABSENT), value):
            return False
    return True


_ABSENT = object()


def _is_true(schema: JSON) -> bool:
    return schema is True or schema == {}


def _is_false(schema: JSON) -> bool:
    return schema is False or schema == FALSE_SCHEMA


def _same(a: object, b: object) -> bool:
    """JSON equality that tells ``1`` from ``true`` (Python's ``==`` does not)."""
    if a is _ABSENT or b is _ABSENT:
        return a is b
    try:
        return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        return False


def _types(node: dict[str, JSON]) -> set[str] | None:
    """The node's type set; ``None`` when it accepts every type (no ``type``)."""
    value = node.get("type")
    if value is None:
        return None
    if isinstance(value, str):
        return {value}
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return set(value)
    return set()  # unreadable: treated as accepting nothing provable


def _type(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
    allowed = _types(wide)
    present = _types(narrow)
    if allowed is None:
        return True
    if present is None:
        enum = narrow.get("enum")
        return isinstance(enum, list) and all(json_type(v) in allowed for v in enum)
    if "number" in allowed:
        allowed = allowed | {"integer"}
    return present <= allowed


def _enum(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
    allowed, present = wide.get("enum"), narrow.get("enum")
    if not (isinstance(allowed, list) and isinstance(present, list)):
        return False
    keys = {_key(value) for value in allowed}
    return all(_key(value) in keys for value in present)


def _key(value: JSON) -> str:
    return json.dumps(value, sort_keys=True)


def _text(value: JSON) -> str | None:
    """``_key(value)``, or ``None`` for what cannot be dumped (it then equals nothing)."""
    try:
        return _key(value)
    except (TypeError, ValueError, RecursionError):
        return None


def _required(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
    needed, given = wide.get("required"), narrow.get("required", [])
    if not (isinstance(needed, list) and isinstance(given, list)):
        return False
    return set(map(_key, needed)) <= set(map(_key, given))


def _map(node: dict[str, JSON], keyword: str) -> dict[str, JSON] | None:
    value = node.get(keyword, {})
    return value if isinstance(value, dict) else None


def _properties(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
    """Each property ``wide`` constrains is constrained at least as much by ``narrow``: by
    its own subschema, or by what ``narrow`` allows for names it does not list."""
    wide_props, narrow_props = _map(wide, "properties"), _map(narrow, "properties")
    if wide_props is None or narrow_props is None or narrow.get("patternProperties"):
        return False
    for name, schema in wide_props.items():
        own = narrow_props.get(name, _ABSENT)
        other = own if own is not _ABSENT else narrow.get("additionalProperties", {})
        if not accepts_all(schema, other, depth):
            return False
    return True


def _additional(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
    """Names ``wide`` does not list must satisfy its ``additionalProperties``: every name
    ``narrow`` lets through that ``wide`` does not list must then be held to it."""
    schema = wide["additionalProperties"]
    wide_props, narrow_props = _map(wide, "properties"), _map(narrow, "properties")
    if wide_props is None or narrow_props is None:
        return False
    if wide.get("patternProperties") or narrow.get("patternProperties"):
        return False
    for name, sub in narrow_props.items():
        if name not in wide_props and not accepts_all(schema, sub, depth):
            return False
    return accepts_all(schema, narrow.get("additionalProperties", {}), depth)


def _items(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
    if "prefixItems" in wide or "prefixItems" in narrow:
        return _same(wide.get("prefixItems", _ABSENT), narrow.get("prefixItems", _ABSENT)) and (
            accepts_all(wide["items"], narrow.get("items", {}), depth)
        )
    return accepts_all(wide["items"], narrow.get("items", {}), depth)


def _prefix(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
    return _same(wide["prefixItems"], narrow.get("prefixItems", _ABSENT))


def _any_of(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
    """Every ``narrow`` value meets one branch of ``wide``: ``narrow`` as a whole fits one
    branch, or each of its own branches fits one."""
    branches = wide["anyOf"]
    if not isinstance(branches, list):
        return False
    if any(accepts_all(branch, narrow, depth) for branch in branches):
        return True
    own = narrow.get("anyOf")
    if not isinstance(own, list):
        return False
    # A part equal to a branch fits it: found by its text, where a scan of every branch for
    # every part made an edited wide union quadratic (1,000 branches: 500,000 proofs).
    listed = {_text(branch) for branch in branches} - {None}
    return all(
        _text(part) in listed or any(accepts_all(branch, part, depth) for branch in branches)
        for part in own
    )


def _all_of(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
    parts = wide["allOf"]
    return isinstance(parts, list) and all(accepts_all(part, narrow, depth) for part in parts)


def _number(value: JSON) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# For each bound of ``wide``: the bounds of ``narrow`` on the same side, and how each value
# must compare with the limit to be at least as tight (an exclusive bound at the limit is
# tighter than an inclusive one; an inclusive one must pass an exclusive limit).
_GE, _GT, _LE, _LT = operator.ge, operator.gt, operator.le, operator.lt
_TIGHTER: dict[str, tuple[tuple[str, Callable[[float, float], bool]], ...]] = {
    "minimum": (("minimum", _GE), ("exclusiveMinimum", _GE)),
    "exclusiveMinimum": (("exclusiveMinimum", _GE), ("minimum", _GT)),
    "maximum": (("maximum", _LE), ("exclusiveMaximum", _LE)),
    "exclusiveMaximum": (("exclusiveMaximum", _LE), ("maximum", _LT)),
    **{name: ((name, _GE),) for name in _LOWER},
    **{name: ((name, _LE),) for name in _UPPER},
}


def _bound_rule(keyword: str) -> Callable[[dict[str, JSON], dict[str, JSON], int], bool]:
    """The rule of one bound of ``wide``: ``narrow`` holds one at least as tight."""

    def rule(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
        limit = wide[keyword]
        if not _number(limit):
            return False
        for name, tight in _TIGHTER[keyword]:
            value = narrow.get(name)
            if _number(value) and tight(value, limit):  # type: ignore[arg-type]
                return True
        return False

    return rule


def _unique(wide: dict[str, JSON], narrow: dict[str, JSON], depth: int) -> bool:
    return wide["uniqueItems"] is not True or narrow.get("uniqueItems") is True


_RULES: dict[str, Callable[[dict[str, JSON], dict[str, JSON], int], bool]] = {
    "type": _type,
    "enum": _enum,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional,
    "items": _items,
    "prefixItems": _prefix,
    "anyOf": _any_of,
    "allOf": _all_of,
    "uniqueItems": _unique,
    **{keyword: _bound_rule(keyword) for keyword in _TIGHTER},
}
