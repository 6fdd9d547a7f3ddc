"""The mcp source against a real FastMCP server started over stdio."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from schemadrift.sources import load
from tests.adapters.conftest import PROJECTS, TOOL_NAMES


def _stdio_tools():
    return load(
        "mcp", [sys.executable, "-m", "fx_fastmcp.server"], PROJECTS / "fastmcp", timeout=30
    )


def test_stdio_listing_matches_golden(golden):
    """initialize + tools/list over stdio gives the golden tool records."""
    tools = _stdio_tools()
    assert [tool.name for tool in tools] == TOOL_NAMES
    records = []
    for tool in tools:
        record = tool.to_json()
        record["origin"]["location"] = (
            Path(record["origin"]["location"].split()[0]).name + " -m fx_fastmcp.server"
        )
        records.append(record)
    assert records == golden


def test_stdio_equals_in_process_extraction():
    """The server's wire listing and the in-process adapter agree on every schema."""
    wire = _stdio_tools()
    local = load("python", "fx_fastmcp.server:server", PROJECTS / "fastmcp")
    for over_wire, in_process in zip(wire, local, strict=True):
        assert over_wire.name == in_process.name
        assert over_wire.input_schema == in_process.input_schema
        assert over_wire.output_schema == in_process.output_schema
        assert over_wire.envelope == in_process.envelope


def test_snapshot_with_mcp_source(run_cli, tmp_path, monkeypatch):
    """`schemadrift snapshot` with an mcp source writes the server's tools."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ mcp = ["python", "-m", "fx_fastmcp.server"] }]\n'
    )
    monkeypatch.setenv("PYTHONPATH", str(PROJECTS / "fastmcp"))
    monkeypatch.setenv(
        "PATH", os.pathsep.join((str(Path(sys.executable).parent), os.environ["PATH"]))
    )
    result = run_cli("snapshot", cwd=tmp_path)
    assert result.code == 0, result.err
    data = json.loads((tmp_path / "schemadrift.lock.json").read_text("utf-8"))
    assert {t["origin"]["location"] for t in data["tools"]} == {"python -m fx_fastmcp.server"}
    assert [t["name"] for t in data["tools"]] == sorted(TOOL_NAMES)
