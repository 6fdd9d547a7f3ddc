"""The change catalogue: one rule per kind of change between a baseline tool and its current
form. A ``pair`` rule's check receives ``(old, new, ctx)`` (``None`` for an absent side) and
yields hits whose pointers are relative to the tool record (the new side, or the old side for
removals).
"""

from __future__ import annotations

from collections.abc import Iterator

from schemadrift.diff.compare import differences
from schemadrift.model import Evidence, Severity, Tool
from schemadrift.registry import Context, Example, Hit, rule

DESIGN = Evidence(
    "https://github.com/schemadrift/schemadrift/blob/main/docs/design.md#diff-semantics",
    "documented",
    "2026-12-01",
    "schemadrift's own contract semantics",
)

_WEATHER = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}


def _tool(name: str, schema: object, description: str = "Get the weather.") -> dict[str, object]:
    return {"name": name, "description": description, "input_schema": schema}


@rule(
    "diff/tool-added",
    severity=Severity.INFO,
    scope="pair",
    summary="A tool that was not in the baseline is reported (compatible for existing callers).",
    why="A new tool changes what the model can do; nothing that worked before stops working.",
    fix="Nothing to fix: review it, then run `schemadrift snapshot` to record it.",
    evidence=[DESIGN],
    fails=[Example({"before": [], "after": [_tool("get_weather", _WEATHER)]})],
    passes=[Example({"before": [_tool("get_weather", _WEATHER)], "after": [_tool("get_weather", _WEATHER)]})],
)
def tool_added(old: Tool | None, new: Tool | None, ctx: Context) -> Iterator[Hit]:
    if old is None and new is not None:
        yield Hit("", f"tool {new.name!r} was added")


@rule(
    "diff/tool-removed",
    severity=Severity.ERROR,
    scope="pair",
    summary="Tools are not removed: callers, recorded conversations and evals still name them.",
    why=(
        "A removed tool breaks every caller and every replayed conversation that calls it; "
        "providers also reject history that names an unknown tool."
    ),
    fix="Keep the tool (deprecate it in its description first), or acknowledge the removal.",
    evidence=[DESIGN],
    fails=[Example({"before": [_tool("get_weather", _WEATHER)], "after": []})],
    passes=[Example({"before": [_tool("get_weather", _WEATHER)], "after": [_tool("get_weather", _WEATHER)]})],
)
def tool_removed(old: Tool | None, new: Tool | None, ctx: Context) -> Iterator[Hit]:
    if old is not None and new is None:
        yield Hit("", f"tool {old.name!r} was removed")


@rule(
    "diff/tool-renamed",
    severity=Severity.ERROR,
    scope="pair",
    summary="Tool names are stable: a tool with the same schema under a new name is a rename.",
    why="Callers and recorded tool calls address a tool by name; a rename breaks them all.",
    fix="Keep the old name, or add the new tool beside the old one and remove the old later.",
    evidence=[DESIGN],
    fails=[
        Example(
            {
                "before": [_tool("get_weather", _WEATHER), _tool("x", {"type": "object"})],
                "after": [_tool("fetch_weather", _WEATHER), _tool("x", {"type": "object"})],
            }
        )
    ],
    passes=[Example({"before": [_tool("get_weather", _WEATHER)], "after": [_tool("get_weather", _WEATHER)]})],
)
def tool_renamed(old: Tool | None, new: Tool | None, ctx: Context) -> Iterator[Hit]:
    if old is not None and new is not None and old.name != new.name and not (
        old.name_from_file or new.name_from_file
    ):
        yield Hit("/name", f"tool {old.name!r} was renamed to {new.name!r}", discriminator=old.name)


@rule(
    "diff/description-changed",
    severity=Severity.WARNING,
    scope="pair",
    summary="Tool descriptions change only on purpose: they are the prompt the model reads.",
    why=(
        "The model re-reads every description on every call; an edited description changes "
        "which tool it picks and how it fills arguments, with no schema change to show it."
    ),
    fix="Review the new wording, then run `schemadrift snapshot` to accept it.",
    evidence=[DESIGN],
    fails=[Example({"before": [_tool("get_weather", _WEATHER)], "after": [_tool("get_weather", _WEATHER, "Weather now.")]})],
    passes=[Example({"before": [_tool("get_weather", _WEATHER)], "after": [_tool("get_weather", _WEATHER)]})],
)
def description_changed(old: Tool | None, new: Tool | None, ctx: Context) -> Iterator[Hit]:
    if old is not None and new is not None and (old.description or "") != (new.description or ""):
        yield Hit("/description", "the tool description changed")


@rule(
    "diff/schema-changed",
    severity=Severity.WARNING,
    scope="pair",
    summary="Any other change to a tool's input or output schema is reported at its pointer.",
    why="Schema output drifts silently with dependency upgrades; every change deserves a look.",
    fix="Review the change, then run `schemadrift snapshot` to accept it.",
    evidence=[DESIGN],
    fails=[
        Example(
            {
                "before": [_tool("get_weather", _WEATHER)],
                "after": [_tool("get_weather", {**_WEATHER, "properties": {"city": {"type": "integer"}}})],
            }
        )
    ],
    passes=[Example({"before": [_tool("get_weather", _WEATHER)], "after": [_tool("get_weather", _WEATHER)]})],
)
def schema_changed(old: Tool | None, new: Tool | None, ctx: Context) -> Iterator[Hit]:
    if old is None or new is None:
        return
    for base, a, b in (
        ("/input_schema", old.input_schema, new.input_schema),
        ("/output_schema", old.output_schema, new.output_schema),
    ):
        for pointer, before, after in differences(a, b):
            if pointer.endswith("/description") or pointer.endswith("/title"):
                continue
            yield Hit(
                base + pointer,
                f"changed from {_short(before)} to {_short(after)}",
                discriminator=pointer,
            )


def _short(value: object) -> str:
    import json

    if value is None:
        return "(absent)"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
