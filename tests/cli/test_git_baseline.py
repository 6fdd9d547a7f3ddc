"""`check --against REF`: the baseline read from git, and the errors when it cannot be."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True)


def write_tool(root: Path, units: list[str]) -> None:
    schema = {"type": "object", "properties": {"units": {"enum": units}}}
    tool = {"name": "get_weather", "description": "Weather.", "input_schema": schema}
    (root / "tools" / "w.json").write_text(json.dumps(tool), "utf-8")


@pytest.fixture
def repo(tmp_path: Path, run_cli: Callable[..., Run]) -> Path:
    """A repository with two commits: the baseline, then a tool that narrowed an enum."""
    root = tmp_path / "repo"
    (root / "tools").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ files = "tools/*.json" }]\n', "utf-8"
    )
    git(root, "init", "-q", "-b", "main")
    write_tool(root, ["c", "f"])
    assert run_cli("snapshot", cwd=root).code == 0
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "baseline")
    write_tool(root, ["c"])
    assert run_cli("snapshot", cwd=root).code == 0
    git(root, "commit", "-q", "-am", "narrow")
    return root


def test_against_a_ref_diffs_with_that_baseline(repo: Path, run_cli: Callable[..., Run]) -> None:
    """The baseline comes from `git show REF:schemadrift.lock.json`, not from the working tree."""
    assert run_cli("check", cwd=repo).code == 0  # the working-tree baseline is current
    done = run_cli("check", "--against", "HEAD~1", "--format", "json", cwd=repo)
    assert done.code == 1
    assert [f["rule"] for f in json.loads(done.out)["findings"]] == ["diff/enum-value-removed"]


def test_git_environment_is_ignored(
    repo: Path, run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """GIT_DIR set by a hook does not point `git show` at another repository."""
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere"))
    assert run_cli("check", "--against", "HEAD~1", cwd=repo).code == 1


def test_missing_ref_is_exit_2(repo: Path, run_cli: Callable[..., Run]) -> None:
    """An unknown ref is exit 2 with a message naming the ref and the fix, stdout empty."""
    done = run_cli("check", "--against", "origin/nope", cwd=repo)
    assert done.code == 2 and done.out == ""
    assert "origin/nope" in done.err and "fetch" in done.err


def test_shallow_clone_says_fetch_depth(
    repo: Path, tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    """In a shallow clone the missing history gives exit 2 and the `fetch-depth: 0` fix."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    done = run_cli("check", "--against", "HEAD~1", cwd=clone)
    assert done.code == 2 and done.out == ""
    assert "fetch-depth: 0" in done.err
