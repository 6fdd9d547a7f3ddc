"""Parallel walk of two JSON values: where do they differ?

Knows nothing about verdicts (oasdiff's ``diff/`` vs ``checker/``): it reports the pointers
of the deepest differing values, comparing numbers by value (``1 == 1.0``) and objects by
content (key order within a keyword's value is not a difference).
"""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.model import JSON
from schemadrift.schema.pointer import join


def same(a: JSON, b: JSON) -> bool:
    """JSON equality: numbers by value, booleans distinct from numbers, dicts unordered."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b if isinstance(a, bool) and isinstance(b, bool) else False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


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
