"""How a change is worded: its message, the pointer it is shown at, word diffs of prose.

``describe`` turns a raw delta into the sentence a finding carries, ``anchor`` finds the
longest part of a canonical pointer that exists in the schema the user wrote, and
``word_diff`` marks what a description gained and lost, in bounded time on long texts.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence

from schemadrift.diff.delta import Delta, literal
from schemadrift.model import JSON
from schemadrift.schema.pointer import from_tokens, split


def anchor(pointer: str, document: JSON) -> str:
    """The longest prefix of a canonical pointer that exists in the real schema it points
    into: the new side, or the old one for a removal (design.md).

    Canonical forms inline references and fold representations, so a pointer into them may
    name a node the emitted schema spells differently; findings must point at real nodes,
    and on the side they describe (a null newly accepted through `anyOf` points at the new
    property, not at the old `type` it replaced).
    """
    # One descent, token by token (a prefix resolved from the root each time was quadratic in
    # the pointer's length): the first step that is missing ends the longest real prefix.
    node = document
    tokens = split(pointer)
    for size, token in enumerate(tokens):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return from_tokens(tokens[:size])
    return pointer


def show(value: JSON) -> str:
    if value is None:
        return "(absent)"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # bounds are compared as floats; show 20, not 20.0
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def describe(delta: Delta, side: str, shown: str | None = None) -> str:
    """The finding message for one raw change, at ``shown`` (the pointer the finding has;
    the canonical pointer when not given)."""
    shown = delta.pointer if shown is None else shown
    where = f"{side} schema" + (f" at {shown}" if shown else "")
    kind = delta.kind
    if delta.pointer.startswith(shown + "/"):
        # what the change names sits where the emitted schema has no pointer (inside an
        # inlined reference, a folded `anyOf`): the rest of the path says what it is
        where += f" ({delta.pointer[len(shown) + 1 :]})"
    if kind == "diff/description-changed":
        return f"{where}: text changed: {word_diff(delta.before, delta.after)}"
    if kind in ("diff/enum-value-removed", "diff/enum-value-added"):
        verb = "no longer accepts" if kind.endswith("removed") else "now also accepts"
        value = delta.before if kind.endswith("removed") else delta.after
        return f"{where}: {verb} the value {show(value)}"
    if kind == "diff/property-removed":
        return f"{where}: property {delta.discriminator!r} was removed"
    if kind in ("diff/optional-property-added", "diff/required-property-added"):
        which = "required" if "required" in kind else "optional"
        return f"{where}: {which} property {delta.discriminator!r} was added"
    if kind == "diff/property-became-required":
        return f"{where}: property {delta.discriminator!r} is now required"
    if kind == "diff/property-became-optional":
        return f"{where}: property {delta.discriminator!r} is no longer required"
    if kind in ("diff/composition-branch-added", "diff/composition-branch-removed"):
        whole = delta.after if kind.endswith("added") else delta.before
        keyword = delta.pointer.rsplit("/", 1)[-1]
        if isinstance(whole, list) and keyword in ("anyOf", "oneOf", "allOf"):
            how = {"anyOf": "at least one", "oneOf": "exactly one", "allOf": "every one"}[keyword]
            if kind.endswith("added"):
                return (
                    f"{where}: `{keyword}` added with {len(whole)} branches (a value must now "
                    f"match {how} of them): {show(whole)}"
                )
            return f"{where}: `{keyword}` and its {len(whole)} branches removed: {show(whole)}"
    if kind == "diff/property-order-changed":
        return f"{where}: property order changed from {show(delta.before)} to {show(delta.after)}"
    label = kind.split("/", 1)[1].replace("-", " ")
    return f"{where}: {label}: {show(delta.before)} → {show(delta.after)}"


def _prose(value: JSON) -> str:
    """Text to diff word by word; a baseline may hold any JSON where a description belongs."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    try:
        return literal(value)
    except (RecursionError, TypeError, ValueError):
        return type(value).__name__


def word_diff(before: JSON, after: JSON, limit: int = 240) -> str:
    """A compact word-level diff: ``[-removed-]`` and ``{+added+}`` around unchanged words."""
    a, b = _prose(before).split(), _prose(after).split()
    parts: list[str] = []
    for op, i1, i2, j1, j2 in _word_opcodes(a, b):
        if op == "equal":
            words = a[i1:i2]
            parts.append(
                " ".join(words)
                if len(words) <= 6
                else " ".join(words[:3]) + " … " + " ".join(words[-3:])
            )
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    text = " ".join(p for p in parts if p)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MATCHED_PAIRS = 250_000
"""Word pairs (words before × words after) the matcher compares at most: its time grows with
their product, and a description of 100 KB would take seconds for a diff cut to 240 chars."""


def _word_opcodes(a: list[str], b: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """``difflib`` opcodes turning the words ``a`` into ``b``. Long texts are matched between
    their common first and last words only, and past ``_MATCHED_PAIRS`` what lies between is
    one replacement."""
    if len(a) * len(b) <= _MATCHED_PAIRS:
        return difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a_end, b_end = len(a) - tail, len(b) - tail
    out: list[tuple[str, int, int, int, int]] = [("equal", 0, head, 0, head)] if head else []
    middle_a, middle_b = a[head:a_end], b[head:b_end]
    if len(middle_a) * len(middle_b) <= _MATCHED_PAIRS:
        matcher = difflib.SequenceMatcher(a=middle_a, b=middle_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            out.append((op, i1 + head, i2 + head, j1 + head, j2 + head))
    elif a_end > head or b_end > head:
        out.append(("replace", head, a_end, head, b_end))
    if tail:
        out.append(("equal", a_end, len(a), b_end, len(b)))
    return out
