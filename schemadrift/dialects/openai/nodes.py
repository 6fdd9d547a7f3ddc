"""What the OpenAI rules ask of a schema node: its pointer, whether it is an object, its type
as OpenAI prints it, and a value shortened for a message."""

from __future__ import annotations

from schemadrift.dialects._common import node_types
from schemadrift.model import JSON, escape_token


def ptr(base: str, *tokens: str) -> str:
    """``base`` extended by ``tokens``, each escaped as a JSON Pointer token (RFC 6901)."""
    return base + "".join("/" + escape_token(token) for token in tokens)


def is_object_schema(schema: dict[str, JSON]) -> bool:
    """An object node: typed ``object`` (alone or in a type list), or untyped with
    ``properties``."""
    types = node_types(schema)
    return "object" in types or ("type" not in schema and "properties" in schema)


def type_label(schema: JSON) -> str:
    """The root type as OpenAI prints it in ``got type: "..."`` (``None`` when there is none)."""
    if not isinstance(schema, dict):
        return type(schema).__name__ if schema is not None else "None"
    value = schema.get("type")
    if value is None:
        return "None"
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


def short(value: JSON) -> str:
    """``value`` as JSON, cut to 40 characters, for a message that quotes it."""
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
