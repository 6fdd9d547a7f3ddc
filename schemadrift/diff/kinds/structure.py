"""Change kinds of a schema's structure: ``additionalProperties``, ``items``, composition
branches, property order, and the catch-alls for any other change (valid or invalid schema).
"""

from __future__ import annotations

from schemadrift.diff.kinds.examples import KEEP, REVIEW, draft, pair, weather
from schemadrift.diff.kinds.record import DESIGN, JSON_SCHEMA, RISK, SAFE, kind
from schemadrift.model import Severity

kind(
    "diff/additional-properties-narrowed",
    ("input", "output"),
    "structure",
    "narrow",
    severity=Severity.ERROR,
    summary="An object that accepted extra properties keeps accepting them.",
    why=(
        "Flipping `additionalProperties` to `false` (or to a stricter schema) rejects calls "
        "carrying extra properties, where the old schema explicitly allowed them. Closing an "
        "object that only left them unspecified breaks nothing declared (closed world)."
    ),
    fix=KEEP,
    fails=[pair(weather({"additionalProperties": True}), weather({"additionalProperties": False}))],
    passes=[
        pair(
            weather({"additionalProperties": {"type": "string"}}),
            weather({"additionalProperties": {"type": ["string", "number"]}}),
            note="the extra properties' schema changed and accepts more: diff/type-widened there",
        )
    ],
)
kind(
    "diff/additional-properties-widened",
    ("input", "output"),
    "structure",
    "widen",
    unproven=SAFE,
    severity=Severity.WARNING,
    summary="An object opened to extra properties is compatible for callers.",
    why="Old calls stay valid; undeclared properties may now reach the implementation.",
    fix="Make sure the implementation ignores or validates unknown properties.",
    fails=[pair(weather({"additionalProperties": False}), weather())],
    passes=[
        pair(
            weather({"additionalProperties": False}),
            weather({"unevaluatedProperties": False}),
            note=(
                "`additionalProperties: false` spelled `unevaluatedProperties: false` (the same "
                "on an object without `allOf`/`anyOf`/`oneOf`): still closed"
            ),
        )
    ],
)
kind(
    "diff/items-changed",
    ("input", "output"),
    "structure",
    "change",
    severity=Severity.ERROR,
    summary="Tuple layouts (`prefixItems`/array `items`) stay as they are.",
    why="A changed tuple layout can reject arrays that matched the old positions.",
    fix=KEEP,
    evidence=[DESIGN, JSON_SCHEMA],
    fails=[
        pair(
            weather(xy={"type": "array", "prefixItems": [{"type": "number"}]}),
            weather(xy={"type": "array", "prefixItems": [{"type": "string"}], "items": False}),
        )
    ],
    passes=[
        pair(
            draft(
                "07",
                weather(
                    xy={
                        "type": "array",
                        "items": [{"type": "number"}, {"type": "number"}],
                        "additionalItems": False,
                    }
                ),
            ),
            weather(
                xy={
                    "type": "array",
                    "prefixItems": [{"type": "number"}, {"type": "number"}],
                    "items": False,
                }
            ),
            note="a draft-07 tuple (`items` array, `additionalItems`) written in 2020-12's form",
        )
    ],
)
kind(
    "diff/composition-branch-added",
    ("input", "output"),
    "structure",
    "add",
    unproven=SAFE,
    severity=Severity.WARNING,
    summary="A branch added to `anyOf`/`oneOf`/`allOf` is reported; it may narrow (oneOf, allOf).",
    why=(
        "An `anyOf` branch only widens; a `oneOf` branch that overlaps another makes values "
        "match twice and fail, and an `allOf` branch narrows. A witness decides."
    ),
    fix=REVIEW,
    fails=[
        pair(
            weather(x={"anyOf": [{"type": "string"}, {"type": "object", "properties": {"a": {}}}]}),
            weather(
                x={
                    "anyOf": [
                        {"type": "string"},
                        {"type": "object", "properties": {"a": {}}},
                        {"type": "array", "items": {"type": "string"}},
                    ]
                }
            ),
        )
    ],
    passes=[
        pair(
            weather(x={"type": "string"}),
            weather(x={"anyOf": [{"type": "string"}, {"type": "integer"}]}),
            note="`anyOf` over bare types is a type list: diff/type-widened",
        )
    ],
)
kind(
    "diff/composition-branch-removed",
    ("input", "output"),
    "structure",
    "remove",
    unproven=SAFE,
    severity=Severity.ERROR,
    summary="Branches of `anyOf`/`oneOf` are not removed: values only they accepted fail.",
    why="Values that matched only the removed branch are now rejected (a witness shows one).",
    fix=KEEP,
    fails=[
        pair(
            weather(
                x={
                    "anyOf": [
                        {"type": "string"},
                        {"type": "object", "properties": {"a": {}}},
                        {"type": "array", "items": {"type": "string"}},
                    ]
                }
            ),
            weather(x={"anyOf": [{"type": "string"}, {"type": "object", "properties": {"a": {}}}]}),
        )
    ],
    passes=[
        pair(
            weather(
                {"$defs": {"Units": {"enum": ["c", "f"]}}},
                units={"allOf": [{"$ref": "#/$defs/Units"}], "description": "Units."},
            ),
            weather(
                {"$defs": {"Units": {"enum": ["c", "f"]}}},
                units={"$ref": "#/$defs/Units", "description": "Units."},
            ),
            note=(
                "a described `$ref` no longer wrapped in a one-branch `allOf` (as older pydantic "
                "and many generators write it): the same schema"
            ),
        )
    ],
)
kind(
    "diff/property-order-changed",
    ("input", "output"),
    "structure",
    "change",
    callers=SAFE,
    model=SAFE,
    implementation=SAFE,
    severity=Severity.INFO,
    summary="Property order is reported: the model reads it, validators do not.",
    why=(
        "Order does not change which arguments are valid, but models fill arguments in the "
        "order they read them (and OpenAI strict output follows it)."
    ),
    fix="Nothing to fix; keep order stable where generation quality matters.",
    fails=[
        pair(
            {"type": "object", "properties": {"a": {}, "b": {}}},
            {"type": "object", "properties": {"b": {}, "a": {}}},
        )
    ],
    passes=[
        pair(
            {"type": "object", "properties": {"a": {}, "b": {}}},
            {"type": "object", "properties": {"c": {}, "a": {}, "b": {}}},
            note=(
                "a property inserted first: diff/optional-property-added; `a` and `b` keep their "
                "order"
            ),
        )
    ],
)
kind(
    "diff/schema-changed",
    ("input", "output"),
    "constraints",
    "change",
    unproven=SAFE,
    severity=Severity.WARNING,
    summary="Any other change to a schema is reported at its pointer, an error when witnessed.",
    why=(
        "Keywords without a kind of their own (`not`, `if`/`then`/`else`, `dependentRequired`, "
        "`patternProperties`, vendor keywords) can still narrow what is accepted; a witness "
        "proves it, otherwise the change is informational."
    ),
    fix=REVIEW,
    fails=[
        pair(
            weather(),
            weather({"dependentRequired": {"city": ["country"]}}, country={"type": "string"}),
        )
    ],
    passes=[
        pair(
            draft(
                "07",
                weather({"dependencies": {"city": ["country"]}}, country={"type": "string"}),
            ),
            weather({"dependentRequired": {"city": ["country"]}}, country={"type": "string"}),
            note="draft-07 `dependencies` written as 2020-12 `dependentRequired`: the same rule",
        )
    ],
)

