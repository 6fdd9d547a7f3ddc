"""``schemadrift upgrade-check PKG==VERSION``: what ``check`` will say after a dependency bump.

The bump is tried in a throw-away virtual environment layered over the current one: the new
environment has no packages of its own except what the installer puts there for the bump, and
a ``.pth`` file puts the current environment's site-packages after its own, so every other
package (schemadrift, the user's framework, their dependencies) is the one installed now. The
current environment is never touched: pip refuses to uninstall distributions outside the
environment it runs in, and installs the bump into the new one, where it shadows the old
version. Console scripts of the current environment get a twin in the new one that runs its
interpreter, so an ``mcp``/``command`` source started by name sees the bump too.

schemadrift then runs inside the new environment (``python -m schemadrift.upgrade``) and
extracts the tools exactly as ``check`` would there; the extraction comes back here and goes
through ``pipeline.check_extraction``, the very function ``check`` runs after extracting: the
same baseline, lint, rules, policy, acks and report. So upgrade-check exits with the code
``check`` will exit with once the bump is installed, and its JSON report is the one ``check``
will print (a test compares them byte for byte). Findings name the package bumps between the
baseline and the upgraded environment, as ``check``'s do; what upgrade-check adds is the note
naming the bump and every distribution the installer moved with it. Without a baseline file it
compares with the tools extracted here instead (what ``schemadrift snapshot`` would write now).

The installer is the current environment's pip, else ``uv pip`` when uv is on PATH (a ``uv
venv`` has no pip); neither is an error that says how to get one. Nothing here reaches the
network except the installer, with the index options the user gives.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemadrift.errors import InputError, UsageError
from schemadrift.model import Bump, Snapshot, Tool

ENV_PREFIX = "schemadrift-upgrade-"
PTH_NAME = "_schemadrift_parent_env.pth"
TIMEOUT = 600.0
EXTRACTION_FORMAT = 2
"""Version of what ``python -m schemadrift.upgrade`` writes; the parent refuses another one
(a bump that replaced schemadrift itself in the new environment)."""
NO_INSTALLER = (
    "neither pip nor uv is available to install the bump: this environment has no pip (a "
    "`uv venv` has none unless made with --seed) and `uv` is not on PATH. Install either: "
    "`python -m ensurepip` or `uv pip install pip` puts pip into this environment, or install "
    "uv (https://docs.astral.sh/uv/) and put it on PATH"
)


@dataclass(frozen=True, slots=True)
class PipOptions:
    """Index options passed through to the installer (pip or ``uv pip``) unchanged."""

    index_url: str | None = None
    find_links: tuple[str, ...] = ()
    no_index: bool = False

    def args(self) -> list[str]:
        out: list[str] = []
        if self.index_url:
            out += ["--index-url", self.index_url]
        for link in self.find_links:
            out += ["--find-links", link]
        if self.no_index:
            out.append("--no-index")
        return out


@dataclass(frozen=True, slots=True)
class Installer:
    """How the bump gets installed into the new environment.

    ``pip`` is the current environment's own pip, which the new environment sees through its
    ``.pth``; like ``pip install`` in place it keeps every installed requirement that is still
    satisfied. ``uv`` is ``uv pip install --python NEW``, for environments made by ``uv venv``
    (no pip): uv does not see the current environment's packages from the new one, so they are
    given to it as constraints first (what uv in place would keep), and only a bump that needs
    other versions of them is resolved freely.
    """

    kind: str  # "pip" or "uv"
    uv: str | None = None

    @property
    def label(self) -> str:
        return "pip install" if self.kind == "pip" else "uv pip install"


def find_installer(*, has_pip: bool | None = None, uv: str | None = None) -> Installer:
    """pip when this environment has it, else uv on PATH, else an ``InputError`` saying how
    to get either. ``has_pip`` and ``uv`` override what is found here (for tests)."""
    if has_pip is None:
        import importlib.util

        has_pip = importlib.util.find_spec("pip") is not None
    if has_pip:
        return Installer("pip")
    found = uv if uv is not None else shutil.which("uv")
    if found:
        return Installer("uv", uv=found)
    raise InputError("upgrade-check", NO_INSTALLER)


def parse_bump(text: str) -> tuple[str, str]:
    """``PKG==VERSION`` → (name, version); anything else is a usage error."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    try:
        requirement = Requirement(text)
    except InvalidRequirement as error:
        raise UsageError(f"{text!r} is not a requirement; expected PKG==VERSION") from error
    pins = [spec for spec in requirement.specifier if spec.operator in ("==", "===")]
    if len(pins) != 1 or len(requirement.specifier) != 1 or "*" in pins[0].version:
        raise UsageError(f"{text!r}: pin exactly one version, e.g. {requirement.name}==1.2.3")
    return canonicalize_name(requirement.name), pins[0].version


