"""The pytest plugin: registered through pytest11, free until used, golden files plus lint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_weather",
            "parameters": {
                "type": "object",
                "properties": {"zeta": {"type": "string"}, "alpha": {"type": "integer"}},
            },
        },
    },
]

TEST_FILE = """
import json
from pathlib import Path

TOOLS = json.loads((Path(__file__).parent / "tools.json").read_text())


def test_tools(schemadrift_snapshot):
    schemadrift_snapshot(TOOLS, dialects=["openai"])
"""


def _pytest(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_registered_as_pytest11_entry_point() -> None:
    """pytest finds the plugin through the pytest11 entry-point group."""
    found = metadata.entry_points(group="pytest11").select(name="schemadrift")
    assert [ep.value for ep in found] == ["schemadrift.pytest_plugin"]


def test_plugin_import_is_free() -> None:
    """Loading the plugin imports neither syrupy nor the rule engine nor jsonschema."""
    code = (
        "import sys, schemadrift.pytest_plugin\n"
        "heavy = [m for m in ('syrupy', 'jsonschema', 'jsonschema_rs', 'schemadrift.engine',"
        " 'schemadrift.registry', 'schemadrift.testing') if m in sys.modules]\n"
        "print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_fixture_writes_goldens_keeps_order_and_lints(tmp_path: Path) -> None:
    """--snapshot-update writes an ordered golden; a change fails; a lint error fails with the report."""
    (tmp_path / "tools.json").write_text(json.dumps(TOOLS), encoding="utf-8")
    (tmp_path / "test_tools.py").write_text(TEST_FILE, encoding="utf-8")

    first = _pytest(tmp_path, "--snapshot-update")
    assert first.returncode == 0, first.stdout + first.stderr
    goldens = list((tmp_path / "__snapshots__").rglob("*.json"))
    assert len(goldens) == 1
    text = goldens[0].read_text(encoding="utf-8")
    assert text.index('"zeta"') < text.index('"alpha"')  # key order kept, not sorted

    again = _pytest(tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr

    TOOLS[0]["function"]["parameters"]["properties"]["zeta"]["type"] = "number"
    try:
        (tmp_path / "tools.json").write_text(json.dumps(TOOLS), encoding="utf-8")
    finally:
        TOOLS[0]["function"]["parameters"]["properties"]["zeta"]["type"] = "string"
    changed = _pytest(tmp_path)
    assert changed.returncode == 1
    assert "number" in changed.stdout

    broken = [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "parameters": {"type": "object", "properties": {"a": {"$ref": "#/$defs/Missing"}}},
            },
        }
    ]
    (tmp_path / "tools.json").write_text(json.dumps(broken), encoding="utf-8")
    updated = _pytest(tmp_path, "--snapshot-update")
    assert updated.returncode == 1
    assert "json-schema/unresolved-ref" in updated.stdout
    assert "#/$defs/Missing" in goldens[0].read_text(encoding="utf-8")  # written anyway