kind(
    "diff/invalid-schema-changed",
    ("input", "output"),
    "structure",
    "change",
    callers=RISK,
    model=SAFE,
    implementation=RISK,
    severity=Severity.WARNING,
    summary="A change to a schema that is not valid JSON Schema is reported at its pointer.",
    why=(
        "Which values a schema accepts is defined only when it is valid under its "
        "meta-schema. When the old or the new schema is not (`required: [1]`, "
        "`properties: []`), schemadrift does not guess a direction: each changed value is "
        "reported where it sits, as a risk to callers and to the implementation. "
        "`json-schema/valid-under-draft` says what is invalid, and an invalid new schema is a "
        "`diff/dialect-regression` too."
    ),
    fix=(
        "Make both schemas valid JSON Schema (the baseline too: re-run `schemadrift snapshot` "
        "once it is fixed); changes are then classified precisely."
    ),
    fails=[pair(weather(), weather({"required": ["city", 1]}))],
    passes=[
        pair(
            draft("04", weather(x={"type": "number", "maximum": 8, "exclusiveMaximum": True})),
            draft("04", weather(x={"type": "number", "maximum": 10, "exclusiveMaximum": True})),
            note=(
                "a boolean `exclusiveMaximum` is valid in the draft-04 schema that declares it: "
                "the change is classified, diff/numeric-bound-widened"
            ),
        )
    ],
)
