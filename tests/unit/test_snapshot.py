"""Snapshots are canonical, written atomically and version-checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemadrift import snapshot
from schemadrift.errors import InputError, SnapshotFormatError
from schemadrift.model import Origin, Tool
from schemadrift.writing import write_atomic


def tool(name: str, schema: dict) -> Tool:
    return Tool(name=name, input_schema=schema, origin=Origin("file", "anthropic", "t.json", 1))


def test_canonical_text_sorts_tools_and_keeps_schema_key_order() -> None:
    """Tools are sorted by name; keys inside schemas keep their order; 2-space indent, final newline."""
    schema = {"type": "object", "properties": {"z": {"type": "string"}, "a": {"type": "string"}}}
    text = snapshot.dumps(
        snapshot.build([tool("b", schema), tool("a", schema)], {"pydantic": "2.9.0"})
    )
    data = json.loads(text)
    assert [t["name"] for t in data["tools"]] == ["a", "b"]
    assert list(data["tools"][0]["input_schema"]["properties"]) == ["z", "a"]
    assert text.endswith("}\n") and '\n  "tools": [' in text
    assert list(data) == ["format_version", "generator", "packages", "tools"]


def test_round_trip(tmp_path: Path) -> None:
    """A written snapshot reads back to the same tools and packages."""
    snap = snapshot.build([tool("a", {"type": "object"})], {"mcp": "1.0"})
    path = tmp_path / "lock.json"
    write_atomic(path, snapshot.dumps(snap))
    back = snapshot.read(path, "lock.json")
    assert back.tools == snap.tools and dict(back.packages) == {"mcp": "1.0"}


def test_newer_format_version_says_upgrade(tmp_path: Path) -> None:
    """A snapshot from a newer schemadrift is refused with the remedy."""
    path = tmp_path / "lock.json"
    path.write_text(
        json.dumps({"format_version": 99, "generator": {}, "packages": {}, "tools": []})
    )
    with pytest.raises(SnapshotFormatError, match="upgrade schemadrift"):
        snapshot.read(path, "lock.json")


def test_corrupt_baseline_is_an_input_error(tmp_path: Path) -> None:
    """A baseline that is not a snapshot names the file."""
    path = tmp_path / "lock.json"
    path.write_text('{"tools": 3}')
    with pytest.raises(InputError, match=r"lock\.json"):
        snapshot.read(path, "lock.json")


def test_atomic_write_leaves_no_temp_files(tmp_path: Path) -> None:
    """The temp file is renamed over the target; nothing else is left in the folder."""
    path = tmp_path / "lock.json"
    path.write_text("old")
    write_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["lock.json"]
