"""Where the model reads text in a tool definition, for the security rules.

Every string of a tool is prompt text except the structural ones (types, formats, references,
patterns): `texts` yields each with its pointer and a label for the finding, and `dump` gives
them all as one string for the rules' cheap pre-checks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from schemadrift.model import JSON, Tool
from schemadrift.schema.facts import SchemaFacts
from schemadrift.schema.pointer import join

# Schema keywords whose string values are structure, not prose (types, formats, references,
# regular expressions, property names). Everything else a schema holds is read by the model.
_STRUCTURAL = frozenset(
    {
        "type",
        "format",
        "$ref",
        "$schema",
        "$id",
        "$anchor",
        "$dynamicRef",
        "$dynamicAnchor",
        "$recursiveRef",
        "$vocabulary",
        "required",
        "pattern",
        "contentEncoding",
        "contentMediaType",
        "dependentRequired",
    }
)
# Keywords mapping names to subschemas (the names are identifiers; the values are schemas).
_NAMED_SCHEMAS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
# Keywords holding instance data (free text and any JSON), and what to call their strings.
_DATA = {
    "default": "default value",
    "const": "const value",
    "enum": "enum value",
    "examples": "example value",
    "example": "example value",
}
_LABELS = {
    "description": "schema description",
    "title": "schema title",
    "$comment": "schema $comment",
}


def texts(tool: Tool) -> Iterator[tuple[str, str, str]]:
    """``(pointer, what, text)`` for every text of the tool the model reads: its name and
    description, the envelope's other strings (an MCP ``title``, ``annotations.title``), and
    every string of its input and output schemas but the structural ones, nested anywhere:
    descriptions, titles, ``$comment``, ``default``, ``const``, ``enum``, ``examples``,
    ``x-*`` extensions. Property names come as ``property name``."""
    yield "/name", "tool name", tool.name
    if isinstance(tool.description, str):
        yield "/description", "tool description", tool.description
    if tool.envelope:
        yield from _envelope_texts(tool)
    for base, schema in (
        ("/input_schema", tool.input_schema),
        ("/output_schema", tool.output_schema),
    ):
        if isinstance(schema, (dict, list)):
            yield from _schema_texts(schema, base)


def _envelope_texts(tool: Tool) -> Iterator[tuple[str, str, str]]:
    """Strings of the envelope as the user wrote it, but the name and description already read
    (every shape repeats them in its envelope) and the ``type`` tag."""
    stack: list[tuple[JSON, str, str]] = [(dict(tool.envelope), "/envelope", "")]
    while stack:
        value, pointer, key = stack.pop()
        if isinstance(value, dict):
            for name, item in reversed(value.items()):
                stack.append((item, join(pointer, str(name)), str(name)))
        elif isinstance(value, list):
            for index in range(len(value) - 1, -1, -1):
                stack.append((value[index], join(pointer, index), key))
        elif isinstance(value, str):
            if (key == "name" and value == tool.name) or (
                key == "description" and value == tool.description
            ):
                continue
            if key == "type" and pointer.count("/") <= 3:
                continue
            yield pointer, _envelope_label(pointer), value


def _envelope_label(pointer: str) -> str:
    """What a finding calls an envelope string: the MCP titles by name, others by path."""
    tokens = pointer.split("/")[2:]
    if tokens == ["title"]:
        return "tool title"
    if tokens == ["annotations", "title"]:
        return "annotation title"
    return f"envelope field `{'/'.join(tokens)}`"


def _schema_texts(schema: JSON, base: str) -> Iterator[tuple[str, str, str]]:
    """The texts of one schema, in document order, walked without recursion (a hostile schema
    may nest deeper than the interpreter's stack)."""
    # (value, pointer, what): `what` is None for a schema, else the label of data strings.
    stack: list[tuple[JSON, str, str | None]] = [(schema, base, None)]
    while stack:
        value, pointer, what = stack.pop()
        if what is not None:  # instance data: every string and every key is free text
            if isinstance(value, str):
                yield pointer, what, value
            elif isinstance(value, dict):
                for key, item in reversed(value.items()):
                    here = join(pointer, str(key))
                    yield here, f"key in {what}", str(key)
                    stack.append((item, here, what))
            elif isinstance(value, list):
                for index in range(len(value) - 1, -1, -1):
                    stack.append((value[index], join(pointer, index), what))
            continue
        if isinstance(value, list):
            for index in range(len(value) - 1, -1, -1):
                stack.append((value[index], join(pointer, index), None))
            continue
        if not isinstance(value, dict):
            continue
        pending: list[tuple[JSON, str, str | None]] = []
        for raw_key, item in value.items():
            key = str(raw_key)
            here = join(pointer, key)
            if key in _STRUCTURAL:
                continue
            if key in _NAMED_SCHEMAS and isinstance(item, dict):
                for name, sub in item.items():
                    at = join(here, str(name))
                    if key == "properties":
                        yield at, "property name", str(name)
                    pending.append((sub, at, None))
            elif key in _DATA or key.startswith("x-"):
                label = _DATA.get(key) or f"`{key}` extension value"
                pending.append((item, here, label))
            elif isinstance(item, str):
                yield here, _LABELS.get(key, f"schema `{key}` value"), item
            else:
                pending.append((item, here, None))
        stack.extend(reversed(pending))


def dump(tool: Tool, facts: SchemaFacts | None = None) -> str:
    """Everything `texts` reads, as one string, for cheap pre-checks (a superset: structural
    strings and JSON punctuation come along, which only sends a tool to the exact walk).

    JSON escapes of whitespace and control characters become spaces, so a phrase split by a
    newline in a description still matches. ``facts``, those of the tool's input schema when
    the engine made them, give its compact text without dumping it again.
    """
    # A baseline record may hold any JSON where a name or description belongs.
    parts = [_as_text(tool.name), _as_text(tool.description or "")]
    rest = _envelope_rest(tool) if tool.envelope else None
    if rest:
        parts.append(_as_text(rest))
    for schema in (tool.input_schema, tool.output_schema):
        if schema is not None:
            # The engine's compact text of the schema when it made one: the pre-checks read
            # characters and words, never the spaces JSON puts after `,` and `:`.
            known = facts.text if facts is not None and facts.root is schema else None
            parts.append(known or _as_text(schema))
    if None in parts:  # too deep for `json.dumps`: the texts themselves, walked without recursion
        parts = [value for _, _, value in texts(tool)]
    text = " ".join(part for part in parts if part is not None)
    if "\\" in text:
        text = _ESCAPES.sub(_unescaped, text)
    return text


def _envelope_rest(tool: Tool) -> dict[str, JSON]:
    """The envelope without what every shape repeats (the tool's name and description, the
    ``type`` tag), at its top level and one level down (OpenAI's ``function``, Bedrock's
    ``toolSpec``), as `_envelope_texts` skips them."""
    known = {"name": tool.name, "description": tool.description}
    rest: dict[str, JSON] = {}
    for key, value in tool.envelope.items():
        if key == "type" or (key in known and value == known[key]):
            continue
        if isinstance(value, dict):
            inner = {k: v for k, v in value.items() if not (k in known and v == known[k])}
            if inner:
                rest[key] = inner
            continue
        rest[key] = value
    return rest


# An escape of whitespace or a control character (a space), or an escaped backslash (kept, so
# that a backslash before an "n" is not taken for a newline).
_ESCAPES = re.compile(r"\\(?:[nrtbf]|u00[01][0-9a-fA-F]|(\\))")


def _unescaped(match: re.Match[str]) -> str:
    """One `_ESCAPES` match: a space, or the escaped backslash kept as it was."""
    return match.group() if match.group(1) else " "


def _as_text(value: JSON) -> str | None:
    """``value`` as JSON text (a value YAML made, such as a date, as its ``str``), or ``None``
    when it is too deep to dump."""
    if isinstance(value, str):
        return value
    try:
        return _ENCODE(value)
    except (RecursionError, TypeError, ValueError):
        return None


_ENCODE = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False).encode
