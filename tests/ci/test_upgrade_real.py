"""upgrade-check predicts check on a real framework bump: pydantic 2.14 → 2.7.4.

The newcomer's case (2026-12 report, §3 item 5): a pydantic model with an Enum default. Moving
pydantic between these versions changes only the representation (``$ref`` with siblings
becomes ``allOf: [{$ref}]``), so the old upgrade-check, which diffed the two extractions,
reported nothing, while ``check`` after the same real change reported the Gemini findings on
the new ``allOf``. Now both run the same pipeline and must print the same report.

The two wheels (pydantic 2.7.4 and its pydantic-core) come from the package index pip is
configured with (PyPI in CI), downloaded once into the test's folder; every install after that
is ``--no-index``. Without index access the test fails, saying so (as ``test_mcp_v1`` does).
About 10 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from schemadrift.throwaway_env import make_env, parent_site_dirs
from tests.ci.test_upgrade import env_of, pip_install, run

OLD = "2.7.4"
OLD_CORE = "2.18.4"  # the pydantic-core pydantic 2.7.4 pins

TOOLS = '''\
"""A tool whose argument model has an Enum default (pydantic puts a $ref beside it)."""

from enum import Enum

from pydantic import BaseModel, Field


class Color(str, Enum):
    RED = "red"
    BLUE = "blue"


class Paint(BaseModel):
    """Paint a wall."""

    wall: str = Field(description="Which wall")
    color: Color = Field(Color.RED, description="The colour")
'''

CONFIG = """\
[tool.schemadrift]
sources = [{ python = "tools:Paint" }]
dialects = ["gemini", "openai"]
"""


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pydantic-wheels")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--disable-pip-version-check",
            "--no-input",
            "--no-deps",
            "--only-binary",
            ":all:",
            "-d",
            str(folder),
            f"pydantic=={OLD}",
            f"pydantic-core=={OLD_CORE}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).splitlines()[-10:])
        pytest.fail(f"could not download pydantic=={OLD} (this test needs PyPI access):\n{tail}")
    return folder


def test_upgrade_check_predicts_check_on_a_real_pydantic_bump(tmp_path: Path, wheels: Path) -> None:
    """`upgrade-check pydantic==2.7.4` from pydantic 2.14 prints, byte for byte, the JSON
    report `check` prints once 2.7.4 is installed, Gemini's findings on the new allOf included
    (the old upgrade-check had no lint findings at all), and exits the same way."""
    python = make_env(tmp_path / "current", parent_site_dirs())  # pydantic 2.14, the test env's
    project = tmp_path / "project"
    project.mkdir()
    (project / "tools.py").write_text(TOOLS, encoding="utf-8")
    (project / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    snap = run(python, "-m", "schemadrift", "snapshot", cwd=project)
    assert snap.returncode == 0, snap.stderr
    lock = json.loads((project / "schemadrift.lock.json").read_text("utf-8"))
    assert lock["packages"]["pydantic"] != OLD

    predicted = run(
        python,
        "-m",
        "schemadrift",
        "upgrade-check",
        f"pydantic=={OLD}",
        "--no-index",
        "--find-links",
        str(wheels),
        "--format",
        "json",
        cwd=project,
        env=env_of(python),
    )
    assert predicted.returncode in (0, 1), predicted.stderr
    assert f"pydantic {lock['packages']['pydantic']} → {OLD}" in predicted.stderr
    findings = json.loads(predicted.stdout)["findings"]
    assert ("gemini/unsupported-keyword", "/input_schema/properties/color/allOf") in {
        (f["rule"], f["pointer"]) for f in findings
    }

    pip_install(python, wheels, f"pydantic=={OLD}")
    after = run(python, "-m", "schemadrift", "check", "--format", "json", cwd=project)
    assert (after.returncode, after.stdout) == (predicted.returncode, predicted.stdout), (
        after.stderr
    )
