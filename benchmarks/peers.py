"""The throw-away virtual environments ``run.py`` measures from, and the peers it measures.

Every command of the speed table runs from a venv of its own, never from the environment that
runs the benchmark: schemadrift from a wheel built from this checkout (what users install), and
the fastest peers of issue 17 from PyPI, pinned, so that they never become dependencies of
schemadrift. When a venv cannot be built (PyPI unreachable), the reason is returned instead and
the table says "not measured" in the peers' column.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PEERS = ("mcp-strict-check==0.1.0", "toolpact==0.1.0")
"""The peers of the issue's table, at the versions its figures were measured with."""
NAMES = ("mcp-strict-check", "toolpact diff")
"""The peers' commands as the table names them."""

JUDGES = (
    "mcp-strict-check 0.1.0 lints a tools/list file (`mcp-strict-check --tools FILE`, every axis):"
    " MCP specification conformance, OpenAI strict mode, and Anthropic's baseline, strict subset"
    " and complexity limits, with 37 verdict codes; no Gemini, Bedrock or Mistral, no diff.",
    "toolpact 0.1.0 is a lockfile of function signatures: its diff engine"
    " (`toolpact.diff.compute_diff`, what `toolpact diff` runs on each changed lockfile entry)"
    " compares the top-level parameters of two versions of a tool (added or removed, required,"
    " enum, anything else under a property as one `type_changed`); no nested schema, no lint."
    " It is run over every pair of the two catalogs, matched by name, in one process.",
)
"""What each peer judges, for the notes under the table."""

TOOLPACT_DIFF = r"""
import json, sys
from toolpact.diff import compute_diff

def functions(path):
    with open(path, encoding="utf-8") as handle:
        tools = json.load(handle)["tools"]
    return {
        tool["name"]: {
            "name": tool["name"],
            "description": tool.get("description") or "",
            "parameters": tool.get("inputSchema") or {},
        }
        for tool in tools
    }

old, new = functions(sys.argv[1]), functions(sys.argv[2])
breaking = False
for name, schema in new.items():
    if name in old:
        diff = compute_diff(old[name], schema)
        if diff.changes:
            print(name)
            print(diff.pretty())
        breaking = breaking or diff.is_breaking
sys.exit(1 if breaking else 0)
"""
"""toolpact's diff engine over two MCP ``tools/list`` files, as its CLI reports one function."""

PIP_TIMEOUT = 600
"""Seconds one ``pip install`` may take before the venv counts as not built."""


def bin_path(venv: Path, name: str) -> Path:
    """A script or the interpreter installed in ``venv``."""
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


def make_venv(venv: Path, requirements: list[str], pip_options: tuple[str, ...] = ()) -> str:
    """Create ``venv`` and install ``requirements`` into it; an empty string on success, else
    the reason (the tail of pip's output)."""
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [
            str(bin_path(venv, "python")),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *pip_options,
            *requirements,
        ],
    ]
    for argv in steps:
        try:
            done = subprocess.run(  # noqa: S603 - our interpreter, pinned requirements
                argv, capture_output=True, text=True, timeout=PIP_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            return f"{argv[2]} {argv[3]} took more than {PIP_TIMEOUT} s"
        if done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if "is ignored" not in line]
            return "\n".join(lines[-5:]) or f"exit status {done.returncode}"
    return ""


def peers_venv(cache: Path | None, tmp: Path) -> Path | str:
    """The venv holding the pinned peers (reused from ``cache`` when it already holds them),
    or why it could not be built."""
    venv = cache if cache is not None else tmp / "peers"
    stamp = venv / "schemadrift-bench-peers.txt"
    wanted = "\n".join(PEERS) + "\n"
    if stamp.is_file() and stamp.read_text("utf-8") == wanted:
        return venv
    # Fail fast when PyPI is unreachable: one retry, a short socket timeout.
    reason = make_venv(venv, list(PEERS), ("--retries", "1", "--timeout", "20"))
    if reason:
        return reason
    stamp.write_text(wanted, "utf-8")
    return venv


def lint(venv: Path | None, catalog: Path) -> dict[str, list[str]]:
    """mcp-strict-check on a ``tools/list`` file, every axis (its default), by its table name;
    nothing without the peers' ``venv``."""
    argv = [str(bin_path(venv, "mcp-strict-check")), "--tools", str(catalog)] if venv else []
    return {NAMES[0]: argv} if argv else {}


def diff(venv: Path | None, old: Path, new: Path) -> dict[str, list[str]]:
    """toolpact's diff engine on two ``tools/list`` files, by its table name; nothing without
    the peers' ``venv``."""
    argv = [str(bin_path(venv, "python")), "-c", TOOLPACT_DIFF, str(old), str(new)] if venv else []
    return {NAMES[1]: argv} if argv else {}


def wheel_venv(root: Path) -> tuple[Path, str]:
    """A venv holding schemadrift from a wheel of this checkout, installed with
    ``constraints.txt``, and the wheel's file name. The wheel is built from a copy of the
    checkout's files (tracked, or new and not ignored): built in place, setuptools would reuse
    a stale ``build/`` folder, which keeps modules deleted since."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],  # noqa: S607
        cwd=REPO,
        capture_output=True,
        check=True,
    )
    source = root / "source"
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    dist = root / "dist"
    built = subprocess.run(  # noqa: S603 - our interpreter's pip on our sources
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), source],
        capture_output=True,
        text=True,
        check=False,
    )
    wheels = sorted(dist.glob("*.whl"))
    if built.returncode != 0 or not wheels:
        raise SystemExit(f"building the wheel failed:\n{built.stderr[-2000:]}")
    venv = root / "schemadrift-wheel"
    reason = make_venv(venv, [str(wheels[0])], ("-c", str(REPO / "constraints.txt")))
    if reason:
        raise SystemExit(f"installing {wheels[0].name} failed:\n{reason}")
    return venv, wheels[0].name


def revision() -> str:
    """This checkout's commit, and whether files differ from it."""
    git = ["git", "-C", str(REPO)]
    head = subprocess.run(  # noqa: S603 - git on our checkout
        [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    dirty = subprocess.run(  # noqa: S603 - git on our checkout
        [*git, "status", "--porcelain"], capture_output=True, text=True, check=False
    )
    return head.stdout.strip() + (" with uncommitted changes" if dirty.stdout.strip() else "")
