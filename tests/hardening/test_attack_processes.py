"""Hostile programs behind the ``mcp`` and ``command`` sources (2026-12 attack report).

Every case runs the real CLI (``python -m schemadrift snapshot``) in a fresh project against a
small program written to ``tmp_path``, and checks the contract: exit 2 with the reason named,
nothing on stdout, no traceback, within the configured timeout, with bounded memory, and no
process of the program left behind. Rows 6, 7, 14(d) and 19 were failures; the rest held up
in the attack and must keep holding.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from schemadrift.errors import InputError
from schemadrift.schema.stack import call_deep
from schemadrift.sources import load
from schemadrift.sources.parsing import MAX_DEPTH

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups and wait4 are POSIX")

PY = json.dumps(sys.executable)

SERVER = r"""
import json, os, signal, subprocess, sys, time

mode = sys.argv[1]
TOOL = {"name": "t", "description": "A tool.", "inputSchema": {"type": "object"}}


def out(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def read():
    line = sys.stdin.readline()
    return json.loads(line) if line else None


def answer(request, result):
    out({"jsonrpc": "2.0", "id": request["id"], "result": result})


def serve(tools_line=None):
    answer(read(), {"protocolVersion": "2025-11-25", "capabilities": {"tools": {}},
                    "serverInfo": {"name": "s", "version": "1"}})
    read()  # notifications/initialized
    request = read()
    if tools_line is None:
        answer(request, {"tools": [TOOL]})
    else:
        sys.stdout.write(tools_line.replace("ID", json.dumps(request["id"])) + "\n")
        sys.stdout.flush()
    while sys.stdin.readline():
        pass


def deep(levels):
    schema = '{"type": "object", "default": ' + "[" * levels + "]" * levels + "}"
    return ('{"jsonrpc": "2.0", "id": ID, "result": {"tools": [{"name": "t", '
            '"description": "A tool.", "inputSchema": ' + schema + "}]}}")


with open("starts.log", "a") as log:
    log.write(f"{os.getpid()}\n")

if mode == "flood_requests":  # row 6: requests forever, stdin never read
    n = 0
    while True:
        n += 1
        out({"jsonrpc": "2.0", "id": f"s{n}", "method": "roots/list", "params": {}})
elif mode.startswith("deep"):  # row 7
    serve(deep(int(mode[4:])))
elif mode == "grandchild":  # spawns into its own group, then serves normally
    sleeper = subprocess.Popen(["sleep", "100"])
    with open("grandchild.pid", "w") as f:
        f.write(str(sleeper.pid))
    serve() if sys.argv[2:] != ["hang"] else time.sleep(100)
elif mode == "hang":
    time.sleep(100)
elif mode == "exit":
    sys.stderr.write("fatal: no API key\n")
    sys.exit(4)
elif mode == "banner":
    print("Starting server on stdio...", flush=True)
    serve()
elif mode == "long_line":
    read()
    chunk = "x" * (1 << 20)
    for _ in range(70):
        sys.stdout.write(chunk)
    sys.stdout.write("\n")
    sys.stdout.flush()
    time.sleep(100)
elif mode == "notifications":
    read()
    while True:
        out({"jsonrpc": "2.0", "method": "notifications/message", "params": {"data": "x"}})
elif mode == "wrong_ids":
    request = read()
    while True:
        out({"jsonrpc": "2.0", "id": 999, "result": {}})
        time.sleep(0.01)
elif mode == "mid_line":
    read()
    sys.stdout.write('{"jsonrpc": "2.0", "id": 1, "res')
    sys.stdout.flush()
    os._exit(0)
elif mode == "stderr_flood":
    block = b"e" * (1 << 20) + b"\n"
    for _ in range(int(sys.argv[2])):
        sys.stderr.buffer.write(block)
    sys.stderr.buffer.write(b"LAST STDERR LINE\n")
    sys.stderr.flush()
    sys.exit(5)
elif mode == "ignore_term":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    with open("server.pid", "w") as f:
        f.write(str(os.getpid()))
    time.sleep(100)
elif mode == "non_utf8":
    read()
    sys.stdout.buffer.write(b"\xff\xfe not utf-8 \x80\n")
    sys.stdout.flush()
    time.sleep(100)
elif mode == "lax_json":  # row 21 for MCP: JSON that parsers read differently
    schema = {"nan": '{"type": "number", "maximum": NaN}',
              "duplicate": '{"type": "object", "type": "string"}',
              "huge": '{"type": "number", "maximum": 1e400}'}[sys.argv[2]]
    serve('{"jsonrpc": "2.0", "id": ID, "result": {"tools": [{"name": "t", '
          '"inputSchema": ' + schema + '}]}}')
"""

LISTING = '[{"name": "t", "description": "A tool.", "parameters": {"type": "object"}}]'

COMMAND = rf"""
import os, subprocess, sys, time

mode = sys.argv[1]
if mode == "stderr_flood":  # row 19: a flood of stderr, then a failure
    block = b"e" * (1 << 20) + b"\n"
    for _ in range(int(sys.argv[2])):
        sys.stderr.buffer.write(block)
    sys.stderr.buffer.write(b"LAST STDERR LINE\n")
    sys.stderr.flush()
    sys.exit(int(sys.argv[3]))
elif mode == "quiet":
    print({LISTING!r})
elif mode == "grandchild_hang":  # row 19: timeout with a grandchild in the group
    sleeper = subprocess.Popen(["sleep", "100"])
    open("grandchild.pid", "w").write(str(sleeper.pid))
    time.sleep(100)
elif mode == "leave_stdout_open":  # row 19: printed, exited 0, a grandchild holds stdout
    print({LISTING!r}, flush=True)
    sleeper = subprocess.Popen(["sleep", "100"])
    open("grandchild.pid", "w").write(str(sleeper.pid))
elif mode == "daemon":  # the same, daemonised out of our group (setsid)
    print({LISTING!r}, flush=True)
    sleeper = subprocess.Popen(["sleep", "100"], start_new_session=True)
    open("grandchild.pid", "w").write(str(sleeper.pid))
elif mode == "endless":
    chunk = b"x" * (1 << 20)
    while True:
        sys.stdout.buffer.write(chunk)
elif mode == "non_utf8":
    sys.stdout.buffer.write(b"\xff\xfe[]")
"""


@dataclass
class Outcome:
    code: int
    out: str
    err: str
    seconds: float
    peak_kb: int

    def refused(self, *needles: str) -> None:
        """Exit 2, nothing on stdout, no traceback, every needle in the message."""
        assert self.code == 2, (self.code, self.out, self.err)
        assert self.out == ""
        assert "Traceback" not in self.err, self.err
        for needle in needles:
            assert needle in self.err, (needle, self.err)


def project(tmp_path: Path, kind: str, argv: list[str] | str, timeout: float = 2) -> Path:
    """A project whose one source is ``kind`` running ``argv``, with the test programs."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "srv.py").write_text(SERVER)
    (tmp_path / "cmd.py").write_text(COMMAND)
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.schemadrift]\nsources = [{{ {kind} = {json.dumps(argv)}, timeout = {timeout} }}]\n"
    )
    return tmp_path


