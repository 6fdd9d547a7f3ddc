"""A process that runs schemadrift many times keeps nothing of the earlier runs.

Test suites call the CLI in-process and the pytest plugin lints in the user's test process:
what makes one run fast (each schema's facts, the hits kept per schema text, each tool's
findings) must go with the run, or a long session grows without bound (a 100,000-example
fuzzing run once grew by about 8 MB a second while memo tables lived at module level).
Each run below lints schemas no earlier run saw, so anything kept from a run would add up.
"""

from __future__ import annotations

import gc
import json
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

RUNS = 12
GROWTH_PER_RUN = 3_000  # bytes a run may leave: measured ~1,100 (CLI) and ~0 (plugin); one
# run's schema facts kept alive add ~15,000 (CLI) and ~4,700 (plugin)
DIALECTS = ["anthropic-strict", "openai-strict", "gemini", "mcp"]


def _tools(run: int) -> dict[str, object]:
    """Tools whose schemas and names no other run uses."""
    return {
        "tools": [
            {
                "name": f"tool_{run}_{index}",
                "description": f"A tool, variant {run}.",
                "input_schema": {
                    "type": "object",
                    "properties": {
                        f"q{run}": {"type": "string", "maxLength": run + 1},
                        "opt": {"anyOf": [{"type": "integer", "minimum": run}]},
                    },
                    "$defs": {"A": {"$ref": "#/$defs/A"}},
                },
            }
            for index in range(20)
        ]
    }


@pytest.fixture
def traced() -> Iterator[Callable[[], int]]:
    """The bytes allocated and still alive, after a full collection."""
    tracemalloc.start()

    def alive() -> int:
        gc.collect()
        return tracemalloc.get_traced_memory()[0]

    try:
        yield alive
    finally:
        tracemalloc.stop()


def _growth(run_once: Callable[[int], None], alive: Callable[[], int]) -> float:
    """Bytes kept per run, measured after the first runs (imports, first-use caches)."""
    for run in range(3):
        run_once(run)
    start = alive()
    for run in range(3, 3 + RUNS):
        run_once(run)
    return (alive() - start) / RUNS


def test_cli_runs_in_one_process_keep_nothing(
    tmp_path: Path, run_cli: Callable[..., object], traced: Callable[[], int]
) -> None:
    def run_once(run: int) -> None:
        (tmp_path / "tools.json").write_text(json.dumps(_tools(run)))
        (tmp_path / "before.json").write_text(json.dumps(_tools(run + 1000)))
        run_cli(
            "lint",
            "--no-cache",
            "--dialect",
            "anthropic-strict",
            "--dialect",
            "gemini",
            "tools.json",
            cwd=tmp_path,
        )
        run_cli(
            "diff", "--no-cache", "--dialect", "openai", "before.json", "tools.json", cwd=tmp_path
        )

    assert _growth(run_once, traced) < GROWTH_PER_RUN


def test_the_pytest_plugin_keeps_nothing(traced: Callable[[], int]) -> None:
    from schemadrift.pytest_plugin import lint_report
    from schemadrift.sources.shapes import DocumentSource, detect

    def run_once(run: int) -> None:
        found = detect(_tools(run), DocumentSource(label="tools.json", name_hint="tools"))
        assert found is not None
        assert lint_report(found[1], DIALECTS, "error") is not None  # it linted

    assert _growth(run_once, traced) < GROWTH_PER_RUN
