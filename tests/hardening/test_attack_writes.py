"""Attack report rows 4, 8, 10, 20, 22 and 24 (stale temp files): what schemadrift writes and
reads in a project, and what it must leave alone.

Writes replace only regular files (a device, FIFO, symlink, socket or folder stays what it
is), never a file the project reads (configuration, baseline, acks, sources), respect the umask
and a read-only file, and clean up after a killed writer; inputs are read only when they are
regular files, so no FIFO or device can hang a run. The "what held up" rows F01–F05, G02–G14
and I01 are kept here too, as the rules they test are the same ones.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from schemadrift import writing
from tests.conftest import Run, run_subprocess

TOOL = {
    "name": "get_weather",
    "description": "Weather for a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}},
}
LOCK = "schemadrift.lock.json"
ROOT = os.geteuid() == 0
RunCli = Callable[..., Run]


def sub(root: Path, *args: str, umask: int | None = None, timeout: float = 60) -> Run:
    """``python -m schemadrift ARGS`` in ``root``, under ``umask`` when one is given."""
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return run_subprocess(*args, cwd=root, timeout=timeout, preexec=preexec)


def make_project(root: Path, config: str = 'sources = [{ files = "tools/*.json" }]\n') -> Path:
    (root / "tools").mkdir(parents=True, exist_ok=True)
    (root / "tools" / "weather.json").write_text(json.dumps(TOOL), "utf-8")
    (root / "pyproject.toml").write_text(f"[tool.schemadrift]\n{config}", "utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path, run_cli: RunCli) -> Path:
    """A project with one tool file and its baseline."""
    root = make_project(tmp_path / "p")
    assert run_cli("snapshot", cwd=root).code == 0
    return root


def refused(run: Run, path: str, *needles: str) -> None:
    """Exit 2, a message naming ``path`` and saying why, no traceback."""
    assert run.code == 2, (run.out, run.err)
    assert path in run.err and "Traceback" not in run.err, run.err
    for needle in needles:
        assert needle in run.err, run.err


def is_fifo(path: Path) -> bool:
    return stat.S_ISFIFO(path.lstat().st_mode)


@pytest.fixture
def bound_socket(project: Path) -> Iterator[Path]:
    path = project / "out.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    yield path
    server.close()


# --- row 4: a report or the baseline never replaces what is not a regular file -----------------


@pytest.mark.parametrize("option", ["--output", "--also"])
def test_a_fifo_with_no_reader_is_refused_not_a_hang(project: Path, option: str) -> None:
    """Row 4: `--output FIFO` (or `--also json=FIFO`) with nobody reading it is exit 2 at
    once, and the FIFO stays a FIFO (never replaced by a regular file)."""
    os.mkfifo(project / "out.json")
    args = ["--output", "out.json"] if option == "--output" else ["--also", "json=out.json"]
    start = time.monotonic()
    run = sub(project, "check", "--no-cache", *args, timeout=30)
    refused(run, "out.json", "FIFO with no reader")
    assert time.monotonic() - start < 20 and is_fifo(project / "out.json")


def test_a_fifo_with_a_reader_gets_the_report(project: Path) -> None:
    """Row 4: a FIFO someone reads (a process substitution) is written as a stream."""
    os.mkfifo(project / "out.txt")
    reader = subprocess.Popen(["cat", str(project / "out.txt")], stdout=subprocess.PIPE)
    time.sleep(0.2)  # cat opens the FIFO for reading
    run = sub(project, "check", "--no-cache", "--output", "out.txt")
    out, _ = reader.communicate(timeout=30)
    assert run.code == 0, run.err
    assert b"1 tool checked" in out and is_fifo(project / "out.txt")


@pytest.mark.skipif(not ROOT, reason="mknod needs root")
def test_a_device_is_written_to_never_replaced(project: Path) -> None:
    """Row 4 (U11): `--output` naming a character device (a null device made in the project,
    never a real /dev file) writes to it; it stays the same device. The baseline path as a
    device is refused."""
    device = project / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert sub(project, "check", "--no-cache", "--output", "null").code == 0
    after = device.lstat()
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == os.makedev(1, 3)
    (project / LOCK).unlink()
    os.mknod(project / LOCK, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    refused(sub(project, "snapshot"), LOCK, "not a regular file", "character device")
    assert stat.S_ISCHR((project / LOCK).lstat().st_mode)


def test_a_link_to_stdout_is_written_through_not_replaced(project: Path) -> None:
    """Row 4 (U12): `--output` naming a link to /proc/self/fd/1 (what /dev/stdout is) prints
    the report on stdout; the link stays a link."""
    (project / "stdout").symlink_to("/proc/self/fd/1")
    run = sub(project, "check", "--no-cache", "--output", "stdout")
    assert run.code == 0 and "1 tool checked" in run.out, run.err
    assert os.readlink(project / "stdout") == "/proc/self/fd/1"


@pytest.mark.parametrize("kind", ["directory", "socket"])
def test_a_directory_or_socket_is_refused(
    project: Path, run_cli: RunCli, bound_socket: Path, kind: str
) -> None:
    """Row 4: a report (`--output`, `--also`, replay's `--output`) over a directory or a
    socket is exit 2 naming it, and it stays what it was."""
    name = "out.sock" if kind == "socket" else "folder"
    if kind == "directory":
        (project / name).mkdir()
    (project / "calls.jsonl").write_text(
        json.dumps({"method": "tools/call", "params": {"name": "get_weather", "arguments": {}}})
        + "\n",
        "utf-8",
    )
    check = run_cli("check", "--no-cache", "--output", name, cwd=project)
    also = run_cli("check", "--no-cache", "--also", f"json={name}", cwd=project)
    replay = run_cli("replay", "calls.jsonl", "--output", name, cwd=project)
    for run in (check, also, replay):
        # (click itself refuses a directory for --output, before the run)
        refused(run, name, "directory" if kind == "directory" else "refusing to replace it")
    mode = (project / name).lstat().st_mode
    assert stat.S_ISDIR(mode) if kind == "directory" else stat.S_ISSOCK(mode)


def test_a_report_symlink_follows_the_snapshot_rule(
    project: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    """Row 4: a report path that is a symlink is written through to its target when that lies
    inside the project (the link stays), and refused when it leads outside (F01-F05 for the
    baseline: the same rule)."""
    (project / "reports").mkdir()
    (project / "inside.txt").symlink_to("reports/report.txt")
    assert run_cli("check", "--no-cache", "--output", "inside.txt", cwd=project).code == 0
    assert (project / "inside.txt").is_symlink()
    assert "1 tool checked" in (project / "reports" / "report.txt").read_text("utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n", "utf-8")
    (project / "outside.txt").symlink_to(victim)
    run = run_cli("check", "--no-cache", "--output", "outside.txt", cwd=project)
    refused(run, "outside.txt", "outside the project")
    assert victim.read_text("utf-8") == "keep\n" and (project / "outside.txt").is_symlink()


def test_nothing_is_written_when_one_target_is_refused(project: Path, run_cli: RunCli) -> None:
    """Row 4: every report target is checked before any is written."""
    (project / "folder").mkdir()
    run = run_cli(
        "check", "--no-cache", "--also", "sarif=ok.sarif", "--output", "folder", cwd=project
    )
    refused(run, "folder")
    assert not (project / "ok.sarif").exists()


# --- row 10: no write over the project's own inputs ------------------------------------------


@pytest.mark.parametrize(
    ("args", "path", "what"),
    [
        (["--output", LOCK], LOCK, "is the baseline snapshot"),
        (["--also", "sarif=pyproject.toml"], "pyproject.toml", "is the project's configuration"),
        (["--output", "schemadrift.acks.toml"], "schemadrift.acks.toml", "acks file"),
        (["--output", "tools/weather.json"], "tools/weather.json", "source files 'tools/*.json'"),
    ],
)
def test_a_report_never_overwrites_a_project_input(
    project: Path, run_cli: RunCli, args: list[str], path: str, what: str
) -> None:
    """Row 10 (K12, N03): `--output`/`--also` naming the baseline, the configuration, the
    acks file or a source's tool file is exit 2 naming it and what it is; it is unchanged."""
    (project / "schemadrift.acks.toml").write_text("version = 1\n", "utf-8")
    before = (project / path).read_bytes()
    refused(run_cli("check", "--no-cache", *args, cwd=project), path, what)
    assert (project / path).read_bytes() == before


def test_a_configured_output_over_the_configuration_is_refused(
    project: Path, run_cli: RunCli
) -> None:
    """Row 10: the config key `output` naming the configuration itself is refused."""
    config = project / "pyproject.toml"
    config.write_text(config.read_text("utf-8") + 'output = "pyproject.toml"\n', "utf-8")
    before = config.read_bytes()
    refused(run_cli("check", "--no-cache", cwd=project), "pyproject.toml", "configuration")
    assert config.read_bytes() == before


def test_a_report_never_overwrites_a_python_source_module(tmp_path: Path, run_cli: RunCli) -> None:
    """Row 10: the module file of a `python` source is an input too."""
    root = make_project(tmp_path / "py", 'sources = [{ python = "toolmod:TOOLS" }]\n')
    module = root / "toolmod.py"
    module.write_text(f"TOOLS = [{TOOL!r}]\n", "utf-8")
    assert run_cli("snapshot", cwd=root).code == 0
    before = module.read_bytes()
    refused(run_cli("check", "--output", "toolmod.py", cwd=root), "toolmod.py", "python source")
    assert module.read_bytes() == before


@pytest.mark.parametrize(
    ("target", "what"),
    [
        ("pyproject.toml", "is the project's configuration"),
        ("tools/weather.json", "source files 'tools/*.json'"),
        ("schemadrift.acks.toml", "acks file"),
    ],
)
def test_snapshot_never_overwrites_a_project_input(
    tmp_path: Path, run_cli: RunCli, target: str, what: str
) -> None:
    """Row 10 (K13, N01, N02): `snapshot = PATH` naming the configuration, a source's tool
    file or the acks file is exit 2 naming it; nothing is written."""
    root = make_project(
        tmp_path / "s",
        f'snapshot = "{target}"\nacks = "schemadrift.acks.toml"\n'
        'sources = [{ files = "tools/*.json" }]\n',
    )
    (root / "schemadrift.acks.toml").write_text("version = 1\n", "utf-8")
    before = (root / target).read_bytes()
    refused(run_cli("snapshot", cwd=root), target, what, "refusing to write the snapshot")
    assert (root / target).read_bytes() == before


# --- row 8: a broad glob never reads what schemadrift writes -----------------------------------


def test_a_broad_glob_does_not_ingest_the_baseline(tmp_path: Path, run_cli: RunCli) -> None:
    """Row 8 (N04, N05): with `files = "**/*.json"`, four snapshots in a row keep one tool
    (the baseline matched itself: 1, 2, 3, 4 copies), and a configured JSON report is not read
    back as a source on the next run."""
    root = make_project(
        tmp_path / "g",
        'output = "report.json"\nformat = "json"\nsources = [{ files = "**/*.json" }]\n',
    )
    for _ in range(4):
        assert run_cli("snapshot", cwd=root).code == 0
        tools = json.loads((root / LOCK).read_text("utf-8"))["tools"]
        assert [tool["name"] for tool in tools] == ["get_weather"]
    for _ in range(2):
        run = run_cli("check", "--no-cache", cwd=root)
        assert run.code == 0, run.err
    assert json.loads((root / "report.json").read_text("utf-8"))


# --- row 20: inputs that are not regular files are refused unread -----------------------------


def test_lint_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    """Row 20 (G16): `lint /dev/zero` is exit 2 naming it, in well under the timeout."""
    start = time.monotonic()
    refused(sub(tmp_path, "lint", "/dev/zero", timeout=30), "/dev/zero", "is not a regular file")
    assert time.monotonic() - start < 20


@pytest.mark.parametrize(
    "which", ["lint-argument", "glob-match", "baseline", "acks", "replay-calls", "config"]
)
def test_a_fifo_input_is_refused_not_a_hang(tmp_path: Path, which: str) -> None:
    """Row 20 (G11, G13, G15): a FIFO as a `lint` argument, a file a glob matches, the
    baseline (the lock file), the acks file, replay's recorded calls or a `--config` file is
    exit 2 naming it ("is not a regular file"), never opened for reading (which blocks until
    a writer comes)."""
    root = make_project(tmp_path / "f")
    assert sub(root, "snapshot").code == 0
    name = {
        "lint-argument": "tools/pipe.json",
        "glob-match": "tools/pipe.json",
        "baseline": LOCK,
        "acks": "schemadrift.acks.toml",
        "replay-calls": "calls.jsonl",
        "config": "other.toml",
    }[which]
    if (root / name).exists():
        (root / name).unlink()
    os.mkfifo(root / name)
    args = {
        "lint-argument": ["lint", name],
        "replay-calls": ["replay", name, "--baseline"],
        "config": ["check", "--no-cache", "--config", name],
    }.get(which, ["check", "--no-cache"])
    refused(sub(root, *args, timeout=30), name, "is not a regular file", "FIFO")
    assert is_fifo(root / name)


def test_stdin_is_still_read(tmp_path: Path) -> None:
    """Row 20: `-` (stdin, a pipe) stays allowed."""
    done = subprocess.run(
        [sys.executable, "-m", "schemadrift", "lint", "-"],
        cwd=tmp_path,
        input=json.dumps(TOOL).encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


# --- row 22: modes -----------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_new_files_respect_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    """Row 22 (T01): a new baseline and a new report get 0666 less the umask (`umask 077`
    gave 0644)."""
    root = make_project(tmp_path / "u")
    assert sub(root, "snapshot", umask=umask).code == 0
    assert sub(root, "check", "--no-cache", "--output", "r.txt", umask=umask).code == 0
    assert stat.S_IMODE((root / LOCK).stat().st_mode) == mode
    assert stat.S_IMODE((root / "r.txt").stat().st_mode) == mode


def test_an_existing_file_keeps_its_mode(project: Path, run_cli: RunCli) -> None:
    """Row 22: a replaced baseline keeps the mode it had."""
    (project / LOCK).chmod(0o640)
    assert run_cli("snapshot", cwd=project).code == 0
    assert stat.S_IMODE((project / LOCK).stat().st_mode) == 0o640


def test_a_read_only_baseline_needs_force(project: Path, run_cli: RunCli) -> None:
    """Row 22 (G01): a mode-0444 baseline is not replaced (even by root, who may write it):
    exit 2 saying it is read-only and naming --force, which replaces it, keeping 0444."""
    lock = project / LOCK
    (project / "tools" / "weather.json").write_text(json.dumps({**TOOL, "name": "w2"}), "utf-8")
    lock.chmod(0o444)
    before = lock.read_bytes()
    refused(run_cli("snapshot", cwd=project), LOCK, "read-only", "--force")
    assert lock.read_bytes() == before
    assert run_cli("snapshot", "--force", cwd=project).code == 0
    assert b'"w2"' in lock.read_bytes() and stat.S_IMODE(lock.stat().st_mode) == 0o444


def test_a_read_only_acks_file_is_not_replaced(project: Path, run_cli: RunCli) -> None:
    """Row 22 (G08): a mode-0444 acks file is not edited by `ack`: exit 2 saying so."""
    acks = project / "schemadrift.acks.toml"
    acks.write_text("version = 1\n", "utf-8")
    acks.chmod(0o444)
    (project / "tools" / "weather.json").write_text(
        json.dumps({**TOOL, "input_schema": {"type": "object", "properties": {}}}), "utf-8"
    )
    run = run_cli("ack", "--all", "--reason", "r", cwd=project)
    refused(run, "schemadrift.acks.toml", "read-only")
    assert acks.read_text("utf-8") == "version = 1\n"


# --- row 24: temp files a killed writer left -------------------------------------------------


def dead_pid() -> int:
    """The PID of a process that has exited (and been reaped)."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_stale_temp_files_are_removed_live_ones_kept(project: Path, run_cli: RunCli) -> None:
    """Row 24: after a SIGKILL mid-write, `.NAME.*.tmp` files stay beside the baseline. The
    next write removes those older than a minute whose writer is gone (and old-style names
    without a PID, on age alone); a fresh one, or an old one whose writer still runs, stays."""
    old = time.time() - 3600
    stale_dead = project / f".{LOCK}.{dead_pid()}.abcd1234.tmp"
    stale_unnamed = project / f".{LOCK}.zyxw9876.tmp"
    fresh = project / f".{LOCK}.{dead_pid()}.fresh123.tmp"
    with subprocess.Popen(["sleep", "60"]) as writer:
        live = project / f".{LOCK}.{writer.pid}.live1234.tmp"
        for path in (stale_dead, stale_unnamed, fresh, live):
            path.write_text("{", "utf-8")
        for path in (stale_dead, stale_unnamed, live):
            os.utime(path, (old, old))
        assert run_cli("snapshot", cwd=project).code == 0
        writer.kill()
    assert not stale_dead.exists() and not stale_unnamed.exists()
    assert fresh.exists() and live.exists()
    other = project / f".other.json.{dead_pid()}.abcd1234.tmp"  # another target's: kept
    other.write_text("{", "utf-8")
    os.utime(other, (old, old))
    assert run_cli("snapshot", cwd=project).code == 0 and other.exists()


def test_temp_names_carry_the_writer_pid(tmp_path: Path) -> None:
    """Row 24: what the clean-up relies on: a write leaves no temp file, and the temp name
    pattern reads the PID back."""
    target = tmp_path / "a.json"
    writing.write_atomic(target, "{}\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    found = writing._temp_pattern("a.json").fullmatch(f".a.json.{os.getpid()}.k2j4_x9a.tmp")
    assert found is not None and found.group(1) == str(os.getpid())


# --- what held up must keep holding (F01-F05, G, I01) -----------------------------------------


def test_baseline_symlinks_inside_written_through_outside_refused(
    tmp_path: Path, run_cli: RunCli
) -> None:
    """F01-F05: a baseline symlink to a file inside the root is written through (the link
    stays); one to a file outside, or dangling outside, is refused and nothing is written."""
    root = make_project(
        tmp_path / "l", 'snapshot = "link.json"\nsources = [{ files = "tools/*.json" }]\n'
    )
    (root / "real").mkdir()
    (root / "link.json").symlink_to("real/lock.json")
    assert run_cli("snapshot", cwd=root).code == 0
    assert (root / "link.json").is_symlink() and (root / "real" / "lock.json").is_file()
    outside = tmp_path / "outside.json"
    outside.write_text("keep\n", "utf-8")
    (root / "link.json").unlink()
    (root / "link.json").symlink_to(outside)
    refused(run_cli("snapshot", cwd=root), "link.json", "outside the project root")
    assert outside.read_text("utf-8") == "keep\n"
    outside.unlink()  # now dangling, still outside
    refused(run_cli("snapshot", cwd=root), "link.json", "outside the project root")
    assert not outside.exists()


def test_baseline_path_that_is_a_directory_is_refused(project: Path, run_cli: RunCli) -> None:
    """G10: the lock path is a directory: exit 2 naming it, the directory untouched."""
    (project / LOCK).unlink()
    (project / LOCK).mkdir()
    refused(run_cli("snapshot", cwd=project), LOCK, "directory")
    refused(run_cli("check", "--no-cache", cwd=project), LOCK, "directory")
    assert (project / LOCK).is_dir()


def test_ten_concurrent_snapshots_leave_one_complete_version(tmp_path: Path) -> None:
    """I01: ten `snapshot` runs at once: all succeed, the baseline is one complete snapshot
    and no temp file is left."""
    root = make_project(tmp_path / "c")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "schemadrift", "snapshot", "-q"],
            cwd=root,
            stderr=subprocess.PIPE,
        )
        for _ in range(10)
    ]
    codes = [proc.wait(timeout=120) for proc in procs]
    for proc in procs:
        assert proc.stderr is not None
        proc.stderr.close()
    assert codes == [0] * 10
    tools = json.loads((root / LOCK).read_text("utf-8"))["tools"]
    assert [tool["name"] for tool in tools] == ["get_weather"]
    assert not list(root.glob(f".{LOCK}.*.tmp"))


def test_a_refused_report_target_is_known_before_any_source_runs(tmp_path: Path) -> None:
    """Row 10: `check --output pyproject.toml` is refused before the sources run (an MCP
    server or a slow import would otherwise run to the end for a report that cannot be
    written): the python source's module never starts."""
    root = make_project(tmp_path / "p", 'sources = [{ python = "m:TOOLS" }]\n')
    (root / "m.py").write_text(
        "import pathlib\npathlib.Path('started').write_text('yes')\n"
        f"TOOLS = [{json.dumps(TOOL)}]\n",
        "utf-8",
    )
    assert sub(root, "snapshot").code == 0
    (root / "started").unlink()
    for args in (["--output", "pyproject.toml"], ["--also", "sarif=pyproject.toml"]):
        refused(sub(root, "check", "--no-cache", *args), "pyproject.toml", "configuration")
        assert not (root / "started").exists()
