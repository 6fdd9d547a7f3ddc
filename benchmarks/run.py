"""Speed and memory of schemadrift on this machine, each figure next to its target.

Targets are ratios to figures measured in the same run (bare interpreter start-up varies from
machine to machine): ``--version`` ≤ bare ``python -c pass`` + 50 ms; lint of 50 tools with every
dialect ≤ bare + 150 ms; lint of 1,000 tools with every dialect ≤ 0.5 s (issue 4); ``diff`` of
two 1,000-tool snapshots with every dialect ≤ 1 s (issue 5); ``check`` of 1,000 tools × every
dialect with a diff against a baseline ≤ 1 s; the same at 10,000 tools ≤ 11 × the 1,000 figure
and ≤ 300 MB peak RSS; and ``check`` ≤ 3 × the floor, the floor being start-up +
``json.loads`` + meta-schema validation (jsonschema-rs) + one walk of every node of the same
files (``check`` reads two: the tool file and the baseline snapshot).

Commands run as users run them, with as many worker processes as the machine offers
(``--jobs`` default); the one-process figures of the large runs are printed beside them, for
reference. Every figure with a target is a cold one (``--no-cache``: nothing judged before is
reused). The results cache (``schemadrift/cache.py``) has its own rows, measured as pre-commit
meets it: each run follows one in which the same project had one tool different (an edit of
its description, undone and redone in turn), so each run judges that tool and its pair again
and reads the rest from the cache.

Tool sets are generated from real schemas (``toolgen.py``: fixtures and ../shared) with names
and some values varied. Every figure is the median of ``--repeat`` cold runs, each a fresh
process; RSS is the child's ``ru_maxrss``. The children run with bytecode caching on (an
inherited ``PYTHONDONTWRITEBYTECODE`` is dropped), as an installed package does: otherwise
every run would recompile every module and measure the compiler. Usage:
``python benchmarks/run.py [--repeat N]``. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

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
"""The floor of ``check``: start-up, then for each file ``check`` reads (the tool file and
the baseline snapshot) ``json.loads``, meta-schema validation of every input schema
(jsonschema-rs) and one walk of every node."""


def schemadrift_argv() -> list[str]:
    """The installed console script when there is one (what users run), else ``-m``."""
    script = Path(sys.executable).parent / "schemadrift"
    if script.exists():
        return [str(script)]
    found = shutil.which("schemadrift")
    return [found] if found else [sys.executable, "-m", "schemadrift"]


CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
NO_CACHE = "--no-cache"
REF = "(reference)"


def timed(
    argv: list[str], cwd: Path, timeout: float | None = None
) -> tuple[float, int, int | None, str]:
    """``(seconds, peak RSS in bytes, exit status, stderr)`` of one run; the status is ``None``
    when the run was killed at ``timeout`` seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and command
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
    """``(seconds, peak RSS in bytes, exit status)`` of one cold run; a failed run ends the
    benchmark."""
    elapsed, peak, code, err = timed(argv, cwd)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({code}):\n{err[-2000:]}")
    return elapsed, peak, code


def measure(
    argv: list[str], cwd: Path, repeat: int, before: Callable[[], None] | None = None
) -> tuple[float, int]:
    """Median seconds and the largest peak RSS over ``repeat`` runs (after one warm-up);
    ``before`` runs ahead of each of them, untimed."""
    if before is not None:
        before()
    run_once(argv, cwd)  # fills the OS page cache and writes .pyc files
    times, peaks = [], []
    for _ in range(repeat):
        if before is not None:
            before()
        seconds, peak, _ = run_once(argv, cwd)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def project(directory: Path, count: int) -> Path:
    """A project of ``count`` tools whose baseline is an older, changed version of them."""
    tools = toolgen.generate(count)
    toolgen.write_project(directory, toolgen.mutate(tools), dialects=toolgen.ALL_DIALECTS)
    snapshot(directory)
    (directory / "tools" / "all.json").write_text(json.dumps({"tools": tools}, indent=2) + "\n")
    return directory


def one_tool_edited(tool_file: Path) -> Callable[[], None]:
    """Each call makes the first tool's description differ from the previous call's."""
    original = tool_file.read_text("utf-8")
    data = json.loads(original)
    data["tools"][0]["description"] = f"{data['tools'][0].get('description') or ''} (edited)"
    edited = json.dumps(data, indent=2) + "\n"
    texts = itertools.cycle([edited, original])
    return lambda: tool_file.write_text(next(texts), "utf-8")


def snapshot(directory: Path) -> Path:
    """Run ``schemadrift snapshot`` in ``directory``; the path of the snapshot it wrote."""
    done = subprocess.run(  # noqa: S603 - our own command
        [*schemadrift_argv(), "snapshot"],
        cwd=directory,
        capture_output=True,
        check=False,
        env=CHILD_ENV,
    )
    if done.returncode != 0:
        raise SystemExit(f"snapshot failed: {done.stderr.decode()}")
    return directory / "schemadrift.lock.json"


