"""``implication.accepts_all``: the proof that lets the diff skip a witness search that cannot
succeed. It must be sound (never claim a schema accepts all another accepts when a value
tells them apart) and must hold for the cheap cases it exists for."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemadrift.diff.classify import analyse
from schemadrift.diff.implication import accepts_all
from schemadrift.diff.transitions import canonical
from schemadrift.diff.witness import Validators, WitnessSearch
from schemadrift.model import Origin, Tool
from tests.diff.test_properties import mutate, scalar, schemas

OPEN = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}
CLOSED = {**OPEN, "additionalProperties": False}


def proven(wide: Any, narrow: Any) -> bool:
    return accepts_all(canonical(wide), canonical(narrow))


@pytest.mark.parametrize(
    ("wide", "narrow"),
    [
        pytest.param(
            {"type": "object", "properties": {"a": {"type": "string"}}}, OPEN, id="open-drop"
        ),
        pytest.param({"type": "string", "maxLength": 9}, {"type": "string", "maxLength": 5}),
        pytest.param({"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 3}),
        pytest.param({"type": "number", "minimum": 0}, {"type": "number", "exclusiveMinimum": 0}),
        pytest.param({"type": "number", "exclusiveMaximum": 5}, {"type": "number", "maximum": 4}),
        pytest.param({"enum": ["x", "y", "z"]}, {"enum": ["x", "y"]}, id="enum-grown"),
        pytest.param({"type": ["string", "null"]}, {"type": "string"}, id="nullable-added"),
        pytest.param({"type": "number"}, {"type": "integer"}, id="integer-to-number"),
        pytest.param({"type": "string"}, {"const": "x"}, id="const-in-type"),
        pytest.param({**OPEN, "required": ["a"]}, {**OPEN, "required": ["a", "b"]}),
        pytest.param(OPEN, CLOSED, id="opened"),
        pytest.param(
            {"anyOf": [{"type": "string"}, {"type": "integer"}]}, {"type": "string"}, id="anyof"
        ),
        pytest.param(
            {"type": "array", "items": {"type": ["string", "null"]}},
            {"type": "array", "items": {"type": "string"}, "minItems": 1},
        ),
        pytest.param({"type": "string", "description": "new words"}, {"type": "string"}),
        pytest.param({}, {"$ref": "#/$defs/x", "$defs": {"x": {"type": "string"}}}),
        pytest.param({"type": "string", "pattern": "^a"}, {"type": "string", "pattern": "^a"}),
    ],
)
def test_proves_the_cheap_widenings(wide: Any, narrow: Any) -> None:
    assert proven(wide, narrow)


@pytest.mark.parametrize(
    ("wide", "narrow"),
    [
        pytest.param({**CLOSED, "properties": {"a": {"type": "string"}}}, CLOSED, id="closed-drop"),
        pytest.param({"type": "string", "maxLength": 5}, {"type": "string", "maxLength": 9}),
        pytest.param({"type": "number", "exclusiveMinimum": 0}, {"type": "number", "minimum": 0}),
        pytest.param({"enum": ["x"]}, {"enum": ["x", "y"]}, id="enum-shrunk"),
        pytest.param({"enum": [1]}, {"enum": [True]}, id="true-is-not-1"),
        pytest.param({"type": "integer"}, {"type": "number"}, id="number-to-integer"),
        pytest.param({**OPEN, "required": ["a", "b"]}, {**OPEN, "required": ["a"]}),
        pytest.param(CLOSED, OPEN, id="closed"),
        pytest.param({"type": "string", "pattern": "^a"}, {"type": "string"}),
        pytest.param({"type": "string", "format": "email"}, {"type": "string"}),
        pytest.param(
            {"type": "object", "properties": {"a": {"type": "string"}}},
            {"type": "object", "patternProperties": {"^a": {"type": "integer"}}},
            id="pattern-properties",
        ),
        pytest.param(
            {"type": "object", "unevaluatedProperties": False},
            # `a` is evaluated by the branch's `properties`: {"a": 1} is valid only here
            # (a branch with only `required` evaluates nothing: that narrow side accepts no
            # object at all, and the canonical form proves it)
            {
                "type": "object",
                "unevaluatedProperties": False,
                "allOf": [{"properties": {"a": {}}}],
            },
            id="unevaluated-never-proven",
        ),
        pytest.param(
            {"type": "array", "prefixItems": [{"type": "string"}]},
            {"type": "array", "items": {"type": "integer"}},
        ),
    ],
)
def test_does_not_prove_what_a_value_refutes(wide: Any, narrow: Any) -> None:
    assert not proven(wide, narrow)


VALUES = st.sampled_from(["x", "y", "z", "", "long text here", 0, 1, -4, 2.5, True, None, [], {}])
INSTANCES = st.dictionaries(st.sampled_from(["a", "b", "c", "d", "a2", "e"]), VALUES, max_size=5)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(schemas(), st.data(), st.lists(INSTANCES, min_size=20, max_size=40))
def test_a_proof_is_never_refuted_by_a_value(
    schema: dict[str, Any], data: st.DataObject, instances: list[dict[str, Any]]
) -> None:
    """Soundness: when ``wide`` is proven to accept all ``narrow`` accepts, no instance valid
    under ``narrow`` is invalid under ``wide`` (by the reference validator), in both orders."""
    other = mutate(schema, data)
    for wide, narrow in ((schema, other), (other, schema)):
        if not proven(wide, narrow):
            continue
        check_wide = jsonschema.Draft202012Validator(wide)
        check_narrow = jsonschema.Draft202012Validator(narrow)
        for instance in instances:
            if check_narrow.is_valid(instance):
                assert check_wide.is_valid(instance), (wide, narrow, instance)


@SETTINGS
@given(scalar, scalar, st.lists(VALUES, min_size=13, max_size=13))
def test_scalar_proofs_hold_for_every_value(wide: Any, narrow: Any, values: list[Any]) -> None:
    """The same for single-value schemas (bounds, enums, type sets), over every sample value."""
    if not proven(wide, narrow):
        return
    for value in values:
        if jsonschema.Draft202012Validator(narrow).is_valid(value):
            assert jsonschema.Draft202012Validator(wide).is_valid(value), (wide, narrow, value)


@SETTINGS
@given(schemas(), st.data())
def test_the_search_finds_no_witness_where_a_proof_holds(
    schema: dict[str, Any], data: st.DataObject
) -> None:
    """Cross-check with the witness search the proof short-cuts: run without the proof, it
    finds nothing wherever the proof holds."""
    other = mutate(schema, data)
    old_c, new_c = canonical(schema), canonical(other)
    if not accepts_all(new_c, old_c):
        return
    search = WitnessSearch(schema, other, old_c, new_c, Validators())
    assert search.find([], None) == (False, None)


def test_a_proven_change_is_still_reported_only_without_a_witness() -> None:
    """The diff still reports the change (a property dropped from an open object) and finds
    no rejected value, now without a search."""
    before = Tool(name="t", input_schema=OPEN, origin=Origin("file", "bare", "t.json"))
    after_schema = copy.deepcopy(OPEN)
    del after_schema["properties"]["b"]
    after = Tool(name="t", input_schema=after_schema, origin=Origin("file", "bare", "t.json"))
    items = analyse(before, after)
    assert [(i.kind, i.forward) for i in items] == [("diff/property-removed", False)]
