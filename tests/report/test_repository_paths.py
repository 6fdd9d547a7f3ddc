"""Annotating formats name files from the repository root, wherever the project sits in it.

GitHub resolves ``file=`` of a workflow command, and code scanning resolves a SARIF result's
``%SRCROOT%``-relative URI, from the root of the checked-out repository: a project in a
sub-folder of a monorepo must prefix its paths with that folder, or every annotation lands on
a file that does not exist.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TOOL = {
    "name": "search",
    "description": "Search.",
    "input_schema": {"type": "object", "properties": {"q": {"type": ["string", "null"]}}},
}


def _repository(root: Path, project: str) -> Path:
    """A repository (a ``.git`` entry at ``root``) with a project at ``project`` below it."""
    (root / ".git").mkdir()
    folder = root / project if project else root
    (folder / "tools").mkdir(parents=True)
    (folder / "tools" / "search.json").write_text(json.dumps(TOOL, indent=2))
    (folder / "schemadrift.yaml").write_text(
        'dialects: ["gemini"]\nsources:\n  - files: "tools/*.json"\n'
    )
    return folder


@pytest.mark.parametrize(
    ("project", "expected"),
    [("", "tools/search.json"), ("services/agent", "services/agent/tools/search.json")],
)
def test_check_annotations_and_sarif_name_files_from_the_repository_root(
    tmp_path: Path, run_cli, project: str, expected: str
) -> None:
    folder = _repository(tmp_path, project)
    # the baseline holds the tool before its parameter became nullable (a type array, which
    # Gemini rejects): check reports the new error, at the tool's file
    source = folder / "tools" / "search.json"
    current = source.read_text()
    before = json.loads(current)
    before["input_schema"]["properties"]["q"]["type"] = "string"
    source.write_text(json.dumps(before, indent=2))
    assert run_cli("snapshot", cwd=folder).code == 0
    source.write_text(current)
    github = run_cli("check", "--fail-on", "never", "--format", "github", cwd=folder)
    assert github.code == 0, github.err
    files = {
        part.split("=", 1)[1]
        for line in github.out.splitlines()
        if line.startswith("::")
        for part in line[2:].split("::", 1)[0].split(" ", 1)[1].split(",")
        if part.startswith("file=")
    }
    assert files == {expected}
    sarif = json.loads(run_cli("check", "--fail-on", "never", "--format", "sarif", cwd=folder).out)
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
        for location in result["locations"]
    }
    assert uris == {expected}


def test_lint_names_files_from_where_it_runs(tmp_path: Path, run_cli) -> None:
    """``lint`` reads paths as given, relative to the working directory."""
    folder = _repository(tmp_path, "services/agent")
    done = run_cli(
        "lint", "--dialect", "gemini", "--format", "github", "search.json", cwd=folder / "tools"
    )
    assert done.code == 1, done.err
    assert "file=services/agent/tools/search.json,line=" in done.out


def test_outside_any_repository_paths_stay_as_they_are(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "project"
    (folder / "tools").mkdir(parents=True)
    (folder / "tools" / "search.json").write_text(json.dumps(TOOL))
    done = run_cli(
        "lint", "--dialect", "gemini", "--format", "github", "tools/search.json", cwd=folder
    )
    assert "file=tools/search.json," in done.out
