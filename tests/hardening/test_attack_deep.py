"""Attack report rows 7, 14g, 15 and 21 (replay): deeply nested input is read once, within a
documented bound, and never turns into a traceback, a second run or a false finding.

Every case runs the real CLI (``python -m schemadrift``) in a project of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from schemadrift.schema.stack import call_deep
from schemadrift.sources.parsing import MAX_DEPTH, nesting_depth
from tests.conftest import Run, run_subprocess

EMIT = """\
import sys
with open("starts.log", "a") as log:
    log.write("start\\n")
n = int(sys.argv[1])
print('{"name": "deep", "description": "d", "input_schema": {"type": "object", '
      '"properties": {"a": {"type": "array", "default": ' + "[" * n + "]" * n + '}}}}')
"""


def _run(cwd: Path, *args: str, timeout: float = 60) -> Run:
    return run_subprocess(*args, cwd=cwd, timeout=timeout)


def _config(root: Path, sources: str) -> None:
    (root / "pyproject.toml").write_text(f"[tool.schemadrift]\nsources = [{sources}]\n", "utf-8")


def _command_project(root: Path, levels: int) -> None:
    (root / "emit.py").write_text(EMIT, "utf-8")
    _config(root, f'{{ command = [{json.dumps(sys.executable)}, "emit.py", "{levels}"] }}')


@pytest.mark.parametrize("levels", [20_000, MAX_DEPTH + 5_000])
def test_a_deep_command_source_runs_once(tmp_path: Path, levels: int) -> None:
    """Row 7: a command source printing a 20,000-deep document (and one past the bound) runs
    exactly once, in a few seconds, with no traceback: the CLI no longer re-runs the whole
    command on a deep stack after a RecursionError."""
    _command_project(tmp_path, levels)
    started = time.perf_counter()
    done = _run(tmp_path, "snapshot")
    assert time.perf_counter() - started < 10
    assert done.code in (0, 1, 2), done.err
    assert "Traceback" not in done.err
    assert (tmp_path / "starts.log").read_text().count("start") == 1
    if levels > MAX_DEPTH:
        assert done.code == 2
        assert "emit.py" in done.err and f"{levels + 4:,} levels deep" in done.err
        assert f"limit of {MAX_DEPTH:,}" in done.err


@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
def test_deep_yaml_is_refused(tmp_path: Path, loader: str) -> None:
    """Row 7: YAML deeper than the bound is exit 2 naming the file: libyaml stops at 1,000
    levels itself; without it, the event scan refuses past MAX_DEPTH before composing."""
    levels = MAX_DEPTH + 10
    (tmp_path / "t.yaml").write_text("name: t\ninput_schema: " + "[" * levels + "]" * levels)
    args = ["lint", "t.yaml", "--no-cache"]
    if loader == "pure-python":  # as where PyYAML was built without libyaml
        code = "import sys, yaml; del yaml.CSafeLoader; from schemadrift.cli import main; "
        code += "sys.exit(main(sys.argv[1:]))"
        ran = subprocess.run(
            [sys.executable, "-c", code, *args], cwd=tmp_path, capture_output=True, text=True
        )
        done = Run(ran.returncode, ran.stdout, ran.stderr)
        assert f"{levels:,} levels deep" in done.err
    else:
        done = _run(tmp_path, *args)
        assert "nesting depth" in done.err
    assert done.code == 2, done.err
    assert "t.yaml" in done.err and "Traceback" not in done.err


def test_nesting_depth_counts_brackets_outside_strings() -> None:
    """The scan other parsers reuse: brackets inside strings (escaped quotes too) do not count."""
    assert nesting_depth('{"a": [1, {"b": "[[[{{{"}]}') == 3
    assert nesting_depth(r'{"a": "\"[[[", "b": [[]]}') == 3
    assert nesting_depth("[" * 50_000 + "]" * 50_000) == 50_000
    assert nesting_depth('"just a string"') == 0


@pytest.mark.parametrize("levels", [1_000, 5_000])
def test_snapshot_then_check_is_clean_for_a_deep_default(tmp_path: Path, levels: int) -> None:
    """Row 15: an unchanged default nested 1,000 and 5,000 levels is no finding after
    `snapshot` (it was `diff/invalid-schema-changed … changed (absent) → (absent)`: the
    comparison of the two sides recursed, overflowed and read as a change)."""
    (tmp_path / "tools").mkdir()
    default = "[" * levels + "0" + "]" * levels
    (tmp_path / "tools" / "deep.json").write_text(
        '{"name": "deep", "description": "d", "input_schema": {"type": "object", "properties":'
        ' {"a": {"type": "array", "default": ' + default + "}}}}"
    )
    _config(tmp_path, '{ files = "tools/*.json" }')
    assert _run(tmp_path, "snapshot").code == 0
    done = _run(tmp_path, "check", "--fail-on", "warning", "--no-cache", "--format", "json")
    assert done.code == 0, (done.out, done.err)
    found = json.loads(done.out)["findings"]
    assert [f for f in found if f["rule"].startswith("diff/")] == []  # too-deep stays, known


REPLAY_TOOL = {
    "name": "nest",
    "description": "d",
    "input_schema": {
        "type": "object",
        "properties": {"a": {"type": "array", "items": {"type": ["array", "integer"]}}},
        "additionalProperties": {"type": "integer"},
    },
}


def _no_constants(value: str) -> None:
    raise AssertionError(f"{value} in a JSON report")


def _replay(root: Path, lines: list[str], *args: str) -> Run:
    (root / "tools.json").write_text(json.dumps(REPLAY_TOOL), "utf-8")
    (root / "calls.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return _run(root, "replay", "calls.jsonl", "--tools", "tools.json", *args)


def _call(arguments: str) -> str:
    return '{"type": "tool_use", "name": "nest", "input": ' + arguments + "}"


@pytest.mark.parametrize("levels", [300, 5_000])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_replay_of_deep_arguments_has_a_verdict(tmp_path: Path, levels: int, fmt: str) -> None:
    """Rows 14g, 21: arguments 300 and 5,000 levels deep get a verdict (jsonschema-rs stops
    with "Recursion limit reached"; they are judged by the jsonschema package), no traceback;
    the JSON report is valid JSON."""
    deep = "[" * levels + "1" + "]" * levels
    accepted, rejected = _call('{"a": ' + deep + "}"), _call('{"b": ' + deep + "}")
    done = _replay(tmp_path, [accepted, rejected], "--format", fmt)
    assert done.code == 1, done.err
    assert "Traceback" not in done.err and "Recursion limit" not in done.out
    if fmt == "json":  # the report quotes the deep arguments: read on a deep stack
        report = call_deep(lambda: json.loads(done.out, parse_constant=_no_constants))
        assert [item["line"] for item in report["rejected"]] == [2]
        assert report["rejected"][0]["pointer"] == "/b"
    else:
        assert "calls.jsonl:2" in done.out and "calls.jsonl:1" not in done.out


ODD = {
    "NaN": _call('{"b": NaN}'),
    "1e400": _call('{"b": 1e400}'),
    "duplicate key": _call('{"b": 1, "b": 2}'),
    "NaN in an OpenAI arguments string": json.dumps(
        {"type": "function", "function": {"name": "nest", "arguments": '{"b": NaN}'}}
    ),
}


@pytest.mark.parametrize("line", ODD.values(), ids=list(ODD))
def test_replay_refuses_what_json_cannot_hold(tmp_path: Path, line: str) -> None:
    """Row 21: NaN, 1e400 and duplicate keys in recorded arguments are refused naming the
    line, as in files; an arguments string holding them is a rejected call whose JSON report
    is still valid JSON (no bare NaN/Infinity)."""
    good = _call('{"b": 1}')
    for fmt in ("text", "json"):
        done = _replay(tmp_path, [good, line], "--format", fmt)
        assert "Traceback" not in done.err
        if '"function"' in line:  # an OpenAI call: arguments are a string of JSON
            assert done.code == 1, done.err
            if fmt == "json":
                report = json.loads(done.out, parse_constant=_no_constants)
                assert report["rejected"][0]["line"] == 2
        else:
            assert done.code == 2, (done.out, done.err)
            assert done.out == "" and "calls.jsonl:2" in done.err
