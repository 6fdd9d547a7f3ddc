"""Attack report rows 2, 11, 14 (a, b), 21 and 25: input that JSON cannot hold is refused or
read by a documented rule, never a crash (exit 3), and YAML cannot blow up.

Each case is a file ``lint`` reads; a refusal is exit 2 with an empty stdout and a message
naming the file and the JSON pointer of the value (and no traceback).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

TOOL_YAML = "name: t\ndescription: d\ninput_schema:\n  type: object\n  properties:\n{props}"

REFUSED = {
    # row 2: YAML types JSON lacks
    "yaml-binary": ("t.yaml", TOOL_YAML.format(props="    d: {type: string, default: !!binary aGk=}\n"), "/input_schema/properties/d/default"),
    "yaml-set": ("t.yaml", TOOL_YAML.format(props="    d: {type: array, default: !!set {a, b}}\n"), "/input_schema/properties/d/default"),
    "yaml-omap": ("t.yaml", TOOL_YAML.format(props="    d: {type: object, default: !!omap [a: 1]}\n"), "/input_schema/properties/d/default"),
    # row 21: YAML duplicate keys, .nan, .inf; JSON 1e400
    "yaml-duplicate-key": ("t.yaml", TOOL_YAML.format(props="    d: {type: string}\n    d: {type: integer}\n"), "line 7"),
    "yaml-nan": ("t.yaml", TOOL_YAML.format(props="    d: {type: number, maximum: .nan}\n"), "/input_schema/properties/d/maximum"),
    "yaml-inf": ("t.yaml", TOOL_YAML.format(props="    d: {type: number, maximum: .inf}\n"), "/input_schema/properties/d/maximum"),
    "json-1e400": ("t.json", '{"name":"t","input_schema":{"type":"object","properties":{"n":{"type":"number","maximum":1e400}}}}', "/input_schema/properties/n/maximum"),
    # row 14a: an integer bound past float64
    "json-huge-int": ("t.json", '{"name":"t","input_schema":{"type":"object","properties":{"n":{"type":"integer","maximum":1' + "0" * 309 + "}}}}", "/input_schema/properties/n/maximum"),
    "yaml-huge-int": ("t.yaml", TOOL_YAML.format(props="    n: {type: integer, maximum: 1" + "0" * 309 + "}\n"), "/input_schema/properties/n/maximum"),
    # row 25: a 5,000-digit integer (Python's digit limit) is refused in words, not with a hint
    # to call sys.set_int_max_str_digits()
    "json-5000-digits": ("t.json", '{"name":"t","input_schema":{"type":"object","properties":{"n":{"type":"integer","maximum":1' + "0" * 5000 + "}}}}", "/input_schema/properties/n/maximum"),
    # row 11: a YAML alias bomb (each level refers to the one above nine times)
    "yaml-alias-bomb": ("t.yaml", "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(7)), "aliases expand"),
    "yaml-recursive-alias": ("t.yaml", "a: &a [x, *a]\n", "alias refers to a value that holds it"),
}  # fmt: skip


@pytest.mark.parametrize(("name", "text", "where"), REFUSED.values(), ids=list(REFUSED))
def test_refused_with_file_and_pointer(
    run_cli: Callable[..., Run], tmp_path: Path, name: str, text: str, where: str
) -> None:
    """exit 2, nothing on stdout, the file and the value's pointer (or line) in the message."""
    (tmp_path / name).write_text(text, "utf-8")
    started = time.perf_counter()
    done = run_cli("lint", name, "--no-cache", cwd=tmp_path)
    assert time.perf_counter() - started < 10
    assert done.code == 2, (done.out, done.err)
    assert done.out == ""
    assert name in done.err and where in done.err, done.err
    assert "Traceback" not in done.err and "set_int_max_str_digits" not in done.err


