"""Walk every subschema of a JSON Schema with its JSON pointer.

Which keywords hold subschemas is data, not code (``schema/keywords.py``): the one generic
walker reads those tables, so every rule sees the same nodes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from schemadrift.model import JSON, escape_token
from schemadrift.schema.keywords import DEFINITION_KEYWORDS, IN_SUBARRAY, IN_SUBVALUES, IN_VALUE


@dataclass(frozen=True, slots=True)
class Node:
    """One subschema met during a walk.

    ``pointer`` is relative to the schema root (``""`` is the root). ``keyword`` is the keyword
    the node sits under (``"properties"``, ``"items"``, ``"anyOf"``…; ``None`` at the root) and
    ``name`` the property or definition name when the keyword maps names to schemas.
    ``depth`` counts the object and array levels above the node (the root object is level 0).
    ``in_definitions`` is true under ``$defs``/``definitions``.
    """

    schema: JSON
    pointer: str
    keyword: str | None
    name: str | None
    depth: int
    in_definitions: bool
    parent: JSON = None

    @property
    def is_root(self) -> bool:
        return self.keyword is None


def children(schema: dict[str, JSON]) -> Iterator[tuple[str, str, str | None, JSON]]:
    """Yield ``(relative pointer, keyword, name, subschema)`` for each direct subschema."""
    for keyword, value in schema.items():
        if keyword in IN_VALUE and isinstance(value, (dict, bool)):
            yield "/" + escape_token(keyword), keyword, None, value
        elif keyword in IN_SUBARRAY and isinstance(value, list):
            base = "/" + escape_token(keyword)
            for index, item in enumerate(value):
                if isinstance(item, (dict, bool)):
                    yield f"{base}/{index}", keyword, None, item
        elif keyword in IN_SUBVALUES and isinstance(value, dict):
            base = "/" + escape_token(keyword)
            for name, item in value.items():
                if isinstance(item, (dict, bool)):
                    yield f"{base}/{escape_token(str(name))}", keyword, str(name), item
        elif keyword == "dependencies" and isinstance(value, dict):
            for name, item in value.items():
                if isinstance(item, dict):
                    yield f"/dependencies/{escape_token(str(name))}", keyword, str(name), item


_LEVEL_KEYWORDS = frozenset({"properties", "items", "prefixItems", "additionalProperties"})


_DEFAULT_DEPTH = 10_000


def walk(schema: JSON, *, max_depth: int = _DEFAULT_DEPTH) -> Iterator[Node]:
    """Every subschema of ``schema``, root first, in document order (depth-first).

    Iterative, so a 10,000-deep schema does not exhaust the Python stack. Boolean subschemas
    are yielded too; non-schema values under schema keywords are skipped (the meta-schema
    check reports them).
    """
    return _walk(schema, max_depth)


def _walk(schema: JSON, max_depth: int) -> Iterator[Node]:
    stack: list[Node] = [Node(schema, "", None, None, 0, False)]
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node.schema, dict) or node.depth >= max_depth:
            continue
        kids = []
        for rel, keyword, name, sub in children(node.schema):
            depth = node.depth + (1 if keyword in _LEVEL_KEYWORDS else 0)
            kids.append(
                Node(
                    sub,
                    node.pointer + rel,
                    keyword,
                    name,
                    depth,
                    node.in_definitions or keyword in DEFINITION_KEYWORDS,
                    node.schema,
                )
            )
        stack.extend(reversed(kids))


def count_nodes(schema: JSON) -> int:
    return sum(1 for _ in walk(schema))


MAX_NESTING = 512
"""Schemas nested deeper than this are judged only by ``json-schema/too-deep``: no provider
accepts them, and rule code (and the JSON encoder) may recurse once per level."""


def nesting_depth(value: JSON, limit: int = MAX_NESTING) -> int:
    """Nesting depth of a JSON value (a scalar is 0), stopping once it passes ``limit``.

    Iterative, and only containers go on the stack: an enum of 100,000 strings is counted,
    not pushed one by one.
    """
    if not isinstance(value, (dict, list)):
        return 0
    return _nesting_depth(value, limit)


def _nesting_depth(value: JSON, limit: int) -> int:
    deepest = 0
    stack: list[tuple[JSON, int]] = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        items = current.values() if isinstance(current, dict) else current
        if items and depth + 1 > deepest:
            deepest = depth + 1
            if deepest > limit:
                return deepest
        for item in items:
            if isinstance(item, (dict, list)):
                stack.append((item, depth + 1))
    return deepest
