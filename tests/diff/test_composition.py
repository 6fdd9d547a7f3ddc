"""A composition keyword that appears or disappears as a whole is one change, not one per branch.

Home Assistant 2026.1 gave its timer tools a root ``anyOf`` of three ``required`` branches:
one edit, which narrows what callers may send. A branch added to an ``anyOf`` that was there
before widens instead, and stays a finding per branch.
"""

from __future__ import annotations

from typing import Any

from schemadrift.diff.run import diff_tools
from schemadrift.model import Origin, Severity, Tool

BASE: dict[str, Any] = {
    "type": "object",
    "properties": {name: {"type": "integer"} for name in ("hours", "minutes", "seconds")},
}
BRANCHES = [{"required": [name]} for name in ("hours", "minutes", "seconds")]


def tool(schema: dict[str, Any]) -> Tool:
    return Tool(name="timer", input_schema=schema, origin=Origin("file", "bare", "t.json"))


def kinds(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, Severity]]:
    return [
        (f.rule_id, f.pointer, f.severity)
        for f in diff_tools([tool(before)], [tool(after)])
        if f.rule_id.startswith("diff/composition")
    ]


def test_a_new_anyof_is_one_breaking_change_with_a_witness() -> None:
    found = diff_tools([tool(BASE)], [tool({**BASE, "anyOf": BRANCHES})])
    composition = [f for f in found if f.rule_id.startswith("diff/composition")]
    assert [(f.rule_id, f.pointer) for f in composition] == [
        ("diff/composition-branch-added", "/input_schema/anyOf")
    ]
    assert composition[0].severity == Severity.ERROR and composition[0].has_witness
    assert composition[0].witness == {}  # valid before, matches no branch now
    assert "3 branches" in composition[0].message


def test_an_anyof_removed_as_a_whole_is_one_change() -> None:
    assert kinds({**BASE, "anyOf": BRANCHES}, BASE) == [
        ("diff/composition-branch-removed", "/input_schema/anyOf", Severity.INFO)
    ]


def test_branches_added_to_an_existing_anyof_widen_one_by_one() -> None:
    before = {**BASE, "anyOf": BRANCHES[:2]}  # (one branch would be read as that branch)
    extra = [{"required": ["hours", "minutes"]}, {"required": ["minutes", "seconds"]}]
    after = {**BASE, "anyOf": [*BRANCHES, *extra]}
    found = kinds(before, after)
    assert [pointer for _, pointer, _ in found] == [
        "/input_schema/anyOf/2",
        "/input_schema/anyOf/3",
        "/input_schema/anyOf/4",
    ]
    assert all(severity < Severity.ERROR for _, _, severity in found)
