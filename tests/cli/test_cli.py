"""End-to-end behaviour of the commands: exit codes, reports, determinism, lazy imports."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import FIXTURES, Run, run_subprocess

GOOD = {
    "name": "get_weather",
    "description": "Weather for a city.",
    "input_schema": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}
BAD = {
    "name": "broken",
    "description": "x",
    "input_schema": {
        "type": "object",
        "properties": {"n": {"type": "integer", "exclusiveMinimum": True}},
    },
}


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(FIXTURES / "demo", target)
    return target


def write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc, indent=2) + "\n")
    return path


def test_lint_valid_file_exits_zero(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    """A valid tool file lints clean."""
    result = run_cli("lint", str(write(tmp_path / "good.json", GOOD)), cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    assert "0 errors" in result.out


def test_lint_invalid_file_exits_one_with_pointer(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A meta-schema violation is an error finding at the exact JSON pointer."""
    result = run_cli("lint", str(write(tmp_path / "bad.json", BAD)), cwd=tmp_path)
    assert result.code == 1
    assert "/input_schema/properties/n/exclusiveMinimum" in result.out


def test_fail_on_never_exits_zero(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    """`--fail-on never` exits 0 whenever the run completes."""
    result = run_cli(
        "lint", "--fail-on", "never", str(write(tmp_path / "bad.json", BAD)), cwd=tmp_path
    )
    assert result.code == 0


def test_json_report_matches_its_published_schema(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Real `--format json` output validates against `schemadrift report-schema`."""
    write(tmp_path / "bad.json", BAD)
    write(tmp_path / "good.json", GOOD)
    result = run_cli(
        "lint",
        "--format",
        "json",
        str(tmp_path / "bad.json"),
        str(tmp_path / "good.json"),
        cwd=tmp_path,
    )
    schema = json.loads(run_cli("report-schema").out)
    report = json.loads(result.out)
    jsonschema.Draft202012Validator(schema).validate(report)
    assert report["summary"]["error"] >= 1 and report["summary"]["exit_code"] == 1
    finding = report["findings"][0]
    assert finding["location"] == {"file": "bad.json", "line": 2}  # the line of "name"
    assert len(finding["fingerprint"]) == 16


def test_unknown_dialect_lists_known_ones(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    """An unknown dialect name is exit 2 and the message lists the known dialects."""
    result = run_cli(
        "lint", "--dialect", "opneai", str(write(tmp_path / "good.json", GOOD)), cwd=tmp_path
    )
    assert result.code == 2 and result.out == ""
    assert "Known dialects:" in result.err and "json-schema" in result.err


def test_check_without_baseline_says_run_snapshot(run_cli: Callable[..., Run], demo: Path) -> None:
    """`check` with no baseline is exit 2 and names `schemadrift snapshot`."""
    (demo / "schemadrift.lock.json").unlink()
    result = run_cli("check", cwd=demo)
    assert result.code == 2 and result.out == ""
    assert "schemadrift snapshot" in result.err


def test_snapshot_refuses_to_empty_a_baseline(run_cli: Callable[..., Run], demo: Path) -> None:
    """Replacing a non-empty baseline with no tools needs --allow-empty."""
    before = (demo / "schemadrift.lock.json").read_text()
    for path in (demo / "tools").iterdir():
        path.write_text("[]\n")  # every configured file now lists no tool
    result = run_cli("snapshot", cwd=demo)
    assert result.code == 2 and "--allow-empty" in result.err
    assert (demo / "schemadrift.lock.json").read_text() == before
    assert run_cli("snapshot", "--allow-empty", cwd=demo).code == 0
    assert json.loads((demo / "schemadrift.lock.json").read_text())["tools"] == []


def test_version_imports_no_heavy_module() -> None:
    """`--version` imports neither jsonschema, jsonschema_rs, deepdiff nor yaml."""
    code = (
        "import sys\nfrom schemadrift.cli import main\n"
        "try:\n    main(['--version'])\nfinally:\n"
        "    heavy = {'jsonschema', 'jsonschema_rs', 'deepdiff', 'yaml'} & set(sys.modules)\n"
        "    print(sorted(heavy))\n"
    )
    import subprocess

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_snapshot_is_byte_identical_across_hash_seeds_and_file_order(tmp_path: Path) -> None:
    """The same tools give the same snapshot bytes whatever PYTHONHASHSEED or file creation order."""
    outputs = set()
    for seed, order in (("0", [1, 2, 3]), ("1", [3, 1, 2]), ("7", [2, 3, 1])):
        project = tmp_path / f"p{seed}"
        (project / "tools").mkdir(parents=True)
        (project / "pyproject.toml").write_text(
            '[tool.schemadrift]\nsources = [{ files = "tools/*.json" }]\n'
        )
        for index in order:
            write(project / "tools" / f"t{index}.json", {**GOOD, "name": f"tool_{index}"})
        result = run_subprocess("snapshot", cwd=project, env={"PYTHONHASHSEED": seed})
        assert result.code == 0, result.err
        outputs.add((project / "schemadrift.lock.json").read_bytes())
    assert len(outputs) == 1


def test_internal_error_is_exit_three_with_bug_message(
    run_cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected exception prints a traceback and "this is a bug", exit 3, stdout empty."""
    import schemadrift.pipeline.lint

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(schemadrift.pipeline.lint, "run_lint", boom)
    result = run_cli("lint", str(write(tmp_path / "good.json", GOOD)), cwd=tmp_path)
    assert result.code == 3 and result.out == ""
    assert "this is a bug" in result.err and "Traceback" in result.err


def test_python_dash_m_entry_point() -> None:
    """`python -m schemadrift --version` prints the version."""
    result = run_subprocess("--version", env={"PYTHONPATH": os.pathsep.join(sys.path)})
    assert result.code == 0 and result.out.startswith("schemadrift ")


def test_demo_check_fails_then_snapshot_makes_it_green(
    run_cli: Callable[..., Run], demo: Path
) -> None:
    """The demo reports its drifted tool and its new dialect break; after `snapshot`, `check` passes."""
    first = run_cli("check", "--format", "json", cwd=demo)
    assert first.code == 1, first.err
    live = [f for f in json.loads(first.out)["findings"] if not f["acknowledged"]]
    rules = {(f["rule"], f["tool"]) for f in live}
    assert ("diff/property-became-required", "search_docs") in rules
    # one cause, one finding: the regression names the lint rule, which is not listed again
    (regression,) = [f for f in live if f["rule"] == "diff/dialect-regression"]
    assert regression["tool"] == "create_event"
    assert "openai/array-items" in regression["message"]
    assert ("openai/array-items", "create_event") not in rules
    assert run_cli("snapshot", cwd=demo).code == 0
    second = run_cli("check", "--format", "json", cwd=demo)
    assert second.code == 0, second.out
    report = json.loads(second.out)
    known = [f for f in report["findings"] if f["rule"] == "openai/array-items"]
    assert known and all(f["acknowledged"] for f in known), "still reported, as known"


def test_lint_judges_absolutely_even_when_check_knows_a_finding(
    run_cli: Callable[..., Run], demo: Path
) -> None:
    """`lint` fails on a dialect error whether or not the baseline already had it."""
    assert run_cli("snapshot", cwd=demo).code == 0
    result = run_cli("lint", "--dialect", "openai", "tools/calendar.json", cwd=demo)
    assert result.code == 1 and "openai/array-items" in result.out


@pytest.mark.parametrize("enabled", [True, False])
def test_in_process_run_leaves_the_cyclic_collector_as_it_found_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], enabled: bool
) -> None:
    """A run turns the cyclic collector off (its records live until it ends); a caller
    running commands in-process (the pytest plugin) gets its own setting back, after a
    finished run and after a failed one alike."""
    import gc

    from schemadrift.cli import main

    tools = tmp_path / "tools.json"
    tools.write_text(json.dumps({"tools": [{"name": "t", "input_schema": {"type": "object"}}]}))
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        assert main(["lint", str(tools)]) == 0
        assert gc.isenabled() is enabled
        assert main(["lint", str(tmp_path / "missing.json")]) == 2
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    capsys.readouterr()


def test_lint_judges_each_file_as_its_own_request(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Two files each holding a tool named `search` are two requests: no duplicate-name
    error, unless the files are said to be sent together (`--toolset together`)."""
    schema = {"type": "object", "properties": {"q": {"type": "string"}}}
    for name in ("a", "b"):
        tool = {"name": "search", "description": "Search.", "input_schema": schema}
        (tmp_path / f"{name}.json").write_text(json.dumps(tool))
    apart = run_cli("lint", "a.json", "b.json", "--format", "json", cwd=tmp_path)
    assert apart.code == 0, apart.out
    assert json.loads(apart.out)["summary"]["tools"] == 2
    together = run_cli(
        "lint", "a.json", "b.json", "--toolset", "together", "--format", "json", cwd=tmp_path
    )
    assert together.code == 1
    rules = {f["rule"] for f in json.loads(together.out)["findings"]}
    assert "anthropic/duplicate-tool-name" in rules
