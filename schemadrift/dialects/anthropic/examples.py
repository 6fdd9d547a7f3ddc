"""Example tools for the rules of the ``anthropic`` packs, in Anthropic's envelope.

The rules' ``fails`` and ``passes`` examples are built from these, so every example reads as
the request a user sends.
"""

from __future__ import annotations

from schemadrift.model import JSON


def example_tool(name: str, schema: JSON, **extra: JSON) -> dict[str, JSON]:
    """An Anthropic-shaped tool for examples."""
    return {"name": name, "description": "Example tool.", "input_schema": schema, **extra}


CITY = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
CITY_CLOSED = {**CITY, "additionalProperties": False}
