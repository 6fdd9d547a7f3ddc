"""Recognise the tool shapes providers and protocols use, and turn them into ``Tool``s.

A parsed JSON/YAML document may be a bare JSON Schema, one tool in any provider's envelope, a
list of tools, a request-like ``{"tools": [...]}`` (MCP ``tools/list`` included, also inside a
JSON-RPC ``result``), Gemini ``functionDeclarations``, a Bedrock ``toolConfig`` or a
schemadrift snapshot. Pure: no I/O; the caller says where the document came from. The names
that tell the shapes apart are in ``vocabulary.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from schemadrift.errors import InputError
from schemadrift.model import JSON, Origin, Tool
from schemadrift.schema.pointer import join
from schemadrift.sources.vocabulary import (
    ANTHROPIC_BUILTIN_TYPE,
    ANTHROPIC_BUILTIN_TYPES,
    BEDROCK_CACHE_POINT,
    GEMINI_DECLARATIONS,
    GEMINI_TOOL_FIELDS,
    OPENAI_BUILTIN_TYPES,
    SCHEMA_KEYWORDS,
    SHAPE_NAMES,
)


@dataclass(frozen=True, slots=True)
class DocumentSource:
    """Where a document came from, for origins and messages."""

    label: str  # repo-relative path, "<stdin>", a command line, ...
    kind: str = "file"  # Origin.kind
    name_hint: str | None = None  # tool name for a bare schema (file name up to the first '.')
    locate: Callable[[str, int], int | None] | None = None  # (tool name, nth) -> line


def is_bare_schema(value: JSON) -> bool:
    if isinstance(value, bool):
        return True
    if not isinstance(value, dict):
        return False
    return all(
        isinstance(key, str) and (key in SCHEMA_KEYWORDS or key.startswith("x-")) for key in value
    )


def is_snapshot(value: JSON) -> bool:
    return (
        isinstance(value, dict)
        and "format_version" in value
        and "tools" in value
        and ("generator" in value or "packages" in value)
    )


def _strip(obj: Mapping[str, JSON], *keys: str) -> dict[str, JSON]:
    return {key: value for key, value in obj.items() if key not in keys}


def _name(obj: Mapping[str, JSON], src: DocumentSource, pointer: str, key: str = "name") -> str:
    name = obj.get(key)
    if not isinstance(name, str):
        what = "has no name" if name is None else f"has a non-string name {name!r}"
        raise InputError(src.label, f"the tool {what}", pointer=join(pointer, key))
    return name


def _strict(value: JSON) -> bool | None:
    return value if isinstance(value, bool) else None


def _description(value: JSON) -> str | None:
    return value if isinstance(value, str) else None


def _builtin(obj: dict[str, Any], src: DocumentSource, shape: str, kind: str, name: str) -> Tool:
    """A built-in tool record: the object as written is its envelope, it has no schema."""
    return Tool(
        name=name,
        input_schema=None,
        strict=_strict(obj.get("strict")),
        origin=Origin(kind=src.kind, shape=shape, location=src.label),
        envelope=dict(obj),
        builtin=kind,
    )


def _builtin_from_object(obj: dict[str, Any], src: DocumentSource, pointer: str) -> Tool | None:
    """A provider built-in tool (Anthropic, OpenAI Responses, Bedrock ``systemTool``), or
    ``None``. Gemini's built-ins are ``Tool`` fields, read by ``_gemini_tool``.

    Recognised by the provider's own type names only, so a function tool is never taken for
    one: Anthropic's carry no ``input_schema`` (its custom tools do), OpenAI's have one of the
    hosted ``type`` values. Tools without a ``name`` are named by their type (and an MCP
    server's label), which is how the request tells them apart.
    """
    kind = obj.get("type")
    if isinstance(kind, str) and "input_schema" not in obj:
        if ANTHROPIC_BUILTIN_TYPE.fullmatch(kind) or kind in ANTHROPIC_BUILTIN_TYPES:
            name = obj.get("name", obj.get("mcp_server_name", kind))
            if not isinstance(name, str):
                what = "name" if "name" in obj else "mcp_server_name"
                raise InputError(
                    src.label, f"the tool has a non-string {what}", pointer=join(pointer, what)
                )
            return _builtin(obj, src, "anthropic", kind, name)
        if kind in OPENAI_BUILTIN_TYPES:
            label = obj.get("server_label")
            name = f"{kind}:{label}" if isinstance(label, str) else kind
            return _builtin(obj, src, "openai-responses", kind, name)
    spec = obj.get("systemTool")
    if isinstance(spec, dict) and len(obj) == 1:
        name = _name(spec, src, join(pointer, "systemTool"))
        return _builtin(obj, src, "bedrock", "systemTool", name)
    return None


def _is_gemini_tool(obj: Mapping[str, JSON]) -> bool:
    """A Gemini ``Tool``: only ``Tool`` fields, at least one of them."""
    return bool(obj) and all(key in GEMINI_TOOL_FIELDS for key in obj)


def _gemini_tool(obj: dict[str, Any], src: DocumentSource, pointer: str) -> Iterator[Tool]:
    """The declarations and built-in tools of one Gemini ``Tool``, in the order written."""
    for key, value in obj.items():
        here = join(pointer, key)
        if key in GEMINI_DECLARATIONS:
            yield from _gemini_declarations(value, src, here)
        elif key in ("mcpServers", "mcp_servers") and isinstance(value, list):
            for index, server in enumerate(value):
                at = join(here, index)
                if not isinstance(server, dict):
                    raise InputError(src.label, "an MCP server entry must be an object", pointer=at)
                yield _builtin(server, src, "gemini", key, f"{key}:{_name(server, src, at)}")
        else:
            yield _builtin({key: value}, src, "gemini", key, key)


def _tool_from_object(obj: dict[str, Any], src: DocumentSource, pointer: str) -> Tool | None:
    """One tool object in any known envelope, or ``None`` when it is none of them."""

    def origin(shape: str) -> Origin:
        return Origin(kind=src.kind, shape=shape, location=src.label)

    builtin = _builtin_from_object(obj, src, pointer)
    if builtin is not None:
        return builtin

    if obj.get("type") == "function" and isinstance(obj.get("function"), dict):
        fn = obj["function"]
        return Tool(
            name=_name(fn, src, join(pointer, "function")),
            description=_description(fn.get("description")),
            input_schema=fn.get("parameters"),
            strict=_strict(fn.get("strict")),
            origin=origin("openai"),
            envelope={**_strip(obj, "function"), "function": _strip(fn, "parameters")},
        )
    if obj.get("type") == "function" and "name" in obj:
        return Tool(
            name=_name(obj, src, pointer),
            description=_description(obj.get("description")),
            input_schema=obj.get("parameters"),
            strict=_strict(obj.get("strict")),
            origin=origin("openai-responses"),
            envelope=_strip(obj, "parameters"),
        )
    if isinstance(obj.get("toolSpec"), dict):
        spec = obj["toolSpec"]
        schema_holder = spec.get("inputSchema")
        schema = schema_holder.get("json") if isinstance(schema_holder, dict) else None
        return Tool(
            name=_name(spec, src, join(pointer, "toolSpec")),
            description=_description(spec.get("description")),
            input_schema=schema,
            strict=_strict(spec.get("strict")),
            origin=origin("bedrock"),
            envelope={**_strip(obj, "toolSpec"), "toolSpec": _strip(spec, "inputSchema")},
        )
    if "input_schema" in obj and "name" in obj:
        return Tool(
            name=_name(obj, src, pointer),
            description=_description(obj.get("description")),
            input_schema=obj.get("input_schema"),
            strict=_strict(obj.get("strict")),
            origin=origin("anthropic"),
            envelope=_strip(obj, "input_schema"),
        )
    if "inputSchema" in obj and "name" in obj:
        return Tool(
            name=_name(obj, src, pointer),
            description=_description(obj.get("description")),
            input_schema=obj.get("inputSchema"),
            output_schema=obj.get("outputSchema"),
            origin=origin("mcp"),
            envelope=_strip(obj, "inputSchema", "outputSchema"),
        )
    json_key = next(
        (k for k in ("parametersJsonSchema", "parameters_json_schema") if k in obj), None
    )
    if json_key is not None and "name" in obj:
        out_key = next(
            (k for k in ("responseJsonSchema", "response_json_schema") if k in obj), None
        )
        return Tool(
            name=_name(obj, src, pointer),
            description=_description(obj.get("description")),
            input_schema=obj[json_key],
            output_schema=obj[out_key] if out_key else None,
            origin=origin("gemini-json"),
            envelope=_strip(obj, json_key, *(k for k in (out_key,) if k)),
        )
    if "name" in obj and ("parameters" in obj or set(obj) <= {"name", "description"}):
        # A bare function definition: OpenAI's legacy `functions` entry, Mistral's `function`,
        # or a Gemini declaration found on its own.
        return Tool(
            name=_name(obj, src, pointer),
            description=_description(obj.get("description")),
            input_schema=obj.get("parameters"),
            strict=_strict(obj.get("strict")),
            origin=origin("openai-function"),
            envelope=_strip(obj, "parameters"),
        )
    return None


def _gemini_declarations(decls: JSON, src: DocumentSource, pointer: str) -> Iterator[Tool]:
    if not isinstance(decls, list):
        raise InputError(src.label, "functionDeclarations must be a list", pointer=pointer)
    for index, decl in enumerate(decls):
        here = join(pointer, index)
        if not isinstance(decl, dict):
            raise InputError(src.label, "a function declaration must be an object", pointer=here)
        json_key = next(
            (k for k in ("parametersJsonSchema", "parameters_json_schema") if k in decl), None
        )
        out_key = next(
            (k for k in ("responseJsonSchema", "response_json_schema", "response") if k in decl),
            None,
        )
        schema_key = json_key or "parameters"
        yield Tool(
            name=_name(decl, src, here),
            description=_description(decl.get("description")),
            input_schema=decl.get(schema_key),
            output_schema=decl.get(out_key) if out_key else None,
            origin=Origin(
                kind=src.kind, shape="gemini-json" if json_key else "gemini", location=src.label
            ),
            envelope=_strip(decl, schema_key, *(k for k in (out_key,) if k)),
        )


def _tool_list(items: list[JSON], src: DocumentSource, pointer: str) -> Iterator[Tool]:
    for index, item in enumerate(items):
        here = join(pointer, index)
        if isinstance(item, dict):
            if _is_gemini_tool(item):
                yield from _gemini_tool(item, src, here)
            elif set(item) == {BEDROCK_CACHE_POINT}:
                continue  # a cache boundary between tools, not a tool
            else:
                tool = _tool_from_object(item, src, here)
                if tool is None:
                    raise InputError(
                        src.label,
                        "this list item is not a tool object of any known shape: " + _shapes(),
                        pointer=here,
                    )
                yield tool
        else:
            raise InputError(src.label, "a tool list item must be an object", pointer=here)


def _shapes() -> str:
    return "; ".join(SHAPE_NAMES)


def detect(doc: JSON, src: DocumentSource) -> tuple[str, list[Tool]] | None:
    """``(shape description, tools)`` for a parsed document, or ``None`` for no known shape.

    Raises ``InputError`` when the document has a known shape but a broken tool in it.
    """
    if is_snapshot(doc):
        from schemadrift.snapshot import from_json

        # One reader for every snapshot, given as a file or read as the baseline: its
        # structure is checked once, and a bad field is named by its pointer.
        return "schemadrift snapshot", list(from_json(doc, src.label).tools)
    if isinstance(doc, list):
        listed = list(_tool_list(doc, src, ""))
        return _described("list of tool objects", listed), listed
    if not isinstance(doc, dict):
        return None
    if isinstance(doc.get("result"), dict) and "jsonrpc" in doc:
        found = detect(doc["result"], src)
        return None if found is None else (f"JSON-RPC result: {found[0]}", found[1])
    if _is_gemini_tool(doc):
        declared = list(_gemini_tool(doc, src, ""))
        if len(declared) == 1 and declared[0].builtin is not None:
            return f"Gemini built-in tool `{declared[0].builtin}`", declared
        return _described("Gemini function declarations", declared), declared
    for key in GEMINI_DECLARATIONS:
        if key in doc:
            return "Gemini function declarations", list(
                _gemini_declarations(doc[key], src, "/" + key)
            )
    if isinstance(doc.get("toolConfig"), dict) and isinstance(doc["toolConfig"].get("tools"), list):
        tools = list(_tool_list(doc["toolConfig"]["tools"], src, "/toolConfig/tools"))
        return _described("Bedrock toolConfig", tools), tools
    if isinstance(doc.get("tools"), list) and not is_bare_schema(doc):
        tools = list(_tool_list(doc["tools"], src, "/tools"))
        shapes = sorted({tool.origin.shape for tool in tools})
        label = "MCP tools/list result" if shapes == ["mcp"] else "tool list"
        return _described(label, tools), tools
    tool = _tool_from_object(doc, src, "")
    if tool is not None:
        if tool.builtin is not None:
            return f"{tool.origin.shape} built-in tool `{tool.builtin}`", [tool]
        return f"{tool.origin.shape} tool", [tool]
    if is_bare_schema(doc):
        if src.name_hint is None:
            raise InputError(src.label, "a bare schema needs a tool name; none could be derived")
        return "bare JSON Schema", [
            Tool(
                name=src.name_hint,
                input_schema=doc,
                origin=Origin(kind=src.kind, shape="bare", location=src.label),
                name_from_file=True,
            )
        ]
    return None


def _described(label: str, tools: list[Tool]) -> str:
    """A shape description that names the built-in tools among ``tools`` (``-v`` prints it)."""
    builtins = [tool.builtin for tool in tools if tool.builtin is not None]
    if not builtins:
        return label
    noun = "built-in tool" if len(builtins) == 1 else "built-in tools"
    shown = ", ".join(f"`{kind}`" for kind in dict.fromkeys(builtins))
    return f"{label} with {len(builtins)} {noun} ({shown})"


def no_shape_message() -> str:
    return "no known tool shape; expected one of: " + _shapes()
