"""The screen: a quick, pure-Python reading of whether a canonical node accepts a value.

Every candidate of every change passes through it, so it must be cheap; it may be wrong in rare
corners (cycles, formats it does not know), because a candidate it lets through is confirmed
by the real validators (``validators.py``) and the search falls back to them when it finds
nothing.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, TypeGuard

from schemadrift.diff.json_types import json_type
from schemadrift.model import JSON
from schemadrift.schema.refs import CYCLE_MARKER

_FORMAT_CHECKS: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    "uuid": re.compile(
        r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
    ),
    "date-time": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", re.I),
    "date": re.compile(r"^\d{4}-\d\d-\d\d$"),
    "time": re.compile(r"^\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", re.I),
    "uri": re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S*$"),
    "ipv4": re.compile(r"^(\d{1,3})(\.\d{1,3}){3}$"),
    "hostname": re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-.]*[A-Za-z0-9])?$"),
}


def is_number(value: JSON) -> TypeGuard[float]:
    """A JSON number: ``bool`` is an ``int`` to Python but never to JSON Schema."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def json_equal(a: JSON, b: JSON) -> bool:
    """Equality as JSON Schema reads it (``enum``, ``uniqueItems``): ``1 == 1.0``, ``1 != True``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    if is_number(a) and is_number(b):
        return bool(a == b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def pattern_matches(pattern: str, text: str) -> bool:
    """Whether ``pattern`` finds a match in ``text`` (a pattern Python cannot read: yes)."""
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return True  # a pattern Python cannot compile: let the real validator decide


_SCREEN_DEPTH = 160
"""Levels the screen reads (it recurses); past them it accepts and the validators decide. Deeper
than the diff's walk (64 levels): a change it reports is always within the screen's sight."""


def accepts(node: JSON, value: JSON, depth: int = 0) -> bool:
    """A quick screen: does the canonical ``node`` accept ``value``? (Confirmed elsewhere.)"""
    if node is True or node is None:
        return True
    if node is False:
        return False
    if not isinstance(node, dict) or depth > _SCREEN_DEPTH or CYCLE_MARKER in node:
        return True
    types = node.get("type")
    if isinstance(types, list):  # the value's type is named only when there is a list to match
        kind = json_type(value)
        if not (kind in types or (kind == "integer" and "number" in types)):
            return False
    enum = node.get("enum")
    if isinstance(enum, list) and not any(json_equal(value, item) for item in enum):
        return False
    # The value's kinds exclude each other (``is_number`` excludes booleans): one test each at
    # most, the common ones first; the screen runs on every candidate of every change.
    if isinstance(value, dict):
        if not _object_ok(node, value, depth):
            return False
    elif isinstance(value, str):
        if not _string_ok(node, value):
            return False
    elif isinstance(value, list):
        if not _array_ok(node, value, depth):
            return False
    elif is_number(value) and not _number_ok(node, value):
        return False
    for branch in node.get("allOf") or []:
        if not accepts(branch, value, depth + 1):
            return False
    any_of = node.get("anyOf")
    if isinstance(any_of, list) and not any(accepts(b, value, depth + 1) for b in any_of):
        return False
    one_of = node.get("oneOf")
    if isinstance(one_of, list) and sum(1 for b in one_of if accepts(b, value, depth + 1)) != 1:
        return False
    if "not" in node and accepts(node["not"], value, depth + 1):
        return False
    if "if" in node:
        branch = node.get("then") if accepts(node["if"], value, depth + 1) else node.get("else")
        if branch is not None and not accepts(branch, value, depth + 1):
            return False
    return True


def _number_ok(node: dict[str, Any], value: float) -> bool:
    """The numeric keywords of ``node`` on a number."""
    low, high = node.get("minimum"), node.get("maximum")
    if (low is not None and is_number(low) and value < low) or (
        high is not None and is_number(high) and value > high
    ):
        return False
    low, high = node.get("exclusiveMinimum"), node.get("exclusiveMaximum")
    if (low is not None and is_number(low) and value <= low) or (
        high is not None and is_number(high) and value >= high
    ):
        return False
    step = node.get("multipleOf")
    if step is not None and is_number(step) and step > 0:
        ratio = value / step
        if not math.isfinite(ratio) or abs(ratio - round(ratio)) > 1e-9:
            return False
    return True


def _string_ok(node: dict[str, Any], value: str) -> bool:
    """The string keywords of ``node`` on a string."""
    # Each bound is read once and tested for ``None`` before ``is_number``: most nodes have no
    # bounds, and the screen runs on every candidate of every change.
    length = len(value)
    low, high = node.get("minLength"), node.get("maxLength")
    if low is not None and is_number(low) and length < low:
        return False
    if high is not None and is_number(high) and length > high:
        return False
    if isinstance(node.get("pattern"), str) and not pattern_matches(node["pattern"], value):
        return False
    check = _FORMAT_CHECKS.get(node.get("format") or "")
    return check is None or check.match(value) is not None


def _array_ok(node: dict[str, Any], value: list[JSON], depth: int) -> bool:
    """The array keywords of ``node`` on an array, items screened in turn."""
    low, high = node.get("minItems"), node.get("maxItems")
    if low is not None and is_number(low) and len(value) < low:
        return False
    if high is not None and is_number(high) and len(value) > high:
        return False
    prefix: list[JSON] = node["prefixItems"] if isinstance(node.get("prefixItems"), list) else []
    for index, item in enumerate(value):
        schema = prefix[index] if index < len(prefix) else node.get("items", True)
        if not accepts(schema, item, depth + 1):
            return False
    if node.get("uniqueItems"):
        texts = [json.dumps(v, sort_keys=True) for v in value]
        if len(set(texts)) != len(texts):
            return False
    if "contains" in node:
        count = sum(1 for item in value if accepts(node["contains"], item, depth + 1))
        low = node.get("minContains", 1)
        high = node.get("maxContains")
        if count < low or (high is not None and count > high):
            return False
    return True


def _object_ok(node: dict[str, Any], value: dict[str, JSON], depth: int) -> bool:
    """The object keywords of ``node`` on an object, property values screened in turn."""
    low, high = node.get("minProperties"), node.get("maxProperties")
    if low is not None and is_number(low) and len(value) < low:
        return False
    if high is not None and is_number(high) and len(value) > high:
        return False
    for name in node.get("required") or []:
        if name not in value:
            return False
    props: dict[str, JSON] = node["properties"] if isinstance(node.get("properties"), dict) else {}
    patterns: dict[str, JSON] = (
        node["patternProperties"] if isinstance(node.get("patternProperties"), dict) else {}
    )
    # Which keywords the node has is looked up once, not once per property of the value.
    closed = "additionalProperties" in node
    additional = node.get("additionalProperties")
    named = "propertyNames" in node
    names = node.get("propertyNames")
    for name, item in value.items():
        matched = False
        if name in props:
            matched = True
            if not accepts(props[name], item, depth + 1):
                return False
        for pattern, schema in patterns.items():
            if pattern_matches(pattern, name):
                matched = True
                if not accepts(schema, item, depth + 1):
                    return False
        if not matched and closed and not accepts(additional, item, depth + 1):
            return False
        if named and not accepts(names, name, depth + 1):
            return False
    for name, needed in (node.get("dependentRequired") or {}).items():
        if name in value and any(n not in value for n in needed):
            return False
    for name, schema in (node.get("dependentSchemas") or {}).items():
        if name in value and not accepts(schema, value, depth + 1):
            return False
    return True
