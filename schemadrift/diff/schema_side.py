"""The changes of one schema side of a tool pair (input or output), judged.

Both sides are made canonical and walked in parallel (``compare``); each raw delta is located
in the real schema, described, and sent to the witness search for its direction. A schema the
walk cannot read (invalid, or not JSON Schema) is compared structurally instead, as
``diff/invalid-schema-changed``. Gemini's OpenAPI 3.0 schemas are read as JSON Schema first.
"""

from __future__ import annotations

import json
from dataclasses import replace

from schemadrift.diff.compare import compare
from schemadrift.diff.delta import CHANGE, NARROW, WIDEN, literal, same, shallow
from schemadrift.diff.describe import anchor, describe, show
from schemadrift.diff.kinds import CONTRACT, KINDS
from schemadrift.diff.transitions import canonical
from schemadrift.diff.verdicts import REPEATS, Judged
from schemadrift.diff.witness import Validators, WitnessSearch, node_at, reverted
from schemadrift.model import JSON
from schemadrift.schema.pointer import join, split
from schemadrift.schema.validity import well_typed

_MISSING = object()


def schema_changes(
    side: str,
    old_raw: JSON,
    new_raw: JSON,
    validators: Validators,
    openapi: tuple[bool, bool] = (False, False),
) -> list[Judged]:
    base = "/input_schema" if side == "input" else "/output_schema"
    old_raw = {} if old_raw is None else old_raw
    new_raw = {} if new_raw is None else new_raw
    if _unchanged(old_raw, new_raw):
        return []
    # The semantic gate: canonical forms, the parallel walk and witnesses read keywords as
    # JSON Schema defines them, which only a meta-valid schema guarantees. Otherwise the pair
    # is compared as plain JSON (design.md: "The meta-validity gate").
    if not (_comparable(old_raw, openapi[0]) and _comparable(new_raw, openapi[1])):
        return _structural(side, base, old_raw, new_raw, openapi)
    old_c = canonical(old_raw, openapi=openapi[0])
    new_c = canonical(new_raw, openapi=openapi[1])
    deltas = compare(old_c, new_c)
    if not deltas:
        return []
    # The validators that confirm witnesses read JSON Schema: an OpenAPI side (Gemini
    # `parameters`) is given to them in JSON Schema's spelling, as its canonical form reads it.
    old_v = json_schema_of_openapi(old_raw) if openapi[0] else old_raw
    new_v = json_schema_of_openapi(new_raw) if openapi[1] else new_raw
    forward = WitnessSearch(old_v, new_v, old_c, new_c, validators)
    reverse = WitnessSearch(new_v, old_v, new_c, old_c, validators)
    # A side that provably accepts all the other accepts has no witness against it: the
    # search, which would try every candidate to learn that, is skipped (implication.py).
    from schemadrift.diff.implication import accepts_all

    forward.impossible = accepts_all(new_c, old_c)
    reverse.impossible = accepts_all(old_c, new_c)
    out: list[Judged] = []
    pending: list[int] = []
    for delta in deltas:
        kind = KINDS[delta.kind]
        fwd = rev = False
        fwd_w: JSON = None
        rev_w: JSON = None
        contract = CONTRACT in (kind.callers, kind.implementation)
        name = delta.discriminator
        if contract and delta.action in (NARROW, CHANGE):
            # the old schema with only this change made: a witness must fail it too
            new_node = node_at(new_c, split(delta.node))
            applied = reverted(old_c, split(delta.target), new_node, delta.kind, name)
            fwd, fwd_w = forward.find(split(delta.target), applied)
        if contract and side == "output" and delta.action in (WIDEN, CHANGE):
            old_node = node_at(old_c, split(delta.target))
            applied = reverted(new_c, split(delta.node), old_node, delta.kind, name)
            rev, rev_w = reverse.find(split(delta.node), applied)
        if contract and not fwd and delta.action in (NARROW, CHANGE):
            pending.append(len(out))
        shown = anchor(delta.pointer, old_raw if delta.removed else new_raw)
        out.append(
            Judged(
                delta.kind,
                base + shown,
                describe(delta, side, shown),
                side,
                delta.action,
                _text(delta.discriminator) if delta.kind in REPEATS else None,
                delta.before,
                delta.after,
                fwd,
                fwd_w,
                rev,
                rev_w,
            )
        )
    if pending and not any(item.forward for item in out):
        # No single change rejects anything on its own, but together they may (a property
        # dropped while the object is closed): credit the first one a whole-schema witness hits.
        for index in pending:
            found, value = forward.find(split(deltas[index].target))
            if found:
                out[index] = replace(out[index], forward=True, forward_witness=value)
                break
    return out


