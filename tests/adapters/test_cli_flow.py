"""`schemadrift snapshot` then `check` on a fixture project, as a user runs them."""

from __future__ import annotations

import json
import shutil

from tests.adapters.conftest import PROJECTS
from tests.conftest import run_subprocess


def test_snapshot_then_check_reports_an_edited_tool(tmp_path):
    """After a fixture tool changes, `check` reports the change against the snapshot."""
    project = tmp_path / "project"
    shutil.copytree(PROJECTS / "pydantic", project)
    wrote = run_subprocess("snapshot", cwd=project)
    assert wrote.code == 0, wrote.err
    clean = run_subprocess("check", "--format", "json", cwd=project)
    assert clean.code in (0, 1), clean.err  # lint findings may exist; no diff yet
    before = {f["rule"] for f in json.loads(clean.out)["findings"] if f["rule"].startswith("diff/")}
    assert before == set()
    tools = project / "fx_pydantic" / "tools.py"
    text = tools.read_text()
    tools.write_text(
        text.replace(
            "def search(query: str, limit: int = 10,", "def search(query: str, limit: str,"
        )
    )
    changed = run_subprocess("check", "--format", "json", cwd=project)
    assert changed.code == 1, changed.err
    findings = [f for f in json.loads(changed.out)["findings"] if f["rule"].startswith("diff/")]
    assert any(f["tool"] == "search" and "/limit" in f["pointer"] for f in findings), findings
