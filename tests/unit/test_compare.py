"""``compare``: the exact raw ``Delta``s between two canonical schemas (kind, pointer, action,
values), nothing for equal schemas, and only an annotation for an order-only change."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemadrift.diff.compare import compare
from schemadrift.diff.delta import ANNOTATE, CHANGE, NARROW, WIDEN, Delta
from schemadrift.diff.transitions import canonical

STR = {"type": ["string"]}
INT = {"type": ["integer"]}
OBJ = {"type": ["object"]}
ARR = {"type": ["array"]}
SHORT = {"type": ["string"], "maxLength": 3}


def d(
    kind: str, pointer: str, action: str, before: Any = None, after: Any = None, **kw: Any
) -> Delta:
    """A delta on the root node unless ``node``/``target`` say otherwise."""
    node = kw.pop("node", "")
    return Delta(
        kind,
        pointer,
        kw.pop("target", node),
        action,
        before,
        after,
        discriminator=kw.pop("discriminator", None),
        node=node,
        removed=kw.pop("removed", False),
    )


CASES: dict[str, tuple[Any, Any, list[Delta]]] = {
    # types
    "type narrowed": (
        {"type": ["integer", "string"]},
        STR,
        [d("diff/type-narrowed", "/type", NARROW, ["integer", "string"], ["string"])],
    ),
    "type widened": (
        STR,
        {"type": ["integer", "string"]},
        [d("diff/type-widened", "/type", WIDEN, ["string"], ["integer", "string"])],
    ),
    "type changed": (STR, INT, [d("diff/type-changed", "/type", CHANGE, ["string"], ["integer"])]),
    "number to integer narrows": (
        {"type": ["number"]},
        INT,
        [d("diff/type-narrowed", "/type", NARROW, ["number"], ["integer"])],
    ),
    "integer to number widens": (
        INT,
        {"type": ["number"]},
        [d("diff/type-widened", "/type", WIDEN, ["integer"], ["number"])],
    ),
    "type removed widens": (
        STR,
        {},
        [d("diff/type-widened", "/type", WIDEN, ["string"], None, removed=True)],
    ),
    "null added": (
        STR,
        {"type": ["null", "string"]},
        [d("diff/nullability-widened", "/type", WIDEN, ["string"], ["null", "string"])],
    ),
    "null removed": (
        {"type": ["null", "string"]},
        STR,
        [d("diff/nullability-narrowed", "/type", NARROW, ["null", "string"], ["string"])],
    ),
    # enums
    "enum value removed": (
        {"enum": ["a", "b", "c"]},
        {"enum": ["a", "c"]},
        [d("diff/enum-value-removed", "/enum", NARROW, "b", None, discriminator='"b"')],
    ),
    "enum value added": (
        {"enum": ["a", "b"]},
        {"enum": ["a", "b", "c"]},
        [d("diff/enum-value-added", "/enum", WIDEN, None, "c", discriminator='"c"')],
    ),
    "enum values swapped": (
        {"enum": ["a", 1]},
        {"enum": [1, True]},
        [
            d("diff/enum-value-removed", "/enum", NARROW, "a", None, discriminator='"a"'),
            d("diff/enum-value-added", "/enum", WIDEN, None, True, discriminator="true"),
        ],
    ),
    "const changed": (
        {"enum": ["a"]},
        {"enum": ["b"]},
        [d("diff/const-changed", "/enum", CHANGE, "a", "b")],
    ),
    "enum added": (
        STR,
        {**STR, "enum": ["a"]},
        [d("diff/enum-added", "/enum", NARROW, None, ["a"])],
    ),
    "enum removed": (
        {**STR, "enum": ["a", "b"]},
        STR,
        [d("diff/enum-removed", "/enum", WIDEN, ["a", "b"], None, removed=True)],
    ),
    "enum reordered": ({"enum": ["a", "b"]}, {"enum": ["b", "a"]}, []),
    # numeric bounds
    "minimum narrowed": (
        {"minimum": 0},
        {"minimum": 1},
        [d("diff/numeric-bound-narrowed", "/minimum", NARROW, 0.0, 1.0)],
    ),
    "minimum widened": (
        {"minimum": 1},
        {"minimum": 0},
        [d("diff/numeric-bound-widened", "/minimum", WIDEN, 1.0, 0.0)],
    ),
    "minimum made exclusive": (
        {"minimum": 1},
        {"exclusiveMinimum": 1},
        [d("diff/numeric-bound-narrowed", "/exclusiveMinimum", NARROW, 1.0, 1.0)],
    ),
    "maximum narrowed": (
        {"maximum": 10},
        {"maximum": 5},
        [d("diff/numeric-bound-narrowed", "/maximum", NARROW, 10.0, 5.0)],
    ),
    "maximum added": (
        {},
        {"maximum": 10},
        [d("diff/numeric-bound-narrowed", "/maximum", NARROW, None, 10.0)],
    ),
    "maximum removed": (
        {"maximum": 10},
        {},
        [d("diff/numeric-bound-widened", "/maximum", WIDEN, 10.0, None, removed=True)],
    ),
    "multipleOf narrowed": (
        {"multipleOf": 2},
        {"multipleOf": 4},
        [d("diff/numeric-bound-narrowed", "/multipleOf", NARROW, 2, 4)],
    ),
    "multipleOf widened": (
        {"multipleOf": 4},
        {"multipleOf": 2},
        [d("diff/numeric-bound-widened", "/multipleOf", WIDEN, 4, 2)],
    ),
    "same bound as float": ({"minimum": 1}, {"minimum": 1.0}, []),
    # lengths
    "maxLength narrowed": (
        {**STR, "maxLength": 10},
        {**STR, "maxLength": 5},
        [d("diff/length-bound-narrowed", "/maxLength", NARROW, 10, 5)],
    ),
    "minItems widened": (
        {"minItems": 2},
        {"minItems": 1},
        [d("diff/length-bound-widened", "/minItems", WIDEN, 2, 1)],
    ),
    "maxProperties removed": (
        {"maxProperties": 2},
        {},
        [d("diff/length-bound-widened", "/maxProperties", WIDEN, 2, None, removed=True)],
    ),
    # format and pattern
    "format added": (
        STR,
        {**STR, "format": "email"},
        [d("diff/format-added", "/format", NARROW, None, "email")],
    ),
    "pattern removed": (
        {"pattern": "x"},
        {},
        [d("diff/pattern-removed", "/pattern", WIDEN, "x", None, removed=True)],
    ),
    "pattern changed": (
        {"pattern": "x"},
        {"pattern": "y"},
        [d("diff/pattern-changed", "/pattern", CHANGE, "x", "y")],
    ),
    # objects
    "optional property added": (
        {**OBJ, "properties": {"a": STR}},
        {**OBJ, "properties": {"a": STR, "b": INT}},
        [d("diff/optional-property-added", "/properties/b", WIDEN, None, INT, discriminator="b")],
    ),
    "optional property added to a map": (
        {"additionalProperties": STR},
        {"additionalProperties": STR, "properties": {"a": {}}},
        [d("diff/optional-property-added", "/properties/a", CHANGE, None, {}, discriminator="a")],
    ),
    "required property added": (
        {**OBJ, "properties": {"a": {}}},
        {**OBJ, "properties": {"a": {}, "b": STR}, "required": ["b"]},
        [d("diff/required-property-added", "/properties/b", NARROW, None, STR, discriminator="b")],
    ),
    "property removed": (
        {**OBJ, "properties": {"a": {}, "b": STR}, "required": ["b"]},
        {**OBJ, "properties": {"a": {}}},
        [
            d(
                "diff/property-removed",
                "/properties/b",
                CHANGE,
                STR,
                None,
                discriminator="b",
                removed=True,
            )
        ],
    ),
    "property became required": (
        {"properties": {"a": {}}},
        {"properties": {"a": {}}, "required": ["a"]},
        [d("diff/property-became-required", "/properties/a", NARROW, None, "a", discriminator="a")],
    ),
    "undeclared name became required": (
        {},
        {"required": ["x"]},
        [d("diff/property-became-required", "/required", NARROW, None, "x", discriminator="x")],
    ),
    "property became optional": (
        {"properties": {"a": {}}, "required": ["a"]},
        {"properties": {"a": {}}},
        [d("diff/property-became-optional", "/properties/a", WIDEN, "a", None, discriminator="a")],
    ),
    "nested property bound narrowed": (
        {"properties": {"a": {**STR, "maxLength": 5}}},
        {"properties": {"a": {**STR, "maxLength": 3}}},
        [
            d(
                "diff/length-bound-narrowed",
                "/properties/a/maxLength",
                NARROW,
                5,
                3,
                node="/properties/a",
            )
        ],
    ),
    "additional properties closed": (
        {"properties": {"a": {}}},
        {"properties": {"a": {}}, "additionalProperties": {"not": {}}},
        [
            d(
                "diff/additional-properties-narrowed",
                "/additionalProperties",
                NARROW,
                None,
                {"not": {}},
            )
        ],
    ),
    "additional properties opened": (
        {"properties": {"a": {}}, "additionalProperties": {"not": {}}},
        {"properties": {"a": {}}},
        [
            d(
                "diff/additional-properties-widened",
                "/additionalProperties",
                WIDEN,
                {"not": {}},
                None,
                removed=True,
            )
        ],
    ),
    "additional properties schema changed": (
        {"additionalProperties": STR},
        {"additionalProperties": INT},
        [
            d(
                "diff/type-changed",
                "/additionalProperties/type",
                CHANGE,
                ["string"],
                ["integer"],
                node="/additionalProperties",
            )
        ],
    ),
    # order
    "property order only": (
        {"properties": {"a": {}, "b": {}}},
        {"properties": {"b": {}, "a": {}}},
        [d("diff/property-order-changed", "/properties", ANNOTATE, ["a", "b"], ["b", "a"])],
    ),
    "nested property order only": (
        {"items": {"properties": {"a": {}, "b": {}}}},
        {"items": {"properties": {"b": {}, "a": {}}}},
        [
            d(
                "diff/property-order-changed",
                "/items/properties",
                ANNOTATE,
                ["a", "b"],
                ["b", "a"],
                node="/items",
            )
        ],
    ),
    "property order and a type": (
        {"properties": {"a": {}, "b": STR}},
        {"properties": {"b": INT, "a": {}}},
        [
            d(
                "diff/type-changed",
                "/properties/b/type",
                CHANGE,
                ["string"],
                ["integer"],
                node="/properties/b",
            ),
            d("diff/property-order-changed", "/properties", ANNOTATE, ["a", "b"], ["b", "a"]),
        ],
    ),
    "dict key order is no change": (
        {"type": ["string"], "maxLength": 3},
        {"maxLength": 3, "type": ["string"]},
        [],
    ),
    "anyOf branch order is no change": (
        {"anyOf": [SHORT, OBJ]},
        {"anyOf": [OBJ, SHORT]},
        [],
    ),
    # arrays
    "items type changed": (
        {**ARR, "items": STR},
        {**ARR, "items": INT},
        [
            d(
                "diff/type-changed",
                "/items/type",
                CHANGE,
                ["string"],
                ["integer"],
                node="/items",
            )
        ],
    ),
    "prefixItems grew": (
        {"prefixItems": [STR]},
        {"prefixItems": [STR, {}]},
        [
            d(
                "diff/items-changed",
                "/prefixItems",
                CHANGE,
                {"prefixItems": [STR], "items": None},
                {"prefixItems": [STR, {}], "items": None},
            )
        ],
    ),
    "prefixItems member narrowed": (
        {"prefixItems": [STR]},
        {"prefixItems": [SHORT]},
        [
            d(
                "diff/length-bound-narrowed",
                "/prefixItems/0/maxLength",
                NARROW,
                None,
                3,
                node="/prefixItems/0",
            )
        ],
    ),
    # composition
    "anyOf introduced": (
        {},
        {"anyOf": [SHORT, {**STR, "pattern": "x"}]},
        [
            d(
                "diff/composition-branch-added",
                "/anyOf",
                CHANGE,
                None,
                [SHORT, {**STR, "pattern": "x"}],
                discriminator='anyOf/[{"maxLength":3,"type":["string"]},'
                '{"pattern":"x","type":["string"]}]',
            )
        ],
    ),
    "anyOf removed as a whole": (
        {"anyOf": [SHORT, OBJ]},
        {},
        [
            d(
                "diff/composition-branch-removed",
                "/anyOf",
                CHANGE,
                [SHORT, OBJ],
                None,
                discriminator='anyOf/[{"maxLength":3,"type":["string"]},{"type":["object"]}]',
                removed=True,
            )
        ],
    ),
    "anyOf branch added widens": (
        {"anyOf": [SHORT, OBJ]},
        {"anyOf": [SHORT, OBJ, ARR]},
        [
            d(
                "diff/composition-branch-added",
                "/anyOf/2",
                WIDEN,
                None,
                ARR,
                discriminator='anyOf/{"type":["array"]}',
            )
        ],
    ),
    "oneOf branch added changes": (
        {"oneOf": [SHORT, OBJ]},
        {"oneOf": [SHORT, OBJ, ARR]},
        [
            d(
                "diff/composition-branch-added",
                "/oneOf/2",
                CHANGE,
                None,
                ARR,
                discriminator='oneOf/{"type":["array"]}',
            )
        ],
    ),
    "anyOf branch removed": (
        {"anyOf": [SHORT, OBJ, ARR]},
        {"anyOf": [SHORT, OBJ]},
        [
            d(
                "diff/composition-branch-removed",
                "/anyOf/2",
                CHANGE,
                ARR,
                None,
                discriminator='anyOf/{"type":["array"]}',
                removed=True,
            )
        ],
    ),
    "constraint changed inside a branch": (
        {"anyOf": [SHORT, OBJ]},
        {"anyOf": [OBJ, {**STR, "maxLength": 2}]},
        [
            d(
                "diff/length-bound-narrowed",
                "/anyOf/1/maxLength",
                NARROW,
                3,
                2,
                node="/anyOf/1",
                target="/anyOf/0",
            )
        ],
    ),
    "allOf branch added": (
        {"allOf": [SHORT, {"pattern": "x"}]},
        {"allOf": [SHORT, {"pattern": "x"}, {"format": "email"}]},
        [
            d(
                "diff/composition-branch-added",
                "/allOf/2",
                CHANGE,
                None,
                {"format": "email"},
                discriminator='allOf/{"format":"email"}',
            )
        ],
    ),
    # whole schemas, annotations, other keywords
    "became false": (
        STR,
        {"not": {}},
        [d("diff/schema-changed", "", NARROW, STR, {"not": {}})],
    ),
    "was false": (
        {"not": {}},
        STR,
        [d("diff/schema-changed", "", WIDEN, {"not": {}}, STR)],
    ),
    "description changed": (
        {"description": "a"},
        {"description": "b"},
        [d("diff/description-changed", "/description", ANNOTATE, "a", "b")],
    ),
    "default changed": (
        {"default": 1},
        {"default": 2},
        [d("diff/default-changed", "/default", ANNOTATE, 1, 2)],
    ),
    "not changed": (
        {"not": STR},
        {"not": INT},
        [d("diff/schema-changed", "/not", CHANGE, STR, INT, discriminator="not")],
    ),
}


@pytest.mark.parametrize(("old", "new", "expected"), CASES.values(), ids=list(CASES))
def test_compare_exact(old: Any, new: Any, expected: list[Delta]) -> None:
    assert compare(old, new) == expected


def test_unique_items_is_reported_once() -> None:
    """uniqueItems is a length-family delta only (it was also reported as
    diff/schema-changed by the loop over keywords without a delta of their own)."""
    assert compare({}, {"uniqueItems": True}) == [
        d("diff/length-bound-narrowed", "/uniqueItems", NARROW, False, True)
    ]
    assert compare({"uniqueItems": True}, {}) == [
        d("diff/length-bound-widened", "/uniqueItems", WIDEN, True, False, removed=True)
    ]


@pytest.mark.parametrize(
    ("keyword", "old", "new"),
    [
        ("propertyNames", {"maxLength": 3}, {"maxLength": 4}),
        ("dependentRequired", {"a": ["b"]}, None),
        ("patternProperties", {"^x": {}}, {"^y": {}}),
        ("dependentSchemas", {"a": {"required": ["b"]}}, {"a": {"required": ["c"]}}),
    ],
)
def test_object_keywords_are_reported_once(keyword: str, old: Any, new: Any) -> None:
    """Each is one diff/schema-changed (it was reported twice: by _object_delta and by the
    loop over keywords without a delta of their own)."""
    before = {keyword: old}
    after = {} if new is None else {keyword: new}
    assert compare(before, after) == [
        d(
            "diff/schema-changed",
            f"/{keyword}",
            CHANGE,
            old,
            new,
            discriminator=keyword,
            removed=new is None,
        )
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ({"type": "string"}, {"type": ["string"]}),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, {"type": ["string", "null"]}),
        ({"const": "a"}, {"enum": ["a"]}),
        ({"minimum": 0, "exclusiveMinimum": True}, {"exclusiveMinimum": 0}),
        ({"allOf": [{"type": "integer"}]}, {"type": "integer"}),
        ({"maximum": 1.0, "default": None}, {"maximum": 1}),
        (
            {"$defs": {"S": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/S"}}},
            {"properties": {"a": {"type": "string"}}},
        ),
        (True, {}),
        (False, {"not": {}}),
    ],
)
def test_representation_changes_compare_equal_once_canonical(old: Any, new: Any) -> None:
    assert compare(canonical(old), canonical(new)) == []


EQUIVALENT: dict[str, tuple[Any, Any]] = {
    "integer exclusive bound is the integer below": (
        {"type": "integer", "exclusiveMaximum": 8},
        {"type": "integer", "maximum": 7},
    ),
    "integer exclusive lower bound": (
        {"type": ["integer", "null"], "exclusiveMinimum": -1},
        {"type": ["integer", "null"], "minimum": 0},
    ),
    "root type implied by every oneOf branch": (
        {"oneOf": [{"type": "object", "required": ["a"]}, {"type": "object", "required": ["b"]}]},
        {
            "type": "object",
            "oneOf": [{"type": "object", "required": ["a"]}, {"type": "object", "required": ["b"]}],
        },
    ),
    "type implied by the enum": ({"enum": ["a", "b"]}, {"type": "string", "enum": ["a", "b"]}),
    "ref with siblings is an allOf of both": (
        {"properties": {"s": {"type": "string", "maxLength": 10}}},
        {
            "properties": {"s": {"$ref": "#/$defs/A", "maxLength": 20}},
            "$defs": {"A": {"type": "string", "maxLength": 10}},
        },
    ),
    "allOf wrapper or siblings, and a renamed recursive definition": (
        {
            "properties": {"t": {"allOf": [{"$ref": "#/$defs/T"}], "description": "d"}},
            "$defs": {"T": {"type": "object", "properties": {"up": {"$ref": "#/$defs/T"}}}},
        },
        {
            "properties": {"t": {"$ref": "#/$defs/Tree", "description": "d"}},
            "$defs": {"Tree": {"type": "object", "properties": {"up": {"$ref": "#/$defs/Tree"}}}},
        },
    ),
    "whitespace of a description": ({"description": "a  b\n c"}, {"description": "a b c "}),
    "OpenAPI nullable read as OpenAPI": (
        {"type": "STRING", "nullable": True},
        {"type": ["null", "string"]},
    ),
}


@pytest.mark.parametrize("name", list(EQUIVALENT))
def test_equivalent_schemas_give_no_delta(name: str) -> None:
    """Schemas that accept the same values (and read the same to the model) give nothing."""
    old, new = EQUIVALENT[name]
    openapi = name.startswith("OpenAPI")
    assert compare(canonical(old, openapi=openapi), canonical(new, openapi=openapi)) == []


def test_nullable_outside_openapi_is_not_null() -> None:
    """On a JSON Schema shape `nullable` is an unknown keyword: dropping `null` from the type
    list for it is a nullability narrowing (a 2020-12 validator now rejects null)."""
    deltas = compare(
        canonical({"type": ["integer", "null"]}),
        canonical({"type": "integer", "nullable": True}),
    )
    assert [x.kind for x in deltas] == ["diff/nullability-narrowed", "diff/schema-changed"]


def test_ref_siblings_narrowing_is_seen() -> None:
    """The audit's repro: `maxLength: 20` → `$ref` to `maxLength: 10` with a sibling 20."""
    deltas = compare(
        canonical({"properties": {"s": {"type": "string", "maxLength": 20}}}),
        canonical(
            {
                "properties": {"s": {"$ref": "#/$defs/A", "maxLength": 20}},
                "$defs": {"A": {"type": "string", "maxLength": 10}},
            }
        ),
    )
    assert deltas == [
        d(
            "diff/length-bound-narrowed",
            "/properties/s/maxLength",
            NARROW,
            20,
            10,
            node="/properties/s",
        )
    ]


