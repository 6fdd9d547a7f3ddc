"""Attack report rows 13, 14b, 14c, 14f and 25: what the user's project holds (a python
source's code, a committed baseline) cannot break the exit and stdout contract.

A python source's prints cannot corrupt the report, its exits and odd exceptions are exit 2
naming the source, and data JSON cannot hold is refused naming where it is: each case is
`check --format json` in a project whose ``m.py`` is the source, run through the real CLI
against a baseline written from a well-behaved ``m.py``. A baseline whose fields have the wrong
types is exit 2 naming the file and the field's pointer, in every report format.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run, run_subprocess

GOOD = (
    'TOOLS = [{"name": "t", "description": "d", "input_schema": '
    '{"type": "object", "properties": {"q": {"type": "string"}}}}]\n'
)


def _run(cwd: Path, *args: str, timeout: float = 60) -> Run:
    return run_subprocess(*args, cwd=cwd, timeout=timeout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a python source and a baseline of its well-behaved tools."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ python = "m:TOOLS" }]\n', "utf-8"
    )
    (tmp_path / "m.py").write_text(GOOD, "utf-8")
    assert _run(tmp_path, "snapshot").code == 0
    return tmp_path


def _check(root: Path, module: str) -> Run:
    (root / "m.py").write_text(module, "utf-8")
    return _run(root, "check", "--format", "json", "--no-cache")


NOISY = {
    "print": "print('banner')\n",
    "c-level write": "import os\nos.write(1, b'raw bytes on fd 1\\n')\n",
    "subprocess": "import subprocess, sys\nsubprocess.run([sys.executable, '-c', 'print(42)'])\n",
    "replaced stdout": "import io, sys\nsys.stdout = io.StringIO()\n",
    "closed stdout": "import sys\nsys.stdout.close()\n",
}


@pytest.mark.parametrize("noise", NOISY.values(), ids=list(NOISY))
def test_output_of_the_module_never_reaches_the_report(project: Path, noise: str) -> None:
    """Row 13: prints (Python, C-level, a subprocess's) go to stderr and stdout is exactly
    the JSON report; a module that replaces or closes sys.stdout cannot swallow it."""
    done = _check(project, noise + GOOD)
    assert done.code == 0, done.err
    report = json.loads(done.out)
    assert report["findings"] == [] or all(f["rule"] for f in report["findings"])
    assert "Traceback" not in done.err
    if "banner" in noise:
        assert "banner" in done.err


ENDINGS = {
    "sys.exit(7) at import": ("import sys\nsys.exit(7)\n", "sys.exit(7)"),
    "raise SystemExit": ("raise SystemExit\n", "sys.exit(None)"),
    "os._exit(0) at import": ("import os\nos._exit(0)\n", "os._exit()"),
    "BaseException subclass": (
        "class Stop(BaseException):\n    pass\nraise Stop('boom')\n",
        "raised Stop: boom",
    ),
    "GeneratorExit": ("raise GeneratorExit\n", "raised GeneratorExit"),
    "sys.exit in the attribute's property": (
        "import sys\nclass M:\n    @property\n    def TOOLS(self):\n        sys.exit(7)\n"
        "sys.modules[__name__] = M()\n",
        "reading m.TOOLS called sys.exit(7)",
    ),
    "GeneratorExit in the attribute's property": (
        "import sys\nclass M:\n    @property\n    def TOOLS(self):\n"
        "        raise GeneratorExit\nsys.modules[__name__] = M()\n",
        "reading m.TOOLS raised GeneratorExit",
    ),
}


@pytest.mark.parametrize(("module", "said"), ENDINGS.values(), ids=list(ENDINGS))
def test_user_code_that_ends_the_run_is_exit_2(project: Path, module: str, said: str) -> None:
    """Row 13: sys.exit, SystemExit, os._exit, a BaseException subclass and GeneratorExit,
    at import or in the attribute's property, are exit 2 naming the source: never the
    module's own status, never exit 0 with no report, never exit 1 with a traceback."""
    done = _check(project, module)
    assert done.code == 2, (done.out, done.err)
    assert done.out == ""
    assert "python m:TOOLS" in done.err and said in done.err, done.err
    assert "Traceback" not in done.err


def test_a_self_referencing_tools_list_is_refused_quickly(project: Path) -> None:
    """Row 14c: a schema dict that holds itself is exit 2 at once, naming where, not a
    RecursionError after 11 s."""
    module = (
        "schema = {'type': 'object', 'properties': {}}\n"
        "schema['properties']['again'] = schema\n"
        "TOOLS = [{'name': 't', 'input_schema': schema}]\n"
    )
    done = _check(project, module)
    assert done.code == 2, done.err
    assert "TOOLS[0]['input_schema']['properties']['again'] refers to itself" in done.err
    assert "/0/input_schema/properties/again" in done.err
    assert "Traceback" not in done.err


def test_a_self_holding_list_is_refused(project: Path) -> None:
    """Row 14c: a TOOLS list that holds itself is exit 2, not a RecursionError."""
    done = _check(project, "TOOLS = []\nTOOLS.append(TOOLS)\n")
    assert done.code == 2, done.err
    assert "refers to itself" in done.err and "Traceback" not in done.err


@pytest.mark.parametrize("number", ["float('nan')", "float('inf')", "-float('inf')"])
@pytest.mark.parametrize("command", ["check", "snapshot"])
def test_non_finite_numbers_are_refused_naming_the_pointer(
    project: Path, number: str, command: str
) -> None:
    """Row 14b: NaN or an infinity in a python source's schema is exit 2 naming the pointer,
    in `snapshot` (which crashed) as in `check` (files refuse them the same way)."""
    (project / "m.py").write_text(
        "TOOLS = [{'name': 't', 'input_schema': {'type': 'object', 'properties': "
        f"{{'n': {{'type': 'number', 'maximum': {number}}}}}}}}}]\n",
        "utf-8",
    )
    done = _run(project, command, *(["--no-cache"] if command == "check" else []))
    assert done.code == 2, done.err
    assert "/0/input_schema/properties/n/maximum" in done.err
    assert "not a JSON number" in done.err and "Traceback" not in done.err


CORRUPT = {
    "/tools/0/origin/location": lambda tool: tool["origin"].update(location=7),
    "/tools/0/origin": lambda tool: tool.update(origin=["not", "an", "object"]),
    "/tools/0/origin/line": lambda tool: tool["origin"].update(line="twelve"),
    "/tools/0/input_schema": lambda tool: tool.update(input_schema="a string"),
    "/tools/0/name": lambda tool: tool.update(name=["t"]),
    "/tools/0/description": lambda tool: tool.update(description={"text": "d"}),
    "/tools/0/variants": lambda tool: tool.update(variants=["a"]),
    "/packages/pydantic": None,
}
FORMATS = ("text", "json", "markdown", "github", "sarif", "junit")


@pytest.fixture(scope="module")
def baseline_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A files project and its good baseline (restored by each test from ``lock.good``)."""
    root = tmp_path_factory.mktemp("baseline")
    (root / "tools").mkdir()
    (root / "tools" / "t.json").write_text(GOOD.split("=", 1)[1].strip()[1:-1], "utf-8")
    (root / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ files = "tools/*.json" }]\n', "utf-8"
    )
    assert _run(root, "snapshot").code == 0
    (root / "lock.good").write_bytes((root / "schemadrift.lock.json").read_bytes())
    return root


@pytest.mark.parametrize("pointer", list(CORRUPT))
def test_a_corrupt_baseline_names_the_field_in_every_format(
    baseline_project: Path, pointer: str
) -> None:
    """Rows 14f and 25: a baseline field of the wrong type is exit 2 with a message naming
    the baseline and the field's JSON pointer, in every --format: never a crash in a later
    report format, a report breaking its own schema, or Python's words ("dictionary update
    sequence element")."""
    data = json.loads((baseline_project / "lock.good").read_text("utf-8"))
    change = CORRUPT[pointer]
    if change is None:
        data["packages"] = {"pydantic": 2}
    else:
        change(data["tools"][0])
    (baseline_project / "schemadrift.lock.json").write_text(json.dumps(data), "utf-8")
    for fmt in FORMATS:
        done = _run(baseline_project, "check", "--format", fmt, "--no-cache")
        assert done.code == 2, (fmt, done.out, done.err)
        assert done.out == ""
        assert "schemadrift.lock.json" in done.err and pointer in done.err, done.err
        assert "corrupt snapshot" in done.err
        assert "Traceback" not in done.err and "sequence element" not in done.err


def _interrupt_after(argv: list[str], cwd: Path, delay: float) -> tuple[int, str]:
    """Start ``argv``, send SIGINT after ``delay`` seconds; its exit code and stderr."""
    import signal
    import time

    with subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            # A run that neither ends nor dies after Ctrl-C is a failure, not a hung suite.
            proc.kill()
            _, err = proc.communicate()
            raise AssertionError(
                f"still running 60 s after SIGINT at {delay} s: {err.decode(errors='replace')}"
            ) from None
    return proc.returncode, err.decode("utf-8", "replace")


@pytest.mark.parametrize("how", ["console script", "python -m", "python source"])
def test_ctrl_c_during_start_up_is_exit_130(
    baseline_project: Path, project: Path, how: str
) -> None:
    """Row 24: SIGINT in the first 0.2 s (interpreter start, importing click and the CLI) is
    exit 130 with "interrupted" (or, if the run already ended, its own 0/1/2), never a
    traceback from schemadrift's code. Tolerated, because they come before any of it runs: a
    signal so early that the interpreter has not installed its handler (killed, -2, nothing
    printed); one inside site.py (CPython's "Fatal Python error: init_import_site"); and one
    while the import system is still finding the schemadrift package (a traceback through
    runpy/importlib frames or the console script's import line only, ~20 ms in), or in the
    instant between the call of the entry point and its ``try`` (the traceback's one frame of
    ours is the line ``def main() -> int:``; no Python code can catch a signal there)."""
    import re
    import signal

    script = Path(sys.executable).with_name("schemadrift")
    start = [str(script)] if how == "console script" else [sys.executable, "-m", "schemadrift"]
    argv = [*start, "lint", "tools/t.json", "--no-cache"]
    if how == "python source":  # interrupted while its child interpreter imports m.py
        argv, baseline_project = [*start, "check", "--no-cache"], project
    interrupted = 0
    for delay in (0, 0.02, 0.05, 0.1, 0.2) * 3:
        code, err = _interrupt_after(argv, baseline_project, delay)
        if "init_import_site" in err:
            continue
        if "Traceback" in err:  # only before the package's own code runs
            ours = re.findall(r'File "[^"]*/schemadrift/([^"]*\.py)", line \d+, in (\S+)', err)
            entering = ours == [("__main__.py", "main")] and re.search(
                r"def main\(\) -> int:\s*KeyboardInterrupt\s*$", err
            )
            assert not ours or entering, (delay, err)
            continue
        assert code in (EXIT_INTERRUPTED, 0, 1, 2, -signal.SIGINT), (delay, code, err)
        if code == EXIT_INTERRUPTED:
            assert "interrupted" in err
            interrupted += 1
    assert interrupted >= 3


EXIT_INTERRUPTED = 130


def test_a_hanging_import_is_stopped_by_the_timeout_with_what_it_started(tmp_path: Path) -> None:
    """Row 13 (and 19 for python sources): `timeout` bounds a python source, whose module runs
    in a child interpreter; on timeout the child's whole session goes, so a process the module
    started (a server, a `sleep`) does not outlive the run."""
    import os
    import time

    pid_file = tmp_path / "grandchild.pid"
    (tmp_path / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ python = "m:TOOLS", timeout = 2 }]\n', "utf-8"
    )
    (tmp_path / "m.py").write_text(
        "import pathlib, subprocess, time\n"
        "child = subprocess.Popen(['sleep', '100'])\n"
        f"pathlib.Path({str(pid_file)!r}).write_text(str(child.pid))\n"
        "time.sleep(100)\n" + GOOD,
        "utf-8",
    )
    started = time.monotonic()
    done = _run(tmp_path, "snapshot")
    took = time.monotonic() - started
    assert done.code == 2, done.err
    assert "python m:TOOLS" in done.err and "more than 2 s" in done.err
    assert took < 10
    grandchild = int(pid_file.read_text())
    for _ in range(50):  # killed: gone, or a zombie until something reaps it
        try:
            state = Path(f"/proc/{grandchild}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            break
        if state in ("Z", "X"):
            break
        time.sleep(0.1)
    else:
        os.kill(grandchild, 9)
        raise AssertionError("the sleep the module started outlived the run")


def test_a_corrupt_snapshot_given_as_a_file_names_the_field(baseline_project: Path) -> None:
    """Rows 14f and 25: a snapshot given to `diff` or `lint` as a file goes through the same
    structure check as the baseline (one reader): exit 2 naming the file and the pointer."""
    data = json.loads((baseline_project / "lock.good").read_text("utf-8"))
    data["tools"][0]["origin"]["location"] = 5
    (baseline_project / "bad.json").write_text(json.dumps(data), "utf-8")
    for args in (["diff", "bad.json", "lock.good"], ["lint", "bad.json"]):
        done = _run(baseline_project, *args, "--no-cache")
        assert done.code == 2, (args, done.out, done.err)
        assert "bad.json" in done.err and "/tools/0/origin/location" in done.err
        assert done.out == "" and "Traceback" not in done.err
