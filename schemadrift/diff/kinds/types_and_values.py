"""Change kinds of types and values: a type narrowed, widened or changed, nullability, ``enum``,
``const`` and ``default``.
"""

from __future__ import annotations

from schemadrift.diff.kinds.examples import KEEP, pair, weather
from schemadrift.diff.kinds.record import RISK, SAFE, kind
from schemadrift.model import Severity

# --- type and nullability --------------------------------------------------------------------

kind(
    "diff/type-narrowed",
    ("input", "output"),
    "type",
    "narrow",
    severity=Severity.ERROR,
    summary="Accepted types are not removed: a narrowed type rejects values that were valid.",
    why="A caller sending a value of the removed type (`number` → `integer`: `1.5`) now fails.",
    fix=KEEP,
    fails=[pair(weather(days={"type": "number"}), weather(days={"type": "integer"}))],
    passes=[
        pair(
            weather(days={"type": "integer"}),
            weather(days={"type": "number"}),
            note="`integer` → `number` accepts every integer still: diff/type-widened",
        )
    ],
)
kind(
    "diff/type-widened",
    ("input", "output"),
    "type",
    "widen",
    unproven=SAFE,
    severity=Severity.WARNING,
    summary="A widened type is compatible for callers; the implementation receives new types.",
    why=(
        "Old calls stay valid, but the model may now send the new type and the code may not "
        "handle it (and on outputs, consumers may receive a type they do not expect)."
    ),
    fix="Make sure the implementation handles the added type.",
    fails=[pair(weather(days={"type": "integer"}), weather(days={"type": "number"}))],
    passes=[
        pair(
            weather(days={"type": "integer"}),
            weather(days={"type": ["integer", "null"]}),
            note="only `null` added to the types: diff/nullability-widened",
        )
    ],
)
kind(
    "diff/type-changed",
    ("input", "output"),
    "type",
    "change",
    severity=Severity.ERROR,
    summary="A property's type is not swapped for another: old values are rejected.",
    why="Every caller that sends the old type fails, and the code receives a type it did not.",
    fix=KEEP,
    fails=[pair(weather(days={"type": "string"}), weather(days={"type": "integer"}))],
    passes=[
        pair(
            weather(days={"type": "string"}),
            weather(days={"type": ["string", "integer"]}),
            note="a type added beside the old one, which stays accepted: diff/type-widened",
        )
    ],
)
kind(
    "diff/nullability-widened",
    ("input", "output"),
    "type",
    "widen",
    unproven=SAFE,
    severity=Severity.WARNING,
    summary="`null` newly accepted is compatible for callers; the code may now receive null.",
    why=(
        "pydantic 2 renders `Optional[X]` as `anyOf: [X, {type: null}]` where pydantic 1 wrote "
        "`X`: callers are unaffected, but the model may now send an explicit null, and some "
        "providers (Gemini) reject the null type: see diff/dialect-regression."
    ),
    fix="Make sure the implementation treats null like an absent value.",
    fails=[
        pair(
            weather(days={"type": "integer"}),
            weather(days={"anyOf": [{"type": "integer"}, {"type": "null"}]}),
        )
    ],
    passes=[
        pair(
            weather(days={"type": ["integer", "null"]}),
            weather(days={"anyOf": [{"type": "integer"}, {"type": "null"}]}),
            note="`null` was accepted already: only its spelling changed (type list → `anyOf`)",
        )
    ],
)
kind(
    "diff/nullability-narrowed",
    ("input", "output"),
    "type",
    "narrow",
    severity=Severity.ERROR,
    summary="`null` stays accepted where it was: removing it rejects explicit nulls.",
    why="Callers (and the model, following the old schema) that send null now fail.",
    fix=KEEP,
    fails=[pair(weather(days={"type": ["integer", "null"]}), weather(days={"type": "integer"}))],
    passes=[
        pair(
            weather(days={"anyOf": [{"type": "integer"}, {"type": "null"}]}),
            weather(days={"type": ["integer", "null"]}),
            note="the `null` branch of `anyOf` folded into the type list: `null` is still accepted",
        )
    ],
)

# --- values ---------------------------------------------------------------------------------