def test_keywords_of_a_type_no_longer_accepted_are_not_widened() -> None:
    """An object closed by `additionalProperties: false` that became a string accepts no
    object at all: nothing is opened (corpus-vercel-zod4-root-type-string)."""
    old = {
        "type": "object",
        "properties": {"expression": {"type": "string"}},
        "required": ["expression"],
        "additionalProperties": False,
    }
    kinds = [x.kind for x in compare(canonical(old), canonical({"type": "string"}))]
    assert kinds == ["diff/type-changed", "diff/property-removed"]
    # and a bound on a type that was not accepted before narrows nothing
    kinds = [
        x.kind
        for x in compare(
            canonical({"type": "string"}), canonical({"type": "integer", "maximum": 3})
        )
    ]
    assert kinds == ["diff/type-changed"]


def test_removed_title_points_into_the_old_side() -> None:
    """A removed title or default is a removal: its pointer is the old side's keyword."""
    assert compare({"title": "T", "type": ["string"]}, {"type": ["string"]}) == [
        d("diff/description-changed", "/title", ANNOTATE, "T", None, removed=True)
    ]


def test_bare_booleans_and_none_are_schemas() -> None:
    assert compare(True, {}) == []
    assert compare(None, True) == []
    assert compare(False, {"not": {}}) == []
    assert compare(True, False) == [d("diff/schema-changed", "", NARROW, {}, {"not": {}})]


