"""``schemadrift upgrade-check``: a bump tried in a throw-away environment, hermetically.

Two versions of a tiny framework (``fixtures/upgrade/tinyfw-*``) are built once as local
wheels; a "current" environment layered over the test environment has 1.0 installed, and every
install is ``--no-index --find-links``, so no registry is involved. The central test is parity:
``upgrade-check tinyfw==2.0`` from the old state prints the very report ``check`` prints once
2.0 is installed. The module takes about 10 s (two wheel builds, a few pip runs and venvs).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from schemadrift.errors import InputError, UsageError
from schemadrift.model import Bump
from schemadrift.throwaway_env import (
    NO_INSTALLER,
    find_installer,
    link_scripts,
    make_env,
    parent_site_dirs,
)
from schemadrift.upgrade import bumps, parse_bump
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


def env_of(python: Path, path: str | None = None) -> dict[str, str]:
    """The process environment of the venv whose interpreter is ``python`` (activated), with
    ``path`` after its bin folder instead of the current PATH when given."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHONPATH", "UV_"))
    }
    rest = env.get("PATH", "") if path is None else path
    env["PATH"] = f"{python.parent}{os.pathsep}{rest}"
    env["VIRTUAL_ENV"] = str(python.parent.parent)
    return env


def run(
    python: Path, *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env if env is not None else env_of(python),
        timeout=300,
        check=False,
    )


def pip_install(python: Path, wheels: Path, requirement: str) -> None:
    done = run(
        python,
        "-m",
        "pip",
        "install",
        "--no-index",
        "--find-links",
        str(wheels),
        requirement,
        cwd=wheels,
    )
    assert done.returncode == 0, done.stderr


