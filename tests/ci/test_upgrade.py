"""``schemadrift upgrade-check``: a bump tried in a throw-away environment, hermetically.

Two versions of a tiny framework (``fixtures/upgrade/tinyfw-*``) are built as local wheels; an
"current" environment has 1.0 installed, and upgrade-check tries 2.0 with ``--no-index
--find-links``, so no registry is involved. Takes about 10 s (wheel builds and pip runs).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schemadrift.errors import UsageError
from schemadrift.model import Bump
from schemadrift.upgrade import bumps, make_env, parent_site_dirs, parse_bump
from tests.conftest import FIXTURES


def _wheel(source: Path, work: Path, wheels: Path) -> None:
    tree = work / source.name
    shutil.copytree(source, tree)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(wheels),
            str(tree),
        ],
        check=True,
        capture_output=True,
    )


def _env(python: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHONPATH"))
    }
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def _version_in(python: Path, name: str) -> str:
    done = subprocess.run(
        [str(python), "-c", f"from importlib.metadata import version; print(version({name!r}))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_parse_bump_needs_one_pinned_version() -> None:
    """Only PKG==VERSION is accepted; ranges and bare names are usage errors."""
    assert parse_bump("Pydantic==2.9.0") == ("pydantic", "2.9.0")
    for bad in ("pydantic", "pydantic>=2", "pydantic==2.*", "not a requirement!"):
        with pytest.raises(UsageError):
            parse_bump(bad)


def test_bumps_name_the_requested_package_first() -> None:
    """Attribution lists the requested bump first, then what pip moved with it."""
    found = bumps(
        {"a": "1", "zz": "1.0", "same": "3"}, {"a": "2", "zz": "2.0", "same": "3", "new": "1"}, "zz"
    )
    assert found == (Bump("zz", "1.0", "2.0"), Bump("a", "1", "2"), Bump("new", None, "1"))


def test_upgrade_check_reports_drift_attributed_to_the_bump(tmp_path: Path) -> None:
    """Upgrading tinyfw 1.0 → 2.0 reports the removed tool and the new required key, naming the bump."""
    wheels = tmp_path / "wheels"
    for version in ("1.0", "2.0"):
        _wheel(FIXTURES / "upgrade" / f"tinyfw-{version}", tmp_path / "src", wheels)
    python = make_env(tmp_path / "current", parent_site_dirs())
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--no-index",
            "--find-links",
            str(wheels),
            "tinyfw==1.0",
        ],
        check=True,
        capture_output=True,
        env=_env(python),
    )
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "upgrade" / "project", project)

    done = subprocess.run(
        [
            str(python),
            "-m",
            "schemadrift",
            "upgrade-check",
            "tinyfw==2.0",
            "--no-index",
            "--find-links",
            str(wheels),
            "--format",
            "json",
            "--keep-env",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env=_env(python),
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "upgrade-check: tinyfw 1.0 → 2.0" in done.stderr
    report = json.loads(done.stdout)
    by_tool = {(f["tool"], f["rule"]) for f in report["findings"]}
    assert ("get_time", "diff/tool-removed") in by_tool
    assert any(tool == "get_weather" for tool, _ in by_tool)
    for finding in report["findings"]:
        assert finding["attribution"][0] == {"package": "tinyfw", "before": "1.0", "after": "2.0"}
    # the current environment is untouched; the kept one has the bump
    assert _version_in(python, "tinyfw") == "1.0"
    kept = re.search(r"kept the environment at (\S+)", done.stderr)
    assert kept is not None
    kept_python = Path(kept[1]) / "bin" / "python"
    assert _version_in(kept_python, "tinyfw") == "2.0"
    shutil.rmtree(Path(kept[1]).parent)


def test_upgrade_check_pip_failure_is_exit_2(tmp_path: Path) -> None:
    """A version pip cannot find is exit 2 with pip's own message, and no report on stdout."""
    (tmp_path / "wheels").mkdir()
    shutil.copytree(FIXTURES / "upgrade" / "project", tmp_path / "project")
    (tmp_path / "project" / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ files = "tools.json" }]\n', encoding="utf-8"
    )
    (tmp_path / "project" / "tools.json").write_text(
        '{"name": "t", "input_schema": {}}', encoding="utf-8"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "schemadrift",
            "upgrade-check",
            "tinyfw==9.9",
            "--no-index",
            "--find-links",
            str(tmp_path / "wheels"),
        ],
        cwd=tmp_path / "project",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert "pip install tinyfw==9.9" in done.stderr
