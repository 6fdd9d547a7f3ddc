"""The literals the folds read and write: type sets, enum members, defaults and bounds, each in
one spelling (``1.0`` is ``1``; ``"string"`` is ``["string"]``).
"""

from __future__ import annotations

import json
import math
from typing import TypeGuard

from schemadrift.model import JSON

ALL_TYPES = frozenset({"array", "boolean", "null", "number", "object", "string"})
FALSE_SCHEMA: dict[str, JSON] = {"not": {}}

# Keywords that only annotate: they never change which values are accepted.
ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "default",
        "examples",
        "$comment",
        "deprecated",
        "readOnly",
        "writeOnly",
        "$id",
        "$schema",
        "$anchor",
        "$dynamicAnchor",
        "$vocabulary",
        "propertyOrdering",
    }
)


def number(value: JSON) -> JSON:
    """An integral float as the int it equals (``1.0`` is ``1`` in JSON)."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def literal(value: JSON) -> JSON:
    """A literal (enum member, default) with integral floats folded, recursively."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        return number(value)
    if isinstance(value, list):
        return [literal(v) for v in value]
    if isinstance(value, dict):
        return {k: literal(v) for k, v in value.items()}
    return value


def json_key(value: JSON) -> str:
    """One text per JSON value: equal values (``1`` and ``1.0``, any key order) share it."""
    return json.dumps(literal(value), sort_keys=True, separators=(",", ":"))


def dedupe(values: list[JSON]) -> list[JSON]:
    """``values`` folded, each once, in the order they first appear."""
    seen: dict[str, JSON] = {}
    for value in values:
        seen.setdefault(json_key(value), literal(value))
    return list(seen.values())


def type_set(node: dict[str, JSON]) -> frozenset[str] | None:
    """The types a canonical node allows, or ``None`` when it sets no type."""
    types = node.get("type")
    if types is None:
        return None
    return frozenset(types)


def type_list(value: JSON) -> list[str] | None:
    """A ``type`` value as a sorted list (``integer`` within ``number`` dropped); ``None`` when
    it is not a type name or a list of them."""
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = list(value)
    else:
        return None
    found = set(items)
    if "number" in found:
        found.discard("integer")
    return sorted(found)


def is_false(node: JSON) -> bool:
    """The schema that accepts nothing, in either spelling."""
    return node is False or (isinstance(node, dict) and node.get("not") == {} and len(node) == 1)


def strings(value: JSON) -> TypeGuard[list[str]]:
    """A list of strings (a canonical `type` or `required`); anything else is left alone."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def is_num(value: JSON) -> TypeGuard[float]:
    """A JSON number (``bool`` is not one)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def only(node: JSON, keys: set[str]) -> bool:
    """A non-empty node that holds no keyword but ``keys``."""
    return isinstance(node, dict) and bool(node) and set(node) <= keys
