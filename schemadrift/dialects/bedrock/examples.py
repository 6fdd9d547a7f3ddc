"""Example tools for the rules of the ``bedrock`` packs, in Converse's ``toolSpec`` envelope.

The rules' ``fails`` and ``passes`` examples are built from these, so every example reads as
the request a user sends.
"""

from __future__ import annotations

from schemadrift.model import JSON


def example_spec(name: str, schema: JSON, **extra: JSON) -> dict[str, JSON]:
    """A Bedrock-shaped tool for examples."""
    spec = {"name": name, "description": "Example tool.", "inputSchema": {"json": schema}}
    return {"toolSpec": {**spec, **extra}}


CITY = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
CITY_CLOSED = {**CITY, "additionalProperties": False}