kind(
    "diff/enum-value-removed",
    ("input", "output"),
    "values",
    "narrow",
    severity=Severity.ERROR,
    summary="Enum values are not removed: a removed value rejects calls that use it.",
    why="Callers, recorded calls and eval fixtures that send the removed value now fail.",
    fix=KEEP,
    fails=[pair(weather(units={"enum": ["c", "f"]}), weather(units={"enum": ["c"]}))],
    passes=[
        pair(
            weather(units={"enum": ["c", "f"]}),
            weather(units={"enum": ["f", "c", "k"]}),
            note="values reordered and one added, none removed: diff/enum-value-added",
        )
    ],
)
kind(
    "diff/enum-value-added",
    ("input", "output"),
    "values",
    "widen",
    unproven=SAFE,
    severity=Severity.WARNING,
    summary="An enum value added is compatible for callers; the code must handle it.",
    why=(
        "Old calls stay valid; the model may now send the new value (and on outputs, consumers "
        "may receive a value their switch does not handle)."
    ),
    fix="Make sure the implementation handles the new value.",
    fails=[pair(weather(units={"enum": ["c"]}), weather(units={"enum": ["c", "f"]}))],
    passes=[
        pair(
            weather(units={"enum": ["c", "f"]}),
            weather(units={"enum": ["f", "c"]}),
            note="values reordered: the same values are accepted",
        )
    ],
)
kind(
    "diff/enum-added",
    ("input", "output"),
    "values",
    "narrow",
    severity=Severity.ERROR,
    summary="A free value does not become an enum: values outside the list are now rejected.",
    why="Callers sending any value not in the new list now fail.",
    fix=KEEP,
    fails=[
        pair(
            weather(units={"type": "string"}),
            weather(units={"type": "string", "enum": ["c", "f"]}),
        )
    ],
    passes=[
        pair(
            weather(kind={"const": "v1"}),
            weather(kind={"enum": ["v1"]}),
            note="`const` spelled as a one-value `enum`: the same single value is accepted",
        )
    ],
)
kind(
    "diff/enum-removed",
    ("input", "output"),
    "values",
    "widen",
    unproven=SAFE,
    severity=Severity.WARNING,
    summary="An enum dropped is compatible for callers; the code receives free values.",
    why="Old calls stay valid, but any value may now reach the implementation.",
    fix="Make sure the implementation validates the value itself.",
    fails=[
        pair(
            weather(units={"type": "string", "enum": ["c", "f"]}),
            weather(units={"type": "string"}),
        )
    ],
    passes=[
        pair(
            weather(kind={"enum": ["v1"]}),
            weather(kind={"const": "v1"}),
            note="a one-value `enum` spelled as `const`: still one accepted value",
        )
    ],
)
kind(
    "diff/const-changed",
    ("input", "output"),
    "values",
    "change",
    severity=Severity.ERROR,
    summary="A constant stays constant: changing it rejects the old value.",
    why="Every call carrying the old constant (a discriminator, a version tag) now fails.",
    fix=KEEP,
    fails=[pair(weather(kind={"const": "v1"}), weather(kind={"const": "v2"}))],
    passes=[
        pair(
            weather(kind={"const": "v1"}),
            weather(kind={"enum": ["v1", "v2"]}),
            note="the old constant kept beside a new value: diff/enum-value-added",
        )
    ],
)
kind(
    "diff/default-changed",
    ("input", "output"),
    "values",
    "change",
    callers=RISK,
    model=RISK,
    implementation=SAFE,
    severity=Severity.WARNING,
    summary="Defaults are stable: a changed default changes what an omitted argument means.",
    why=(
        "Callers and the model that omit the argument now get different behaviour, with no "
        "validation error to show it."
    ),
    fix="Change defaults on purpose and say so in the description.",
    fails=[
        pair(
            weather(days={"type": "integer", "default": 1}),
            weather(days={"type": "integer", "default": 7}),
        )
    ],
    passes=[
        pair(
            weather(days={"anyOf": [{"type": "integer"}, {"type": "null"}]}),
            weather(days={"anyOf": [{"type": "integer"}, {"type": "null"}], "default": None}),
            note=(
                "`default: null` added (pydantic 2 writes it for `Optional[int] = None`): "
                "omitting the argument already meant no value"
            ),
        )
    ],
)
