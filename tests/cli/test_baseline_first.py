"""``check`` (and ``upgrade-check``) read and validate the baseline before running any source.

A project's sources can be slow to run (every MCP server started, frameworks imported), and a
missing or corrupt baseline makes the run impossible anyway: it must say so at once. The
sources here are commands that leave a file behind when they run, so the tests see whether
they ran, not only how long the run took.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

TOOL = {"name": "ping", "input_schema": {"type": "object", "properties": {}}}


def _project(tmp_path: Path) -> Path:
    """A project whose one source records that it ran (``ran`` appears) and prints a tool."""
    script = (
        "import json, pathlib; pathlib.Path('ran').write_text('yes'); "
        f"print(json.dumps({json.dumps(TOOL)}))"
    )
    (tmp_path / "pyproject.toml").write_text(
        "[tool.schemadrift]\n"
        f"sources = [{{ command = [{json.dumps(sys.executable)}, '-c', {json.dumps(script)}] }}]\n",
        encoding="utf-8",
    )
    return tmp_path


def test_missing_baseline_is_reported_before_any_source_runs(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    """No baseline: exit 2 naming the file and `schemadrift snapshot`; the source never ran."""
    project = _project(tmp_path)
    done = run_cli("check", cwd=project)
    assert done.code == 2 and done.out == ""
    assert "schemadrift.lock.json: no baseline snapshot" in done.err
    assert not (project / "ran").exists(), "check ran the sources before reading the baseline"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "schemadrift.lock.json"),
        ('{"format_version": 1, "tools": {}}', "'tools' must be a list"),
        ('{"format_version": 99, "tools": []}', "99"),
    ],
    ids=["unparseable", "corrupt", "newer-format"],
)
@pytest.mark.parametrize("command", ["check", "upgrade-check"])
def test_unusable_baseline_is_reported_before_any_source_runs(
    tmp_path: Path, run_cli: Callable[..., Run], command: str, text: str, message: str
) -> None:
    """A baseline that cannot be used: exit 2 naming it, before any source runs (and, for
    upgrade-check, before any environment is made or installer started)."""
    project = _project(tmp_path)
    (project / "schemadrift.lock.json").write_text(text, encoding="utf-8")
    args = ["upgrade-check", "not-installed-anywhere==1.0"] if command == "upgrade-check" else []
    done = run_cli(*(args or [command]), cwd=project)
    assert done.code == 2, done.err
    assert done.out == ""
    assert message in done.err and "Traceback" not in done.err
    assert not (project / "ran").exists(), f"{command} ran the sources before the baseline"


def test_a_valid_baseline_then_runs_the_sources(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    """With a baseline the sources run as before (the order changed, not the outcome)."""
    project = _project(tmp_path)
    assert run_cli("snapshot", cwd=project).code == 0
    (project / "ran").unlink()
    done = run_cli("check", cwd=project)
    assert done.code == 0, done.err
    assert (project / "ran").exists()
