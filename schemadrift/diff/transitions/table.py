"""``TRANSITIONS``: every representation fold, in the order ``canonical`` runs them.

Each entry names a fold, the raw kinds it claims (the differences that no longer appear), the
kind reported instead (``None``: the change is representation only), why the two spellings are
one, the fold itself and an example: ``fold(before) == after``, and both have one canonical
form (``tests/unit/test_canonical.py`` checks every entry). The table is the code: a fold that
is not here does not run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from schemadrift.diff.transitions import branches, keywords
from schemadrift.diff.transitions.merge import Settle
from schemadrift.model import JSON

_TAGGED_A = {"type": ["object"], "properties": {"k": {"enum": ["a"]}}, "required": ["k"]}
_TAGGED_B = {"type": ["object"], "properties": {"k": {"enum": ["b"]}}, "required": ["k"]}


class Stage(Enum):
    """Where a fold runs. ``canonical`` inlines the whole schema (``SCHEMA``), then, on each
    node: ``DESCENT`` before its subschemas are folded, ``NODE`` once after, then the
    ``KEYWORDS`` and ``BRANCHES`` folds in rounds until no ``BRANCHES`` fold changes the node
    (a merge can bring in keywords another fold reads)."""

    SCHEMA = "schema"
    DESCENT = "descent"
    NODE = "node"
    KEYWORDS = "keywords"
    BRANCHES = "branches"


@dataclass(frozen=True, slots=True)
class Transition:
    """A recognised representation change: what it claims, what is reported instead, the fold
    that makes it, and an example of it."""

    name: str
    claims: tuple[str, ...]
    reports: str | None
    why: str
    stage: Stage
    fold: Callable[..., dict[str, JSON]]  # (node), or (node, settle) at the BRANCHES stage
    before: dict[str, JSON]
    after: dict[str, JSON]
    openapi: bool = False  # only where the schema is read as an OpenAPI 3.0 Schema object

    def apply(self, node: dict[str, JSON], settle: Settle) -> dict[str, JSON]:
        """The fold on ``node``. A branch fold may merge branches into the node, and a merge
        settles what both sides hold (``merge.Settle``): it is handed the settling step."""
        if self.stage is Stage.BRANCHES:
            return self.fold(node, settle)
        return self.fold(node)


_BRANCH_KINDS = ("diff/composition-branch-added", "diff/composition-branch-removed")
_BOUND_KINDS = ("diff/numeric-bound-narrowed", "diff/numeric-bound-widened")

TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "ref-inlined",
        ("diff/schema-changed",),
        None,
        "`$ref` to a local `$defs`/`definitions` entry, `allOf: [{$ref}]`, `$ref` with sibling "
        "keywords (2019-09 on: both apply, so the target becomes an `allOf` branch beside the "
        "siblings, merged where it can be) and a renamed definition are the same schema once "
        "references are inlined (schema/refs.py, resolved with `referencing`).",
        Stage.SCHEMA,
        keywords.inlined,
        {"properties": {"a": {"$ref": "#/$defs/s"}}, "$defs": {"s": {"type": "string"}}},
        {"properties": {"a": {"type": "string"}}},
    ),
    Transition(
        "draft7-tuple-items",
        ("diff/items-changed",),
        None,
        "draft-07 `items: [..]` + `additionalItems` is 2020-12 `prefixItems` + `items`; "
        "`dependencies` is `dependentRequired` + `dependentSchemas`.",
        Stage.DESCENT,
        keywords.draft7_forms,
        {"items": [{"type": "string"}], "additionalItems": False},
        {"items": False, "prefixItems": [{"type": "string"}]},
    ),
    Transition(
        "no-contract-keywords",
        ("diff/schema-changed",),
        None,
        "`$schema`, `$id`, `$comment`, `$anchor`, `$dynamicAnchor`, `$recursiveAnchor`, "
        "`$defs`/`definitions` (once references are inlined) and `examples` accept every value: "
        "they are dropped.",
        Stage.NODE,
        keywords.no_contract,
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "t", "examples": [1]},
        {"title": "t"},
    ),
    Transition(
        "nullable-keyword",
        ("diff/schema-changed",),
        "diff/nullability-widened",
        "OpenAPI `nullable: true` is `null` added to the type set, and OpenAPI's upper-case type "
        "names are JSON Schema's: only for the OpenAPI shape (Gemini `parameters`). Elsewhere "
        "`nullable` is an unknown keyword a JSON Schema validator ignores, and it is kept.",
        Stage.NODE,
        keywords.openapi_forms,
        {"type": "STRING", "nullable": True},
        {"type": ["string", "null"]},
        openapi=True,
    ),
    Transition(
        "unevaluated-without-composition",
        ("diff/additional-properties-narrowed", "diff/additional-properties-widened"),
        None,
        "`unevaluatedProperties`/`unevaluatedItems` on a node without composition (nor "
        "`contains`, which marks items evaluated) act as `additionalProperties`/`items`.",
        Stage.KEYWORDS,
        keywords.unevaluated,
        {"properties": {"a": {}}, "unevaluatedProperties": {"not": {}}},
        {"properties": {"a": {}}, "additionalProperties": {"not": {}}},
    ),
    Transition(
        "type-string-to-array",
        ("diff/type-widened", "diff/type-narrowed"),
        None,
        '`"type": "string"` and `"type": ["string"]` are one type set; so is a set listing '
        "every type and no `type` at all.",
        Stage.KEYWORDS,
        keywords.type_array,
        {"type": "string"},
        {"type": ["string"]},
    ),
    Transition(
        "const-to-enum",
        ("diff/enum-added", "diff/enum-removed"),
        None,
        "`const: v` and `enum: [v]` accept exactly the same value.",
        Stage.KEYWORDS,
        keywords.const_to_enum,
        {"const": "a"},
        {"enum": ["a"]},
    ),
    Transition(
        "default-null",
        ("diff/default-changed",),
        None,
        "`default: null` (pydantic 2 writes it for every `Optional[X] = None`) says what "
        "omitting the argument already meant; it is dropped.",
        Stage.KEYWORDS,
        keywords.default_null,
        {"type": ["string"], "default": None},
        {"type": ["string"]},
    ),
    Transition(
        "boolean-exclusive-bound",
        _BOUND_KINDS,
        None,
        "draft-04 `exclusiveMinimum: true` + `minimum: 0` is 2020-12 `exclusiveMinimum: 0`.",
        Stage.KEYWORDS,
        keywords.boolean_exclusive,
        {"exclusiveMinimum": True, "minimum": 0},
        {"exclusiveMinimum": 0},
    ),
    Transition(
        "integral-float",
        (*_BOUND_KINDS, "diff/default-changed"),
        None,
        "`1.0` and `1` are the same JSON number.",
        Stage.KEYWORDS,
        keywords.integral_float,
        {"maximum": 3.0, "default": {"a": [2.0, 2.5]}},
        {"maximum": 3, "default": {"a": [2, 2.5]}},
    ),
    Transition(
        "integer-bounds",
        _BOUND_KINDS,
        None,
        "Where the only numbers accepted are integers, `exclusiveMaximum: 8` is `maximum: 7` and "
        "`minimum: 0.5` is `minimum: 1`: bounds become the inclusive integers they allow.",
        Stage.KEYWORDS,
        keywords.integer_bounds,
        {"type": ["integer"], "exclusiveMaximum": 8, "minimum": 0.5},
        {"type": ["integer"], "minimum": 1, "maximum": 7},
    ),
    Transition(
        "tighter-bound",
        _BOUND_KINDS,
        None,
        "An inclusive and an exclusive bound on one side are the tighter of the two: "
        "`exclusiveMinimum: 3` beside `minimum: 5` is `minimum: 5`.",
        Stage.KEYWORDS,
        keywords.tighter_bound,
        {"exclusiveMinimum": 3, "minimum": 5},
        {"minimum": 5},
    ),
    Transition(
        "vacuous-keywords",
        ("diff/schema-changed",),
        None,
        "Keywords that ask for nothing accept every value: an empty `required`, `properties`, "
        "`patternProperties` or `dependent*`, `uniqueItems: false`, `items: {}` (without "
        "`prefixItems`), `minLength`/`minItems`/`minProperties` of 0; a name listed twice in "
        "`required` is listed once.",
        Stage.KEYWORDS,
        keywords.vacuous,
        {"required": ["a", "a"], "uniqueItems": False, "properties": {}, "minLength": 0},
        {"required": ["a"]},
    ),
    Transition(
        "discriminated-oneof",
        _BRANCH_KINDS,
        None,
        "`oneOf` whose branches accept only objects and each require one property with a "
        "different constant (a discriminated union) can never match twice: it is `anyOf`. The "
        "OpenAPI `discriminator` keyword beside it is an annotation. (Without `type: object` a "
        "string matches every branch, so such a `oneOf` is kept.)",
        Stage.BRANCHES,
        branches.discriminated_oneof,
        {"oneOf": [_TAGGED_A, _TAGGED_B]},
        {"anyOf": [_TAGGED_A, _TAGGED_B]},
    ),
    Transition(
        "single-branch",
        _BRANCH_KINDS,
        None,
        "`anyOf`/`oneOf` with one branch that can match (the others are `false`) is that "
        "branch, where its keywords combine with the node's (see `allof-merged`); with none it "
        "is `false`.",
        Stage.BRANCHES,
        branches.single_branch,
        {"minLength": 1, "anyOf": [{"not": {}}, {"type": ["string"]}]},
        {"minLength": 1, "type": ["string"]},
    ),
    Transition(
        "anyof-of-types",
        _BRANCH_KINDS,
        "diff/type-widened",
        "`anyOf`/`oneOf` whose branches each hold only a (disjoint) `type` is a type array.",
        Stage.BRANCHES,
        branches.of_types,
        {"oneOf": [{"type": ["string"]}, {"type": ["integer"]}]},
        {"type": ["integer", "string"]},
    ),
    Transition(
        "anyof-of-enums",
        _BRANCH_KINDS,
        "diff/enum-value-added",
        "`anyOf` whose branches each hold only `enum`/`const` is one enum of their union.",
        Stage.BRANCHES,
        branches.of_enums,
        {"anyOf": [{"enum": ["a", "b"]}, {"enum": ["b", "c"]}]},
        {"enum": ["a", "b", "c"]},
    ),
    Transition(
        "anyof-null",
        (*_BRANCH_KINDS, "diff/type-changed"),
        "diff/nullability-widened",
        "`anyOf: [X, {type: null}]` (pydantic 2 `Optional[X]`) is X with `null` added to its "
        "type set; against pydantic 1's plain `X` only the nullability changed.",
        Stage.BRANCHES,
        branches.with_null,
        {"anyOf": [{"type": ["string"], "maxLength": 3}, {"type": ["null"]}]},
        {"type": ["null", "string"], "maxLength": 3},
    ),
    Transition(
        "false-branch",
        _BRANCH_KINDS,
        None,
        "An `anyOf`/`oneOf` branch that is `false` never matches: it is dropped.",
        Stage.BRANCHES,
        branches.false_dropped,
        {"anyOf": [{"not": {}}, {"type": ["string"]}, {"minimum": 1}]},
        {"anyOf": [{"type": ["string"]}, {"minimum": 1}]},
    ),
    Transition(
        "allof-merged",
        _BRANCH_KINDS,
        None,
        "`allOf` branches are one schema where their keywords combine (types and enums "
        "intersect, bounds take the tighter, `required` unites, `properties` merge per name), "
        "unless a keyword that reads its siblings (`additionalProperties`, `items`, "
        "`then`/`else`, `minContains`, `unevaluated*`) would see other siblings than it did.",
        Stage.BRANCHES,
        branches.merge_all_of,
        {"type": ["number"], "minimum": 0, "allOf": [{"type": ["integer"]}, {"minimum": 2}]},
        {"type": ["integer"], "minimum": 2},
    ),
)
