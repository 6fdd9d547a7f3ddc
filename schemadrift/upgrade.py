"""``schemadrift upgrade-check PKG==VERSION``: what a dependency bump would do to the tools.

The bump is tried in a throw-away virtual environment layered over the current one: the new
environment has no packages of its own except what pip installs for the bump, and a ``.pth``
file puts the current environment's site-packages after its own, so every other package
(schemadrift, the user's framework, their dependencies) is the one installed now. pip never
touches the current environment: it refuses to uninstall distributions outside the environment
it runs in, and installs the bump into the new one, where it shadows the old version.

schemadrift then runs inside the new environment (``python -m schemadrift.upgrade``) to extract
the tools exactly as ``schemadrift snapshot`` would, and the result is diffed against the tools
extracted here, with every finding attributed to the bump (and to any dependency pip moved
with it). Nothing here reaches the network except pip, with the index options the user gives.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from schemadrift.errors import InputError, UsageError
from schemadrift.model import Bump, Finding, Snapshot

ENV_PREFIX = "schemadrift-upgrade-"
PTH_NAME = "_schemadrift_parent_env.pth"
TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class PipOptions:
    """Index options passed through to ``pip install`` unchanged."""

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
    timeout is an input error labelled ``label``, saying ``timed_out`` and the limit."""
    try:
        return subprocess.run(  # noqa: S603 - pip or schemadrift in our own venv, no shell
            argv,
            capture_output=True,
            text=True,
            env=_env_vars(env_dir),
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise InputError(label, f"{timed_out} after {TIMEOUT:g} s") from error


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def install(python: Path, env_dir: Path, name: str, version: str, pip: PipOptions) -> None:
    argv = [
        str(python),
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--no-input",
        *pip.args(),
        f"{name}=={version}",
    ]
    done = _run_in(env_dir, argv, f"pip install {name}=={version}", "timed out")
    if done.returncode != 0:
        raise InputError(
            f"pip install {name}=={version}",
            f"failed with status {done.returncode}; its output ends with:\n{_tail(done.stderr or done.stdout)}",
        )


def extract_in(
    python: Path, env_dir: Path, config_path: Path | None, work: Path
) -> tuple[Snapshot, dict[str, str]]:
    """Run schemadrift inside the new environment; its tools and its distributions."""
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
    data = json.loads(out.read_text(encoding="utf-8"))
    return snapshot.from_json(data["snapshot"], "upgraded environment"), dict(data["distributions"])


def bumps(before: Mapping[str, str], after: Mapping[str, str], name: str) -> tuple[Bump, ...]:
    """Every distribution whose version differs, the requested one first."""
    changed = [
        Bump(dist, before.get(dist), after.get(dist))
        for dist in sorted(set(before) | set(after))
        if before.get(dist) != after.get(dist)
    ]
    return tuple(sorted(changed, key=lambda bump: (bump.package != name, bump.package)))


def attribute(findings: Sequence[Finding], cause: tuple[Bump, ...]) -> list[Finding]:
    return [f if f.attribution else replace(f, attribution=cause) for f in findings]


def run(
    config: Any,
    requirement: str,
    pip: PipOptions,
    *,
    keep_env: bool,
    verbosity: int,
    config_path: Path | None,
    cli_dialects: bool,
) -> tuple[Any, str]:
    """Extract here, try the bump in a new environment, diff; the run result and a note."""
    from schemadrift import pipeline

    name, version = parse_bump(requirement)
    here = distributions()
    if here.get(name) == version:
        raise UsageError(f"{name} {version} is already installed here; nothing to try")
    current = pipeline.extract_sources(config, cli_dialects=cli_dialects)
    env_dir = Path(tempfile.mkdtemp(prefix=ENV_PREFIX))
    try:
        python = make_env(env_dir / "env", parent_site_dirs())
        install(python, env_dir / "env", name, version, pip)
        upgraded, there = extract_in(python, env_dir / "env", config_path, env_dir)
    finally:
        if not keep_env:
            shutil.rmtree(env_dir, ignore_errors=True)
    cause = bumps(here, there, name)
    if not cause or cause[0].package != name:
        raise InputError(
            f"pip install {name}=={version}", "the upgraded environment does not have it"
        )
    before = Snapshot(tools=current.tools, packages=current.packages)
    after = pipeline.Extraction(
        tools=upgraded.tools,
        packages=upgraded.packages,
        tool_dialects=pipeline.per_tool_dialects(config, upgraded.tools, {}),
    )
    findings = attribute(pipeline.diff_findings(config, before, after), cause)
    result = pipeline.finish(
        "upgrade-check",
        config,
        findings,
        after.tools,
        pipeline.targeted(config, after),
        verbosity=verbosity,
        baseline=f"{name} {here.get(name) or '(absent)'} → {version}",
    )
    note = "upgrade-check: " + ", ".join(str(bump) for bump in cause)
    if keep_env:
        note += f"\nupgrade-check: kept the environment at {env_dir / 'env'}"
    return result, note


def _extract_main(argv: Sequence[str]) -> int:
    """Inside the new environment: extract the tools and write them with the distributions."""
    import argparse

    from schemadrift import config as config_module
    from schemadrift import pipeline, snapshot
    from schemadrift.errors import SchemadriftError

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
        "snapshot": snapshot.to_json(snapshot.build(extraction.tools, extraction.packages)),
        "distributions": distributions(),
    }
    snapshot.write_atomic(args.output, json.dumps(data, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(_extract_main(sys.argv[1:]))