LAUNCHER = r"""
import json, os, subprocess, sys, threading
guard, report, argv = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
proc = subprocess.Popen(argv)
timer = threading.Timer(guard, proc.kill)
timer.start()
_, status, usage = os.wait4(proc.pid, 0)
timer.cancel()
with open(report, "w") as f:
    json.dump([os.waitstatus_to_exitcode(status), usage.ru_maxrss], f)
"""


def snapshot(root: Path, guard: float = 30) -> Outcome:
    """``schemadrift snapshot`` in ``root`` as a child process: exit code, output, wall time
    and peak RSS, killed after ``guard`` seconds so a regression fails, not hangs.

    The CLI is started by a small launcher that reports its ``wait4`` usage: Linux carries a
    process's peak RSS across ``exec``, so a CLI forked straight from pytest would report
    pytest's own size (150 MB in a long run) as its peak.
    """
    start = time.perf_counter()
    report = root / "usage.json"
    cli = [sys.executable, "-m", "schemadrift", "snapshot"]
    with (root / "out.txt").open("wb") as out, (root / "err.txt").open("wb") as err:
        subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(guard), str(report), *cli],
            cwd=root,
            stdout=out,
            stderr=err,
            timeout=guard + 10,
            check=True,
        )
    code, peak_kb = json.loads(report.read_text())
    return Outcome(
        code,
        (root / "out.txt").read_text("utf-8", "replace"),
        (root / "err.txt").read_text("utf-8", "replace"),
        time.perf_counter() - start,
        peak_kb,
    )


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # pragma: no cover - no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def gone(pid_file: Path, within: float = 2.0) -> bool:
    """Whether the process whose pid the program wrote has ended (polled: reaping is async)."""
    pid = int(pid_file.read_text())
    until = time.monotonic() + within
    while alive(pid):
        if time.monotonic() > until:
            os.kill(pid, 9)  # do not leave it behind for the next test; the assert fails
            return False
        time.sleep(0.05)
    return True


