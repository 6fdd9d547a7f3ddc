"""The MCP adapter on the official SDK's 1.x line (``FastMCP``), with the real mcp 1.30.0.

The test environment pins mcp 2.x, so mcp 1.30.0 is installed into a throw-away environment
layered over it (``schemadrift.throwaway_env.make_env``, the one ``upgrade-check`` uses): only the
1.x distribution and the one dependency 2.x does not share (httpx-sse) live there, everything
else is the test environment's, which stays untouched. ``pip check`` inside the layered
environment proves that ``--no-deps`` left nothing unsatisfied. The install comes from the
package index pip is configured with (PyPI in CI); without it these tests fail, saying so.
The module takes about 5 s (two pip installs, three schemadrift runs in subprocesses).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

from schemadrift.throwaway_env import make_env, parent_site_dirs
from tests.adapters.conftest import PROJECTS, TOOL_NAMES, snapshot_of

MCP_V1 = "1.30.0"
# mcp 1.30.0 needs httpx-sse, which the mcp 2.x line dropped; every other requirement of it
# is met by the test environment (pip check below fails the tests if that stops being true).
V1_ONLY_DEPENDENCIES = ("httpx-sse==0.4.3",)
PACKAGES = ("mcp", "pydantic", "pydantic-core")


def _env_in(python: Path) -> dict[str, str]:
    """The process environment of an activated venv whose interpreter is ``python``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    }
    env["PATH"] = f"{python.parent}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(python.parent.parent)
    return env


def _run(
    argv: list[str], cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _tail(done: subprocess.CompletedProcess[str]) -> str:
    return "\n".join((done.stderr or done.stdout).rstrip().splitlines()[-15:])


@pytest.fixture(scope="module")
def mcp_v1_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The interpreter of a venv layered over the test environment, with mcp 1.30.0 installed."""
    python = make_env(tmp_path_factory.mktemp("mcp-v1") / "env", parent_site_dirs())
    env = _env_in(python)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "--no-input"]
    install = _run([*pip, "install", "--no-deps", f"mcp=={MCP_V1}", *V1_ONLY_DEPENDENCIES], env=env)
    if install.returncode != 0:
        pytest.fail(
            f"could not install mcp=={MCP_V1} from the package index (these tests need PyPI "
            f"access); pip exited with {install.returncode}:\n{_tail(install)}"
        )
    check = _run([*pip, "check"], env=env)
    if check.returncode != 0:
        pytest.fail(
            f"mcp=={MCP_V1} was installed with --no-deps but the layered environment does not "
            f"satisfy its requirements; pin the missing ones in V1_ONLY_DEPENDENCIES:\n{_tail(check)}"
        )
    probe = _run(
        [str(python), "-c", "import importlib.metadata as m, mcp; print(m.version('mcp'))"],
        env=env,
    )
    assert probe.stdout.strip() == MCP_V1, probe.stderr
    return python


def _project_copy(tmp_path: Path) -> Path:
    """The 1.x fixture project, copied so nothing is written into the checkout."""
    project = tmp_path / "mcp_v1"
    shutil.copytree(PROJECTS / "mcp_v1", project, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def _snapshot_v1(python: Path, tmp_path: Path) -> dict[str, Any]:
    """What ``python -m schemadrift snapshot`` writes for the 1.x project under mcp 1.30.0."""
    project = _project_copy(tmp_path)
    done = _run([str(python), "-m", "schemadrift", "snapshot"], cwd=project, env=_env_in(python))
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = json.loads((project / "schemadrift.lock.json").read_text("utf-8"))
    # as in tests/adapters/conftest.py: our own version and unrelated packages left out
    data.pop("generator")
    data["packages"] = {k: v for k, v in data["packages"].items() if k in PACKAGES}
    return data


def test_snapshot_with_mcp_1x_matches_golden(mcp_v1_python, tmp_path, golden):
    """`schemadrift snapshot` on a FastMCP server under the real mcp 1.30.0 writes the golden."""
    data = _snapshot_v1(mcp_v1_python, tmp_path)
    assert data["packages"]["mcp"] == MCP_V1
    assert {t["origin"]["generator"] for t in data["tools"]} == {f"mcp {MCP_V1}"}
    assert [t["name"] for t in data["tools"]] == sorted(TOOL_NAMES)
    assert data == golden


def test_mcp_1x_and_2x_emit_the_same_tools(mcp_v1_python, tmp_path):
    """The FastMCP (1.x) and MCPServer (2.x) servers emit identical tool records, key order too."""
    v1 = _snapshot_v1(mcp_v1_python, tmp_path / "v1")
    v2 = snapshot_of("mcp", tmp_path / "v2", PACKAGES)
    assert version("mcp").startswith("2."), "the test environment should have mcp 2.x"
    for old, new in zip(v1["tools"], v2["tools"], strict=True):
        assert old["origin"].pop("generator") == f"mcp {MCP_V1}"
        assert new["origin"].pop("generator") == f"mcp {version('mcp')}"
        assert old["origin"].pop("location") == "fx_mcp_v1.server:server"
        assert new["origin"].pop("location") == "fx_mcp.server:server"
        assert json.dumps(old) == json.dumps(new)


def test_upgrade_check_to_mcp_1x_names_the_bump_and_finds_no_drift(tmp_path):
    """`upgrade-check mcp==1.30.0` on a server that runs on both lines names the bump, no drift."""
    project = _project_copy(tmp_path)
    current = version("mcp")
    done = _run(
        [
            sys.executable,
            "-m",
            "schemadrift",
            "upgrade-check",
            f"mcp=={MCP_V1}",
            "--config",
            str(project / "either_line.toml"),
            "--format",
            "json",
        ],
        cwd=project,
        env=_env_in(Path(sys.executable)),
    )
    assert done.returncode == 0, done.stderr
    note = next(line for line in done.stderr.splitlines() if line.startswith("upgrade-check: "))
    # upgrade-check lets pip resolve dependencies, so the 1.x-only one comes along, unpinned
    assert note.startswith(f"upgrade-check: mcp {current} → {MCP_V1}, httpx-sse (absent) → ")
    report = json.loads(done.stdout)
    assert report["findings"] == []
    assert report["summary"]["exit_code"] == 0
    assert sorted(tool["name"] for tool in report["tools"]) == sorted(TOOL_NAMES)
    assert {tool["location"]["file"] for tool in report["tools"]} == {"fx_mcp_v1.either:server"}
