"""The throw-away virtual environment a bump is tried in: layered over the current one,
with the bump installed by pip (or ``uv pip``) and the current console scripts twinned, and
processes run inside it. ``upgrade.py`` says why it is built this way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from schemadrift.errors import InputError

PTH_NAME = "_schemadrift_parent_env.pth"
TIMEOUT = 600.0
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


def env_vars(env_dir: Path) -> dict[str, str]:
    """The environment a process sees inside the venv: its bin first on PATH, as `activate` does."""
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONHOME", "__PYVENV_LAUNCHER__")}
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    base["PATH"] = f"{bin_dir}{os.pathsep}{base.get('PATH', '')}"
    base["VIRTUAL_ENV"] = str(env_dir)
    base.pop("PYTHONPATH", None)
    return base


def run_in(
    env_dir: Path, argv: list[str], label: str, timed_out: str
) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` inside the venv at ``env_dir`` (output captured, at most ``TIMEOUT``); a
    timeout or a program that cannot start is an input error labelled ``label``."""
    try:
        return subprocess.run(  # noqa: S603 - the installer or schemadrift in our venv, no shell
            argv,
            capture_output=True,
            text=True,
            env=env_vars(env_dir),
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise InputError(label, f"{timed_out} after {TIMEOUT:g} s") from error
    except OSError as error:
        raise InputError(label, f"cannot run {argv[0]!r}: {error.strerror or error}") from error


def tail(text: str, lines: int = 15) -> str:
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
        done = run_in(env_dir, [*argv, *pip.args(), wanted], label, "timed out")
    else:
        assert chosen.uv is not None
        argv = [chosen.uv, "pip", "install", "--python", str(python), *pip.args()]
        pins = env_dir.parent / "installed-here.txt"
        pins.write_text(_pins(distributions(), name), encoding="utf-8")
        done = run_in(env_dir, [*argv, "--constraint", str(pins), wanted], label, "timed out")
        if done.returncode != 0 and "No solution found" in (done.stderr or ""):
            # The bump needs other versions of packages installed here: uv chooses them.
            done = run_in(env_dir, [*argv, wanted], label, "timed out")
    if done.returncode != 0:
        raise InputError(
            label,
            f"failed with status {done.returncode}; its output ends with:\n"
            f"{tail(done.stderr or done.stdout)}",
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
