"""Builders of the change kinds' examples: a weather tool's schema, a tool, a pair of tool sets.

Every kind's examples are written with these, so the docs show one familiar tool changing in
one way at a time.
"""

from __future__ import annotations

from schemadrift.registry import Example

REVIEW = "Review the change; if it is intended, run `schemadrift snapshot` to accept it."
KEEP = (
    "Keep accepting what was accepted (add beside, deprecate, remove later), or acknowledge it "
    "with `schemadrift ack FINGERPRINT --reason ...`."
)


def weather(extra: dict[str, object] | None = None, **props: object) -> dict[str, object]:
    """The weather tool's input schema (``city`` required) with ``props`` and ``extra`` added."""
    properties = {"city": {"type": "string"}, **props}
    schema: dict[str, object] = {"type": "object", "properties": properties, "required": ["city"]}
    schema.update(extra or {})
    return schema


def tool(
    schema: object,
    name: str = "get_weather",
    description: str = "Get the weather.",
    **extra: object,
) -> dict[str, object]:
    """A tool definition around ``schema``."""
    return {"name": name, "description": description, "input_schema": schema, **extra}


def pair(before: object, after: object, note: str = "") -> Example:
    """One tool whose input schema goes from ``before`` to ``after``."""
    return Example({"before": [tool(before)], "after": [tool(after)]}, note=note)


def tools(before: list[object], after: list[object], note: str = "") -> Example:
    """Two whole tool sets, for changes to the set (added, removed, renamed tools)."""
    return Example({"before": before, "after": after}, note=note)


def draft(number: str, schema: dict[str, object]) -> dict[str, object]:
    """``schema`` declaring an older draft (``$schema`` first, as it is written)."""
    return {"$schema": f"http://json-schema.org/draft-{number}/schema#", **schema}
