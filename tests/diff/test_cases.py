"""Diff cases discovered from ``fixtures/diff/<case>/``: the exact set of findings each gives.

Each folder holds ``before.json`` and ``after.json`` (any input shape ``diff`` reads),
``expected.json``: ``dialects`` to target and the exact set of findings as
``[rule, tool, pointer, dialect, severity]``, and ``README.md``: where the case comes from, what
changed, and why each expected finding (and each notable absence) is right. The expected sets
are goldens, reviewed by hand against the schemas, the witnesses and the corpus verdicts: they
are never regenerated from the code. When the code and a golden disagree, the failure lists the
missing and unexpected rows; fix the code, or change the golden only with a reason in the
README. Adding a case needs no Python.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from schemadrift.config import Config
from schemadrift.pipeline.check import run_diff
from schemadrift.result import RunResult
from tests.conftest import FIXTURES

FOLDERS = sorted(p for p in (FIXTURES / "diff").iterdir() if p.is_dir())
CASES = [p for p in FOLDERS if (p / "expected.json").is_file()]

Row = tuple[str, str | None, str, str | None, str]


def run_case(case: Path) -> tuple[RunResult, dict[str, object]]:
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    config = Config(
        root=case, dialects=tuple(expected.get("dialects") or ()), acks=case / "no-acks.toml"
    )
    return run_diff(
        config, str(case / "before.json"), str(case / "after.json"), verbosity=1
    ), expected


def rows(result: RunResult) -> list[Row]:
    return sorted(
        (f.rule_id, f.tool, f.pointer, f.dialect, f.severity.label) for f in result.findings
    )


def mismatch(got: list[Row], want: list[Row]) -> str:
    """The rows the golden lists and the run did not give, and the reverse (with counts: one
    rule can fire twice at one pointer, two enum values removed)."""
    have, need = Counter(got), Counter(want)
    lines = ["findings differ from the reviewed golden (expected.json, see README.md)"]
    for title, rest in (("missing", need - have), ("unexpected", have - need)):
        lines.append(f"{title}:" if rest else f"{title}: none")
        lines += [f"  {json.dumps(list(row))}" for row in sorted(rest.elements())]
    return "\n".join(lines)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The diff of a fixture case gives exactly the expected (rule, tool, pointer, dialect, severity) set."""
    monkeypatch.chdir(case)
    result, expected = run_case(case)
    want = sorted(tuple(row) for row in expected["findings"])  # type: ignore[attr-defined]
    got = rows(result)
    assert got == want, mismatch(got, want)


def test_cases_are_discovered() -> None:
    """The corpus before/after pairs and the hand-written cases are all present."""
    names = {case.name for case in CASES}
    assert {
        "corpus-pydantic-v1-to-v2",
        "corpus-home-assistant-timer-anyof",
        "pydantic-refs-refactor-breaks-openai-strict",
        "representation-only",
    } <= names


def test_every_case_has_a_readme() -> None:
    """Every case folder says where it comes from and why its golden is right (README.md)."""
    missing = [p.name for p in FOLDERS if not (p / "README.md").is_file()]
    assert not missing, f"case folders without README.md: {missing}"


def test_every_case_folder_has_a_golden() -> None:
    """A folder without expected.json would be skipped silently, so it is an error."""
    missing = [p.name for p in FOLDERS if not (p / "expected.json").is_file()]
    assert not missing, f"case folders without expected.json: {missing}"


def test_each_enum_removal_in_contract_changes_has_its_own_witness(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both removed `units` values are proven by a witness that uses that value (the removal
    of "k" used to carry the witness of "f", which the old schema with only "k" removed still
    accepts: the two searches shared one memo entry)."""
    case = FIXTURES / "diff" / "contract-changes"
    monkeypatch.chdir(case)
    result, _ = run_case(case)
    witnesses = {
        f.discriminator: f.witness
        for f in result.findings
        if f.rule_id == "diff/enum-value-removed"
    }
    assert witnesses == {'"f"': {"q": "", "units": "f"}, '"k"': {"q": "", "units": "k"}}
