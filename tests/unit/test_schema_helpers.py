"""JSON pointers round-trip; the walker visits every subschema once; $ref inlining terminates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemadrift.schema.inline import inline_refs
from schemadrift.schema.pointer import from_tokens, resolve, split
from schemadrift.schema.refs import CYCLE_MARKER, opaque_forms, ref_sites, unresolved_refs
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
    """Local refs are replaced by their targets and $defs dropped; a bare `$ref` is its
    target, a `$ref` with siblings keeps them beside the target (an allOf: both apply)."""
    schema = {
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/A", "description": "x"}, "b": {"$ref": "#/$defs/A"}},
        "$defs": {"A": {"type": "string"}},
    }
    assert inline_refs(schema) == {
        "type": "object",
        "properties": {
            "a": {"description": "x", "allOf": [{"type": "string"}]},
            "b": {"type": "string"},
        },
    }


def test_ref_siblings_both_apply_from_2019_09() -> None:
    """The audit's repro: a sibling `maxLength` no longer overwrites the target's (2020-12
    applies both, so a 15-character string is rejected)."""
    schema = {
        "properties": {"s": {"$ref": "#/$defs/A", "maxLength": 20}},
        "$defs": {"A": {"type": "string", "maxLength": 10}},
    }
    assert inline_refs(schema) == {
        "properties": {"s": {"maxLength": 20, "allOf": [{"type": "string", "maxLength": 10}]}}
    }


def test_ref_siblings_are_ignored_up_to_draft_07() -> None:
    """Draft-07 (declared, or a schema written in its forms) ignores a `$ref`'s siblings."""
    declared = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "properties": {"s": {"$ref": "#/definitions/A", "maxLength": 20}},
        "definitions": {"A": {"type": "string"}},
    }
    assert inline_refs(declared)["properties"]["s"] == {"type": "string"}
    implied = {
        "properties": {"s": {"$ref": "#/definitions/A", "maxLength": 20, "description": "d"}},
        "definitions": {"A": {"type": "string"}},
    }
    # the description is kept: the model still reads it
    assert inline_refs(implied)["properties"]["s"] == {
        "description": "d",
        "allOf": [{"type": "string"}],
    }


def test_refs_resolve_as_the_spec_says() -> None:
    """`$id` moves the base URI (relative refs, embedded resources), `$anchor` names a node,
    and `$dynamicRef` follows the dynamic scope: all as `referencing` resolves them."""
    schema = {
        "$id": "https://example.com/root.json",
        "properties": {
            "a": {"$ref": "other.json"},
            "b": {"$ref": "#name"},
            "c": {"$ref": "https://example.com/nested/leaf.json"},
            "d": {"$ref": "nested/leaf.json#/minimum"},
        },
        "$defs": {
            "o": {"$id": "other.json", "type": "integer"},
            "n": {"$anchor": "name", "type": "string"},
            "l": {"$id": "nested/leaf.json", "minimum": {"const": 1}},
        },
    }
    out = inline_refs(schema)["properties"]
    assert out["a"]["type"] == "integer"
    assert out["b"]["type"] == "string"
    assert out["c"]["minimum"] == {"const": 1}
    assert out["d"] == {"const": 1}
    tree = {
        "$id": "https://example.com/tree",
        "$dynamicAnchor": "node",
        "type": "object",
        "properties": {"kids": {"type": "array", "items": {"$dynamicRef": "#node"}}},
    }
    assert inline_refs(tree)["properties"]["kids"]["items"] == {CYCLE_MARKER: 2}


def test_inline_refs_terminates_on_cycles() -> None:
    """A recursive schema inlines to a finite value with a cycle marker that counts the
    instance levels back to the schema it repeats."""
    schema = {
        "$ref": "#/$defs/Node",
        "$defs": {"Node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/Node"}}}},
    }
    out = inline_refs(schema)
    assert out["properties"]["child"] == {CYCLE_MARKER: 1}
    assert inline_refs({"$ref": "#"}) == {CYCLE_MARKER: 0}


def test_recursive_definitions_renamed_or_moved_inline_equal() -> None:
    """The cycle marker does not name the definition: renaming it, or writing the recursion
    in place, is representation only."""
    named = {
        "properties": {"a": {"$ref": "#/$defs/A"}},
        "$defs": {"A": {"properties": {"child": {"$ref": "#/$defs/A"}}}},
    }
    renamed = {
        "properties": {"a": {"$ref": "#/$defs/Tree"}},
        "$defs": {"Tree": {"properties": {"child": {"$ref": "#/$defs/Tree"}}}},
    }
    in_place = {"properties": {"a": {"properties": {"child": {"$ref": "#/properties/a"}}}}}
    assert inline_refs(named) == inline_refs(renamed) == inline_refs(in_place)


def test_unresolvable_refs_are_kept_and_found() -> None:
    """Remote, other-file and dangling refs stay as they are; their nodes are listed, and
    the opaque forms read them as accepting everything, then as accepting nothing."""
    schema = {
        "type": "object",
        "properties": {
            "n": {"type": "string"},
            "m": {"$ref": "https://example.invalid/x.json", "description": "d"},
            "g": {"$ref": "#/$defs/gone"},
        },
    }
    assert inline_refs(schema)["properties"]["m"] == {
        "$ref": "https://example.invalid/x.json",
        "description": "d",
    }
    assert unresolved_refs(schema) == ["/properties/g", "/properties/m"]
    forms = opaque_forms(schema)
    assert forms is not None
    accepting, rejecting = forms
    assert accepting["properties"]["m"] == {"description": "d"}
    assert accepting["properties"]["g"] == {}
    assert rejecting["properties"]["m"] == rejecting["properties"]["g"] == {"not": {}}
    assert schema["properties"]["m"]["$ref"] == "https://example.invalid/x.json"  # not mutated
    assert opaque_forms({"properties": {"a": {"$ref": "#"}}}) is None


def test_values_that_are_not_subschemas_are_left_alone() -> None:
    """A `$ref` key inside `enum`, `default` or `const` is data, not a reference."""
    schema = {"enum": [{"$ref": "#/x"}], "default": {"$ref": "#"}, "$defs": {"x": {}}}
    assert inline_refs(schema) == {"enum": [{"$ref": "#/x"}], "default": {"$ref": "#"}}


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


@pytest.mark.parametrize(
    ("pointer", "node"),
    [
        ("/input_schema/properties/r/allOf/0/$ref", "/input_schema/properties/r"),
        ("/input_schema/properties/r/allOf", "/input_schema/properties/r"),
        ("/input_schema/properties/r/$ref", "/input_schema/properties/r"),
        ("/input_schema/required/0", "/input_schema"),
        ("/input_schema/$defs", "/input_schema"),
        ("/input_schema/properties/properties/type", "/input_schema/properties/properties"),
        ("/input_schema/items/0/type", "/input_schema/items/0"),
        ("/input_schema/items/type", "/input_schema/items"),
        ("/output_schema/items/properties/x/format", "/output_schema/items/properties/x"),
        ("/variants/openai-strict/properties/a/anyOf/1/type", "/variants/openai-strict/properties/a/anyOf/1"),
        ("/name", "/name"),
        ("", ""),
    ],
)  # fmt: skip
def test_schema_node_is_the_node_a_finding_judges(pointer: str, node: str) -> None:
    """The node read as the contract reads it: no trailing keyword, no allOf wrapper."""
    from schemadrift.schema.keywords import schema_node

    assert schema_node(pointer) == node