def test_yaml_dates_are_the_strings_they_are_written_as(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Row 2: an unquoted date or timestamp is read as its text (JSON has no date type)."""
    props = (
        "    d: {type: string, default: 2024-01-01}\n"
        "    t: {type: string, examples: [2024-01-01T10:00:00Z]}\n"
    )
    (tmp_path / "t.yaml").write_text(TOOL_YAML.format(props=props), "utf-8")
    assert run_cli("snapshot", cwd=tmp_path).code == 2  # no config: the snapshot needs sources
    (tmp_path / "pyproject.toml").write_text('[tool.schemadrift]\nsources = [{files = "t.yaml"}]\n')
    assert run_cli("snapshot", cwd=tmp_path).code == 0
    lock = json.loads((tmp_path / "schemadrift.lock.json").read_text("utf-8"))
    (tool,) = lock["tools"]
    properties = tool["input_schema"]["properties"]
    assert properties["d"]["default"] == "2024-01-01"
    assert properties["t"]["examples"] == ["2024-01-01T10:00:00Z"]
    done = run_cli("lint", "t.yaml", "--format", "json", cwd=tmp_path)
    assert done.code == 0, done.out


def test_a_modest_alias_document_is_read(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    """Aliases are legitimate YAML (a shared schema part): only a blow-up is refused."""
    text = "shared: &s {type: string, description: A name.}\ntools:\n" + "".join(
        f"  - name: t{i}\n    inputSchema: {{type: object, properties: {{a: *s, b: *s}}}}\n"
        for i in range(50)
    )
    (tmp_path / "t.yaml").write_text(text, "utf-8")
    done = run_cli("lint", "t.yaml", "--format", "json", "--no-cache", cwd=tmp_path)
    assert done.code in (0, 1), done.err
    assert json.loads(done.out)["summary"]["tools"] == 50


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ('[tool.schemadrift]\nsources = [{command = ["true"], timeout = inf}]\n', "timeout"),
        ('[tool.schemadrift]\nsources = [{command = ["true"], timeout = nan}]\n', "timeout"),
        ('[tool.schemadrift]\noutput = "../victim.json"\n', "output"),
        ('[tool.schemadrift]\noutput = "/tmp/victim.json"\n', "output"),
    ],
    ids=["timeout-inf", "timeout-nan", "output-parent", "output-absolute"],
)
def test_config_values_out_of_bounds_are_refused(
    run_cli: Callable[..., Run], tmp_path: Path, config: str, needle: str
) -> None:
    """Rows 3 and 14h: a timeout of inf or nan, and an `output` outside the project (which a
    pre-commit `lint` would overwrite with its report), are exit 2 naming the key."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(config)
    (project / "t.json").write_text('{"name": "t", "input_schema": {"type": "object"}}')
    done = run_cli("lint", "t.json", cwd=project)
    assert done.code == 2, (done.out, done.err)
    assert needle in done.err and "Traceback" not in done.err
    assert not (tmp_path / "victim.json").exists()


@pytest.mark.parametrize("spec", ["HEAD:../../../etc/passwd", "HEAD:/etc/passwd"])
def test_a_git_path_outside_the_repository_is_refused(
    run_cli: Callable[..., Run], tmp_path: Path, spec: str
) -> None:
    """Row 14e: `diff REF:path` with a path leaving the repository is exit 2, not a crash."""
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "x.json").write_text('{"name": "t", "input_schema": {"type": "object"}}')
    done = run_cli("diff", spec, "x.json", cwd=tmp_path)
    assert done.code == 2, done.err
    assert "outside the repository" in done.err and "Traceback" not in done.err


def test_git_missing_is_said_plainly(
    run_cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Row 25: without git on PATH the message says so, not that `--show-toplevel` is a ref."""
    (tmp_path / "x.json").write_text('{"name": "t", "input_schema": {"type": "object"}}')
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    done = run_cli("diff", "HEAD:x.json", "x.json", cwd=tmp_path)
    assert done.code == 2
    assert "git is not installed" in done.err and "--show-toplevel" not in done.err
