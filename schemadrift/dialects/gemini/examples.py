"""Building blocks of the Gemini rules' examples (the docs print them, the tests run them)."""

from __future__ import annotations

from schemadrift.model import JSON


def nested(levels: int) -> JSON:
    """A string nested ``levels`` objects deep (for the nesting-depth examples)."""
    schema: JSON = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"a": schema}}
    return schema


def decl(params: JSON, name: str = "get_weather") -> JSON:
    """A Gemini declaration list around ``params`` (for examples)."""
    return {"functionDeclarations": [{"name": name, "description": "d", "parameters": params}]}


CITY: JSON = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
"""A one-argument parameters schema, valid on every Gemini surface."""
