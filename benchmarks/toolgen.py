"""Generate large, realistic tool sets for the benchmarks from real schemas.

The seed schemas are read at run time from the repository's ``fixtures/`` and from the shared
corpus and real tool sets beside the checkout (``../shared``); nothing is copied into the
repository. Each generated tool takes a seed schema, renames it and varies some values
(descriptions, enum members, bounds, an extra property) so that not every schema is identical:
the engine caches by content, and a benchmark of N copies of one schema would measure the cache.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from schemadrift import registry

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

ALL_DIALECTS = registry.provider_dialects()


def _schemas_in(value: Any) -> Iterator[dict[str, Any]]:
    """Object schemas found anywhere in a JSON value (corpus cases nest them in many ways)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("type") == "object" and isinstance(item.get("properties"), dict):
                yield item
                continue
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _from_tool_file(doc: Any, label: str) -> list[tuple[str, str, Any]]:
    from schemadrift.sources.shapes import DocumentSource, detect

    try:
        found = detect(doc, DocumentSource(label=label, name_hint="tool"))
    except Exception:  # noqa: BLE001 - a seed we cannot read is simply not used
        return []
    if found is None:
        return []
    return [
        (tool.name, tool.description or "", tool.input_schema)
        for tool in found[1]
        if isinstance(tool.input_schema, dict)
    ]


def seeds() -> list[tuple[str, str, dict[str, Any]]]:
    """``(name, description, input schema)`` of every real schema available on this machine."""
    out: list[tuple[str, str, Any]] = []
    for path in sorted((REPO / "fixtures").rglob("*.json")):
        try:
            doc = json.loads(path.read_text("utf-8"))
        except (ValueError, UnicodeDecodeError, OSError):
            continue
        out.extend(_from_tool_file(doc, path.name))
    real = SHARED / "conformance" / "real-toolsets"
    for path in sorted(real.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        tools = data.get("tools")
        if data.get("shape") == "mcp":
            tools = {"tools": tools}
        elif data.get("shape") == "gemini":
            tools = {"functionDeclarations": tools}
        elif data.get("shape") == "bedrock":
            tools = {"toolConfig": {"tools": tools}}
        out.extend(_from_tool_file(tools, path.name))
    for path in sorted((SHARED / "corpus" / "cases").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for index, schema in enumerate(_schemas_in(data)):
            out.append((f"{path.stem.split('-')[0]}_{index}", str(data.get("title", "")), schema))
    unique: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for name, description, schema in out:
        key = json.dumps(schema, sort_keys=True)
        unique.setdefault(key, (name, description, schema))
    return [unique[key] for key in sorted(unique)]


def _vary(schema: Any, rng: random.Random, index: int) -> Any:
    """A copy of ``schema`` with some values changed, so generated schemas differ."""
    out = copy.deepcopy(schema)
    props = out.get("properties") if isinstance(out, dict) else None
    if not isinstance(props, dict):
        return out
    for name in list(props)[:3]:
        prop = props[name]
        if not isinstance(prop, dict):
            continue
        roll = rng.random()
        if roll < 0.3:
            prop["description"] = f"{prop.get('description', name)} (variant {index})"
        elif roll < 0.5 and isinstance(prop.get("enum"), list):
            prop["enum"] = [*prop["enum"], f"extra_{index}"]
        elif roll < 0.7 and prop.get("type") == "string":
            prop["maxLength"] = 64 + index % 200
    if rng.random() < 0.3:
        props[f"extra_{index}"] = {"type": "integer", "minimum": 0, "description": "page size"}
    return out


def generate(count: int, *, seed: int = 8) -> list[dict[str, Any]]:
    """``count`` MCP-shaped tool objects built from the real seeds."""
    base = seeds()
    if not base:
        raise SystemExit("no seed schemas found (fixtures/ or ../shared)")
    rng = random.Random(seed)  # noqa: S311 - reproducible variation, not secrecy
    tools = []
    for index in range(count):
        name, description, schema = base[index % len(base)]
        safe = "".join(c if c.isalnum() or c in "_-" else "_" for c in name)[:40] or "tool"
        tools.append(
            {
                "name": f"{safe}_{index}",
                "description": (description or f"Tool {safe}.")[:300],
                "inputSchema": _vary(schema, rng, index),
            }
        )
    return tools


def mutate(tools: list[dict[str, Any]], *, every: int = 10, seed: int = 9) -> list[dict[str, Any]]:
    """A changed copy: every ``every``-th tool gets a new required property or a narrower type."""
    rng = random.Random(seed)  # noqa: S311 - reproducible variation, not secrecy
    out = copy.deepcopy(tools)
    for index in range(0, len(out), every):
        schema = out[index]["inputSchema"]
        props = schema.setdefault("properties", {})
        if rng.random() < 0.5:
            props["added_required"] = {"type": "string"}
            required = schema.get("required")
            schema["required"] = [
                *(required if isinstance(required, list) else []),
                "added_required",
            ]
        else:
            out[index]["description"] = out[index]["description"] + " Changed."
    return out


def write_project(
    directory: Path, tools: list[dict[str, Any]], *, dialects: tuple[str, ...]
) -> Path:
    """A project folder with the tools in ``tools/all.json`` and a ``schemadrift.yaml``."""
    (directory / "tools").mkdir(parents=True, exist_ok=True)
    (directory / "tools" / "all.json").write_text(json.dumps({"tools": tools}, indent=2) + "\n")
    config = {"dialects": list(dialects), "sources": [{"files": "tools/*.json"}]}
    (directory / "schemadrift.yaml").write_text(json.dumps(config) + "\n")
    return directory
