"""The speed table of issue 17: schemadrift beside the fastest peers, each row against its goal.

Rows and goals (issue 17): ``lint`` of 200 distinct tools with every dialect ≤ 120 ms; of
1,000 ≤ 0.3 s and ≤ 3 × its floor (start-up, ``json.loads``, meta-schema validation with
jsonschema-rs and one walk of every node of the same file); of 10,000 in one process
(``--jobs 1``) ≤ 2 s and ≤ 250 MB peak RSS; ``diff`` of 10,000 tools against a changed copy
≤ 3 s; ``lint`` of one tool ≤ bare ``python -c pass`` + 60 ms. Every figure is cold
(``--no-cache``: nothing judged before is reused).

Everything runs as users get it: schemadrift from a wheel built from this checkout and
installed with ``constraints.txt`` into a throw-away venv, the peers from PyPI into another
(``peers.py``; ``--peers-venv DIR`` keeps theirs between runs; without PyPI their column says
"not measured"). All read the same catalog: ``toolgen.generate(n)``, distinct tools made from
real schemas, written as an MCP ``tools/list`` file; the changed copy is ``toolgen.mutate``.
Each figure is the median of ``--repeat`` runs after one warm-up, the commands of a row taking
turns so that a change of load on a shared machine hits them alike; RSS is the child's
``ru_maxrss``. After the table, for reference and without goals: ``check`` of 1,000 tools cold
and with the results cache, against its floor. Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import peers
import toolgen

FLOOR = r"""
import json, sys
import jsonschema_rs
for path in sys.argv[1:]:
    data = json.loads(open(path, encoding="utf-8").read())
    for tool in data["tools"]:
        jsonschema_rs.meta.is_valid(tool.get("inputSchema", tool.get("input_schema")))
    count = 0
    stack = [data]
    while stack:
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
"""
"""The floor of a command over the files it reads: start-up, then for each file
``json.loads``, meta-schema validation of every input schema (jsonschema-rs) and one walk of
every node."""

CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""The children's environment: bytecode caching on, as in an installed package (otherwise every
run would recompile every module and measure the compiler)."""
NO_CACHE = "--no-cache"
MB = 2**20


def schemadrift_argv() -> list[str]:
    """The schemadrift of the running environment (``scaling.py`` measures that one): its
    console script when there is one, else ``-m``."""
    script = Path(sys.executable).parent / "schemadrift"
    if script.exists():
        return [str(script)]
    found = shutil.which("schemadrift")
    return [found] if found else [sys.executable, "-m", "schemadrift"]


