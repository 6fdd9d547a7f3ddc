"""The suite stands alone: a copy of the repository with nothing beside it collects the same tests.

A test that reads data from beside the checkout (``../shared``) at collection time collects
fewer cases, or none ("got empty parameter set"), in a fresh clone; the audit hook in
``conftest.py`` fails any test that reads beside the repository while it runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "venv", "__pycache__", "*.pyc", ".mypy_cache", ".ruff_cache", ".pytest_cache"
)


def collected(root: Path) -> tuple[list[str], str]:
    """The node ids ``pytest --collect-only`` finds in ``root``, and its whole output."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "--snapshot-warn-unused",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    ids = [line for line in done.stdout.splitlines() if "::" in line]
    return ids, done.stdout


def test_a_lone_copy_collects_every_test(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Copied into an empty folder, the repository collects its tests, none of them from an
    empty parameter set; when this session collected the whole suite, the very same ids."""
    copy = tmp_path / "empty" / "schemadrift"
    shutil.copytree(REPO, copy, ignore=IGNORED)
    ids, output = collected(copy)
    assert "empty parameter set" not in output
    assert len(ids) > 1000
    option = request.config.option
    whole = request.config.args == ["tests"] and not (option.keyword or option.markexpr)
    whole = whole and not option.deselect and not getattr(option, "lf", False)
    if whole:
        assert sorted(ids) == sorted(item.nodeid for item in request.session.items)