def mcp(tmp_path: Path, *args: str, timeout: float = 2) -> Path:
    return project(tmp_path, "mcp", [sys.executable, "srv.py", *args], timeout)


def command(tmp_path: Path, *args: str, timeout: float = 2) -> Path:
    return project(tmp_path, "command", [sys.executable, "cmd.py", *args], timeout)


# Row 6 ---------------------------------------------------------------------------------------


def test_mcp_server_flooding_requests_without_reading_stdin_times_out(tmp_path):
    """Row 6: a server that sends requests in a loop and never reads its stdin fills the pipe
    we answer on. The writes wait on a thread, so the deadline still ends the run at ~2 s."""
    run = snapshot(mcp(tmp_path, "flood_requests"))
    run.refused("srv.py flood_requests", "did not answer initialize within 2 s")
    assert run.seconds < 4.5, run.seconds
    assert run.peak_kb < 200 * 1024, run.peak_kb


# Row 7 ---------------------------------------------------------------------------------------


def test_mcp_response_nested_20000_levels_is_read_on_one_start(tmp_path):
    """Row 7: a tools/list result nested 20,000 levels (within ``parsing.MAX_DEPTH``, as for a
    file) is parsed on a deep stack: the tool is read in seconds, and the server is started once
    (a RecursionError out of mcp.py used to make the CLI run every source again)."""
    run = snapshot(mcp(tmp_path, "deep20000"))
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert run.seconds < 5, run.seconds
    assert len((tmp_path / "starts.log").read_text().split()) == 1
    lock = call_deep(json.loads, (tmp_path / "schemadrift.lock.json").read_text())
    assert [tool["name"] for tool in lock["tools"]] == ["t"]


def test_mcp_response_nested_past_the_bound_is_refused_on_one_start(tmp_path):
    """Row 7: a result nested past ``parsing.MAX_DEPTH`` is refused by the depth scan before
    json.loads recurses: exit 2 naming the server and the depth, on one server start."""
    levels = MAX_DEPTH + 5_000
    run = snapshot(mcp(tmp_path, f"deep{levels}"))
    run.refused(f"srv.py deep{levels}", f"nested {levels + 5:,} levels deep", f"{MAX_DEPTH:,}")
    assert run.seconds < 5, run.seconds
    assert len((tmp_path / "starts.log").read_text().split()) == 1


def test_mcp_response_nested_3000_levels_is_read_on_one_start(tmp_path):
    """Row 7: 3,000 levels, past what json.loads manages on an ordinary stack, is read too."""
    run = snapshot(mcp(tmp_path, "deep3000"))
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert len((tmp_path / "starts.log").read_text().split()) == 1
    lock = call_deep(json.loads, (tmp_path / "schemadrift.lock.json").read_text())
    assert [tool["name"] for tool in lock["tools"]] == ["t"]


# Row 19 --------------------------------------------------------------------------------------


