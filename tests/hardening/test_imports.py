"""Lazy imports: cheap commands import no framework and no heavy library they do not need.

pre-commit runs schemadrift on every commit, so start-up is paid constantly. Each case runs one
command in a fresh interpreter and prints the top-level packages it imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

HEAVY = (
    "jsonschema",
    "jsonschema_rs",
    "referencing",
    "deepdiff",
    "yaml",
    "hypothesis",
    "syrupy",
)
FRAMEWORKS = (
    "pydantic",
    "pydantic_core",
    "pydantic_ai",
    "langchain",
    "langchain_core",
    "llama_index",
    "openai",
    "agents",
    "anthropic",
    "google",
    "mcp",
    "fastmcp",
)

PROBE = """
import sys
from schemadrift.cli import main
code = main(sys.argv[1:])
import json
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def imported(*args: str, cwd: Path) -> set[str]:
    """Top-level modules imported by ``schemadrift ARGS`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, check=False, timeout=60
    )
    report = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert report["code"] in (0, 1), done.stderr.decode()
    return set(report["modules"])


def test_version_imports_nothing_heavy(tmp_path):
    """`--version` imports neither jsonschema, jsonschema_rs, deepdiff, yaml nor a framework."""
    loaded = imported("--version", cwd=tmp_path)
    assert loaded.isdisjoint(HEAVY + FRAMEWORKS), sorted(loaded & set(HEAVY + FRAMEWORKS))


@pytest.mark.parametrize("args", [("rules",), ("explain", "json-schema/remote-ref")])
def test_catalogue_commands_import_nothing_heavy(tmp_path, args):
    """`rules` and `explain` import no validator, no deepdiff, no YAML and no framework."""
    loaded = imported(*args, cwd=tmp_path)
    assert loaded.isdisjoint(HEAVY + FRAMEWORKS), sorted(loaded & set(HEAVY + FRAMEWORKS))


def test_json_file_lint_imports_only_the_fast_validator(tmp_path):
    """Linting a valid JSON file needs jsonschema-rs only: no jsonschema, deepdiff, YAML."""
    schema = {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}
    (tmp_path / "t.json").write_text(json.dumps({"name": "search", "input_schema": schema}))
    loaded = imported("lint", "--dialect", "openai", "--dialect", "gemini", "t.json", cwd=tmp_path)
    assert "jsonschema_rs" in loaded
    unwanted = {"jsonschema", "referencing", "deepdiff", "yaml", *FRAMEWORKS}
    assert loaded.isdisjoint(unwanted), sorted(loaded & unwanted)


def test_demo_lint_imports_no_framework():
    """Linting the demo's tool files (JSON and YAML) imports no framework and no deepdiff."""
    demo = FIXTURES / "demo"
    files = sorted(str(p.relative_to(demo)) for p in (demo / "tools").iterdir())
    loaded = imported("lint", *files, cwd=demo)
    unwanted = {"deepdiff", *FRAMEWORKS}
    assert loaded.isdisjoint(unwanted), sorted(loaded & unwanted)