NAMES = st.sampled_from(["a", "b", "c"])
LITERALS = st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.sampled_from(["x", "y"]))
TYPES = st.lists(
    st.sampled_from(["array", "boolean", "integer", "null", "number", "object", "string"]),
    min_size=1,
    max_size=3,
    unique=True,
).map(sorted)


def _node(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    keywords: dict[str, st.SearchStrategy[Any]] = {
        "type": TYPES,
        "enum": st.lists(LITERALS, min_size=1, max_size=3),
        "minimum": st.integers(-2, 2),
        "exclusiveMaximum": st.integers(-2, 2),
        "maxLength": st.integers(0, 3),
        "uniqueItems": st.just(True),
        "pattern": st.sampled_from(["x", "^y"]),
        "properties": st.dictionaries(NAMES, inner, max_size=3),
        "required": st.lists(NAMES, min_size=1, max_size=2, unique=True),
        "additionalProperties": inner,
        "items": inner,
        "prefixItems": st.lists(inner, min_size=1, max_size=2),
        "anyOf": st.lists(inner, min_size=2, max_size=3),
        "oneOf": st.lists(inner, min_size=2, max_size=3),
        "allOf": st.lists(inner, min_size=2, max_size=3),
        "not": inner,
        "propertyNames": inner,
        "description": st.sampled_from(["d", "e"]),
        "default": LITERALS,
    }
    return st.lists(st.sampled_from(sorted(keywords)), max_size=4, unique=True).flatmap(
        lambda keys: st.fixed_dictionaries({key: keywords[key] for key in keys})
    )


canonical_schemas = st.recursive(
    st.just({}) | st.builds(lambda t: {"type": t}, TYPES), _node, max_leaves=8
).map(canonical)


@settings(max_examples=200, deadline=None)
@given(canonical_schemas)
def test_a_schema_never_differs_from_itself(schema: Any) -> None:
    assert compare(schema, schema) == []
    assert compare(schema, copy.deepcopy(schema)) == []
