"""Change kinds of string constraints (``format``, ``pattern``) and bounds (numeric, length).

Each family is one table row that declares its narrowed, widened (and changed) kinds, so the
kinds of a family cannot drift apart in wording.
"""

from __future__ import annotations

from schemadrift.diff.kinds.examples import KEEP, draft, pair, weather
from schemadrift.diff.kinds.record import DESIGN, JSON_SCHEMA, SAFE, kind
from schemadrift.model import Severity

for _name, _key, _a, _b in (
    ("format", "format", "date", "date-time"),
    ("pattern", "pattern", "^[a-z]+$", "^[A-Z]+$"),
):
    kind(
        f"diff/{_name}-added",
        ("input", "output"),
        "constraints",
        "narrow",
        severity=Severity.ERROR,
        summary=f"A `{_key}` added to a free string rejects values that do not match it.",
        why=f"Values valid before that do not match the new `{_key}` are now rejected.",
        fix=KEEP,
        evidence=[DESIGN, JSON_SCHEMA],
        fails=[pair(weather(day={"type": "string"}), weather(day={"type": "string", _key: _a}))],
        passes=[
            pair(
                weather(),
                weather(day={"type": "string", _key: _a}),
                note=f"a new optional property with a `{_key}`: diff/optional-property-added",
            )
        ],
    )
    kind(
        f"diff/{_name}-removed",
        ("input", "output"),
        "constraints",
        "widen",
        unproven=SAFE,
        severity=Severity.WARNING,
        summary=f"A `{_key}` removed is compatible for callers; the code gets unchecked strings.",
        why=f"Old values stay valid; strings not matching the old `{_key}` may now arrive.",
        fix="Make sure the implementation validates the string itself.",
        evidence=[DESIGN, JSON_SCHEMA],
        fails=[pair(weather(day={"type": "string", _key: _a}), weather(day={"type": "string"}))],
        passes=[
            pair(
                weather(day={"type": "string", _key: _a}),
                weather(
                    {"$defs": {"Day": {"type": "string", _key: _a}}}, day={"$ref": "#/$defs/Day"}
                ),
                note=f"the property's schema moved to `$defs` behind a `$ref`, `{_key}` with it",
            )
        ],
    )
    kind(
        f"diff/{_name}-changed",
        ("input", "output"),
        "constraints",
        "change",
        severity=Severity.ERROR,
        summary=f"A `{_key}` is not swapped for another: values matching the old one fail.",
        why=f"Values matching the old `{_key}` but not the new one are now rejected.",
        fix=KEEP,
        evidence=[DESIGN, JSON_SCHEMA],
        fails=[
            pair(
                weather(day={"type": "string", _key: _a}),
                weather(day={"type": "string", _key: _b}),
            )
        ],
        passes=[
            pair(
                weather(day={"type": "string", _key: _a}),
                weather(day={"type": "string"}),
                note=f"the `{_key}` dropped, not replaced: diff/{_name}-removed",
            )
        ],
    )

for _family, _keys, _narrow, _wide, _not_narrowed, _not_widened in (
    (
        "numeric",
        "minimum, maximum, exclusive bounds and multipleOf",
        ({"type": "integer", "maximum": 14}, {"type": "integer", "maximum": 7}),
        ({"type": "integer", "maximum": 7}, {"type": "integer", "maximum": 14}),
        pair(
            weather(x={"type": "integer", "maximum": 7}),
            weather(x={"type": "integer", "maximum": 14}),
            note="the bound loosened: diff/numeric-bound-widened",
        ),
        pair(
            draft("04", weather(x={"type": "number", "maximum": 8, "exclusiveMaximum": True})),
            weather(x={"type": "number", "exclusiveMaximum": 8}),
            note=(
                "draft-04's boolean `exclusiveMaximum` rewritten in 2020-12's form: `maximum` is "
                "gone, the bound is the same"
            ),
        ),
    ),
    (
        "length",
        "minLength/maxLength, minItems/maxItems, minProperties/maxProperties, "
        "minContains/maxContains and uniqueItems",
        ({"type": "string", "maxLength": 100}, {"type": "string", "maxLength": 10}),
        ({"type": "string", "maxLength": 10}, {"type": "string", "maxLength": 100}),
        pair(
            weather(x={"type": "string", "maxLength": 100}),
            weather(x={"type": "string", "minLength": 0, "maxLength": 100}),
            note="`minLength: 0` added: every string has at least 0 characters, nothing is rejected",
        ),
        pair(
            weather(x={"type": "array", "items": {"type": "string"}, "uniqueItems": False}),
            weather(x={"type": "array", "items": {"type": "string"}}),
            note="`uniqueItems: false` dropped: it never required anything",
        ),
    ),
):
    kind(
        f"diff/{_family}-bound-narrowed",
        ("input", "output"),
        "constraints",
        "narrow",
        severity=Severity.ERROR,
        summary=f"Bounds ({_keys}) do not tighten: values at the old edge are rejected.",
        why="A value inside the old range and outside the new one is now rejected.",
        fix=KEEP,
        evidence=[DESIGN, JSON_SCHEMA],
        fails=[pair(weather(x=_narrow[0]), weather(x=_narrow[1]))],
        passes=[_not_narrowed],
    )
    kind(
        f"diff/{_family}-bound-widened",
        ("input", "output"),
        "constraints",
        "widen",
        unproven=SAFE,
        severity=Severity.WARNING,
        summary=f"Loosened bounds ({_keys}) are compatible for callers; the code gets more.",
        why="Old values stay valid; values outside the old range may now reach the code.",
        fix="Make sure the implementation handles the wider range.",
        evidence=[DESIGN, JSON_SCHEMA],
        fails=[pair(weather(x=_wide[0]), weather(x=_wide[1]))],
        passes=[_not_widened],
    )
