"""The texts a run keys its work by: a schema's compact JSON text, and a tool's content.

Two schemas with the same text are judged once, and two tools with the same content key are
the same tool as far as any rule or the diff can tell (``check`` reuses the baseline's
findings of an unchanged tool; the results cache keys its entries by them).
"""

from __future__ import annotations

import json

from schemadrift.model import JSON, Tool

# One encoder for every schema text a run makes: built once, and without the circular-reference
# check, which costs ~20% of each dump and is not needed: a cyclic value still fails, with the
# RecursionError ``try_dump`` expects.
dump = json.JSONEncoder(
    separators=(",", ":"), ensure_ascii=False, allow_nan=True, check_circular=False
).encode


def try_dump(schema: JSON) -> str | None:
    """``dump(schema)``, or ``None`` when it cannot be dumped."""
    try:
        return dump(schema)
    except (RecursionError, TypeError, ValueError):
        return None


def content_key(tool: Tool) -> str:
    """``tool_key`` of a tool whose input schema is not dumped yet."""
    return tool_key(tool, try_dump(tool.input_schema))


def tool_key(tool: Tool, input_text: str | None) -> str:
    """Everything a tool rule may read, as text; ``""`` (not cached) when it cannot be dumped.

    The line is left out: findings take their location from the tool, not from the rule, and
    a baseline's tools sit on other lines as soon as one tool above them changed. The input
    schema comes as its text ``input_text`` (already made by the caller), after the rest of the
    tool and a NUL, which JSON text never holds unescaped: distinct tools keep distinct keys.
    """
    if input_text is None:
        return ""
    data = tool.to_json()
    data["input_schema"] = None
    data["origin"] = {**tool.origin.to_json(), "line": None}
    try:
        return dump(data) + "\0" + input_text
    except (RecursionError, TypeError, ValueError):
        return ""