def snapshots(directory: Path, count: int) -> tuple[Path, Path]:
    """Two snapshots of ``count`` tools, the older one changed as in ``project``."""
    tools = toolgen.generate(count)
    old = snapshot(toolgen.write_project(directory / "old", toolgen.mutate(tools), dialects=()))
    new = snapshot(toolgen.write_project(directory / "new", tools, dialects=()))
    return old, new


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5, help="cold runs per figure (median)")
    args = parser.parse_args()
    sd = schemadrift_argv()
    dialect_args = [arg for d in toolgen.ALL_DIALECTS for arg in ("--dialect", d)]
    rows: list[tuple[str, str, str, str, bool]] = []

    def row(label: str, value: float, target: float, unit: str = "s") -> None:
        ratio = value / target if target else float("inf")
        shown = f"{value * 1000:.0f} ms" if unit == "s" else f"{value / 2**20:.0f} MB"
        goal = f"{target * 1000:.0f} ms" if unit == "s" else f"{target / 2**20:.0f} MB"
        rows.append((label, shown, f"≤ {goal}", f"{ratio:.2f}", value <= target))

    def note(label: str, value: float, goal: str = "") -> None:
        """A figure printed for reference, without a target."""
        rows.append((label, f"{value * 1000:.0f} ms", goal, "", True))

    with tempfile.TemporaryDirectory(prefix="schemadrift-bench-") as tmp:
        root = Path(tmp)
        # The cache rows write their results here, never to the user's ~/.cache.
        CHILD_ENV["SCHEMADRIFT_CACHE_DIR"] = str(root / "cache")
        bare, _ = measure([sys.executable, "-c", "pass"], root, args.repeat * 2)
        version, _ = measure([*sd, "--version"], root, args.repeat * 2)
        note("bare `python -c pass`", bare, REF)
        row("`schemadrift --version`", version, bare + 0.050)

        lint = [*sd, "lint", NO_CACHE, *dialect_args]
        lint_dir = root / "lint50"
        lint_dir.mkdir()
        (lint_dir / "tools.json").write_text(json.dumps({"tools": toolgen.generate(50)}))
        lint50, _ = measure([*lint, "tools.json"], lint_dir, args.repeat)
        row("`lint` 50 tools × all dialects", lint50, bare + 0.150)

        (lint_dir / "tools1000.json").write_text(json.dumps({"tools": toolgen.generate(1_000)}))
        lint1000, _ = measure([*lint, "tools1000.json"], lint_dir, args.repeat)
        row("`lint` 1,000 tools × all dialects (issue 4)", lint1000, 0.5)
        serial, _ = measure([*lint, "--jobs", "1", "tools1000.json"], lint_dir, args.repeat)
        note("  the same in one process (`--jobs 1`)", serial)

        old, new = snapshots(root / "diff1000", 1_000)
        diff1000, _ = measure(
            [*sd, "diff", NO_CACHE, *dialect_args, "--fail-on", "never", str(old), str(new)],
            root,
            args.repeat,
        )
        row("`diff` 1,000 → 1,000 snapshots × all dialects (issue 5)", diff1000, 1.0)

        check = [*sd, "check", "--fail-on", "never"]
        figures = {}
        for count in (1_000, 10_000):
            directory = project(root / f"p{count}", count)
            repeat = args.repeat if count == 1_000 else max(1, args.repeat // 2)
            cold, peak = measure([*check, NO_CACHE], directory, repeat)
            one_process, _ = measure([*check, NO_CACHE, "--jobs", "1"], directory, repeat)
            edit = one_tool_edited(directory / "tools" / "all.json")
            warm, warm_peak = measure(check, directory, repeat, before=edit)
            inputs = [directory / "tools" / "all.json", directory / "schemadrift.lock.json"]
            floor, _ = measure([sys.executable, "-c", FLOOR, *map(str, inputs)], directory, repeat)
            figures[count] = (cold, peak, one_process, warm, warm_peak, floor)
        one, one_peak, one_serial, one_warm, _, one_floor = figures[1_000]
        ten, ten_peak, ten_serial, ten_warm, ten_warm_peak, ten_floor = figures[10_000]
        row("`check` 1,000 tools × all dialects + diff", one, 1.0)
        note("  the same in one process (`--jobs 1`)", one_serial)
        row("`check` 10,000 tools (time)", ten, 11 * one)
        note("  the same in one process (`--jobs 1`)", ten_serial)
        row("`check` 10,000 tools (peak RSS)", ten_peak, 300 * 2**20, unit="B")
        note("floor 1,000 (start-up + loads, meta, walk of tools and baseline)", one_floor, REF)
        row("`check` 1,000 vs floor", one, 3 * one_floor)
        note("floor 10,000", ten_floor, REF)
        row("`check` 10,000 vs floor", ten, 3 * ten_floor)
        rows.append(("`check` 1,000 tools (peak RSS)", f"{one_peak / 2**20:.0f} MB", "", "", True))
        rows.append(("results cache: one tool edited since the last run", "", "", "", True))
        row("  `check` 1,000 vs floor", one_warm, 3 * one_floor)
        row("  `check` 10,000 vs floor", ten_warm, 3 * ten_floor)
        row("  `check` 10,000 tools (peak RSS)", ten_warm_peak, 300 * 2**20, unit="B")

    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    header = ("figure", "measured", "target", "ratio")
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " | ok")
    print("-|-".join("-" * w for w in widths) + "-|---")
    for label, shown, goal, ratio, ok in rows:
        cells = (label, shown, goal, ratio)
        mark = "yes" if ok else "NO"
        print(" | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + f" | {mark}")
    print(
        f"\nmachine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, repeat {args.repeat}"
    )
    return 0 if all(r[4] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
