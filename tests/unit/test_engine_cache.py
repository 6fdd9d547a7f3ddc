"""The speed paths give exactly what the plain paths give.

``check`` lints each side once and shares the result (the lint report, the findings the
baseline already had, the dialect regressions); the engine memoises per tool and shares walks;
the witness search settles two questions in one pass. Each test compares a fast path with the
plain computation on real fixture cases.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from schemadrift.diff.run import diff_tools
from schemadrift.diff.transitions import canonical
from schemadrift.diff.witness import Validators, WitnessSearch
from schemadrift.engine import Linter
from schemadrift.model import Tool
from schemadrift.schema.facts import SchemaFacts, facts_of
from schemadrift.schema.walk import nesting_depth, walk
from schemadrift.sources.files import collect
from tests.conftest import FIXTURES

DIALECTS = ["openai", "openai-strict", "anthropic-strict", "gemini", "bedrock", "mcp"]
CASES = sorted(p for p in (FIXTURES / "diff").iterdir() if (p / "before.json").is_file())


def _tools(path: Path) -> list[Tool]:
    return collect([str(path)], path.parent)[1]


def _rows(findings: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    return [
        (f.rule_id, f.tool, f.pointer, f.dialect, f.message, f.location, f.acknowledged)
        for f in findings
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_lint_each_matches_a_fresh_lint(case: Path) -> None:
    """Linting a baseline after the current tools (memo hits, moved lines) equals a fresh lint."""
    current, before = _tools(case / "after.json"), _tools(case / "before.json")
    moved = [replace(t, origin=replace(t.origin, line=(t.origin.line or 0) + 7)) for t in current]
    linter = Linter()
    linter.lint_each(current, DIALECTS)
    for tools in (before, moved):
        assert _rows(linter.lint_each(tools, DIALECTS).sorted()) == _rows(
            Linter().lint(tools, DIALECTS)
        )


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_shared_lint_gives_the_same_regressions(case: Path) -> None:
    """Dialect regressions read from both sides' whole lint equal those of a subset re-lint."""
    before, after = _tools(case / "before.json"), _tools(case / "after.json")
    linter = Linter()
    linted = (linter.lint_each(before, DIALECTS), linter.lint_each(after, DIALECTS))
    shared = diff_tools(before, after, dialects=DIALECTS, linter=linter, linted=linted)
    plain = diff_tools(before, after, dialects=DIALECTS, linter=Linter())
    assert _rows(shared) == _rows(plain)
    assert [f.witness for f in shared] == [f.witness for f in plain]


def _search(old: Tool, new: Tool) -> WitnessSearch:
    old_c, new_c = canonical(old.input_schema), canonical(new.input_schema)
    return WitnessSearch(old.input_schema, new.input_schema, old_c, new_c, Validators())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_one_pass_witness_search_matches_separate_searches(case: Path) -> None:
    """A search asked with and then without ``applied`` answers as two fresh searches do."""
    before, after = _tools(case / "before.json"), _tools(case / "after.json")
    for old in before:
        new = next((t for t in after if t.name == old.name), None)
        if new is None or not isinstance(old.input_schema, dict):
            continue
        for target in (["properties"], []):
            shared = _search(old, new)
            applied = shared.rejecting
            both = (shared.find(target, applied), shared.find(target))
            assert both == (_search(old, new).find(target, applied), _search(old, new).find(target))


def test_schema_facts_hold_the_walk_and_derive_once() -> None:
    """A schema's facts list the nodes of its walk, each with its keys, and compute a derived
    answer once however many rules ask."""
    schema = json.loads(
        (
            FIXTURES / "diff" / "pydantic-refs-refactor-breaks-openai-strict" / "after.json"
        ).read_text("utf-8")
    )
    facts = facts_of(schema, json.dumps(schema), {})
    assert [node for node, _ in facts.nodes] == list(walk(schema))
    assert all(
        keys == set(node.schema) for node, keys in facts.nodes if isinstance(node.schema, dict)
    )
    calls = []

    def depth(of: SchemaFacts) -> int:
        calls.append(of)
        return nesting_depth(of.root)

    assert facts.derived(depth) == facts.derived(depth) == nesting_depth(schema)
    assert calls == [facts]
