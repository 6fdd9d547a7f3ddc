"""Diff cases discovered from ``fixtures/diff/<case>/``: the exact set of findings each gives.

Each folder holds ``before.json`` and ``after.json`` (any input shape ``diff`` reads) and
``expected.json``: ``dialects`` to target and the exact set of findings as
``[rule, tool, pointer, dialect, severity]``. Adding a case needs no Python; regenerate an
expected set after reviewing it with ``python -m tests.diff.test_cases fixtures/diff/<case>``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from schemadrift.config import Config
from schemadrift.pipeline import run_diff
from schemadrift.result import RunResult
from tests.conftest import FIXTURES

CASES = sorted(p for p in (FIXTURES / "diff").iterdir() if (p / "expected.json").is_file())


def run_case(case: Path) -> tuple[RunResult, dict[str, object]]:
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    config = Config(
        root=case, dialects=tuple(expected.get("dialects") or ()), acks=case / "no-acks.toml"
    )
    return run_diff(
        config, str(case / "before.json"), str(case / "after.json"), verbosity=1
    ), expected


def rows(result: RunResult) -> list[list[str | None]]:
    return sorted(
        [f.rule_id, f.tool, f.pointer, f.dialect, f.severity.label] for f in result.findings
    )


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The diff of a fixture case gives exactly the expected (rule, tool, pointer, dialect, severity) set."""
    monkeypatch.chdir(case)
    result, expected = run_case(case)
    want = sorted(expected["findings"])  # type: ignore[call-overload]
    assert rows(result) == want


def test_cases_are_discovered() -> None:
    """The corpus before/after pairs and the hand-written cases are all present."""
    names = {case.name for case in CASES}
    assert {
        "corpus-pydantic-v1-to-v2",
        "corpus-home-assistant-timer-anyof",
        "pydantic-refs-refactor-breaks-openai-strict",
        "representation-only",
    } <= names


if __name__ == "__main__":  # print a case's findings, to review before writing expected.json
    import os

    for arg in sys.argv[1:]:
        path = Path(arg).resolve()
        os.chdir(path)
        result, _ = run_case(path)
        for finding in result.findings:
            print(
                json.dumps(
                    [
                        finding.rule_id,
                        finding.tool,
                        finding.pointer,
                        finding.dialect,
                        finding.severity.label,
                    ]
                )
                + ",  # "
                + finding.message[:150]
            )
