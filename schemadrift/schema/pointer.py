"""RFC 6901 JSON pointers: build, split and resolve them."""

from __future__ import annotations

from collections.abc import Iterable

from schemadrift.model import JSON, escape_token

__all__ = ["escape_token", "join", "resolve", "schema_node", "split", "unescape_token"]


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(base: str, *tokens: str | int) -> str:
    """Append reference tokens to a pointer: ``join("/a", "b/c", 0) == "/a/b~1c/0"``."""
    return base + "".join("/" + escape_token(str(token)) for token in tokens)


def from_tokens(tokens: Iterable[str | int]) -> str:
    return join("", *tokens)


def split(pointer: str) -> list[str]:
    """The unescaped reference tokens of a pointer; ``""`` is the whole document."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"JSON pointer must start with '/': {pointer!r}")
    return [unescape_token(token) for token in pointer[1:].split("/")]


_MISSING = object()


def resolve(document: JSON, pointer: str, default: JSON = _MISSING) -> JSON:
    """The value at ``pointer`` in ``document``; ``default`` (or ``LookupError``) if absent."""
    node = document
    for token in split(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            if default is _MISSING:
                raise LookupError(f"no value at JSON pointer {pointer!r}")
            return default
    return node


# Keywords whose value maps names to subschemas, and those whose value lists subschemas.
_NAMED = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})
_LISTED = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
# Keywords whose value is one subschema (``items`` may also be a draft-07 list: indexed).
_SINGLE = frozenset(
    {
        "items",
        "additionalProperties",
        "unevaluatedProperties",
        "unevaluatedItems",
        "propertyNames",
        "contains",
        "not",
        "if",
        "then",
        "else",
        "additionalItems",
    }
)
_SCHEMAS = ("input_schema", "output_schema")


def schema_node(pointer: str) -> str:
    """The schema node a finding's ``pointer`` (from the tool record) judges, read as the
    contract reads it: the keyword it ends in (and any index into that keyword's value) is
    dropped, and so are ``allOf/N`` steps, an ``allOf`` wrapper being a representation
    (pydantic 2.9 writes ``{"$ref": ..., "description": ...}`` where 2.8 wrote ``{"allOf":
    [{"$ref": ...}], "description": ...}``). So ``/input_schema/properties/r/allOf`` and
    ``/input_schema/properties/r/$ref`` are both ``/input_schema/properties/r``. Pointers
    outside a schema (``/name``) are returned as they are."""
    tokens = pointer.split("/")[1:]
    if tokens[:1] and tokens[0] in _SCHEMAS:
        start = 1
    elif len(tokens) >= 2 and tokens[0] == "variants":
        start = 2
    else:
        return pointer
    node = tokens[:start]  # the tokens of the deepest schema node reached
    path = list(node)
    state = "keyword"  # what the next token is: a keyword, a name, an index, or a value
    for token in tokens[start:]:
        if state == "name":
            path.append(token)
            node, state = list(path), "keyword"
        elif state == "index":
            if path[-1] != "allOf":
                path.append(token)
            else:
                path.pop()
            node, state = list(path), "keyword"
        elif state == "value":
            break  # inside a keyword's value (``required/0``): the node is the one above
        elif token in _NAMED:
            path.append(token)
            state = "name"
        elif token in _LISTED:
            path.append(token)
            state = "index"
        elif token in _SINGLE:
            path.append(token)
            node = list(path)
        else:
            state = "value"  # any other keyword: its value is not a schema
    return "/" + "/".join(node)