def timed(
    argv: list[str], cwd: Path, timeout: float | None = None
) -> tuple[float, int, int | None, str]:
    """``(seconds, peak RSS in bytes, exit status, stderr)`` of one run; the status is ``None``
    when the run was killed at ``timeout`` seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(  # noqa: S603 - our own interpreters and commands
        argv,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=CHILD_ENV,
    )
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        proc.kill()

    timer = threading.Timer(timeout, kill) if timeout is not None else None
    if timer is not None:
        timer.start()
    try:
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        if timer is not None:
            timer.cancel()
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    code = None if killed.is_set() else proc.returncode
    return elapsed, usage.ru_maxrss * 1024, code, err.decode(errors="replace")


def run_once(argv: list[str], cwd: Path) -> tuple[float, int, int]:
    """``(seconds, peak RSS in bytes, exit status)`` of one run; a failed run ends the
    benchmark (0 and 1 are a linter's verdicts, anything else a failure)."""
    elapsed, peak, code, err = timed(argv, cwd)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({code}):\n{err[-2000:]}")
    return elapsed, peak, code


@dataclass(frozen=True)
class Figure:
    """The median seconds and the largest peak RSS of one command's timed runs."""

    seconds: float
    peak: int


def measure(
    commands: dict[str, list[str]],
    cwd: Path,
    repeat: int,
    before: Callable[[], None] | None = None,
) -> dict[str, Figure]:
    """Each command's figure over ``repeat`` rounds after one warm-up round (it fills the page
    cache); within a round the commands take turns. ``before`` runs ahead of each run, untimed."""
    runs: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    for round_number in range(repeat + 1):
        for name, argv in commands.items():
            if before is not None:
                before()
            seconds, peak, _ = run_once(argv, cwd)
            if round_number:
                runs[name].append((seconds, peak))
    return {
        name: Figure(statistics.median(s for s, _ in done), max(p for _, p in done))
        for name, done in runs.items()
    }


def snapshot(directory: Path, argv: list[str] | None = None) -> Path:
    """Run ``schemadrift snapshot`` (``argv``, else the running environment's) in
    ``directory``; the path of the snapshot it wrote."""
    done = subprocess.run(  # noqa: S603 - our own command
        [*(argv or schemadrift_argv()), "snapshot"],
        cwd=directory,
        capture_output=True,
        check=False,
        env=CHILD_ENV,
    )
    if done.returncode != 0:
        raise SystemExit(f"snapshot failed: {done.stderr.decode()}")
    return directory / "schemadrift.lock.json"


def project(directory: Path, count: int, argv: list[str] | None = None) -> Path:
    """A project of ``count`` tools whose baseline is an older, changed version of them."""
    tools = toolgen.generate(count)
    toolgen.write_project(directory, toolgen.mutate(tools), dialects=toolgen.ALL_DIALECTS)
    snapshot(directory, argv)
    (directory / "tools" / "all.json").write_text(json.dumps({"tools": tools}, indent=2) + "\n")
    return directory


def one_tool_edited(tool_file: Path) -> Callable[[], None]:
    """Each call makes the first tool's description differ from the previous call's."""
    original = tool_file.read_text("utf-8")
    data = json.loads(original)
    data["tools"][0]["description"] = f"{data['tools'][0].get('description') or ''} (edited)"
    edited = json.dumps(data, indent=2) + "\n"
    texts = itertools.cycle([edited, original])

    def edit() -> None:
        tool_file.write_text(next(texts), "utf-8")

    return edit


@dataclass(frozen=True)
class Catalog:
    """``n`` distinct tools as an MCP ``tools/list`` file, and a changed copy (the old side of
    a diff)."""

    tools: Path
    old: Path
    schemas: int
    """How many of the tools' input schemas differ (the engine judges each distinct one once)."""


def catalog(directory: Path, count: int) -> Catalog:
    """Write the catalog of ``count`` tools into ``directory``."""
    tools = toolgen.generate(count)
    schemas = len({json.dumps(tool["inputSchema"], sort_keys=True) for tool in tools})
    out = Catalog(directory / f"tools-{count}.json", directory / f"tools-{count}-old.json", schemas)
    out.tools.write_text(json.dumps({"tools": tools}), "utf-8")
    out.old.write_text(json.dumps({"tools": toolgen.mutate(tools)}), "utf-8")
    return out


@dataclass(frozen=True)
class Row:
    """One row of the issue's table."""

    work: str
    ours: str
    peers: str
    goal: str
    ratio: float


def ms(seconds: float) -> str:
    """Seconds as the table prints them (bytes are printed as MB)."""
    return f"{seconds * 1000:,.0f} ms"


def speed_rows(
    venv: Path, peer: Path | None, cat: dict[int, Catalog], root: Path, repeat: int
) -> list[Row]:
    """The issue's table: each row measured with the peers that do the same work."""
    sd = [str(peers.bin_path(venv, "schemadrift"))]
    python = str(peers.bin_path(venv, "python"))
    lint = [*sd, "lint", NO_CACHE, *(arg for d in toolgen.ALL_DIALECTS for arg in ("--dialect", d))]
    rows = []

    def lint_peer(count: int) -> dict[str, list[str]]:
        return peers.lint(peer, cat[count].tools)

    def diff_peer(count: int) -> dict[str, list[str]]:
        return peers.diff(peer, cat[count].old, cat[count].tools)

    def lint_row(count: int, *extra: str, more: dict[str, list[str]]) -> dict[str, Figure]:
        return measure({"ours": [*lint, *extra, str(cat[count].tools)], **more}, root, repeat)

    def add(work: str, got: dict[str, Figure], goal: float, rss: bool = False) -> None:
        """A row of ``got["ours"]`` against ``goal`` (seconds, or bytes when ``rss``)."""
        value: Callable[[Figure], float] = (lambda f: f.peak) if rss else (lambda f: f.seconds)
        shown = (lambda peak: f"{peak / MB:,.0f} MB") if rss else ms
        others = [f"{name} {shown(value(f))}" for name, f in got.items() if name in peers.NAMES]
        cell = " · ".join(others) if peer else "not measured"
        ours = value(got["ours"])
        rows.append(Row(work, shown(ours), cell, f"≤ {shown(goal)}", ours / goal))

    got = lint_row(200, more={**lint_peer(200), **diff_peer(200)})
    add("lint 200 distinct tools, all dialects, cold, wheel install", got, 0.120)
    floor_argv = [python, "-c", FLOOR, str(cat[1_000].tools)]
    got = lint_row(1_000, more={"floor": floor_argv, **lint_peer(1_000)})
    add("lint 1,000 distinct tools, all dialects, cold", got, 0.300)
    floor = got["floor"].seconds
    add(f"  the same against 3 × its floor ({ms(floor)})", {"ours": got["ours"]}, 3 * floor)
    got = lint_row(10_000, "--jobs", "1", more=lint_peer(10_000))
    add("lint 10,000 distinct tools, cold, `--jobs 1`", got, 2.0)
    add("  the same, peak RSS", got, 250 * MB, rss=True)
    diff = [*sd, "diff", NO_CACHE, str(cat[10_000].old), str(cat[10_000].tools)]
    got = measure({"ours": diff, **diff_peer(10_000)}, root, repeat)
    add("diff 10,000 tools vs a changed copy, cold", got, 3.0)
    bare = measure({"bare": [python, "-c", "pass"]}, root, 2 * repeat)["bare"].seconds
    got = lint_row(1, more={**lint_peer(1), **diff_peer(1)})
    add(f"one tool, `lint`, all dialects (bare `python -c pass`: {ms(bare)})", got, bare + 0.060)
    return rows


def check_rows(venv: Path, root: Path, repeat: int) -> list[tuple[str, str, str]]:
    """``check`` of 1,000 tools (every dialect, a diff against a changed baseline), cold and
    as pre-commit meets it: one tool edited since the last run, the rest read from the results
    cache; both against the floor of the two files ``check`` reads."""
    sd = [str(peers.bin_path(venv, "schemadrift"))]
    directory = project(root / "check-1000", 1_000, sd)
    inputs = [str(directory / "tools" / "all.json"), str(directory / "schemadrift.lock.json")]
    check = [*sd, "check", "--fail-on", "never"]
    floor_argv = [str(peers.bin_path(venv, "python")), "-c", FLOOR, *inputs]
    got = measure({"cold": [*check, NO_CACHE], "floor": floor_argv}, directory, repeat)
    edit = one_tool_edited(directory / "tools" / "all.json")
    warm = measure({"warm": check}, directory, repeat, before=edit)["warm"].seconds
    cold, floor = got["cold"].seconds, got["floor"].seconds
    return [
        ("floor of `check` 1,000 (tool file and baseline)", ms(floor), ""),
        ("`check` 1,000 tools, all dialects + diff, cold", ms(cold), f"{cold / floor:.1f} ×"),
        ("  one tool edited since the last run (cache)", ms(warm), f"{warm / floor:.1f} ×"),
    ]


def print_table(header: tuple[str, ...], lines: Sequence[tuple[str, ...]]) -> None:
    """A Markdown table, its columns padded to their widest cell."""
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]
    for index, cells in enumerate([header, *lines]):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |")
        if index == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def rule_counts(venv: Path, root: Path) -> tuple[int, int]:
    """How many lint rules and change kinds the installed catalogue holds."""
    listed = subprocess.run(  # noqa: S603 - the wheel's own command
        [str(peers.bin_path(venv, "schemadrift")), "rules", "--format", "json"],
        cwd=root,
        capture_output=True,
        check=True,
        env=CHILD_ENV,
    )
    scopes = [entry["scope"] for entry in json.loads(listed.stdout)]
    return len(scopes) - scopes.count("pair"), scopes.count("pair")