def json_schema_of_openapi(schema: JSON) -> JSON:
    """An OpenAPI 3.0 Schema object (Gemini `parameters`) in JSON Schema's spelling, for the
    validators: type names in lower case, `nullable: true` as `null` in the type set, and
    draft-04 boolean exclusive bounds as numbers (``transitions`` reads it the same way).
    Iterative: schemas may nest deeply."""
    root: dict[str, JSON] = {"": schema}
    stack: list[tuple[dict[str, JSON] | list[JSON], str | int]] = [(root, "")]
    while stack:
        parent, key = stack.pop()
        node = parent[key]  # type: ignore[index]
        if not isinstance(node, dict):
            continue
        out = dict(node)
        types = out.get("type")
        if isinstance(types, str):
            types = out["type"] = types.lower()
        elif isinstance(types, list) and all(isinstance(t, str) for t in types):
            types = out["type"] = [t.lower() for t in types]
        if out.pop("nullable", None) is True and isinstance(types, (str, list)):
            out["type"] = [*([types] if isinstance(types, str) else types), "null"]
        for exclusive, inclusive in (
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ):
            flag = out.get(exclusive)
            if isinstance(flag, bool):
                del out[exclusive]
                if flag and inclusive in out:
                    out[exclusive] = out.pop(inclusive)
        parent[key] = out  # type: ignore[index]
        for name, value in list(out.items()):
            if name in ("properties", "patternProperties") and isinstance(value, dict):
                out[name] = copy = dict(value)
                stack.extend((copy, sub) for sub in copy)
            elif name in ("anyOf", "allOf", "oneOf") and isinstance(value, list):
                out[name] = items = list(value)
                stack.extend((items, index) for index in range(len(items)))
            elif name in ("items", "additionalProperties", "not") and isinstance(value, dict):
                stack.append((out, name))
    return root[""]


def _comparable(schema: JSON, openapi: bool) -> bool:
    """Whether the semantic comparison may read ``schema``: every keyword it reads holds the
    JSON type 2020-12 gives it (older drafts' spellings are folded by the canonical forms)."""
    return well_typed(schema, openapi=openapi)


def _text(discriminator: JSON) -> str | None:
    """A discriminator as the text a fingerprint takes (non-strings as their JSON)."""
    if discriminator is None or isinstance(discriminator, str):
        return discriminator
    return literal(discriminator)


def _unchanged(old_raw: JSON, new_raw: JSON) -> bool:
    try:
        return bool(old_raw == new_raw and json.dumps(old_raw) == json.dumps(new_raw))
    except (RecursionError, TypeError, ValueError):
        return False


UNCHECKED = "diff/invalid-schema-changed"
_STRUCTURAL_DEPTH = 64


def _structural(
    side: str, base: str, old_raw: JSON, new_raw: JSON, openapi: tuple[bool, bool]
) -> list[Judged]:
    """``diff/invalid-schema-changed`` at each changed pointer, for a pair that is not judged
    semantically because one side is not a valid schema.

    Iterative and depth-bounded: past ``_STRUCTURAL_DEPTH`` levels a differing subtree is one
    change. Values nested deeper than ``delta.SHOWN_DEPTH`` are not carried into the finding.
    """
    which = [
        name
        for name, value, flag in (("old", old_raw, openapi[0]), ("new", new_raw, openapi[1]))
        if not _comparable(value, flag)
    ]
    invalid = " and ".join(which)
    out: list[Judged] = []
    stack: list[tuple[str, JSON, JSON, int]] = [("", old_raw, new_raw, 0)]
    while stack:
        pointer, a, b, depth = stack.pop()
        if depth < _STRUCTURAL_DEPTH and isinstance(a, dict) and isinstance(b, dict):
            keys = [*a, *(key for key in b if key not in a)]
            for key in reversed(keys):
                stack.append(
                    (join(pointer, key), a.get(key, _MISSING), b.get(key, _MISSING), depth + 1)
                )
            continue
        if (
            depth < _STRUCTURAL_DEPTH
            and isinstance(a, list)
            and isinstance(b, list)
            and len(a) == len(b)
        ):
            for index in reversed(range(len(a))):
                stack.append((join(pointer, index), a[index], b[index], depth + 1))
            continue
        if a is not _MISSING and b is not _MISSING and _same(a, b):
            continue
        before = None if a is _MISSING else a
        after = None if b is _MISSING else b
        shown_before, shown_after = shallow(before), shallow(after)
        where = f"{side} schema" + (f" at {pointer}" if pointer else "")
        verb = "added" if a is _MISSING else "removed" if b is _MISSING else "changed"
        detail = (
            f"{show(shown_before)} → {show(shown_after)}"
            if verb == "changed"
            else show(shown_after if verb == "added" else shown_before)
        )
        out.append(
            Judged(
                UNCHECKED,
                base + pointer,
                f"{where}: {verb} {detail} (not judged: the {invalid} schema is not valid "
                "JSON Schema)",
                side,
                CHANGE,
                before=shown_before,
                after=shown_after,
            )
        )
    return out


def _same(a: JSON, b: JSON) -> bool:
    try:
        return same(a, b)
    except RecursionError:
        return False
