"""The real pre-commit runs both hooks of ``.pre-commit-hooks.yaml`` through ``try-repo``.

``schemadrift-lint`` gets a fresh virtualenv built by pre-commit (``language: python``); pip
installs from a local wheelhouse with ``--no-index``, so the test needs no network. Takes about
10 s, most of it building that virtualenv.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.ci import wheelhouse
from tests.conftest import REPO

TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}
OTHER = {
    "type": "function",
    "function": {
        "name": "get_time",
        "parameters": {"type": "object", "properties": {"zone": {"type": "string"}}},
    },
}
BROKEN = {"type": "object", "properties": {"a": {"$ref": "#/$defs/Missing"}}}


def _git(*args: str, cwd: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )


def _section(output: str, name: str) -> str:
    """The lines pre-commit printed for one hook (from its status line to the next one)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(name + "."))
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if lines[i].startswith("schemadrift ") and "..." in lines[i]
        ),
        len(lines),
    )
    return "\n".join(lines[start:end])


def test_manifest_declares_both_hooks() -> None:
    """The manifest has the lint hook in its own env and the check hook in the user's."""
    hooks = {
        hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    }
    assert hooks["schemadrift-lint"]["language"] == "python"
    assert hooks["schemadrift-check"]["language"] == "system"
    assert hooks["schemadrift-check"]["pass_filenames"] is False


def test_try_repo_runs_both_hooks(tmp_path: Path) -> None:
    """lint flags the broken file and skips unknown JSON; check flags the removed tool."""
    hook_repo = wheelhouse.copy_package(tmp_path / "hooks")
    _git("init", "-q", cwd=hook_repo)
    _git("add", "-A", cwd=hook_repo)
    _git("commit", "-qm", "hooks", cwd=hook_repo)
    wheels = wheelhouse.build(tmp_path / "wheels")

    project = tmp_path / "project"
    (project / "tools").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ files = "tools/*.json" }]\n', encoding="utf-8"
    )
    (project / "tools" / "weather.json").write_text(json.dumps(TOOL, indent=2), encoding="utf-8")
    (project / "tools" / "time.json").write_text(json.dumps(OTHER, indent=2), encoding="utf-8")
    (project / "schemas").mkdir()
    (project / "schemas" / "notes.json").write_text('{"hello": [1, 2]}\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PIP_", "VIRTUAL_ENV"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    snap = subprocess.run(
        [sys.executable, "-m", "schemadrift", "snapshot"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert snap.returncode == 0, snap.stderr
    # the change under review: a tool disappears and a broken schema file arrives
    (project / "tools" / "time.json").unlink()
    (project / "tools" / "broken.json").write_text(json.dumps(BROKEN, indent=2), encoding="utf-8")
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)

    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheels),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(hook_repo),
            "--all-files",
            "--color",
            "never",
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    lint = _section(output, "schemadrift lint")
    check = _section(output, "schemadrift check")
    assert "Failed" in lint.splitlines()[0]
    assert "json-schema/unresolved-ref" in lint
    assert "notes.json" not in lint  # no known shape: skipped, not an error
    assert "diff/tool-removed" not in lint  # lint does not diff
    assert "Failed" in check.splitlines()[0]
    assert "diff/tool-removed" in check
    assert "get_time" in check