def test_command_stderr_flood_is_held_as_a_tail(tmp_path):
    """Row 19: 200 MB on stderr costs a 64 KiB tail, not 200 MB: the run's peak RSS stays
    within a few MB of a quiet command's, and the message ends with the last stderr line."""
    quiet = snapshot(command(tmp_path / "quiet", "quiet"))
    assert quiet.code == 0, quiet.err
    run = snapshot(command(tmp_path, "stderr_flood", "200", "3"))
    run.refused("cmd.py stderr_flood", "exited with status 3", "LAST STDERR LINE")
    assert len(run.err) < 70 * 1024
    assert run.peak_kb - quiet.peak_kb < 8 * 1024, (run.peak_kb, quiet.peak_kb)


def test_command_timeout_kills_the_whole_process_group(tmp_path):
    """Row 19: on a timeout the command's group is killed: the grandchild ``sleep 100`` it
    started is gone afterwards (it used to stay behind with ppid 1)."""
    run = snapshot(command(tmp_path, "grandchild_hang"))
    run.refused("cmd.py grandchild_hang", "killed after 2 s")
    assert run.seconds < 4.5, run.seconds
    assert gone(tmp_path / "grandchild.pid")


def test_command_that_exited_but_left_stdout_open_is_not_a_timeout(tmp_path):
    """Row 19: a command that printed its tools and exited 0, leaving a grandchild holding
    stdout, is read after a short grace (its group is then killed), not reported as a
    timeout after the full 5 s."""
    run = snapshot(command(tmp_path, "leave_stdout_open", timeout=5))
    assert run.code == 0, run.err
    assert run.seconds < 3, run.seconds
    assert gone(tmp_path / "grandchild.pid")
    tools = json.loads((tmp_path / "schemadrift.lock.json").read_text())["tools"]
    assert [tool["name"] for tool in tools] == ["t"]


def test_command_that_daemonised_a_child_is_read_after_the_grace(tmp_path):
    """Row 19: a child that left our process group (setsid) cannot be killed with it, but the
    run still uses what was printed after the grace instead of waiting for the timeout."""
    run = snapshot(command(tmp_path, "daemon", timeout=5))
    pid = int((tmp_path / "grandchild.pid").read_text())
    if alive(pid):
        os.kill(pid, 9)  # ours to clean up: it escaped schemadrift's group by design
    assert run.code == 0, run.err
    assert run.seconds < 3.5, run.seconds


def test_command_printing_without_end_is_stopped_with_bounded_memory(tmp_path):
    """Row 19: endless stdout ends at the 128 MiB bound (or the timeout) with a clean exit 2,
    and memory stays near the bound instead of growing with the output."""
    run = snapshot(command(tmp_path, "endless"))
    run.refused("cmd.py endless")
    assert "more than 128 MiB on stdout" in run.err or "killed after 2 s" in run.err, run.err
    assert run.seconds < 4.5, run.seconds
    assert run.peak_kb < 400 * 1024, run.peak_kb


def test_mcp_server_group_is_killed_after_a_listing(tmp_path):
    """Row 19 (mcp): the server runs in its own group and stop() kills it, so a process the
    server spawned does not outlive a successful listing."""
    run = snapshot(mcp(tmp_path, "grandchild"))
    assert run.code == 0, run.err
    assert gone(tmp_path / "grandchild.pid")


def test_mcp_server_group_is_killed_after_a_timeout(tmp_path):
    """Row 19 (mcp): a hanging server's grandchildren are killed with it at the timeout."""
    run = snapshot(mcp(tmp_path, "grandchild", "hang"))
    run.refused("did not answer initialize within 2 s")
    assert run.seconds < 4.5, run.seconds
    assert gone(tmp_path / "grandchild.pid")


# Row 14(d) -----------------------------------------------------------------------------------


def test_unterminated_quote_in_a_command_string(tmp_path):
    """Row 14(d): a command string with an unbalanced quote is exit 2 naming the source and
    saying the quoting is bad (it was shlex's ValueError: exit 3 with a traceback)."""
    run = snapshot(project(tmp_path, "command", "unterminated 'quote"))
    run.refused("command unterminated 'quote", "bad quoting", "No closing quotation")