def distributions() -> dict[str, str]:
    """Every distribution importable here, name → version; the first on ``sys.path`` wins."""
    from importlib import metadata

    from packaging.utils import canonicalize_name

    found: dict[str, str] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found.setdefault(canonicalize_name(name), dist.version)
    return dict(sorted(found.items()))


def parent_site_dirs() -> list[str]:
    """The current environment's package folders, in ``sys.path`` order."""
    dirs: list[str] = []
    for entry in sys.path:
        if (
            entry
            and os.path.isdir(entry)
            and Path(entry).name in ("site-packages", "dist-packages")
        ):
            resolved = str(Path(entry).resolve())
            if resolved not in dirs:
                dirs.append(resolved)
    return dirs


def make_env(path: Path, parents: Sequence[str]) -> Path:
    """A virtual environment at ``path`` whose packages fall back to ``parents``; its python."""
    import venv

    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt", clear=True).create(path)
    python = path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    done = subprocess.run(  # noqa: S603 - the interpreter we just created, no shell
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    site_dir = Path(done.stdout.strip())
    # ``site.addsitedir`` (not a bare path line) so the parents' own .pth files run too:
    # editable installs, like schemadrift's in a development checkout, live in them.
    line = "import site; " + "; ".join(f"site.addsitedir({p!r})" for p in parents)
    (site_dir / PTH_NAME).write_text(line + "\n", encoding="utf-8")
    return python


def link_scripts(python: Path, parent_python: str | None = None) -> list[str]:
    """Give the new environment a twin of each console script of the current one.

    A script an installer wrote names its interpreter in its first lines, so ``mcp-server-git``
    started from the new environment's PATH would run the current interpreter and never see
    the bump (``check`` after a real upgrade would). The twin is the same file with the new
    interpreter named instead. Scripts the bump installed into the new environment are kept.
    Returns the names written, sorted.
    """
    parent = os.fsencode(parent_python or sys.executable)
    bin_dir = python.parent
    try:
        entries = sorted(Path(os.fsdecode(parent)).parent.iterdir())
    except OSError:
        return []
    written: list[str] = []
    for script in entries:
        target = bin_dir / script.name
        if (
            script.name.startswith(("python", "activate", "Activate"))
            or target.exists()
            or not script.is_file()
        ):
            continue
        try:
            data = script.read_bytes()
        except OSError:
            continue
        # ``#!/env/bin/python``, or for a long path ``#!/bin/sh`` then an ``exec`` line
        head_end = _nth_newline(data, 3)
        head = data[:head_end]
        if not data.startswith(b"#!") or parent not in head:
            continue
        target.write_bytes(head.replace(parent, os.fsencode(str(python))) + data[head_end:])
        target.chmod(0o755)
        written.append(script.name)
    return written


def _nth_newline(data: bytes, count: int) -> int:
    """The offset just past the ``count``-th line of ``data`` (or its end)."""
    offset = 0
    for _ in range(count):
        found = data.find(b"\n", offset)
        if found < 0:
            return len(data)
        offset = found + 1
    return offset


def _env_vars(env_dir: Path) -> dict[str, str]:
    """The environment a process sees inside the venv: its bin first on PATH, as `activate` does."""
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONHOME", "__PYVENV_LAUNCHER__")}
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    base["PATH"] = f"{bin_dir}{os.pathsep}{base.get('PATH', '')}"
    base["VIRTUAL_ENV"] = str(env_dir)
    base.pop("PYTHONPATH", None)
    return base


def _run_in(
    env_dir: Path, argv: list[str], label: str, timed_out: str
) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` inside the venv at ``env_dir`` (output captured, at most ``TIMEOUT``); a
    timeout or a program that cannot start is an input error labelled ``label``."""
    try:
        return subprocess.run(  # noqa: S603 - the installer or schemadrift in our venv, no shell
            argv,
            capture_output=True,
            text=True,
            env=_env_vars(env_dir),
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise InputError(label, f"{timed_out} after {TIMEOUT:g} s") from error
    except OSError as error:
        raise InputError(label, f"cannot run {argv[0]!r}: {error.strerror or error}") from error


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def install(
    python: Path,
    env_dir: Path,
    name: str,
    version: str,
    pip: PipOptions,
    installer: Installer | None = None,
) -> None:
    """Install ``name==version`` into the venv at ``env_dir`` (default installer: pip)."""
    chosen = installer or Installer("pip")
    wanted = f"{name}=={version}"
    label = f"{chosen.label} {wanted}"
    if chosen.kind == "pip":
        argv = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input"]
        done = _run_in(env_dir, [*argv, *pip.args(), wanted], label, "timed out")
    else:
        assert chosen.uv is not None
        argv = [chosen.uv, "pip", "install", "--python", str(python), *pip.args()]
        pins = env_dir.parent / "installed-here.txt"
        pins.write_text(_pins(distributions(), name), encoding="utf-8")
        done = _run_in(env_dir, [*argv, "--constraint", str(pins), wanted], label, "timed out")
        if done.returncode != 0 and "No solution found" in (done.stderr or ""):
            # The bump needs other versions of packages installed here: uv chooses them.
            done = _run_in(env_dir, [*argv, wanted], label, "timed out")
    if done.returncode != 0:
        raise InputError(
            label,
            f"failed with status {done.returncode}; its output ends with:\n"
            f"{_tail(done.stderr or done.stdout)}",
        )


def _pins(installed: Mapping[str, str], bumped: str) -> str:
    """Constraints that hold every distribution installed here (but the bumped one) at its
    version, so uv keeps what an install in place would keep."""
    from packaging.version import InvalidVersion, Version

    lines = []
    for dist, version in installed.items():
        if dist == bumped:
            continue
        try:
            Version(version)
        except InvalidVersion:
            continue
        lines.append(f"{dist}=={version}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class Upgraded:
    """What the new environment sent back: the extraction ``check`` would make there."""

    tools: tuple[Tool, ...]
    packages: dict[str, str]
    source_dialects: dict[int, tuple[str, ...]]
    distributions: dict[str, str]


def extract_in(python: Path, env_dir: Path, config_path: Path | None, work: Path) -> Upgraded:
    """Run schemadrift inside the new environment; its extraction and its distributions."""
    from schemadrift import snapshot

    out = work / "extracted.json"
    argv = [str(python), "-m", "schemadrift.upgrade", "--output", str(out)]
    if config_path is not None:
        argv += ["--config", str(config_path)]
    done = _run_in(env_dir, argv, "upgrade-check", "extraction timed out")
    if done.returncode != 0:
        raise InputError(
            "upgrade-check",
            f"extracting the tools in the upgraded environment failed (status {done.returncode}):\n"
            f"{_tail(done.stderr)}",
        )
    label = "upgrade-check (the upgraded environment's extraction)"
    data = json.loads(out.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("extraction_format") != EXTRACTION_FORMAT:
        raise InputError(
            label,
            "the upgraded environment runs another version of schemadrift, whose extraction "
            "this one cannot read (upgrade-check cannot try a bump of schemadrift itself)",
        )
    # Validated the way a snapshot is, and kept in extraction order (a snapshot is sorted).
    extracted = snapshot.from_json(
        {"format_version": 1, "tools": data["tools"], "packages": data["packages"]}, label
    )
    return Upgraded(
        tools=extracted.tools,
        packages=dict(extracted.packages),
        source_dialects={int(k): tuple(v) for k, v in data["source_dialects"].items()},
        distributions=dict(data["distributions"]),
    )


def bumps(before: Mapping[str, str], after: Mapping[str, str], name: str) -> tuple[Bump, ...]:
    """Every distribution whose version differs, the requested one first."""
    changed = [
        Bump(dist, before.get(dist), after.get(dist))
        for dist in sorted(set(before) | set(after))
        if before.get(dist) != after.get(dist)
    ]
    return tuple(sorted(changed, key=lambda bump: (bump.package != name, bump.package)))


def baseline_for(
    config: Any, against: str | None, cli_dialects: bool
) -> tuple[Snapshot, str, str | None]:
    """The baseline ``check`` reads, its label, and a note when there is none.

    Without a baseline file (and no ``--against``) ``check`` cannot run at all; upgrade-check
    then compares with the tools extracted here, as ``schemadrift snapshot`` would write them
    now, and says so: it predicts "snapshot, upgrade, check". A baseline that exists but
    cannot be read is the same error ``check`` gives.
    """
    from schemadrift import pipeline
    from schemadrift import snapshot as snapshot_module

    if against or config.snapshot.exists():
        baseline, label = pipeline.read_baseline(config, against)
        return baseline, label, None
    here = pipeline.extract_sources(config, cli_dialects=cli_dialects)
    label = config.display(config.snapshot)
    note = (
        f"upgrade-check: no baseline snapshot at {label}; compared with the tools extracted "
        "here (`schemadrift snapshot` writes the baseline that check compares with)"
    )
    return snapshot_module.build(here.tools, here.packages), label, note


def run(
    config: Any,
    requirement: str,
    pip: PipOptions,
    *,
    keep_env: bool,
    verbosity: int,
    config_path: Path | None,
    cli_dialects: bool,
    against: str | None = None,
) -> tuple[Any, str]:
    """Try the bump in a new environment and judge its tools as ``check`` would; the run
    result and a note naming the bump and every distribution that moved with it."""
    from schemadrift import pipeline

    name, version = parse_bump(requirement)
    here = distributions()
    if here.get(name) == version:
        raise UsageError(f"{name} {version} is already installed here; nothing to try")
    installer = find_installer()
    # Before any work, as check does: a corrupt baseline is known before pip runs.
    baseline, label, missing = baseline_for(config, against, cli_dialects)
    env_dir = Path(tempfile.mkdtemp(prefix=ENV_PREFIX))
    try:
        python = make_env(env_dir / "env", parent_site_dirs())
        install(python, env_dir / "env", name, version, pip, installer)
        link_scripts(python)
        upgraded = extract_in(python, env_dir / "env", config_path, env_dir)
    finally:
        if not keep_env:
            shutil.rmtree(env_dir, ignore_errors=True)
    cause = bumps(here, upgraded.distributions, name)
    if not cause or cause[0].package != name:
        raise InputError(
            f"{installer.label} {name}=={version}", "the upgraded environment does not have it"
        )
    extraction = pipeline.extraction_of(
        config,
        upgraded.tools,
        upgraded.packages,
        upgraded.source_dialects,
        cli_dialects=cli_dialects,
    )
    result = pipeline.check_extraction(
        config, extraction, baseline, label, verbosity=verbosity, command="upgrade-check"
    )
    # The bump first: it is the line scripts and people look for.
    notes = ["upgrade-check: " + ", ".join(str(bump) for bump in cause)]
    if missing is not None:
        notes.append(missing)
    if installer.kind == "uv":
        notes.append(f"upgrade-check: installed with {installer.uv} (this environment has no pip)")
    if keep_env:
        notes.append(f"upgrade-check: kept the environment at {env_dir / 'env'}")
    return result, "\n".join(notes)


def _extract_main(argv: Sequence[str]) -> int:
    """Inside the new environment: extract the tools and write them with the distributions."""
    import argparse

    from schemadrift import config as config_module
    from schemadrift import pipeline
    from schemadrift.errors import SchemadriftError
    from schemadrift.writing import write_atomic

    parser = argparse.ArgumentParser(prog="python -m schemadrift.upgrade")
    parser.add_argument("--output", required=True, type=Path)
    parser.add_argument("--config", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        cfg = config_module.load(Path.cwd(), args.config)
        extraction = pipeline.extract_sources(cfg, cli_dialects=False)
    except SchemadriftError as error:
        print(f"schemadrift: error: {error}", file=sys.stderr)
        return error.exit_code
    data = {
        "extraction_format": EXTRACTION_FORMAT,
        # In extraction order, variants in the order the adapter made them: the parent judges
        # exactly what ``check`` would hold in memory here.
        "tools": [{**tool.to_json(), "variants": dict(tool.variants)} for tool in extraction.tools],
        "packages": dict(extraction.packages),
        "source_dialects": {str(k): list(v) for k, v in extraction.source_dialects.items()},
        "distributions": distributions(),
    }
    write_atomic(args.output, json.dumps(data, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(_extract_main(sys.argv[1:]))
