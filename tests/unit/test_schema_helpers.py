"""JSON pointers round-trip; the walker visits every subschema once; $ref inlining terminates."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from schemadrift.schema.pointer import from_tokens, resolve, split
from schemadrift.schema.refs import CYCLE_MARKER, inline_refs, ref_sites
from schemadrift.schema.walk import walk

tokens = st.lists(st.text(max_size=8), max_size=6)


@given(tokens)
def test_pointer_round_trip(parts: list[str]) -> None:
    """Splitting a pointer built from tokens gives the tokens back, `~` and `/` included."""
    assert split(from_tokens(parts)) == parts


schemas = st.recursive(
    st.just({"type": "string"}) | st.just({}) | st.booleans(),
    lambda inner: (
        st.fixed_dictionaries(
            {
                "type": st.just("object"),
                "properties": st.dictionaries(st.text(max_size=4), inner, max_size=3),
            }
        )
        | st.fixed_dictionaries({"anyOf": st.lists(inner, min_size=1, max_size=3)})
        | st.fixed_dictionaries({"type": st.just("array"), "items": inner})
    ),
    max_leaves=12,
)


@settings(max_examples=60)
@given(schemas)
def test_every_walked_pointer_resolves_to_its_node(schema: object) -> None:
    """Each node the walker yields is found again at its own pointer."""
    for node in walk(schema):
        assert resolve(schema, node.pointer) is node.schema


def test_walk_is_iterative_on_deep_schemas() -> None:
    """A 10,000-deep schema walks without exhausting the Python stack."""
    schema: object = {"type": "string"}
    for _ in range(10_000):
        schema = {"type": "array", "items": schema}
    assert sum(1 for _ in walk(schema)) == 10_001


def test_inline_refs_resolves_and_drops_defs() -> None:
    """Local refs are replaced by their targets (siblings merged) and $defs dropped."""
    schema = {
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/A", "description": "x"}},
        "$defs": {"A": {"type": "string"}},
    }
    assert inline_refs(schema) == {
        "type": "object",
        "properties": {"a": {"type": "string", "description": "x"}},
    }


def test_inline_refs_terminates_on_cycles() -> None:
    """A recursive schema inlines to a finite value with a cycle marker."""
    schema = {
        "$ref": "#/$defs/Node",
        "$defs": {"Node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/Node"}}}},
    }
    out = inline_refs(schema)
    assert out["properties"]["child"] == {CYCLE_MARKER: "#/$defs/Node"}


def test_renamed_defs_inline_to_the_same_value() -> None:
    """Renaming a definition is representation only."""
    a = {
        "type": "object",
        "properties": {"x": {"$ref": "#/$defs/A"}},
        "$defs": {"A": {"type": "integer"}},
    }
    b = {
        "type": "object",
        "properties": {"x": {"$ref": "#/definitions/B"}},
        "definitions": {"B": {"type": "integer"}},
    }
    assert inline_refs(a) == inline_refs(b)


def test_ref_sites_classify_local_remote_and_missing() -> None:
    """Each $ref is classified, and local ones say whether they resolve."""
    schema = {
        "properties": {
            "a": {"$ref": "#/$defs/A"},
            "b": {"$ref": "#/$defs/Missing"},
            "c": {"$ref": "https://example.com/c.json"},
            "d": {"$ref": "other.json#/X"},
        },
        "$defs": {"A": {}},
    }
    sites = {(s.pointer, s.kind, s.resolved) for s in ref_sites(schema)}
    assert sites == {
        ("/properties/a", "local", True),
        ("/properties/b", "local", False),
        ("/properties/c", "remote", False),
        ("/properties/d", "relative", False),
    }