@pytest.mark.parametrize("kind", ["command", "mcp"])
def test_unterminated_quote_through_the_source_api(tmp_path, kind):
    """Row 14(d): the configuration only accepts a list for ``mcp``, but both source modules
    take a string (``mcp.load`` is typed ``list[str] | str``), and both refuse bad quoting as
    an ``InputError`` naming the source, never a ``ValueError``."""
    with pytest.raises(InputError, match="bad quoting") as caught:
        load(kind, "unterminated 'quote", tmp_path, timeout=2)
    assert f"{kind} unterminated 'quote" in str(caught.value)


# What held up --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "needles"),
    [
        ("hang", ["did not answer initialize within 2 s", "set `timeout`"]),
        ("exit", ["exited before answering initialize (exit status 4)", "fatal: no API key"]),
        ("banner", ["not JSON-RPC", "Starting server on stdio..."]),
        ("long_line", ["longer than 64 MiB"]),
        ("notifications", ["did not answer initialize within 2 s"]),
        ("wrong_ids", ["did not answer initialize within 2 s"]),
        ("mid_line", ["srv.py mid_line"]),
        ("non_utf8", ["not JSON-RPC"]),
    ],
)
def test_mcp_failures_that_held_up(tmp_path, mode, needles):
    """What held up (MCP): hang, early exit, banner on stdout, a 70 MiB line, a notification
    flood, wrong ids, death mid-line and non-UTF-8 output are each a clean exit 2 in time."""
    run = snapshot(mcp(tmp_path, mode))
    run.refused(f"srv.py {mode}", *needles)
    assert run.seconds < 5, run.seconds


def test_mcp_stderr_flood_is_bounded(tmp_path):
    """What held up (MCP): 300 MB of stderr is read and dropped as it comes; the message
    carries its last line and memory stays bounded (the attack sent 1 GB; 300 MB keeps the
    test short, and a leak would still show as hundreds of MB)."""
    run = snapshot(mcp(tmp_path, "stderr_flood", "300", timeout=4))
    run.refused("exited before answering initialize (exit status 5)", "LAST STDERR LINE")
    assert run.peak_kb < 150 * 1024, run.peak_kb
    assert run.seconds < 5, run.seconds


def test_mcp_server_ignoring_sigterm_is_killed(tmp_path):
    """What held up (MCP): a server that ignores SIGTERM is killed after the timeout."""
    run = snapshot(mcp(tmp_path, "ignore_term"))
    run.refused("did not answer initialize within 2 s")
    assert run.seconds < 5, run.seconds
    assert gone(tmp_path / "server.pid")


@pytest.mark.parametrize("kind", ["command", "mcp"])
def test_program_not_found_or_a_directory(tmp_path, kind):
    """What held up: a program that does not exist, or a directory, is exit 2 naming it."""
    (tmp_path / "subdir").mkdir()
    run = snapshot(project(tmp_path, kind, ["no-such-program-schemadrift"]))
    run.refused("'no-such-program-schemadrift': not found")
    run = snapshot(project(tmp_path, kind, ["./subdir"]))
    run.refused("'./subdir': it is a directory")


def test_command_non_utf8_output(tmp_path):
    """What held up (command): bytes that are not UTF-8 are exit 2 saying so."""
    snapshot(command(tmp_path, "non_utf8")).refused("cmd.py non_utf8", "not UTF-8")


# Row 21, for MCP -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "needle"),
    [("nan", "NaN"), ("duplicate", "duplicate key 'type'"), ("huge", "1e400")],
)
def test_mcp_json_that_parsers_read_differently_is_refused(
    tmp_path: Path, case: str, needle: str
) -> None:
    """Row 21: an MCP server's messages are read as strictly as a file: NaN, a duplicate key
    or a number past float64 in a listed schema is exit 2 naming the server, not a value one
    parser keeps and another drops (plain ``json.loads`` took all three)."""
    run = snapshot(mcp(tmp_path, "lax_json", case))
    run.refused("srv.py lax_json", needle)
