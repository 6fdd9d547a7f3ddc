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
through ``pipeline.check.check_extraction``, the very function ``check`` runs after
extracting: the same baseline, lint, rules, policy, acks and report. So upgrade-check exits
with the code ``check`` will exit with once the bump is installed, and its JSON report is the
one ``check`` will print (a test compares them byte for byte). Findings name the package bumps
between the baseline and the upgraded environment, as ``check``'s do; what upgrade-check adds
is the note naming the bump and every distribution the installer moved with it. Without a
baseline file it compares with the tools extracted here instead (what ``schemadrift snapshot``
would write now). The environment itself is built and used in ``throwaway_env.py``.

The installer is the current environment's pip, else ``uv pip`` when uv is on PATH (a ``uv
venv`` has no pip); neither is an error that says how to get one. Nothing here reaches the
network except the installer, with the index options the user gives.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemadrift.errors import InputError, UsageError
from schemadrift.model import Bump, Snapshot, Tool
from schemadrift.throwaway_env import (
    PipOptions,
    distributions,
    find_installer,
    install,
    link_scripts,
    make_env,
    parent_site_dirs,
    run_in,
    tail,
)

ENV_PREFIX = "schemadrift-upgrade-"
EXTRACTION_FORMAT = 2
"""Version of what ``python -m schemadrift.upgrade`` writes; the parent refuses another one
(a bump that replaced schemadrift itself in the new environment)."""


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
    done = run_in(env_dir, argv, "upgrade-check", "extraction timed out")
    if done.returncode != 0:
        raise InputError(
            "upgrade-check",
            f"extracting the tools in the upgraded environment failed (status {done.returncode}):\n"
            f"{tail(done.stderr)}",
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
    from schemadrift import snapshot as snapshot_module
    from schemadrift.pipeline.check import read_baseline
    from schemadrift.pipeline.extraction import extract_sources

    if against or config.snapshot.exists():
        baseline, label = read_baseline(config, against)
        return baseline, label, None
    here = extract_sources(config, cli_dialects=cli_dialects)
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
    from schemadrift.pipeline.check import check_extraction
    from schemadrift.pipeline.extraction import extraction_of

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
    extraction = extraction_of(
        config,
        upgraded.tools,
        upgraded.packages,
        upgraded.source_dialects,
        cli_dialects=cli_dialects,
    )
    result = check_extraction(
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
    from schemadrift.errors import SchemadriftError
    from schemadrift.pipeline.extraction import extract_sources
    from schemadrift.writing import write_atomic

    parser = argparse.ArgumentParser(prog="python -m schemadrift.upgrade")
    parser.add_argument("--output", required=True, type=Path)
    parser.add_argument("--config", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        cfg = config_module.load(Path.cwd(), args.config)
        extraction = extract_sources(cfg, cli_dialects=False)
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
