"""Deltas of one node's value keywords: type, enum, numeric and length bounds, annotations.

Each function compares one keyword family of an old and a new node and appends what it finds
to ``out``; none of them descends into subschemas (``structure_deltas`` does).
"""

from __future__ import annotations

import math

from schemadrift.diff.delta import ANNOTATE, CHANGE, NARROW, WIDEN, Delta, delta_at, literal, same
from schemadrift.diff.json_types import effective_types
from schemadrift.model import JSON
from schemadrift.schema.pointer import join

_LENGTH = (
    ("minLength", "maxLength"),
    ("minItems", "maxItems"),
    ("minProperties", "maxProperties"),
    ("minContains", "maxContains"),
)


def _types(node: dict[str, JSON]) -> frozenset[str] | None:
    value = node.get("type")
    return frozenset(value) if isinstance(value, list) else None


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


def types_delta(
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
        out.append(delta_at(p, kind, where, q, NARROW if removed else WIDEN, *values, removed=gone))
        return
    core_removed = removed - {"null"}
    core_added = added - {"null"}
    # null beside other types is part of one type change, not a nullability change of its own
    if "null" in removed and not core_removed:
        out.append(
            delta_at(p, "diff/nullability-narrowed", where, q, NARROW, *values, removed=gone)
        )
    if "null" in added and not core_added:
        out.append(delta_at(p, "diff/nullability-widened", where, q, WIDEN, *values, removed=gone))
    if core_removed and core_added:
        out.append(delta_at(p, "diff/type-changed", where, q, CHANGE, *values, removed=gone))
    elif core_removed:
        out.append(delta_at(p, "diff/type-narrowed", where, q, NARROW, *values, removed=gone))
    elif core_added:
        out.append(delta_at(p, "diff/type-widened", where, q, WIDEN, *values, removed=gone))


def enum_delta(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta]
) -> None:
    a, b = old.get("enum"), new.get("enum")
    if not isinstance(a, list) and not isinstance(b, list):
        return
    if not isinstance(a, list):
        out.append(delta_at(p, "diff/enum-added", join(p, "enum"), q, NARROW, None, b))
        return
    if not isinstance(b, list):
        out.append(
            delta_at(p, "diff/enum-removed", join(q, "enum"), q, WIDEN, a, None, removed=True)
        )
        return
    before = {literal(v): v for v in a}
    after = {literal(v): v for v in b}
    if before.keys() == after.keys():
        return
    if len(a) == 1 and len(b) == 1:
        out.append(delta_at(p, "diff/const-changed", join(p, "enum"), q, CHANGE, a[0], b[0]))
        return
    for key, value in before.items():
        if key not in after:
            out.append(
                delta_at(
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
                delta_at(
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


def numeric_delta(
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
                delta_at(
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
                delta_at(p, "diff/numeric-bound-narrowed", join(p, b[2]), q, NARROW, None, b[0])
            )
            continue
        greater = b[0] > a[0] or (b[0] == a[0] and b[1] and not a[1])
        tighter = greater if tighter_if_greater else (b[0] < a[0] or (b[0] == a[0] and b[1]))
        kind = "diff/numeric-bound-narrowed" if tighter else "diff/numeric-bound-widened"
        out.append(delta_at(p, kind, join(p, b[2]), q, NARROW if tighter else WIDEN, a[0], b[0]))
    a_m, b_m = old.get("multipleOf"), new.get("multipleOf")
    if not same(a_m, b_m):
        if b_m is None:
            out.append(
                delta_at(
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
                delta_at(
                    p, "diff/numeric-bound-narrowed", join(p, "multipleOf"), q, NARROW, a_m, b_m
                )
            )
        else:
            out.append(
                delta_at(p, "diff/numeric-bound-widened", join(p, "multipleOf"), q, WIDEN, a_m, b_m)
            )


def _divides(divisor: JSON, value: JSON) -> bool:
    if not (_num(divisor) and _num(value)) or divisor == 0:
        return False
    try:
        ratio = value / divisor
    except OverflowError:
        return False
    return math.isfinite(ratio) and abs(ratio - round(ratio)) < 1e-9


def length_delta(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta]
) -> None:
    for low, high in _LENGTH:
        for key, narrower_if_greater in ((low, True), (high, False)):
            a, b = old.get(key), new.get(key)
            if same(a, b) or not (a is None or _num(a)) or not (b is None or _num(b)):
                continue
            if b is None:
                out.append(
                    delta_at(
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
            out.append(delta_at(p, kind, join(p, key), q, NARROW if narrower else WIDEN, a, b))
    a_u, b_u = bool(old.get("uniqueItems")), bool(new.get("uniqueItems"))
    if a_u != b_u:
        kind = "diff/length-bound-narrowed" if b_u else "diff/length-bound-widened"
        out.append(
            delta_at(
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


def annotation_delta(
    old: dict[str, JSON], new: dict[str, JSON], p: str, q: str, out: list[Delta]
) -> None:
    for key in ("description", "title"):
        a, b = old.get(key), new.get(key)
        if prose(a) != prose(b) and (isinstance(a, str) or isinstance(b, str)):
            where, gone = (join(q, key), True) if key not in new else (join(p, key), False)
            out.append(
                delta_at(p, "diff/description-changed", where, p, ANNOTATE, a, b, removed=gone)
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
            out.append(delta_at(p, "diff/default-changed", where, p, ANNOTATE, a, b, removed=gone))
