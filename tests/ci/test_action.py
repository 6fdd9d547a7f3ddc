"""The composite action's ``run:`` steps, executed locally as the runner would run them.

The ``uses:`` steps (setup-python, upload-sarif) cannot run here; the install step is switched
off with the action's own ``install`` input, since schemadrift is installed in the test
environment. ``${{ ... }}`` expressions are expanded from the inputs, ``github.action_path`` and
earlier steps' outputs, and each script runs under ``bash -eo pipefail`` as the runner does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from tests.conftest import REPO

TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}
OTHER = {
    "type": "function",
    "function": {
        "name": "get_time",
        "parameters": {"type": "object", "properties": {"zone": {"type": "string"}}},
    },
}


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    return data


def _inputs(**given: str) -> dict[str, str]:
    spec = _action()["inputs"]
    unknown = set(given) - set(spec)
    assert not unknown, unknown
    return {name: given.get(name, str(item.get("default", ""))) for name, item in spec.items()}


def _lookup(expr: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    expr = expr.strip()
    if expr.startswith("inputs."):
        return inputs[expr.removeprefix("inputs.")]
    if expr == "github.action_path":
        return str(REPO)
    match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
    if match:
        return outputs.get(match[1], {}).get(match[2], "")
    raise AssertionError(f"expression the test cannot evaluate: {expr}")


def _expand(text: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> str:
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _lookup(m[1], inputs, outputs), text)


def _condition(expr: str, inputs: dict[str, str], outputs: dict[str, dict[str, str]]) -> bool:
    match = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'(.*)'\s*", expr)
    assert match, f"condition the test cannot evaluate: {expr}"
    value = _lookup(match[1], inputs, outputs)
    return (value == match[3]) == (match[2] == "==")


def run_action(
    workspace: Path, runner: Path, **given: str
) -> tuple[list[subprocess.CompletedProcess[str]], dict[str, dict[str, str]]]:
    """Run the action's run steps in order; return their results and the steps' outputs."""
    inputs = _inputs(**given)
    summary, output_file = runner / "summary.md", runner / "output"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "GITHUB_"))}
    env.update(
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_WORKSPACE=str(workspace),
        RUNNER_TEMP=str(runner / "temp"),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    )
    (runner / "temp").mkdir(parents=True, exist_ok=True)
    outputs: dict[str, dict[str, str]] = {}
    done = []
    for step in _action()["runs"]["steps"]:
        if "run" not in step:
            continue
        if "if" in step and not _condition(step["if"], inputs, outputs):
            continue
        output_file.write_text("", encoding="utf-8")
        step_env = {**env, "GITHUB_OUTPUT": str(output_file)}
        step_env.update(
            {k: _expand(str(v), inputs, outputs) for k, v in step.get("env", {}).items()}
        )
        cwd = workspace / _expand(step.get("working-directory", "."), inputs, outputs)
        assert step["shell"] == "bash"
        script = runner / "step.sh"
        script.write_text(_expand(step["run"], inputs, outputs), encoding="utf-8")
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        done.append(result)
        if "id" in step:
            pairs = [
                line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line
            ]
            outputs[step["id"]] = dict(pairs)
    return done, outputs


def _project(root: Path) -> Path:
    project = root / "workspace" / "app"
    (project / "tools").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ files = "tools/*.json" }]\n', encoding="utf-8"
    )
    (project / "tools" / "weather.json").write_text(json.dumps(TOOL, indent=2), encoding="utf-8")
    (project / "tools" / "time.json").write_text(json.dumps(OTHER, indent=2), encoding="utf-8")
    snap = subprocess.run(
        [sys.executable, "-m", "schemadrift", "snapshot"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert snap.returncode == 0, snap.stderr
    return project


def test_action_inputs_mirror_the_cli() -> None:
    """The action takes the CLI's options as inputs, plus the CI-only ones."""
    assert set(_action()["inputs"]) >= {
        "config",
        "dialects",
        "fail-on",
        "against",
        "format",
        "sarif",
        "python-version",
        "working-directory",
    }


def test_action_annotates_summarises_and_writes_sarif(tmp_path: Path) -> None:
    """A removed tool gives an annotation, a failing job summary, a valid SARIF file and exit 1."""
    project = _project(tmp_path)
    (project / "tools" / "time.json").unlink()
    runner = tmp_path / "runner"
    steps, outputs = run_action(
        tmp_path / "workspace",
        runner,
        install="false",
        sarif="true",
        dialects="openai, anthropic",
        **{"working-directory": "app"},
    )
    check, verdict = steps
    assert check.returncode == 0, check.stderr
    assert "::error " in check.stdout and "diff/tool-removed" in check.stdout
    summary = (runner / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## schemadrift check: ❌ failed")
    assert "| `get_weather` |" in summary
    assert outputs["check"]["exit-code"] == "1"
    sarif_path = Path(outputs["check"]["sarif-file"])
    assert sarif_path == project / "schemadrift.sarif"
    schema = json.loads(
        resources.files("schemadrift").joinpath("data/sarif-subset.schema.json").read_text("utf-8")
    )
    jsonschema.validate(json.loads(sarif_path.read_text(encoding="utf-8")), schema)
    assert verdict.returncode == 1


def test_action_passes_and_skips_sarif_by_default(tmp_path: Path) -> None:
    """With nothing changed the job passes, the summary says so and no SARIF is written."""
    project = _project(tmp_path)
    runner = tmp_path / "runner"
    steps, outputs = run_action(
        tmp_path / "workspace", runner, install="false", **{"working-directory": "app"}
    )
    assert [step.returncode for step in steps] == [0, 0]
    assert (
        (runner / "summary.md")
        .read_text(encoding="utf-8")
        .startswith("## schemadrift check: ✅ passed")
    )
    assert outputs["check"] == {"exit-code": "0"}
    assert not (project / "schemadrift.sarif").exists()


def test_action_reports_a_run_that_could_not_be_done(tmp_path: Path) -> None:
    """Without a baseline the summary says schemadrift could not run, and the job fails with 2."""
    project = _project(tmp_path)
    (project / "schemadrift.lock.json").unlink()
    runner = tmp_path / "runner"
    steps, outputs = run_action(
        tmp_path / "workspace", runner, install="false", **{"working-directory": "app"}
    )
    assert "run `schemadrift snapshot`" in steps[0].stderr
    assert "could not run (exit 2)" in (runner / "summary.md").read_text(encoding="utf-8")
    assert outputs["check"]["exit-code"] == "2"
    assert steps[1].returncode == 2


def test_action_keeps_the_results_cache_where_its_cache_step_saves_it(tmp_path: Path) -> None:
    """The check writes its results cache under the runner's temp folder, the path the
    (opt-in) actions/cache step restores and saves between workflow runs."""
    _project(tmp_path)
    runner = tmp_path / "runner"
    run_action(tmp_path / "workspace", runner, install="false", **{"working-directory": "app"})
    assert list((runner / "temp" / "schemadrift-cache").glob("*/check.json"))
    (step,) = [s for s in _action()["runs"]["steps"] if "actions/cache" in s.get("uses", "")]
    assert step["if"] == "inputs.cache == 'true'"
    assert step["with"]["path"] == "${{ runner.temp }}/schemadrift-cache"
    assert _action()["inputs"]["cache"]["default"] == "false"
