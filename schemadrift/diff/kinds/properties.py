"""Change kinds of the declared properties: one removed or added, required or optional."""

from __future__ import annotations

from schemadrift.diff.kinds.examples import KEEP, pair, weather
from schemadrift.diff.kinds.record import RISK, SAFE, kind
from schemadrift.model import Severity

kind(
    "diff/property-removed",
    ("input", "output"),
    "existence",
    "remove",
    unproven=RISK,
    severity=Severity.ERROR,
    summary="Declared properties stay declared: removing one rejects (closed) or ignores (open) it.",
    why=(
        "Callers still send the property. On a closed object (`additionalProperties: false`) "
        "the provider or validator now rejects the call: an error, with a witness. On an open "
        "object the value is silently ignored: a warning."
    ),
    fix=KEEP,
    fails=[pair(weather(units={"type": "string"}), weather())],
    passes=[
        pair(
            weather(units={"type": "string"}),
            weather(units={"type": "string", "deprecated": True}),
            note="the property kept and marked deprecated, to be removed later",
        )
    ],
)
kind(
    "diff/optional-property-added",
    ("input", "output"),
    "existence",
    "add",
    implementation=SAFE,
    unproven=SAFE,
    severity=Severity.INFO,
    summary="An optional property added is compatible: old arguments stay valid (closed world).",
    why=(
        "A name the old schema never declared was not part of its contract, so nothing valid "
        "before is rejected now. Where the old object explicitly accepted extra properties "
        "(`additionalProperties: {...}`), a stricter new property can reject old arguments; "
        "that case is checked with a witness."
    ),
    fix="Nothing to fix for callers; make sure the model is told what the property is for.",
    fails=[pair(weather(), weather(units={"type": "string"}))],
    passes=[
        pair(
            weather(),
            weather({"required": ["city", "units"]}, units={"type": "string"}),
            note="a new property that is required: diff/required-property-added",
        )
    ],
)
kind(
    "diff/required-property-added",
    ("input", "output"),
    "requiredness",
    "add",
    severity=Severity.ERROR,
    summary="New properties are optional: a new required property rejects every old call.",
    why="Every recorded call and every caller that does not send the new property now fails.",
    fix="Make the new property optional with a default in the implementation.",
    fails=[pair(weather(), weather({"required": ["city", "units"]}, units={"type": "string"}))],
    passes=[
        pair(
            weather(),
            weather(units={"type": "string"}),
            note="the new property left optional: diff/optional-property-added",
        )
    ],
)
kind(
    "diff/property-became-required",
    ("input", "output"),
    "requiredness",
    "narrow",
    severity=Severity.ERROR,
    summary="Optional properties stay optional: making one required rejects calls that omit it.",
    why="Calls that relied on the property being optional are now rejected.",
    fix=KEEP,
    fails=[
        pair(
            weather(units={"type": "string"}),
            weather({"required": ["city", "units"]}, units={"type": "string"}),
        )
    ],
    passes=[
        pair(
            weather({"required": ["city", "units"]}, units={"type": "string"}),
            weather({"required": ["units", "city"]}, units={"type": "string"}),
            note="`required` reordered: the same properties are required",
        )
    ],
)
kind(
    "diff/property-became-optional",
    ("input", "output"),
    "requiredness",
    "widen",
    unproven=SAFE,
    severity=Severity.WARNING,
    summary="A required property made optional is compatible for callers; the code must cope.",
    why=(
        "Old calls stay valid, but the implementation may now receive calls without the "
        "property (and, for outputs, consumers may not get a value they relied on)."
    ),
    fix="Make sure the implementation handles the property being absent.",
    fails=[pair(weather(), {**weather(), "required": []})],
    passes=[
        pair(
            weather(),
            {
                "type": "object",
                "allOf": [{"$ref": "#/$defs/Place"}],
                "$defs": {"Place": weather()},
            },
            note="the object moved to a base schema behind `allOf`: `city` is still required",
        )
    ],
)