def _version_in(python: Path, name: str) -> str:
    done = subprocess.run(
        [str(python), "-c", f"from importlib.metadata import version; print(version({name!r}))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tinyfw 1.0 and 2.0 as wheels in one find-links folder (built once for the module)."""
    work = tmp_path_factory.mktemp("tinyfw")
    folder = work / "wheels"
    for version in ("1.0", "2.0"):
        _wheel(FIXTURES / "upgrade" / f"tinyfw-{version}", work / "src", folder)
    return folder


def current_env(tmp_path: Path, wheels: Path) -> Path:
    """A "current" environment: layered over the test environment, with tinyfw 1.0."""
    python = make_env(tmp_path / "current", parent_site_dirs())
    pip_install(python, wheels, "tinyfw==1.0")
    return python


def project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "upgrade" / "project", project)
    return project


def test_parse_bump_needs_one_pinned_version() -> None:
    """Only PKG==VERSION is accepted; ranges and bare names are usage errors."""
    assert parse_bump("Pydantic==2.9.0") == ("pydantic", "2.9.0")
    for bad in ("pydantic", "pydantic>=2", "pydantic==2.*", "not a requirement!"):
        with pytest.raises(UsageError):
            parse_bump(bad)


def test_bumps_name_the_requested_package_first() -> None:
    """The note lists the requested bump first, then what the installer moved with it."""
    found = bumps(
        {"a": "1", "zz": "1.0", "same": "3"}, {"a": "2", "zz": "2.0", "same": "3", "new": "1"}, "zz"
    )
    assert found == (Bump("zz", "1.0", "2.0"), Bump("a", "1", "2"), Bump("new", None, "1"))


CONFIGS = ("pyproject.toml", "python-source.toml", "script-source.toml")
"""The fixture project's three ways to the same tools: ``python -m tinyfw`` (a command
source), ``tinyfw:TOOLS`` (a python source) and ``tinyfw-dump`` (a console script)."""


@dataclass
class Flow:
    """One real upgrade, both ways: what upgrade-check predicted, then what check said."""

    locks: dict[str, dict[str, Any]]
    predicted: subprocess.CompletedProcess[str]
    version_during: str  # tinyfw in the current environment while upgrade-check ran
    kept_version: str  # tinyfw in the environment upgrade-check kept
    checked: dict[str, subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory, wheels: Path) -> Flow:
    """snapshot (each config) with tinyfw 1.0; `upgrade-check tinyfw==2.0`; install 2.0 for
    real; check (each config). Run once: every step is a process start or a pip run."""
    tmp_path = tmp_path_factory.mktemp("flow")
    python = current_env(tmp_path, wheels)
    project = project_copy(tmp_path)
    locks = {}
    for config in CONFIGS:
        done = run(python, "-m", "schemadrift", "snapshot", "--config", config, cwd=project)
        assert done.returncode == 0, done.stderr
        lock = "schemadrift.lock.json" if config == CONFIGS[0] else config[:-5] + ".lock.json"
        locks[config] = json.loads((project / lock).read_text("utf-8"))
    predicted = run(
        python,
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
        cwd=project,
    )
    kept = re.search(r"kept the environment at (\S+)", predicted.stderr)
    assert kept is not None, predicted.stderr
    kept_version = _version_in(Path(kept[1]) / "bin" / "python", "tinyfw")
    shutil.rmtree(Path(kept[1]).parent)
    during = _version_in(python, "tinyfw")
    pip_install(python, wheels, "tinyfw==2.0")
    checked = {
        config: run(
            python,
            "-m",
            "schemadrift",
            "check",
            "--config",
            config,
            "--format",
            "json",
            cwd=project,
        )
        for config in CONFIGS
    }
    return Flow(locks, predicted, during, kept_version, checked)


def test_upgrade_check_predicts_check_byte_for_byte(flow: Flow) -> None:
    """From the old state, `upgrade-check tinyfw==2.0` prints the JSON report that `check`
    prints once 2.0 is installed, byte for byte, with the same exit code; each finding names
    the bump of tinyfw (no known framework: the program the command source runs). The
    current environment was untouched and the kept one had the bump."""
    predicted, after = flow.predicted, flow.checked["pyproject.toml"]
    assert predicted.returncode == 1, predicted.stderr
    assert "upgrade-check: tinyfw 1.0 → 2.0" in predicted.stderr
    report = json.loads(predicted.stdout)
    by_tool = {(f["tool"], f["rule"]) for f in report["findings"]}
    assert ("get_time", "diff/tool-removed") in by_tool
    assert any(tool == "get_weather" for tool, _ in by_tool)
    for finding in report["findings"]:
        assert finding["attribution"] == [{"package": "tinyfw", "before": "1.0", "after": "2.0"}]
    assert (flow.version_during, flow.kept_version) == ("1.0", "2.0")
    assert after.returncode == predicted.returncode, after.stderr
    assert after.stdout == predicted.stdout


@pytest.mark.parametrize("config", CONFIGS)
def test_check_names_the_bump_of_a_package_no_list_knows(flow: Flow, config: str) -> None:
    """Whether tinyfw's tools come from `python -m tinyfw`, from importing it (a python
    source) or from its console script, `snapshot` records its version (and none of
    schemadrift's own libraries), so `check` after the real upgrade names its bump."""
    lock = flow.locks[config]
    assert lock["packages"]["tinyfw"] == "1.0"
    assert "schemadrift-llm" not in lock["packages"] and "click" not in lock["packages"]
    done = flow.checked[config]
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert findings
    for finding in findings:
        assert {"package": "tinyfw", "before": "1.0", "after": "2.0"} in finding["attribution"]


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


def test_link_scripts_gives_the_new_environment_twins_that_run_its_interpreter(
    tmp_path: Path,
) -> None:
    """A console script of the current environment names its interpreter on its first line;
    its twin in the new environment names the new one (so it sees the bump). Binaries, other
    interpreters' scripts and scripts the bump installed itself are left alone."""
    old_bin = tmp_path / "old" / "bin"
    old_bin.mkdir(parents=True)
    parent = old_bin / "python"
    parent.write_text("", encoding="utf-8")
    (old_bin / "mcp-server-x").write_text(
        f"#!{parent}\nimport sys\nfrom x import main\nsys.exit(main())\n", encoding="utf-8"
    )
    long_form = f"#!/bin/sh\n'''exec' {parent} \"$0\" \"$@\"\n' '''\nimport x\n"
    (old_bin / "long-path-tool").write_text(long_form, encoding="utf-8")
    (old_bin / "ruff").write_bytes(b"\x7fELF binary")
    (old_bin / "other").write_text("#!/usr/bin/env node\n", encoding="utf-8")
    (old_bin / "bumped").write_text(f"#!{parent}\nold\n", encoding="utf-8")
    new_bin = tmp_path / "new" / "bin"
    new_bin.mkdir(parents=True)
    python = new_bin / "python"
    (new_bin / "bumped").write_text(f"#!{python}\nnew\n", encoding="utf-8")

    assert link_scripts(python, str(parent)) == ["long-path-tool", "mcp-server-x"]
    twin = (new_bin / "mcp-server-x").read_text("utf-8")
    assert twin == f"#!{python}\nimport sys\nfrom x import main\nsys.exit(main())\n"
    assert os.access(new_bin / "mcp-server-x", os.X_OK)
    assert (new_bin / "long-path-tool").read_text("utf-8") == long_form.replace(
        str(parent), str(python)
    )
    assert (new_bin / "bumped").read_text("utf-8") == f"#!{python}\nnew\n"
    assert not (new_bin / "ruff").exists() and not (new_bin / "other").exists()


def test_no_pip_and_no_uv_is_exit_2_saying_how_to_fix_it() -> None:
    """The installer is pip, else uv on PATH, else an error naming both ways out."""
    assert find_installer(has_pip=True).kind == "pip"
    assert find_installer(has_pip=False, uv="/opt/uv").uv == "/opt/uv"
    with pytest.raises(InputError) as raised:
        find_installer(has_pip=False, uv="")
    assert raised.value.message == NO_INSTALLER
    assert "ensurepip" in NO_INSTALLER and "install uv" in NO_INSTALLER


def _without_pip(tmp_path: Path) -> Path:
    """A venv made without pip, as `uv venv` makes them, that sees the test environment's
    packages except pip: its ``.pth`` adds a folder of links to every entry of the test
    environment's site-packages but pip's. Its python."""
    farm = tmp_path / "site-without-pip"
    farm.mkdir()
    for site in parent_site_dirs():
        for entry in sorted(Path(site).iterdir()):
            name = entry.name.lower()
            if name == "pip" or name.startswith("pip-") or (farm / entry.name).exists():
                continue
            (farm / entry.name).symlink_to(entry)
    return make_env(tmp_path / "nopip", [str(farm)])


def _uv() -> str:
    found = shutil.which("uv") or shutil.which("uv", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("uv is not installed; it comes with the test extra (pip install -e '.[test]')")
    return found


def test_upgrade_check_without_pip_or_uv_is_exit_2_saying_how(tmp_path: Path) -> None:
    """In an environment without pip and no uv on PATH: exit 2, a message saying to install
    pip or uv, no traceback, nothing on stdout, and no environment made."""
    python = _without_pip(tmp_path)
    no_pip = run(python, "-m", "pip", "--version", cwd=tmp_path)
    assert "No module named pip" in no_pip.stderr  # the simulation is honest
    project = project_copy(tmp_path)
    env = env_of(python, path="/usr/bin:/bin")
    assert shutil.which("uv", path=env["PATH"]) is None
    done = run(python, "-m", "schemadrift", "upgrade-check", "tinyfw==2.0", cwd=project, env=env)
    assert done.returncode == 2
    assert done.stdout == ""
    assert NO_INSTALLER in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr


def test_upgrade_check_without_pip_uses_uv(tmp_path: Path, wheels: Path) -> None:
    """In an environment without pip, upgrade-check installs the bump with `uv pip install
    --python`, says so, and still predicts check byte for byte."""
    uv = _uv()
    python = _without_pip(tmp_path)
    env = env_of(python, path=f"{Path(uv).parent}{os.pathsep}/usr/bin:/bin")
    env["UV_CACHE_DIR"] = str(tmp_path / "uv-cache")

    def uv_install(requirement: str) -> None:
        args = ["pip", "install", "--python", str(python), "--no-index", "--find-links"]
        done = subprocess.run(
            [uv, *args, str(wheels), requirement], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr

    uv_install("tinyfw==1.0")
    project = project_copy(tmp_path)
    assert run(python, "-m", "schemadrift", "snapshot", cwd=project, env=env).returncode == 0
    predicted = run(
        python,
        "-m",
        "schemadrift",
        "upgrade-check",
        "tinyfw==2.0",
        "--no-index",
        "--find-links",
        str(wheels),
        "--format",
        "json",
        cwd=project,
        env=env,
    )
    assert predicted.returncode == 1, predicted.stderr
    assert "upgrade-check: tinyfw 1.0 → 2.0" in predicted.stderr
    assert f"installed with {uv} (this environment has no pip)" in predicted.stderr
    uv_install("tinyfw==2.0")
    after = run(python, "-m", "schemadrift", "check", "--format", "json", cwd=project, env=env)
    assert (after.returncode, after.stdout) == (predicted.returncode, predicted.stdout)
