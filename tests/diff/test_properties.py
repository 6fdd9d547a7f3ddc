"""Hypothesis invariants of the diff: no change, no finding; representation is no change;
every witness is accepted by the old schema and rejected by the new one."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemadrift.diff.run import diff_tools
from schemadrift.model import Origin, Tool

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = st.sampled_from(["a", "b", "c", "d"])

scalar = st.one_of(
    st.builds(lambda: {"type": "string"}),
    st.builds(lambda n: {"type": "string", "maxLength": n}, st.integers(1, 5)),
    st.builds(lambda n: {"type": "integer", "minimum": n}, st.integers(-3, 3)),
    st.builds(lambda n: {"type": "number", "maximum": n}, st.integers(-3, 3)),
    st.builds(
        lambda v: {"enum": v},
        st.lists(st.sampled_from(["x", "y", "z", 1, None]), min_size=1, max_size=3, unique=True),
    ),
    st.builds(lambda v: {"const": v}, st.sampled_from(["x", 2, True])),
    st.builds(lambda: {"type": "boolean"}),
    st.builds(lambda: {"type": ["string", "null"]}),
)


@st.composite
def schemas(draw: st.DrawFn) -> dict[str, Any]:
    props = draw(st.dictionaries(NAMES, scalar, min_size=1, max_size=4))
    required = draw(st.lists(st.sampled_from(sorted(props)), unique=True))
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        schema["required"] = required
    if draw(st.booleans()):
        schema["additionalProperties"] = False
    return schema


def tool(schema: Any) -> Tool:
    return Tool(name="t", input_schema=schema, origin=Origin("file", "bare", "t.json"))


def normalise(schema: dict[str, Any]) -> dict[str, Any]:
    """The same contract, spelt differently: refs, const/enum, type arrays, 1 vs 1.0."""
    out = copy.deepcopy(schema)
    defs: dict[str, Any] = {}
    for name, original in list(out["properties"].items()):
        prop = dict(reversed(list(original.items())))  # key order within a keyword's value
        if "const" in prop:
            prop = {"enum": [prop.pop("const")], **prop}
        if isinstance(prop.get("type"), str):
            prop["type"] = [prop["type"]]
        for key in ("minimum", "maximum"):
            if key in prop:
                prop[key] = float(prop[key])
        defs[f"D{name}"] = prop
        out["properties"][name] = {"allOf": [{"$ref": f"#/$defs/D{name}"}]}
    out["$defs"] = defs
    return out


def mutate(schema: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    out = copy.deepcopy(schema)
    name = data.draw(st.sampled_from(sorted(out["properties"])))
    choice = data.draw(st.integers(0, 4))
    if choice == 0:
        out["properties"][name] = data.draw(scalar)
    elif choice == 1:
        del out["properties"][name]
        out["required"] = [n for n in out.get("required", []) if n != name]
    elif choice == 2:
        out["required"] = sorted({*out.get("required", []), name})
    elif choice == 3:
        out["additionalProperties"] = not out.get("additionalProperties", True)
    else:
        out["properties"][name + "2"] = data.draw(scalar)
    return out


@SETTINGS
@given(schemas())
def test_no_change_no_finding(schema: dict[str, Any]) -> None:
    """diff(x, x) is empty."""
    assert diff_tools([tool(schema)], [tool(copy.deepcopy(schema))]) == []


@SETTINGS
@given(schemas())
def test_representation_is_not_a_change(schema: dict[str, Any]) -> None:
    """diff(x, normalise(x)) is empty."""
    found = diff_tools([tool(schema)], [tool(normalise(schema))])
    assert [(f.rule_id, f.pointer) for f in found] == []


@SETTINGS
@given(schemas(), st.data())
def test_every_witness_is_real(schema: dict[str, Any], data: st.DataObject) -> None:
    """Every witness validates against the old schema and fails against the new one."""
    after = mutate(schema, data)
    for finding in diff_tools([tool(schema)], [tool(after)]):
        if finding.has_witness:
            assert jsonschema.Draft202012Validator(schema).is_valid(finding.witness)
            assert not jsonschema.Draft202012Validator(after).is_valid(finding.witness)
