"""Snapshot ``packages``: the distributions that shaped the tools, found from what ran.

``check`` can only name a bump of a distribution the baseline recorded. These tests use the
real packages of the test environment: a LangChain tool imports ``langchain-core`` and, through
it, ``langsmith`` (no known framework, so only the import shows it); a namespace package
shared by two distributions names only the one imported; a program started by a source names
the distribution that provides it, when it runs from this environment.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from schemadrift.sources.provenance import (
    _module_run,
    module_distributions,
    program_distributions,
)

TOOLS = '''\
from langchain_core.tools import tool


@tool
def add(a: int, b: int) -> int:
    """Add two numbers."""
    return a + b


TOOLS = [add]
'''


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, "-m", "schemadrift", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_python_source_records_what_it_imported_and_nothing_else(tmp_path: Path) -> None:
    """A fresh `snapshot` of a LangChain tool records langchain-core and langsmith (imported),
    not what is installed but never imported, nor schemadrift's own libraries; two snapshots
    are byte-identical; and `check` records the same set, so an edit of the tool carries no
    made-up bump."""
    (tmp_path / "tools.py").write_text(TOOLS, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ python = "tools:TOOLS" }]\n', encoding="utf-8"
    )
    assert _cli("snapshot", cwd=tmp_path).returncode == 0
    first = (tmp_path / "schemadrift.lock.json").read_text("utf-8")
    packages = json.loads(first)["packages"]
    assert {"langchain-core", "langsmith", "pydantic"} <= set(packages)
    unrelated = {"pytest", "hypothesis", "ruff", "mypy", "syrupy", "pre-commit", "build"}
    own = {"schemadrift-llm", "click", "jsonschema", "jsonschema-rs", "referencing", "pyyaml"}
    assert not (unrelated | own) & set(packages)

    assert _cli("snapshot", cwd=tmp_path).returncode == 0
    assert (tmp_path / "schemadrift.lock.json").read_text("utf-8") == first

    (tmp_path / "tools.py").write_text(TOOLS.replace("Add two", "Sum two"), encoding="utf-8")
    done = _cli("check", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert findings and all(f["attribution"] == [] for f in findings)


def test_namespace_package_names_only_the_distribution_imported() -> None:
    """`google` is shared by google-genai and google-auth: a google.auth module names
    google-auth alone (by its file, not its top-level name)."""
    module = importlib.import_module("google.auth")
    assert module_distributions({"google.auth": module}) == {"google-auth"}
    assert module_distributions({"tests.conftest": sys.modules["tests.conftest"]}) == set()


def test_program_of_this_environment_names_its_distribution(tmp_path: Path) -> None:
    """`python -m MODULE` with this interpreter, or a console script of this environment,
    names the distribution that provides it; a program from elsewhere names none."""
    here = Path(sys.executable)
    assert program_distributions([str(here), "-m", "pydantic.json_schema"], tmp_path) == {
        "pydantic"
    }
    assert program_distributions([str(here.parent / "pytest"), "-q"], tmp_path) == {"pytest"}
    assert program_distributions([str(here), "-c", "print(1)"], tmp_path) == set()
    assert program_distributions(["/bin/sh", "-c", "true"], tmp_path) == set()
    assert program_distributions(["no-such-program-here"], tmp_path) == set()


@pytest.mark.parametrize(
    ("args", "module"),
    [
        (["-m", "pkg.server"], "pkg.server"),
        (["-u", "-X", "dev", "-m", "pkg"], "pkg"),
        (["-mpkg"], "pkg"),
        (["-W", "ignore", "-m", "pkg"], "pkg"),
        (["server.py", "-m", "x"], None),
        (["-c", "import x"], None),
        (["-m"], None),
    ],
)
def test_module_run_reads_interpreter_options(args: list[str], module: str | None) -> None:
    """The module of `python [options] -m MODULE`, past options that take a value."""
    assert _module_run(args) == module
