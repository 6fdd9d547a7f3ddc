"""The pydantic-ai adapter on the fixture agent, with the real pydantic-ai-slim: the pinned
release in-process, the newest 1.x and the newest release in throw-away environments."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from schemadrift.adapters.pydantic_ai import transformer_of
from schemadrift.errors import AdapterLoadError
from schemadrift.model import Origin
from tests.adapters.conftest import PROJECTS, tool

PACKAGES = ("pydantic-ai-slim", "pydantic", "pydantic-core", "griffe")


def test_snapshot_matches_golden(extract, golden):
    """`schemadrift snapshot` on the pydantic-ai project writes the golden snapshot."""
    assert extract("pydantic_ai", PACKAGES) == golden


def test_profile_variants(extract):
    """Each tool has the OpenAI and Google renderings its model profiles send."""
    data = extract("pydantic_ai", PACKAGES)
    search = tool(data, "search")
    assert search["variants"]["openai"]["additionalProperties"] is False
    assert "gemini-json" in search["variants"]
    # A lone model argument becomes the whole argument object in pydantic-ai.
    assert tool(data, "add_tree")["input_schema"]["$ref"] == "#/$defs/TreeNode"
    # Tools that leave `strict` unset are rendered and sent without strict mode.
    assert sorted(tool(data, "ping")["variants"]) == ["gemini-json", "openai"]


# --- both lines of pydantic-ai ----------------------------------------------------------------
#
# The pin above is a 2.x release, whose model profiles are mappings; pydantic-ai 1.x (still in
# wide use: its last release is 1.107.10) returns dataclasses, which the adapter once read with
# ``.get`` and crashed on, blaming pydantic-ai. The newest 1.x and the newest release are each
# installed into a throw-away environment layered over the test environment (the way
# upgrade-check makes its own), from the package index pip is configured with (PyPI in CI),
# and must extract the very tools the pinned version does. The two environments are prepared
# side by side (about 8 s in all).

LINES = {"newest 1.x": "1.107.10", "newest": "2.78.0"}


@pytest.fixture(scope="module")
def other_lines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """``schemadrift snapshot`` of the fixture project under each of ``LINES``."""
    from schemadrift.throwaway_env import make_env, parent_site_dirs
    from tests.ci.test_upgrade import env_of

    work = tmp_path_factory.mktemp("pydantic-ai-lines")
    pythons = {line: make_env(work / line.replace(" ", "-"), parent_site_dirs()) for line in LINES}

    def started(line: str, argv: list[str], cwd: Path) -> subprocess.Popen[str]:
        return subprocess.Popen(
            argv,
            cwd=cwd,
            env=env_of(pythons[line]),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def finish(runs: dict[str, subprocess.Popen[str]], what: str, hint: str = "") -> None:
        for line, process in runs.items():
            out, err = process.communicate(timeout=300)
            if process.returncode != 0:
                tail = "\n".join((err or out).splitlines()[-10:])
                pytest.fail(f"{what} pydantic-ai-slim=={LINES[line]} failed{hint}:\n{tail}")

    pip = ["-m", "pip", "install", "--disable-pip-version-check", "--no-input"]
    finish(
        {
            line: started(line, [str(python), *pip, f"pydantic-ai-slim=={LINES[line]}"], work)
            for line, python in pythons.items()
        },
        "installing",
        " (it comes from the package index: these tests need PyPI access)",
    )
    projects = {}
    for line in LINES:
        projects[line] = work / f"project-{line.replace(' ', '-')}"
        shutil.copytree(PROJECTS / "pydantic_ai", projects[line])
    snapshot = ["-m", "schemadrift", "snapshot"]
    finish(
        {line: started(line, [str(pythons[line]), *snapshot], projects[line]) for line in LINES},
        "snapshot under",
    )
    return {
        line: json.loads((projects[line] / "schemadrift.lock.json").read_text("utf-8"))
        for line in LINES
    }


def test_profile_transformers_of_both_lines_are_read() -> None:
    """A 2.x profile is a mapping, a 1.x profile a dataclass: both give their transformer; a
    profile of neither kind is an error that names this adapter, not pydantic-ai."""
    marker = object()

    @dataclass
    class Profile:  # the 1.x shape
        json_schema_transformer: object = None

    origin = Origin("python", "python", "app:agent", generator="pydantic-ai-slim 9.0")
    assert transformer_of({"json_schema_transformer": marker}, origin) is marker
    assert transformer_of(Profile(marker), origin) is marker
    assert transformer_of(Profile(), origin) is None
    assert transformer_of(None, origin) is None
    with pytest.raises(AdapterLoadError) as raised:
        transformer_of(object(), origin, "search")
    message = str(raised.value)
    assert "schemadrift's pydantic-ai adapter does not know" in message
    assert "pydantic-ai-slim 9.0" in message and "search" in message
    assert "raised while generating" not in message


@pytest.mark.parametrize("line", list(LINES))
def test_other_lines_extract_the_pinned_tools(
    line: str, other_lines: dict[str, dict[str, Any]], extract
) -> None:
    """The newest 1.x and the newest release extract the same tools as the pinned version
    (schemas, variants, strictness, order), their generator aside."""
    data = other_lines[line]
    assert data["packages"]["pydantic-ai-slim"] == LINES[line]
    pinned = extract("pydantic_ai", PACKAGES)
    for record in data["tools"]:
        assert record["origin"].pop("generator") == f"pydantic-ai-slim {LINES[line]}"
    for record in pinned["tools"]:
        record["origin"].pop("generator")
    assert json.dumps(data["tools"]) == json.dumps(pinned["tools"])
