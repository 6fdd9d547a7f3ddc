"""Canonical snapshot files: dump, load, version check.

A snapshot is JSON with tools sorted by (name, origin), schema key order kept (the model reads
it), 2-space indent, UTF-8 and a trailing newline, so the same tools always give the same
bytes. Files are replaced atomically by ``writing.write_atomic``: a crash leaves either the old
or the new file, never a torn one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from schemadrift import __version__
from schemadrift.errors import InputError, SnapshotFormatError
from schemadrift.model import FORMAT_VERSION, JSON, Snapshot, Tool, escape_token

# Distributions whose versions can change the schemas a project emits: the frameworks and
# the libraries they generate schemas with. Adapters add their own through `distributions`.
SHAPING_DISTRIBUTIONS = (
    "anthropic",
    "docstring-parser",
    "fastmcp",
    "google-genai",
    "griffe",
    "langchain",
    "langchain-core",
    "langchain-openai",
    "llama-index-core",
    "mcp",
    "openai",
    "openai-agents",
    "pydantic",
    "pydantic-ai",
    "pydantic-ai-slim",
    "pydantic-core",
    "typing-extensions",
)


# The libraries schemadrift itself runs on. They can be imported before a source runs (reading
# the baseline does), so whether a source's import of one is seen would depend on the command;
# and they do not shape a tool's schema. So they are never recorded from what a source imports
# (``typing-extensions`` is in SHAPING_DISTRIBUTIONS, recorded for every source that runs code).
OWN_DISTRIBUTIONS = frozenset(
    {
        "attrs",
        "click",
        "colorama",
        "jsonschema",
        "jsonschema-rs",
        "jsonschema-specifications",
        "packaging",
        "pyyaml",
        "referencing",
        "rpds-py",
        "schemadrift-llm",
        "typing-extensions",
    }
)


def installed_versions(names: Iterable[str]) -> dict[str, str]:
    """Installed versions of the given distributions (absent ones are left out), sorted."""
    names = sorted(set(names))
    if not names:  # a files-only project: no import of ``importlib.metadata`` (~7 ms)
        return {}
    from importlib import metadata

    found = {}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def generator_info() -> dict[str, JSON]:
    return {"name": "schemadrift", "version": __version__}


def to_json(snapshot: Snapshot) -> dict[str, JSON]:
    tools = sorted(snapshot.tools, key=Tool.sort_key)
    return {
        "format_version": snapshot.format_version,
        "generator": dict(snapshot.generator) or generator_info(),
        "packages": {key: snapshot.packages[key] for key in sorted(snapshot.packages)},
        "tools": [tool.to_json() for tool in tools],
    }


def dumps(snapshot: Snapshot) -> str:
    """The canonical text of a snapshot."""
    return canonical_json(to_json(snapshot))


def canonical_json(value: JSON) -> str:
    """2-space indented JSON, key order kept, non-ASCII kept, trailing newline.

    A deeply nested schema (reported by json-schema/too-deep) is still recorded, compact past
    ``MAX_NESTING`` levels. Decided by its depth, not by a ``RecursionError``: the CLI runs on
    a deep stack, where the indenting encoder would not fail but write 9,000 levels as 160 MB.
    """
    from schemadrift.schema.walk import MAX_NESTING, nesting_depth

    if nesting_depth(value, MAX_NESTING) > MAX_NESTING:
        return _dumps_iterative(value, compact_from=MAX_NESTING) + "\n"
    return json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _dumps_iterative(value: JSON, *, compact_from: int | None = None) -> str:
    """The text of ``json.dumps(value, indent=2, ensure_ascii=False)``, without recursion.

    The indenting encoder is pure Python and recursive (generators nested once per level, so
    quadratic in the depth); this one keeps its own stack and runs in linear time. Levels at
    ``compact_from`` and below are written without line breaks: indenting 10,000 levels would
    make a file of hundreds of megabytes of spaces.
    """
    out: list[str] = []
    stack: list[tuple[bool, JSON, int]] = [(False, value, 0)]  # (is literal text, item, level)
    while stack:
        literal, item, level = stack.pop()
        if literal:
            out.append(item)
            continue
        if isinstance(item, (dict, list)) and item:
            flat = compact_from is not None and level >= compact_from
            pad = "" if flat else "\n" + "  " * (level + 1)
            end = "" if flat else "\n" + "  " * level
            ops: list[tuple[bool, JSON, int]] = [(True, "{" if isinstance(item, dict) else "[", 0)]
            if isinstance(item, dict):
                for index, (key, sub) in enumerate(item.items()):
                    name = key if isinstance(key, str) else json.dumps(key)
                    head = ("," if index else "") + pad + json.dumps(name, ensure_ascii=False)
                    ops += [(True, head + ": ", 0), (False, sub, level + 1)]
                ops.append((True, end + "}", 0))
            else:
                for index, sub in enumerate(item):
                    ops += [(True, ("," if index else "") + pad, 0), (False, sub, level + 1)]
                ops.append((True, end + "]", 0))
            stack.extend(reversed(ops))
        else:
            out.append(json.dumps(item, ensure_ascii=False, allow_nan=False))
    return "".join(out)


def loads(text: str, label: str) -> Snapshot:
    """Parse a snapshot; a newer format is ``SnapshotFormatError``, a corrupt one ``InputError``."""
    from schemadrift.sources.parsing import parse_json

    data = parse_json(text, label)
    return from_json(data, label)


# What each field of a tool record may hold (the snapshot format, version 1), as JSON types.
_OBJECT, _STRING, _NULL, _BOOL, _INTEGER = "object", "string", "null", "boolean", "integer"
_TOOL_FIELDS: dict[str, tuple[str, ...]] = {
    "name": (_STRING,),
    "description": (_STRING, _NULL),
    "input_schema": (_OBJECT, _BOOL, _NULL),  # a provider built-in tool has no schema
    "output_schema": (_OBJECT, _BOOL, _NULL),
    "strict": (_BOOL, _NULL),
    "origin": (_OBJECT, _NULL),
    "variants": (_OBJECT,),
    "envelope": (_OBJECT,),
    "name_from_file": (_BOOL,),
    "builtin": (_STRING, _NULL),
}
_ORIGIN_FIELDS: dict[str, tuple[str, ...]] = {
    "kind": (_STRING, _NULL),
    "shape": (_STRING, _NULL),
    "location": (_STRING, _NULL),
    "line": (_INTEGER, _NULL),
    "generator": (_STRING, _NULL),
}


def _json_type(value: JSON) -> str:
    if value is None:
        return _NULL
    if isinstance(value, bool):
        return _BOOL
    if isinstance(value, int):
        return _INTEGER
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return _STRING
    return "array" if isinstance(value, list) else _OBJECT


def _check_fields(
    record: dict[str, JSON], fields: dict[str, tuple[str, ...]], pointer: str, label: str
) -> None:
    """Each known field holds one of its types; an unknown field is left alone (a newer
    writer's addition within the same format version)."""
    for key, allowed in fields.items():
        if key in record and _json_type(record[key]) not in allowed:
            raise InputError(
                label,
                f"corrupt snapshot: {key!r} is {_json_type(record[key])}, expected "
                + " or ".join(allowed),
                pointer=f"{pointer}/{key}",
            )


def _check_tool(item: JSON, index: int, label: str) -> None:
    """One tool record's structure, checked once on load so that no later step (a report
    format, the diff) meets a value of the wrong type; errors name the JSON pointer."""
    pointer = f"/tools/{index}"
    if not isinstance(item, dict):
        raise InputError(
            label, f"corrupt snapshot: a tool record is {_json_type(item)}", pointer=pointer
        )
    if "name" not in item:
        raise InputError(label, "corrupt snapshot: a tool record has no name", pointer=pointer)
    _check_fields(item, _TOOL_FIELDS, pointer, label)
    origin = item.get("origin")
    if isinstance(origin, dict):
        _check_fields(origin, _ORIGIN_FIELDS, f"{pointer}/origin", label)
        line = origin.get("line")
        if isinstance(line, int) and line < 0:
            raise InputError(
                label, "corrupt snapshot: a line number below 0", pointer=f"{pointer}/origin/line"
            )


def from_json(data: JSON, label: str) -> Snapshot:
    """A snapshot from its parsed JSON, its structure checked: a field of the wrong type is
    an ``InputError`` naming the file and the field's pointer (``/tools/0/origin/location``)."""
    if not isinstance(data, dict) or "format_version" not in data:
        raise InputError(label, "not a schemadrift snapshot (no format_version); corrupt snapshot?")
    version = data["format_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(
            label, f"corrupt snapshot: format_version is {version!r}", pointer="/format_version"
        )
    if version > FORMAT_VERSION:
        raise SnapshotFormatError(label, version, FORMAT_VERSION)
    tools_raw = data.get("tools")
    if not isinstance(tools_raw, list):
        raise InputError(label, "corrupt snapshot: 'tools' must be a list", pointer="/tools")
    packages = data.get("packages") or {}
    if not isinstance(packages, dict):
        raise InputError(
            label, "corrupt snapshot: 'packages' must map names to versions", pointer="/packages"
        )
    for name, version_text in packages.items():
        if not isinstance(version_text, str):
            raise InputError(
                label,
                f"corrupt snapshot: the version of {name!r} is {_json_type(version_text)}, "
                "expected string",
                pointer="/packages/" + escape_token(name),
            )
    generator = data.get("generator")
    if generator is not None and not isinstance(generator, dict):
        raise InputError(
            label,
            f"corrupt snapshot: 'generator' is {_json_type(generator)}, expected object",
            pointer="/generator",
        )
    for index, item in enumerate(tools_raw):
        _check_tool(item, index, label)
    tools = tuple(Tool.from_json(item) for item in tools_raw)
    return Snapshot(
        tools=tools, packages=packages, generator=generator or {}, format_version=FORMAT_VERSION
    )


def read(path: Path, label: str) -> Snapshot:
    from schemadrift.sources.parsing import decode
    from schemadrift.writing import read_regular

    try:
        data = read_regular(path, label)
    except FileNotFoundError as error:
        raise InputError(
            label, "no baseline snapshot; run `schemadrift snapshot` to write one"
        ) from error
    except OSError as error:
        raise InputError(label, f"cannot read the baseline: {error.strerror or error}") from error
    return loads(decode(data, label), label)


def build(tools: Iterable[Tool], packages: Mapping[str, str]) -> Snapshot:
    return Snapshot(
        tools=tuple(sorted(tools, key=Tool.sort_key)),
        packages=dict(sorted(packages.items())),
        generator=generator_info(),
    )
