"""A Gemini surface as the checks see it, and which nodes of a schema its parser reaches.

The gemini, vertex and gemini-json rules that share a check differ only in the ``Surface``
they run with: its dialect, how messages name it, the fields its `Schema` message has, and
the limits it applies to function names and declarations. The protobuf parser of
`parameters` stops at the first field it does not know, so a check judges only the nodes
the parser reaches (``reaches``).
"""

from __future__ import annotations

from dataclasses import dataclass

from schemadrift.dialects.gemini.limits import (
    GEMINI_MAX_TOOLS,
    GEMINI_NAME_MAX,
    VERTEX_MAX_TOOLS,
    VERTEX_NAME_MAX,
)
from schemadrift.dialects.gemini.support import (
    GEMINI_FIELDS,
    GEMINI_SURFACE,
    JSON_SUPPORTED,
    JSON_SURFACE,
    VERTEX_FIELDS,
    VERTEX_SURFACE,
)
from schemadrift.model import JSON
from schemadrift.schema.pointer import split
from schemadrift.schema.walk import Node


@dataclass(frozen=True, slots=True)
class Surface:
    """One Gemini surface: what the rules it shares with the others need to know of it.

    ``title`` names its `parameters` in schema messages, ``host`` names the service in
    envelope and name messages; ``fields`` are the keywords its `Schema` accepts.
    ``name_warn_above``: where a name longer than this gets a dated warning (``None``: the
    limit is the only bound). ``tools_host`` names where ``tools_max`` comes from.
    """

    dialect: str
    title: str
    fields: frozenset[str]
    host: str
    name_max: int
    name_warn_above: int | None
    tools_max: int
    tools_host: str


GEMINI = Surface(
    GEMINI_SURFACE,
    "the Gemini Developer API (`parameters`)",
    GEMINI_FIELDS,
    "the Gemini Developer API",
    GEMINI_NAME_MAX,
    None,
    GEMINI_MAX_TOOLS,
    "the Gemini API",
)
VERTEX = Surface(
    VERTEX_SURFACE,
    "Vertex AI (`parameters`)",
    VERTEX_FIELDS,
    "Vertex AI",
    VERTEX_NAME_MAX,
    GEMINI_NAME_MAX,
    VERTEX_MAX_TOOLS,
    "Vertex AI (2024 docs)",
)
JSON_SCHEMA = Surface(
    JSON_SURFACE,
    "`parametersJsonSchema`",
    JSON_SUPPORTED,
    "Gemini",
    VERTEX_NAME_MAX,
    GEMINI_NAME_MAX,
    GEMINI_MAX_TOOLS,
    "the Gemini API",
)
"""`parametersJsonSchema`, on either host: the longer name limit, the Developer API's count."""

_MAP_KEYWORDS = frozenset({"properties", "$defs", "defs", "definitions", "patternProperties"})


def live(root: JSON, pointer: str, fields: frozenset[str]) -> bool:
    """True unless the node at ``pointer`` sits under a keyword the surface rejects.

    The protobuf parser stops at the first unknown field, so nothing below it is judged: a
    finding there would only repeat the one at the unknown keyword.
    """
    tokens = split(pointer)
    node = root
    index = 0
    while index < len(tokens):
        if not isinstance(node, dict):
            return True
        keyword = tokens[index]
        if keyword not in fields:
            return False
        value = node.get(keyword)
        if (keyword in _MAP_KEYWORDS or isinstance(value, list)) and index + 1 < len(tokens):
            container = value
            key = tokens[index + 1]
            if isinstance(container, dict):
                node = container.get(key)
            elif isinstance(container, list) and key.isdigit() and int(key) < len(container):
                node = container[int(key)]
            else:
                return True
            index += 2
        else:
            node = value
            index += 1
    return True


def type_name(schema: JSON) -> str | None:
    """The lower-cased single `type` of a node, or ``None`` when absent or not a string."""
    if isinstance(schema, dict):
        value = schema.get("type")
        if isinstance(value, str):
            return value.lower()
    return None


def declared_types(schema: JSON) -> set[str]:
    """Every JSON type a node names, lower-cased (a string or a list)."""
    if not isinstance(schema, dict):
        return set()
    value = schema.get("type")
    if isinstance(value, str):
        return {value.lower()}
    if isinstance(value, list):
        return {item.lower() for item in value if isinstance(item, str)}
    return set()


def in_dead_definitions(node: Node, surface: Surface) -> bool:
    """Whether ``node`` sits in definitions a surface without `$defs` never reads."""
    return node.in_definitions and "$defs" not in surface.fields


def reaches(node: Node, root: JSON, surface: Surface) -> bool:
    """Whether ``surface``'s parser reaches ``node``: not in dead definitions, nor under an
    unknown keyword (a finding there would only repeat the one at that keyword)."""
    return not in_dead_definitions(node, surface) and live(root, node.pointer, surface.fields)
