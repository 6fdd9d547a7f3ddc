"""RFC 6901 JSON pointers: build, split and resolve them."""

from __future__ import annotations

from collections.abc import Iterable

from schemadrift.model import JSON, escape_token

__all__ = ["escape_token", "join", "resolve", "split", "unescape_token"]


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
