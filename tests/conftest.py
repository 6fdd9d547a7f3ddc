"""Shared fixtures: run the CLI in-process or as a subprocess, and locate test data."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"


def _outside_repository(path: object) -> Path | None:
    """``path`` if it names something beside the repository (a sibling of its folder, such as
    ``../shared``), else None. The temporary folder is not "beside" even when the repository
    itself lies in it (a clone in ``/tmp``): tests write there."""
    if not isinstance(path, (str, Path)):
        return None
    try:
        resolved = Path(os.path.abspath(path))
    except (TypeError, ValueError):
        return None
    parent = REPO.parent
    if resolved == parent or parent not in resolved.parents:
        return None
    if resolved == REPO or REPO in resolved.parents:
        return None
    sibling = resolved.relative_to(parent).parts[0]
    if parent == Path(tempfile.gettempdir()).resolve() and sibling != "shared":
        return None
    return resolved


def _no_reads_beside_the_repository(event: str, args: tuple[object, ...]) -> None:
    """Tests never reach outside the repository: a fresh clone with nothing beside it must
    pass, so reading ``../shared`` (or any sibling folder) fails the test that does it."""
    if event in ("open", "os.scandir", "os.listdir") and args:
        outside = _outside_repository(args[0])
        if outside is not None:
            raise PermissionError(f"tests do not read outside the repository: {outside}")


sys.addaudithook(_no_reads_beside_the_repository)


def pytest_configure(config: pytest.Config) -> None:
    """Compile the package's bytecode once, before any test starts the CLI.

    Hundreds of tests run ``python -m schemadrift`` in a fresh interpreter. Where
    ``PYTHONDONTWRITEBYTECODE`` is set (CI containers often set it) no interpreter writes the
    ``.pyc`` files of an editable install, so each one compiled the whole package again:
    0.45 s for a one-file ``lint`` instead of 0.21 s. ``compileall`` writes them whatever that
    variable says, and every later interpreter reads them; files already compiled are skipped,
    so xdist workers doing the same at once cost nothing."""
    import compileall

    compileall.compile_dir(REPO / "schemadrift", quiet=2)


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets an empty results cache of its own (never the user's ``~/.cache``), so
    no test sees another's results; subprocesses inherit it through the environment."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("SCHEMADRIFT_CACHE_DIR", str(folder))
    return folder


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """Run ``schemadrift ARGS`` in-process (exceptions are not swallowed by a runner)."""
    from schemadrift.cli import main

    def run(*args: str, cwd: Path | None = None) -> Run:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def run_subprocess(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    input: bytes | None = None,
    timeout: float = 120,
    preexec: Callable[[], object] | None = None,
) -> Run:
    """Run ``python -m schemadrift ARGS`` in a fresh interpreter; a hang fails the test at
    ``timeout``. ``preexec`` runs in the child before it starts (a umask, say)."""
    full_env = {**os.environ, **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "schemadrift", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        input=input,
        timeout=timeout,
        check=False,
        preexec_fn=preexec,
    )
    return Run(done.returncode, done.stdout.decode(), done.stderr.decode())


@pytest.fixture
def run_sub() -> Callable[..., Run]:
    return run_subprocess
