"""Offline wheels for tests that make fresh virtual environments (pre-commit, upgrade-check).

pip in a new environment would otherwise go to the network for our dependencies. Every one of
them is installed in the test environment already, so we pack the installed files back into
wheels (the files listed in each distribution's RECORD, with its WHEEL tag) and point pip at
them with ``--no-index --find-links``.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode()}"


def repack(dist: metadata.Distribution, dest: Path) -> Path:
    """A wheel of an installed distribution, made from its installed files."""
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    info = f"{name}-{dist.version}.dist-info"
    wheel_meta = dist.read_text("WHEEL") or ""
    tags = [
        line.split(":", 1)[1].strip() for line in wheel_meta.splitlines() if line.startswith("Tag:")
    ]
    tag = tags[0] if tags else "py3-none-any"
    triples = [t.split("-") for t in tags]
    if len(triples) > 1 and len({(abi, plat) for _, abi, plat in triples}) == 1:
        # a universal wheel lists py2-none-any and py3-none-any: name it py2.py3-none-any,
        # or pip on Python 3 finds no wheel it can install (sortedcontainers, for hypothesis)
        tag = "-".join([".".join(py for py, _, _ in triples), *triples[0][1:]])
    target = dest / f"{name}-{dist.version}-{tag}.whl"
    records = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in dist.files or ():
            parts = file.parts
            if parts[0] == ".." or "__pycache__" in parts or file.name == "RECORD":
                continue
            path = Path(str(dist.locate_file(file)))
            if not path.is_file():
                continue
            arcname = file.as_posix()
            if parts[0].endswith(".dist-info"):
                arcname = f"{info}/{'/'.join(parts[1:])}"
            data = path.read_bytes()
            archive.writestr(arcname, data)
            records.append(f"{arcname},{_record_hash(data)},{len(data)}")
        records.append(f"{info}/RECORD,,")
        archive.writestr(f"{info}/RECORD", "\n".join(records) + "\n")
    return target


def requirement_closure(names: list[str]) -> list[metadata.Distribution]:
    """The named installed distributions and everything they require (no extras)."""
    seen: dict[str, metadata.Distribution] = {}
    todo = list(names)
    while todo:
        key = canonicalize_name(todo.pop())
        if key in seen:
            continue
        dist = metadata.distribution(key)
        seen[key] = dist
        for text in dist.requires or ():
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return [seen[key] for key in sorted(seen)]


def build(dest: Path) -> Path:
    """A find-links folder holding our runtime dependencies, setuptools and wheel."""
    dest.mkdir(parents=True, exist_ok=True)
    for dist in requirement_closure(["schemadrift-llm", "setuptools"]):
        if canonicalize_name(dist.metadata["Name"]) == "schemadrift-llm":
            continue
        repack(dist, dest)
    return dest


def schemadrift_wheel(dest: Path) -> Path:
    """A wheel of schemadrift built from this checkout, offline."""
    source = dest / "src"
    copy_package(source)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(dest),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return next(dest.glob("schemadrift_llm-*.whl"))


def copy_package(dest: Path) -> Path:
    """The files ``pip install .`` needs from this checkout, without caches."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(REPO / "schemadrift", dest / "schemadrift", ignore=ignore)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, dest / name)
    return dest
