"""Large, deep and repetitive schemas: every change is still reported, and the cost of the
analysis grows with the schemas, not with a power of them.

Each case is one a stress scan of the diff found (sizes in the comments are from that scan):
a change the walk did not reach, a reference chain inlining gave up on, and work or memory
that grew as the square or the cube of the input. The bounds are counts and memory, never
time, and each is several times what the code needs now and a fraction of what it needed.
"""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemadrift.diff import describe, implication
from schemadrift.diff.delta import MAX_DEPTH
from schemadrift.diff.run import diff_tools
from schemadrift.model import Origin, Tool
from tests.conftest import Run


def tool(schema: dict[str, Any], description: str = "") -> Tool:
    return Tool(
        name="t",
        input_schema=schema,
        origin=Origin("file", "bare", "t.json"),
        description=description or None,
    )


def nested(levels: int, leaf: dict[str, Any]) -> dict[str, Any]:
    schema = leaf
    for _ in range(levels):
        schema = {"type": "object", "properties": {"x": schema}}
    return schema


def test_a_change_below_the_walked_depth_is_reported_as_one_change() -> None:
    """The walk stops descending after ``MAX_DEPTH`` levels; a subtree that differs below
    them is one ``diff/schema-changed`` there, where it used to be no finding at all."""
    levels = MAX_DEPTH + 6
    found = diff_tools(
        [tool(nested(levels, {"type": "integer"}))], [tool(nested(levels, {"type": "string"}))]
    )
    assert found, "a type change 70 levels down went unreported"
    assert [f.rule_id for f in found] == ["diff/schema-changed"]
    assert found[0].pointer.startswith("/input_schema" + "/properties/x" * MAX_DEPTH)


def chain(links: int, leaf: str) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    for index in range(links):
        properties: dict[str, Any] = {"value": {"type": "string"}}
        if index + 1 < links:
            properties["next"] = {"$ref": f"#/$defs/d{index + 1}"}
        else:
            properties["leaf"] = {"type": leaf}
        defs[f"d{index}"] = {"type": "object", "properties": properties}
    return {"type": "object", "properties": {"start": {"$ref": "#/$defs/d0"}}, "$defs": defs}


def test_a_long_reference_chain_is_inlined_and_its_change_reported(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Inlining 150 chained references recurses past Python's limit. It used to give up and
    compare the schemas with their references unresolved, which reported nothing; the run now
    goes on on a deep stack and reports the leaf's change (300 levels down: as one change of
    the subtree below the walked depth)."""
    for name, leaf in (("old", "integer"), ("new", "string")):
        document = {"tools": [{"name": "t", "input_schema": chain(150, leaf)}]}
        (tmp_path / f"{name}.json").write_text(json.dumps(document))
    result = run_cli(
        "diff", "--format", "json", "--fail-on", "never", "old.json", "new.json", cwd=tmp_path
    )
    assert result.code == 0, result.err
    rules = [finding["rule"] for finding in json.loads(result.out)["findings"]]
    assert rules == ["diff/schema-changed"]


def shared(size: int, leaf: str) -> dict[str, Any]:
    """``size`` properties that all reference one definition of ``size`` properties."""
    properties = {f"f{j}": {"type": leaf if j == 0 else "string"} for j in range(size)}
    return {
        "type": "object",
        "properties": {f"p{i}": {"$ref": "#/$defs/Big"} for i in range(size)},
        "$defs": {"Big": {"type": "object", "properties": properties}},
    }


def test_a_change_in_a_shared_definition_costs_memory_in_proportion() -> None:
    """Inlining repeats a change in a shared definition at each of its references, and each
    witness search kept the whole changed schema as its memo key: memory grew as the cube of
    the definition (2 GB at 400 properties). Keys now name the changed node only."""
    diff_tools([tool(shared(5, "integer"))], [tool(shared(5, "string"))])  # imports, warm-up
    tracemalloc.start()
    try:
        found = diff_tools([tool(shared(100, "integer"))], [tool(shared(100, "string"))])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(found) == 100  # one per property whose accepted values changed
    assert peak < 16 * 2**20, f"{peak / 2**20:.0f} MB"


def test_an_edited_branch_of_a_wide_union_is_proven_without_comparing_every_pair(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A union edited in one branch keeps its other branches: each is matched by its text,
    not tried against every branch of the other side (400 branches: 202,202 proofs, now
    about 2,000)."""
    calls = [0]
    proof = implication.accepts_all

    def counted(*args: Any, **kwargs: Any) -> bool:
        calls[0] += 1
        return proof(*args, **kwargs)

    monkeypatch.setattr(implication, "accepts_all", counted)
    branches = [
        {"type": "object", "properties": {f"k{i}": {"type": "string"}}, "required": [f"k{i}"]}
        for i in range(400)
    ]
    narrower = [dict(branch) for branch in branches]
    narrower[200] = {**branches[200], "properties": {"k200": {"type": "string", "maxLength": 5}}}
    found = diff_tools([tool({"anyOf": narrower})], [tool({"anyOf": branches})])
    assert [f.rule_id for f in found] == ["diff/length-bound-widened"]
    assert calls[0] < 10 * len(branches)


def test_a_long_description_diff_is_matched_between_its_common_ends() -> None:
    """The word diff of a 100 KB description used to take seconds (the matcher compares every
    pair of words); it is now matched between the common first and last words."""
    words = [f"w{i % 997}" for i in range(15_000)]
    before = " ".join(words)
    after = " ".join([*words[:7000], "inserted", "words", *words[7000:]])
    assert len(words) ** 2 > describe._MATCHED_PAIRS  # the long-text path
    assert "{+inserted words+}" in describe.word_diff(before, after)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from("abcde"), max_size=30),
    st.lists(st.sampled_from("abcde"), max_size=30),
    st.integers(min_value=0, max_value=40),
)
def test_word_opcodes_turn_the_old_words_into_the_new_ones(
    a: list[str], b: list[str], budget: int
) -> None:
    """Whatever the budget (so the long-text path too), the opcodes rebuild the new words from
    the old: every ``equal`` run is equal, and the rest is taken from the new side."""
    original = describe._MATCHED_PAIRS
    describe._MATCHED_PAIRS = budget
    try:
        opcodes = describe._word_opcodes(a, b)
    finally:
        describe._MATCHED_PAIRS = original
    rebuilt: list[str] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            assert a[i1:i2] == b[j1:j2]
            rebuilt += a[i1:i2]
        else:
            rebuilt += b[j1:j2]
    assert rebuilt == b
    assert [op[1] for op in opcodes] == sorted(op[1] for op in opcodes)


def test_a_breaking_change_deep_in_the_schema_has_a_witness() -> None:
    """The witness generator walks the changed node's whole pointer and builds the values
    around and below it with its usual budget at every level: a type changed 30 levels down
    is breaking, with the rejected value, where it used to be "no rejected value found"."""

    def deep(leaf: str) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": leaf}
        for _ in range(30):
            schema = {"type": "object", "properties": {"x": schema}, "required": ["x"]}
        return schema

    (found,) = diff_tools([tool(deep("integer"))], [tool(deep("string"))])
    assert (found.rule_id, found.severity.label) == ("diff/type-changed", "error")
    value = found.witness
    for _ in range(30):
        assert isinstance(value, dict)
        value = value["x"]
    assert isinstance(value, int)
