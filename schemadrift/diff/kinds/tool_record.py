"""Change kinds of the tool record: a tool added, removed or renamed, its description or
``strict`` flag changed.
"""

from __future__ import annotations

from schemadrift.diff.kinds.examples import pair, tool, tools, weather
from schemadrift.diff.kinds.record import BREAKS, RISK, SAFE, kind
from schemadrift.model import Severity
from schemadrift.registry import Example

kind(
    "diff/tool-added",
    ("tool",),
    "existence",
    "add",
    callers=SAFE,
    model=SAFE,
    implementation=SAFE,
    severity=Severity.INFO,
    summary="A tool that was not in the baseline is reported (compatible for existing callers).",
    why="A new tool changes what the model can do; nothing that worked before stops working.",
    fix="Nothing to fix: review it, then run `schemadrift snapshot` to record it.",
    fails=[Example({"before": [], "after": [tool(weather())]})],
    passes=[
        tools(
            [tool(weather())],
            [tool(weather(), name="fetch_weather")],
            note="a new name with the same schema is diff/tool-renamed, not an added tool",
        )
    ],
)
kind(
    "diff/tool-removed",
    ("tool",),
    "existence",
    "remove",
    callers=BREAKS,
    model=RISK,
    implementation=SAFE,
    severity=Severity.ERROR,
    summary="Tools are not removed: callers, recorded conversations and evals still name them.",
    why=(
        "A removed tool breaks every caller and every replayed conversation that calls it; "
        "providers also reject history that names an unknown tool."
    ),
    fix="Keep the tool (deprecate it in its description first), or acknowledge the removal.",
    fails=[Example({"before": [tool(weather())], "after": []})],
    passes=[
        tools(
            [tool(weather()), tool({"type": "object"}, name="x")],
            [tool(weather(), name="fetch_weather"), tool({"type": "object"}, name="x")],
            note=(
                "a name gone while a new name holds the same schema is diff/tool-renamed, not a "
                "removed tool"
            ),
        )
    ],
)
kind(
    "diff/tool-renamed",
    ("tool",),
    "existence",
    "change",
    callers=BREAKS,
    model=SAFE,
    implementation=SAFE,
    severity=Severity.ERROR,
    summary="Tool names are stable: a tool with the same schema under a new name is a rename.",
    why="Callers and recorded tool calls address a tool by name; a rename breaks them all.",
    fix="Keep the old name, or add the new tool beside the old one and remove the old later.",
    fails=[
        Example(
            {
                "before": [tool(weather()), tool({"type": "object"}, name="x")],
                "after": [
                    tool(weather(), name="fetch_weather"),
                    tool({"type": "object"}, name="x"),
                ],
            }
        )
    ],
    passes=[
        tools(
            [tool(weather()), tool({"type": "object"}, name="x")],
            [
                tool(weather()),
                tool(weather(), name="fetch_weather"),
                tool({"type": "object"}, name="x"),
            ],
            note="the new name added beside the old one: diff/tool-added, the old name still works",
        ),
        tools(
            [tool(weather()), tool({"type": "object"}, name="x")],
            [
                tool(weather(units={"type": "string"}), name="fetch_weather"),
                tool({"type": "object"}, name="x"),
            ],
            note=(
                "a new name whose schema changed too is not paired as a rename: it is reported as "
                "diff/tool-removed and diff/tool-added"
            ),
        ),
    ],
)
kind(
    "diff/description-changed",
    ("input", "output", "tool"),
    "description",
    "change",
    callers=SAFE,
    model=RISK,
    implementation=SAFE,
    severity=Severity.WARNING,
    summary="Descriptions and titles change only on purpose: they are the prompt the model reads.",
    why=(
        "The model re-reads every description on every call; an edited description or title "
        "changes which tool it picks and how it fills arguments, with no schema change to show "
        "it. The message carries a word-level diff."
    ),
    fix="Review the new wording, then run `schemadrift snapshot` to accept it.",
    fails=[
        Example(
            {
                "before": [tool(weather())],
                "after": [tool(weather(), description="Weather now.")],
            }
        ),
        pair(weather(), weather(city={"type": "string", "description": "A city name."})),
    ],
    passes=[
        pair(
            weather(
                {"$defs": {"City": {"type": "string", "description": "A city name."}}},
                city={"$ref": "#/$defs/City"},
            ),
            weather(city={"type": "string", "description": "A city name."}),
            note="a `$ref` inlined: the description moved, its text is the same",
        )
    ],
)
kind(
    "diff/strict-changed",
    ("tool",),
    "constraints",
    "change",
    callers=SAFE,
    model=RISK,
    implementation=RISK,
    severity=Severity.WARNING,
    summary="A tool's `strict` flag is stable: it decides whether the provider enforces the schema.",
    why=(
        "With `strict: true` the provider constrains generation to the schema (and rejects "
        "schemas outside its subset); turning it off lets malformed arguments through to the "
        "implementation, turning it on changes what the model may produce."
    ),
    fix="Flip it on purpose, in its own change, and re-test the provider calls.",
    fails=[
        Example(
            {"before": [tool(weather(), strict=False)], "after": [tool(weather(), strict=True)]}
        )
    ],
    passes=[
        tools(
            [tool(weather())],
            [tool(weather(), strict=False)],
            note="`strict: false` written out where it was absent: strict was already off",
        )
    ],
)
