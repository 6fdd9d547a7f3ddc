"""Every rule's documented examples are executed with only that rule enabled.

A ``fails`` example must make the rule fire and a ``passes`` example must not, so a rule's
doc cannot drift from its behaviour.
"""

from __future__ import annotations

import json

import pytest

from schemadrift import catalog, registry
from schemadrift.diff.kinds import ChangeKind
from schemadrift.diff.run import diff_tools
from schemadrift.registry import Entry, Example, Rule
from tests.helpers.tools import lint_one, tools_of

RULES = catalog.entries()  # the lint rules and the change kinds


def example_dialect(rule: Rule) -> str:
    """The dialect a rule's examples are judged under."""
    if rule.example_dialect:
        return rule.example_dialect
    owners = sorted(d.id for d in registry.all_dialects() if rule.id in registry.members(d.id))
    if rule.pack in owners:
        return rule.pack
    assert owners, f"{rule.id} belongs to no dialect"
    return owners[0]


def fired(rule: Entry, example: Example) -> list[str]:
    if isinstance(rule, ChangeKind):
        before = tools_of(example.value["before"]) if example.value["before"] else []
        after = tools_of(example.value["after"]) if example.value["after"] else []
        findings = diff_tools(before, after, enabled=lambda r: r.id == rule.id)
    else:
        assert isinstance(rule, Rule)
        findings = lint_one(rule.id, tools_of(example.value), example_dialect(rule))
    return [f"{f.pointer}: {f.message}" for f in findings if f.rule_id == rule.id]


CASES = [
    pytest.param(rule, example, expected, id=f"{rule.id}-{kind}{index}")
    for rule in RULES
    for kind, examples, expected in (("fails", rule.fails, True), ("passes", rule.passes, False))
    for index, example in enumerate(examples)
]


@pytest.mark.parametrize(("rule", "example", "should_fire"), CASES)
def test_example(rule: Entry, example: Example, should_fire: bool) -> None:
    """The rule fires on each failing example and stays silent on each passing one."""
    hits = fired(rule, example)
    if should_fire:
        assert hits, f"{rule.id} did not fire on its failing example"
    else:
        assert not hits, f"{rule.id} fired on its passing example: {hits}"


PAIR_RULES = [rule for rule in RULES if rule.scope == "pair"]


@pytest.mark.parametrize("rule", PAIR_RULES, ids=lambda r: r.id)
def test_pair_rule_passes_hold_a_change(rule: Entry) -> None:
    """A pair rule's passing examples each hold a real change: an unchanged pair shows only
    that nothing is reported when nothing changed, not where the rule stops."""
    assert rule.passes
    for index, example in enumerate(rule.passes):
        # as JSON text: a reordering is a change (diff/property-order-changed reads it)
        before, after = (json.dumps(example.value[side]) for side in ("before", "after"))
        assert before != after, f"{rule.id} passes[{index}] has identical before and after"
