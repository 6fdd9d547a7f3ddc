"""The walk's vocabulary: ``Delta`` records, their actions, and JSON value helpers.

What ``compare`` and its keyword and structure deltas share: the four actions, the ``Delta``
record and ``delta_at`` to make one, JSON equality (``same``), stable literals, the walk's depth
limits, and ``Walk``, the signature of the recursive walk that structure deltas are handed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from schemadrift.diff.transitions import FALSE_SCHEMA
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


def delta_at(where: str, *args: JSON, removed: bool = False, **fields: JSON) -> Delta:
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


def as_node(value: JSON) -> dict[str, JSON]:
    if value is True or value is None:
        return {}
    if value is False:
        return dict(FALSE_SCHEMA)
    return value if isinstance(value, dict) else {}


MAX_DEPTH = 64
"""Subschema levels the walk descends (it recurses). Below them, a subtree that differs is one
``diff/schema-changed`` of the whole subtree: coarser, never silent."""

SHOWN_DEPTH = 16
"""Values nested deeper than this are not carried into a finding (``shallow``)."""


def shallow(value: JSON) -> JSON:
    """``value`` if it nests at most ``SHOWN_DEPTH`` levels, else ``None`` (not shown)."""
    return value if nesting_depth(value, SHOWN_DEPTH) <= SHOWN_DEPTH else None


Walk = Callable[[dict[str, JSON], dict[str, JSON], str, str, list["Delta"], int], None]
"""The recursive walk (``compare._walk``): old node, new node, their pointers (new side, old
side), the deltas found so far, and the depth."""
