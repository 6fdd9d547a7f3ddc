"""Helpers for adapter tests: extract a fixture project in-process, golden files in key order."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from syrupy.assertion import SnapshotAssertion

from schemadrift.testing import OrderedJSONExtension
from tests.conftest import FIXTURES

PROJECTS = FIXTURES / "projects"


@pytest.fixture
def golden(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """A syrupy snapshot that writes order-preserving JSON golden files."""
    return snapshot.use_extension(OrderedJSONExtension)


def snapshot_of(project: str, tmp_path: Path, packages: tuple[str, ...]) -> dict[str, Any]:
    """What ``schemadrift snapshot`` writes for a fixture project (run in-process).

    The schemadrift version is left out (it changes with every release of ours), and so are the
    versions of packages the project's framework does not depend on.
    """
    from schemadrift import config
    from schemadrift.pipeline.baseline import run_snapshot

    cfg = config.load(PROJECTS / project)
    cfg = replace(cfg, snapshot=tmp_path / "schemadrift.lock.json")
    run_snapshot(cfg, allow_empty=False, cli_dialects=False)
    data = json.loads((tmp_path / "schemadrift.lock.json").read_text("utf-8"))
    data.pop("generator")
    data["packages"] = {k: v for k, v in data["packages"].items() if k in packages}
    return data


@pytest.fixture
def extract(tmp_path: Path) -> Callable[[str, tuple[str, ...]], dict[str, Any]]:
    def run(project: str, packages: tuple[str, ...]) -> dict[str, Any]:
        return snapshot_of(project, tmp_path, packages)

    return run


def tool(data: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(t for t in data["tools"] if t["name"] == name)
    return found


TOOL_NAMES = [
    "search",
    "lookup_user",
    "set_color",
    "create_order",
    "add_tree",
    "pay",
    "book_room",
    "ping",
]