def progress(message: str) -> None:
    """One line on stderr, so that a run of minutes shows where it is."""
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median)")
    parser.add_argument(
        "--peers-venv",
        type=Path,
        metavar="DIR",
        help="the peers' venv, kept between runs (built there when missing)",
    )
    args = parser.parse_args()
    started, load = datetime.now(UTC), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="schemadrift-bench-") as tmp:
        root = Path(tmp)
        # The cache rows write their results here, never to the user's ~/.cache.
        CHILD_ENV["SCHEMADRIFT_CACHE_DIR"] = str(root / "cache")
        progress("building and installing the wheel")
        venv, wheel = peers.wheel_venv(root)
        progress("installing the peers")
        peer = peers.peers_venv(args.peers_venv, root)
        progress("measuring the issue's rows")
        (root / "catalogs").mkdir()
        cat = {count: catalog(root / "catalogs", count) for count in (1, 200, 1_000, 10_000)}
        rows = speed_rows(venv, peer if isinstance(peer, Path) else None, cat, root, args.repeat)
        progress("measuring `check`")
        reference = check_rows(venv, root, args.repeat)
        rules, kinds = rule_counts(venv, root)

    header = ("work", "schemadrift", "fastest peers, same catalog", "goal", "at goal (÷ goal)")
    print_table(
        header,
        [
            (
                r.work,
                r.ours,
                r.peers,
                r.goal,
                f"{'yes' if r.ratio <= 1 else 'NO'} ({r.ratio:.2f} ×)",
            )
            for r in rows
        ],
    )
    print()
    print_table(("for reference, without a goal", "schemadrift", "× floor"), reference)
    notes = [
        f"catalogs: toolgen.generate(n), n distinct tools made from {len(toolgen.seeds())} real"
        " schemas, in one MCP `tools/list` file that every command reads; the changed copy"
        " (toolgen.mutate) has a new required property or a new description on every 10th tool."
        " Distinct input schemas: "
        + ", ".join(f"{c.schemas:,} of {n:,}" for n, c in cat.items() if n > 1)
        + ".",
        f"schemadrift: {wheel}, `lint --no-cache` with --dialect for each of the"
        f" {len(toolgen.ALL_DIALECTS)} dialects ({rules} lint rules in the catalogue), `diff"
        f" --no-cache` with the dialect the MCP shape implies ({kinds} change kinds).",
        *peers.JUDGES,
    ]
    if not isinstance(peer, Path):
        notes.append(f"peers not measured: {peer.splitlines()[-1]}")
    for note in notes:
        print(f"\n- {note}", end="")
    cpus = len(os.sched_getaffinity(0))
    print(
        f"\n\nmachine: {cpus} of {os.cpu_count()} CPUs, Python {platform.python_version()},"
        f" {platform.platform()}, load average {load[0]:.1f} at the start and"
        f" {os.getloadavg()[0]:.1f} at the end; {started:%Y-%m-%d %H:%M} UTC, schemadrift at"
        f" {peers.revision()}, repeat {args.repeat}"
    )
    return 0 if all(r.ratio <= 1 for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
