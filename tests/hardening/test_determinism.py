"""Determinism: the same tools give byte-identical output whatever the hash seed, the order
the inputs arrive in and the locale.

The suite runs ``PYTHONHASHSEED`` 0 to 5 (``SCHEMADRIFT_HASH_SEEDS`` sets the count;
``benchmarks/determinism.py`` runs 21 in ``.ci/run``): one interpreter per seed runs the whole
command set (snapshot, check in three formats, lint, diff, rules) and returns every output.
Output that follows set or dict-of-str iteration order differs between two random seeds with
high odds, so six seeds (five comparisons) catch that class of bug.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = range(int(os.environ.get("SCHEMADRIFT_HASH_SEEDS", "6")))

DRIVER = r"""
import contextlib, io, json, sys
from pathlib import Path
from schemadrift.cli import main

outputs = {}
for args in json.loads(sys.argv[1]):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
        code = main(args)
    outputs[" ".join(args)] = [code, buffer.getvalue()]
outputs["lock"] = Path("schemadrift.lock.json").read_text("utf-8")
print(json.dumps(outputs))
"""

COMMANDS = [
    ["snapshot"],
    ["check", "--fail-on", "never"],
    ["check", "--fail-on", "never", "--format", "json"],
    ["check", "--fail-on", "never", "--format", "sarif"],
    ["lint", "--format", "json", "tools"],
    ["diff", "--format", "json", "baseline", "tools"],
    ["rules", "--format", "json"],
]


def _tools() -> list[dict]:
    """A varied tool set: non-ASCII text, several shapes' worth of keywords, sets of names."""
    tools = []
    for index in range(12):
        props = {
            f"p{j}_{index}": {
                "type": ["string", "integer", "number", "boolean"][j % 4],
                "description": f"Paramètre {j} — naïve café ☕ {index}",
            }
            for j in range(6)
        }
        props["mode"] = {"enum": ["b", "a", "c", f"z{index}"], "default": "a"}
        props["nested"] = {
            "type": "object",
            "properties": {"x": {"type": "number", "minimum": 0}, "y": {"$ref": "#/$defs/Y"}},
        }
        tools.append(
            {
                "name": f"tool_{(index * 7) % 12}",
                "description": f"Outil numéro {index}: ünïcödé ✓",
                "input_schema": {
                    "type": "object",
                    "properties": props,
                    "required": sorted(props)[: index % 4],
                    "$defs": {"Y": {"type": "string", "format": "date"}},
                },
            }
        )
    return tools


def make_project(root: Path, order_seed: int) -> Path:
    """The same tools, one file each, written (and listed) in an order given by the seed."""
    tools = _tools()
    order = list(range(len(tools)))
    random.Random(order_seed).shuffle(order)  # noqa: S311 - reproducible, not secret
    (root / "tools").mkdir(parents=True)
    (root / "baseline").mkdir()
    for index in order:
        tool = tools[index]
        (root / "tools" / f"{tool['name']}.json").write_text(
            json.dumps(tool, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        older = json.loads(json.dumps(tool))
        older["input_schema"]["properties"].pop("mode")
        older["input_schema"]["required"] = []
        (root / "baseline" / f"{tool['name']}.json").write_text(
            json.dumps(older, ensure_ascii=False), encoding="utf-8"
        )
    (root / "schemadrift.yaml").write_text(
        'dialects: ["openai", "anthropic", "gemini", "bedrock", "mcp"]\n'
        'sources:\n  - files: "baseline/*.json"\n',
        encoding="utf-8",
    )
    return root


def outputs(project: Path, *, seed: int, extra_env: dict[str, str] | None = None) -> dict:
    """Every command's output from one interpreter run with ``PYTHONHASHSEED=seed``."""
    env = {**os.environ, "PYTHONHASHSEED": str(seed), **(extra_env or {})}
    # the baseline snapshot is taken from the older tools, then the config points at the new
    config = project / "schemadrift.yaml"
    config.write_text(config.read_text().replace('"tools/*.json"', '"baseline/*.json"'))
    first = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps([["snapshot"]])],
        cwd=project,
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert first.returncode == 0, first.stderr.decode()
    config.write_text(config.read_text().replace('"baseline/*.json"', '"tools/*.json"'))
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(COMMANDS[1:])],
        cwd=project,
        env=env,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict:
    return outputs(make_project(tmp_path_factory.mktemp("ref"), 0), seed=0)


def test_reference_outputs_are_meaningful(reference):
    """The compared outputs hold findings and changes (a blank output proves nothing)."""
    report = json.loads(reference["check --fail-on never --format json"][1])
    assert report["summary"]["tools"] == 12
    assert report["findings"]
    assert any(f["kind"] for f in report["findings"])
    assert '"tool_0"' in reference["lock"]


def test_outputs_identical_across_hash_seeds(reference, tmp_path):
    """Every other PYTHONHASHSEED gives the same bytes as seed 0 for every command."""
    project = make_project(tmp_path, 0)
    for seed in SEEDS[1:]:
        assert outputs(project, seed=seed) == reference, f"PYTHONHASHSEED={seed}"


@pytest.mark.parametrize("order_seed", [1, 2, 3])
def test_outputs_identical_when_inputs_are_shuffled(reference, tmp_path, order_seed):
    """Tool files written in another order give the same bytes."""
    assert outputs(make_project(tmp_path, order_seed), seed=0) == reference


@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
def test_outputs_identical_across_locales(reference, tmp_path, locale):
    """LC_ALL=C and LC_ALL=C.UTF-8 give the same bytes (UTF-8 text, no locale sorting)."""
    got = outputs(make_project(tmp_path, 0), seed=0, extra_env={"LC_ALL": locale, "LANG": locale})
    assert got == reference


@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
def test_stdout_bytes_identical_across_locales(tmp_path, locale):
    """The real stdout bytes of `lint` (non-ASCII findings) do not depend on the locale."""
    project = make_project(tmp_path, 0)
    # a bare schema named by its file: the tool name "café" is printed with every finding
    (project / "tools" / "café.json").write_text('{"type": "string"}', encoding="utf-8")
    env_c = {**os.environ, "LC_ALL": locale, "LANG": locale, "PYTHONHASHSEED": "0"}
    env_u = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONHASHSEED": "5"}
    args = [sys.executable, "-m", "schemadrift", "lint", "--dialect", "gemini", "tools"]
    one = subprocess.run(args, cwd=project, env=env_c, capture_output=True, timeout=60, check=False)
    two = subprocess.run(args, cwd=project, env=env_u, capture_output=True, timeout=60, check=False)
    assert one.returncode in (0, 1), one.stderr.decode()
    assert one.stdout == two.stdout
    assert "café".encode() in one.stdout
