"""Representation folds: one canonical form for schemas that accept the same values.

One edit often shows up as several raw differences. pydantic 1 → 2 turned ``Optional[str]``
from ``{"type": "string"}`` into ``{"anyOf": [{"type": "string"}, {"type": "null"}]}``:
compared naively that is "type removed, anyOf added, branch added", and some of those get the
wrong verdict. Here each such representation is folded into one canonical form before the
parallel walk (``compare.py``), so the walk sees "null is now accepted" and nothing else. The
walk never contains suppression logic; a reader who wonders why a finding vanished looks here.

Each entry of ``TRANSITIONS`` names a fold, the raw kinds it claims (the differences that no
longer appear) and the kind reported instead (``None``: the change is representation only).
``$ref`` inlining and ``$defs`` renames are folded earlier, by ``schema.refs.inline_refs``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TypeGuard

from schemadrift.model import JSON
from schemadrift.schema.inline import inline_refs
from schemadrift.schema.refs import CYCLE_MARKER, REF_KEYWORDS

ALL_TYPES = frozenset({"array", "boolean", "null", "number", "object", "string"})
FALSE_SCHEMA: dict[str, JSON] = {"not": {}}

# Keywords that only annotate: they never change which values are accepted.
ANNOTATIONS = frozenset(
    {
        "title",
        "description",
        "default",
        "examples",
        "$comment",
        "deprecated",
        "readOnly",
        "writeOnly",
        "$id",
        "$schema",
        "$anchor",
        "$dynamicAnchor",
        "$vocabulary",
        "propertyOrdering",
    }
)


@dataclass(frozen=True, slots=True)
class Transition:
    """A recognised representation change: what it claims, and what is reported instead."""

    name: str
    claims: tuple[str, ...]
    reports: str | None
    why: str


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "ref-inlined",
        ("diff/schema-changed",),
        None,
        "`$ref` to a local `$defs`/`definitions` entry, `allOf: [{$ref}]`, `$ref` with sibling "
        "keywords (2019-09 on: both apply, so the target becomes an `allOf` branch beside the "
        "siblings, merged where it can be) and a renamed definition are the same schema once "
        "references are inlined (schema/refs.py, resolved with `referencing`).",
    ),
    Transition(
        "type-string-to-array",
        ("diff/type-widened", "diff/type-narrowed"),
        None,
        '`"type": "string"` and `"type": ["string"]` are one type set; so is a set listing '
        "every type and no `type` at all.",
    ),
    Transition(
        "nullable-keyword",
        ("diff/schema-changed",),
        "diff/nullability-widened",
        "OpenAPI `nullable: true` is `null` added to the type set, and OpenAPI's upper-case type "
        "names are JSON Schema's: only for the OpenAPI shape (Gemini `parameters`). Elsewhere "
        "`nullable` is an unknown keyword a JSON Schema validator ignores, and it is kept.",
    ),
    Transition(
        "anyof-null",
        ("diff/composition-branch-added", "diff/composition-branch-removed", "diff/type-changed"),
        "diff/nullability-widened",
        "`anyOf: [X, {type: null}]` (pydantic 2 `Optional[X]`) is X with `null` added to its "
        "type set; against pydantic 1's plain `X` only the nullability changed.",
    ),
    Transition(
        "anyof-of-types",
        ("diff/composition-branch-added", "diff/composition-branch-removed"),
        "diff/type-widened",
        "`anyOf`/`oneOf` whose branches each hold only a (disjoint) `type` is a type array.",
    ),
    Transition(
        "anyof-of-enums",
        ("diff/composition-branch-added", "diff/composition-branch-removed"),
        "diff/enum-value-added",
        "`anyOf` whose branches each hold only `enum`/`const` is one enum of their union.",
    ),
    Transition(
        "discriminated-oneof",
        ("diff/composition-branch-added", "diff/composition-branch-removed"),
        None,
        "`oneOf` whose branches accept only objects and each require one property with a "
        "different constant (a discriminated union) can never match twice: it is `anyOf`. The "
        "OpenAPI `discriminator` keyword beside it is an annotation. (Without `type: object` a "
        "string matches every branch, so such a `oneOf` is kept.)",
    ),
    Transition(
        "const-to-enum",
        ("diff/enum-added", "diff/enum-removed"),
        None,
        "`const: v` and `enum: [v]` accept exactly the same value.",
    ),
    Transition(
        "single-branch",
        ("diff/composition-branch-added", "diff/composition-branch-removed"),
        None,
        "`anyOf`/`oneOf`/`allOf` with one branch is that branch; `allOf` branches are one "
        "schema where their keywords combine (types and enums intersect, bounds take the "
        "tighter, `required` unites, `properties` merge per name), unless a keyword that reads "
        "its siblings (`additionalProperties`, `items`, `then`/`else`, `minContains`, "
        "`unevaluated*`) would see other siblings than it did.",
    ),
    Transition(
        "draft7-tuple-items",
        ("diff/items-changed",),
        None,
        "draft-07 `items: [..]` + `additionalItems` is 2020-12 `prefixItems` + `items`; "
        "`dependencies` is `dependentRequired` + `dependentSchemas`.",
    ),
    Transition(
        "unevaluated-without-composition",
        ("diff/additional-properties-narrowed", "diff/additional-properties-widened"),
        None,
        "`unevaluatedProperties`/`unevaluatedItems` on a node without composition (nor "
        "`contains`, which marks items evaluated) act as `additionalProperties`/`items`.",
    ),
    Transition(
        "boolean-exclusive-bound",
        ("diff/numeric-bound-narrowed", "diff/numeric-bound-widened"),
        None,
        "draft-04 `exclusiveMinimum: true` + `minimum: 0` is 2020-12 `exclusiveMinimum: 0`.",
    ),
    Transition(
        "default-null",
        ("diff/default-changed",),
        None,
        "`default: null` (pydantic 2 writes it for every `Optional[X] = None`) says what "
        "omitting the argument already meant; it is dropped.",
    ),
    Transition(
        "integer-bounds",
        ("diff/numeric-bound-narrowed", "diff/numeric-bound-widened"),
        None,
        "Where the only numbers accepted are integers, `exclusiveMaximum: 8` is `maximum: 7` and "
        "`minimum: 0.5` is `minimum: 1`: bounds become the inclusive integers they allow.",
    ),
    Transition(
        "integral-float",
        ("diff/numeric-bound-narrowed", "diff/numeric-bound-widened", "diff/default-changed"),
        None,
        "`1.0` and `1` are the same JSON number.",
    ),
)


def _number(value: JSON) -> JSON:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _value(value: JSON) -> JSON:
    """A literal (enum member, default) with integral floats folded, recursively."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, list):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    return value


def _key(value: JSON) -> str:
    return json.dumps(_value(value), sort_keys=True, separators=(",", ":"))


def _dedupe(values: list[JSON]) -> list[JSON]:
    seen: dict[str, JSON] = {}
    for value in values:
        seen.setdefault(_key(value), _value(value))
    return list(seen.values())


def type_set(node: dict[str, JSON]) -> frozenset[str] | None:
    """The types a canonical node allows, or ``None`` when it sets no type."""
    types = node.get("type")
    if types is None:
        return None
    return frozenset(types)


def _types(value: JSON) -> list[str] | None:
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = list(value)
    else:
        return None
    found = set(items)
    if "number" in found:
        found.discard("integer")
    return sorted(found)


def _is_false(node: JSON) -> bool:
    return node is False or (isinstance(node, dict) and node.get("not") == {} and len(node) == 1)


def _strings(value: JSON) -> TypeGuard[list[str]]:
    """A list of strings (a canonical `type` or `required`); anything else is left alone."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_num(value: JSON) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _integer_meet(a: list[str], b: list[str]) -> set[str]:
    """``integer`` survives ``number`` ∩ ``integer`` (integer is a subset of number)."""
    if ("integer" in a and "number" in b) or ("number" in a and "integer" in b):
        return {"integer"}
    return set()


def _only(node: JSON, keys: set[str]) -> bool:
    return isinstance(node, dict) and bool(node) and set(node) <= keys


# --- merging: the allOf of two canonical nodes as one node ------------------------------------

# Keywords that change what they mean when put beside more keywords. An applicator's
# annotations feed `unevaluated*`; a reference or a cycle marker stands for a whole schema.
_APPLICATORS = frozenset(
    {
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "if",
        "then",
        "else",
        "dependentSchemas",
        CYCLE_MARKER,
        *REF_KEYWORDS,
    }
)
_READERS: dict[str, frozenset[str]] = {
    "additionalProperties": frozenset({"properties", "patternProperties"}),
    "items": frozenset({"prefixItems"}),
    "additionalItems": frozenset({"items", "prefixItems"}),
    "then": frozenset({"if"}),
    "else": frozenset({"if"}),
    "contains": frozenset({"minContains", "maxContains"}),
    "minContains": frozenset({"contains"}),
    "maxContains": frozenset({"contains"}),
    "unevaluatedProperties": _APPLICATORS
    | {"properties", "patternProperties", "additionalProperties"},
    "unevaluatedItems": _APPLICATORS | {"prefixItems", "items", "contains"},
}
"""For each keyword that reads sibling keywords, the siblings it reads (2020-12). A merge
that would show it other siblings than it had (`additionalProperties` beside another
branch's `properties`) changes which values are accepted, so it is not made."""

_LOWER = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"})
_UPPER = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"})
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "dependentSchemas"})
_SCHEMA_VALUES = frozenset(
    {"items", "additionalProperties", "propertyNames", "unevaluatedProperties", "unevaluatedItems"}
)
_CONFLICT = object()
_ABSENT = object()


def _same(a: object, b: object) -> bool:
    if a is b:
        return True
    if a is _ABSENT or b is _ABSENT:
        return False
    return _key(a) == _key(b)


def _merge(base: dict[str, JSON], extra: dict[str, JSON]) -> dict[str, JSON] | None:
    """``allOf`` of two canonical nodes as one node, or ``None`` when they do not combine.

    A keyword in both combines where the meet has one spelling (types and enums intersect,
    bounds take the tighter, `required` and `properties` unite, subschemas of one keyword
    become an `allOf`); `base`'s annotations win (it is the outer node, what the model
    reads). A keyword that reads its siblings (``_READERS``) must see the same siblings in the
    merged node as it did on its own side."""
    if _is_false(base) or _is_false(extra):
        return dict(FALSE_SCHEMA)
    out = dict(base)
    for key, value in extra.items():
        if key not in out:
            out[key] = value
            continue
        if key in ANNOTATIONS or _same(out[key], value):
            continue
        combined = _combine(key, out[key], value)
        if combined is _CONFLICT:
            return None
        out[key] = combined
    for side in (base, extra):
        for key in side:
            readers = _READERS.get(key)
            if readers is not None and not all(
                _same(out.get(name, _ABSENT), side.get(name, _ABSENT)) for name in readers
            ):
                return None
    return out


def _combine(key: str, a: JSON, b: JSON) -> JSON:
    """One keyword's two values in an ``allOf`` as one value, or ``_CONFLICT``."""
    if key == "type" and _strings(a) and _strings(b):
        return sorted(set(a) & set(b) | _integer_meet(a, b))
    if key == "required" and _strings(a) and _strings(b):
        return list(dict.fromkeys([*a, *b]))
    if key == "enum" and isinstance(a, list) and isinstance(b, list):
        keys = {_key(v) for v in b}
        return [v for v in a if _key(v) in keys]
    if key in _LOWER and _is_num(a) and _is_num(b):
        return max(a, b)
    if key in _UPPER and _is_num(a) and _is_num(b):
        return min(a, b)
    if key == "multipleOf" and _is_num(a) and _is_num(b):
        return b if _multiple(b, a) else a if _multiple(a, b) else _CONFLICT
    if key in _SCHEMA_VALUES and isinstance(a, dict) and isinstance(b, dict):
        return _both(a, b)
    if key in _SCHEMA_MAPS and isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for name, schema in b.items():
            mine = out.get(name)
            if mine is None:
                out[name] = schema
            elif isinstance(mine, dict) and isinstance(schema, dict):
                out[name] = _both(mine, schema)
            else:
                return _CONFLICT
        return out
    if key == "dependentRequired" and isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for name, needed in b.items():
            mine = out.get(name)
            if mine is None:
                out[name] = needed
            elif _strings(mine) and _strings(needed):
                out[name] = list(dict.fromkeys([*mine, *needed]))
            else:
                return _CONFLICT
        return out
    if key == "allOf" and isinstance(a, list) and isinstance(b, list):
        return [*a, *b]
    return _CONFLICT


def _multiple(value: JSON, step: JSON) -> bool:
    """Whether ``value`` is a whole multiple of ``step`` (so `multipleOf: value` implies
    `multipleOf: step`)."""
    if not (_is_num(value) and _is_num(step)) or step == 0:
        return False
    ratio = value / step
    return math.isfinite(ratio) and abs(ratio - round(ratio)) < 1e-9


def _both(a: dict[str, JSON], b: dict[str, JSON]) -> JSON:
    """Two canonical subschemas that must both hold, as one canonical subschema."""
    return _settle({"allOf": [a, b]})


# --- the folds of one node -------------------------------------------------------------------


def _discriminated(branches: list[JSON], rest: dict[str, JSON]) -> bool:
    """Branches that accept only objects and each require a property whose single allowed
    value differs per branch: no value can match two of them."""
    if len(branches) < 2 or not all(isinstance(b, dict) for b in branches):
        return False
    if rest.get("type") != ["object"] and not all(
        isinstance(b, dict) and b.get("type") == ["object"] for b in branches
    ):
        return False  # a non-object ignores `properties`/`required`: it matches every branch
    names = None
    for branch in branches:
        assert isinstance(branch, dict)
        props = branch.get("properties")
        required = branch.get("required")
        if not isinstance(props, dict) or not _strings(required):
            return False
        tags = {
            n
            for n in required
            if isinstance(props.get(n), dict)
            and isinstance(props[n].get("enum"), list)
            and len(props[n]["enum"]) == 1
        }
        names = tags if names is None else names & tags
    for name in sorted(names or ()):
        values = [_key(b["properties"][name]["enum"][0]) for b in branches]
        if len(set(values)) == len(values):
            return True
    return False


# Keywords that can reject `null` even where the type set lists it: `anyOf: [X, null]` only
# folds into X accepting null when X holds none of them (every other keyword applies to one
# type of value and lets `null` through).
_NULL_SENSITIVE = frozenset(
    {"not", "if", "then", "else", "allOf", "anyOf", "oneOf", "const", CYCLE_MARKER, *REF_KEYWORDS}
)


def _fold_union(node: dict[str, JSON], keyword: str) -> dict[str, JSON]:
    """Fold an ``anyOf``/``oneOf`` list whose branches are types, enums or null (``node``
    itself when nothing folds)."""
    branches = node[keyword]
    if not isinstance(branches, list) or not branches:
        return node
    rest = {k: v for k, v in node.items() if k != keyword}
    if keyword == "oneOf" and "anyOf" not in node and _discriminated(branches, rest):
        node = {("anyOf" if k == "oneOf" else k): v for k, v in node.items()}
        keyword = "anyOf"
    live = [b for b in branches if not _is_false(b)]
    if not live:
        return dict(FALSE_SCHEMA)  # no branch can match: nothing is accepted
    if len(live) == 1:
        branch = live[0]
        if isinstance(branch, dict):
            merged = _merge(rest, branch)
            if merged is not None:
                return merged
        return node if len(live) == len(branches) else {**rest, keyword: live}
    # anyOf of type-only branches (oneOf too when the types are disjoint) → a type array.
    if all(_only(b, {"type"}) and _strings(b["type"]) for b in live):
        sets = [set(b["type"]) for b in live]
        total = sum(len(s) for s in sets)
        union = set().union(*sets)
        integer_in_number = "number" in union and "integer" in union
        if keyword == "anyOf" or (total == len(union) and not integer_in_number):
            merged = _merge(rest, {"type": _types(sorted(union)) or []})
            if merged is not None:
                return merged
    if keyword == "anyOf" and all(_only(b, {"enum"}) and isinstance(b["enum"], list) for b in live):
        values = _dedupe([v for b in live for v in b["enum"]])
        merged = _merge(rest, {"enum": values})
        if merged is not None:
            return merged
    # anyOf: [X, {type: null}] → X accepting null (pydantic 2 Optional).
    nulls = [b for b in live if _only(b, {"type"}) and b["type"] == ["null"]]
    others = [b for b in live if not (_only(b, {"type"}) and b["type"] == ["null"])]
    if keyword == "anyOf" and len(nulls) == 1 and len(others) == 1 and isinstance(others[0], dict):
        other = others[0]
        if _strings(other.get("type")) and not _NULL_SENSITIVE & set(other):
            widened = dict(other)
            widened["type"] = sorted({*other["type"], "null"})
            if isinstance(widened.get("enum"), list):
                widened["enum"] = _dedupe([*widened["enum"], None])
            merged = _merge(rest, widened)
            if merged is not None:
                return merged
    if len(live) < len(branches):
        return {**node, keyword: live}
    return node


def _draft7_forms(node: dict[str, JSON]) -> dict[str, JSON]:
    out = dict(node)
    items = out.get("items")
    if isinstance(items, list):
        out["prefixItems"] = items
        if "additionalItems" in out:
            out["items"] = out.pop("additionalItems")
        else:
            out.pop("items")
    elif "additionalItems" in out:
        out.pop("additionalItems")  # ignored without array-form items (draft-07)
    dependencies = out.pop("dependencies", None)
    if isinstance(dependencies, dict):
        required = {k: v for k, v in dependencies.items() if isinstance(v, list)}
        schemas = {k: v for k, v in dependencies.items() if not isinstance(v, list)}
        known_required = out.get("dependentRequired")
        known_schemas = out.get("dependentSchemas")
        if required and isinstance(known_required, (dict, type(None))):
            out["dependentRequired"] = {**required, **(known_required or {})}
        if schemas and isinstance(known_schemas, (dict, type(None))):
            out["dependentSchemas"] = {**schemas, **(known_schemas or {})}
    return out


def _unevaluated(out: dict[str, JSON]) -> dict[str, JSON]:
    """``unevaluated*`` on a node whose keywords are all adjacent: the plain keyword."""
    if "unevaluatedProperties" not in out and "unevaluatedItems" not in out:
        return out
    if not _APPLICATORS.isdisjoint(out):
        return out
    if "unevaluatedProperties" in out and "additionalProperties" not in out:
        out = {
            ("additionalProperties" if k == "unevaluatedProperties" else k): v
            for k, v in out.items()
        }
    if "unevaluatedItems" in out and "items" not in out and "contains" not in out:
        out = {("items" if k == "unevaluatedItems" else k): v for k, v in out.items()}
    return out


_NUMERIC = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"})


def _bounds(node: dict[str, JSON]) -> dict[str, JSON]:
    if _NUMERIC.isdisjoint(node):
        return node  # most nodes have no numeric keyword: nothing to fold
    out = dict(node)
    for exclusive, inclusive in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        flag = out.get(exclusive)
        if isinstance(flag, bool):
            del out[exclusive]
            if flag and inclusive in out:
                out[exclusive] = out.pop(inclusive)
    for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"):
        if key in out:
            out[key] = _number(out[key])
    types = out.get("type")
    if _strings(types) and "integer" in types and "number" not in types:
        _integer_bounds(out)
    # Keep only the tighter of an inclusive and an exclusive bound on the same side.
    for exclusive, inclusive, lower in (
        ("exclusiveMinimum", "minimum", True),
        ("exclusiveMaximum", "maximum", False),
    ):
        e, i = out.get(exclusive), out.get(inclusive)
        if _is_num(e) and _is_num(i):
            tighter = e >= i if lower else e <= i
            del out[inclusive if tighter else exclusive]
    return out


def _integer_bounds(out: dict[str, JSON]) -> None:
    """Bounds as the inclusive integers they allow, on a node whose only numbers are integers
    (``exclusiveMaximum: 8`` and ``maximum: 7`` accept the same integers)."""
    for inclusive, exclusive, lower in (
        ("minimum", "exclusiveMinimum", True),
        ("maximum", "exclusiveMaximum", False),
    ):
        found: list[int] = []
        value = out.get(inclusive)
        if _is_num(value):
            found.append(math.ceil(value) if lower else math.floor(value))
        value = out.get(exclusive)
        if _is_num(value):
            found.append(math.floor(value) + 1 if lower else math.ceil(value) - 1)
        if found:
            out.pop(exclusive, None)
            out[inclusive] = max(found) if lower else min(found)


def _normal(node: dict[str, JSON]) -> dict[str, JSON]:
    """The keyword-level folds of one node (its subschemas already canonical)."""
    out = _unevaluated(dict(node))
    if "type" in out:
        types = _types(out["type"])
        if types is not None:
            out["type"] = types
            if set(types) >= ALL_TYPES:
                del out["type"]
    if "const" in out:
        const = out.pop("const")
        if "enum" in out and isinstance(out["enum"], list):
            out["enum"] = [v for v in out["enum"] if _key(v) == _key(const)]
        else:
            out["enum"] = [const]
    if isinstance(out.get("enum"), list):
        out["enum"] = _dedupe(out["enum"])
    if "default" in out:
        out["default"] = _value(out["default"])
        if out["default"] is None:
            del out["default"]
    out = _bounds(out)
    if _strings(out.get("required")):
        out["required"] = list(dict.fromkeys(out["required"]))
        if not out["required"]:
            del out["required"]
    if out.get("uniqueItems") is False:
        del out["uniqueItems"]
    for key in ("properties", "patternProperties", "dependentSchemas", "dependentRequired"):
        if out.get(key) == {}:
            del out[key]
    if out.get("items") == {} and "prefixItems" not in out and "unevaluatedItems" not in out:
        del out["items"]  # (beside `unevaluatedItems` it marks every item evaluated)
    for key in ("minLength", "minItems", "minProperties"):
        if out.get(key) == 0:
            del out[key]
    return out


_SETTLE_ROUNDS = 16


def _settle(node: dict[str, JSON]) -> dict[str, JSON]:
    """``node`` (subschemas canonical) folded until no fold applies: a merge can bring in
    keywords that another fold reads (two bounds on one side, every type named, a branch
    left alone), so the folds run again after one, and ``canonical`` is idempotent."""
    out = node
    for _ in range(_SETTLE_ROUNDS):
        out = _normal(out)
        before = out
        for keyword in ("anyOf", "oneOf"):
            if keyword in out:
                out = _fold_union(out, keyword)
        if isinstance(out.get("allOf"), list):
            out = _merge_all_of(out)
        if out is before:
            break
    return out


def _merge_all_of(node: dict[str, JSON]) -> dict[str, JSON]:
    """The ``allOf`` branches that combine with the node merged into it (``node`` itself when
    none does)."""
    out = {k: v for k, v in node.items() if k != "allOf"}
    branches = node["allOf"]
    assert isinstance(branches, list)
    kept: list[JSON] = []
    for branch in branches:
        merged = _merge(out, branch) if isinstance(branch, dict) else None
        if merged is None:
            kept.append(branch)
        else:
            out = merged
    if len(kept) == len(branches):
        return node
    if kept:
        out["allOf"] = [*kept, *(out["allOf"] if isinstance(out.get("allOf"), list) else [])]
    return out


_SUBSCHEMA = (
    "additionalProperties",
    "items",
    "contains",
    "not",
    "propertyNames",
    "if",
    "then",
    "else",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contentSchema",
)
_SUBLIST = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBMAP = ("properties", "patternProperties", "dependentSchemas")
_NO_CONTRACT = (
    "$schema",
    "$id",
    "$comment",
    "$anchor",
    "$dynamicAnchor",
    "$recursiveAnchor",
    "$defs",
    "definitions",
    "examples",
)


def _openapi(out: dict[str, JSON]) -> None:
    """OpenAPI 3.0 spellings (Gemini `parameters`) as JSON Schema: upper-case type names,
    and `nullable: true` as `null` in the type set."""
    types = out.get("type")
    if isinstance(types, str):
        out["type"] = types = types.lower()
    elif _strings(types):
        out["type"] = types = [t.lower() for t in types]
    if out.get("nullable") is True and (isinstance(types, str) or _strings(types)):
        out["type"] = [*([types] if isinstance(types, str) else types), "null"]
    out.pop("nullable", None)


def canonical_node(
    node: JSON,
    depth: int = 0,
    *,
    openapi: bool = False,
    memo: dict[tuple[int, int], tuple[JSON, JSON]] | None = None,
) -> JSON:
    """The canonical form of one (inlined) schema node and everything below it. ``openapi``
    reads it as an OpenAPI 3.0 Schema object (Gemini ``parameters``). ``memo`` holds the
    forms already made in this pass, by node identity: an inlined definition is one object
    wherever it is referenced, and is folded once."""
    if node is True:
        return {}
    if node is False:
        return dict(FALSE_SCHEMA)
    if not isinstance(node, dict) or depth > 200:
        return node
    if memo is None:
        memo = {}
    key = (id(node), depth)
    known = memo.get(key)
    if known is not None and known[0] is node:
        return known[1]
    out = _draft7_forms(node)
    for name in list(out):
        value = out[name]
        if name in _SUBSCHEMA and isinstance(value, (dict, bool)):
            out[name] = canonical_node(value, depth + 1, openapi=openapi, memo=memo)
        elif name in _SUBLIST and isinstance(value, list):
            out[name] = [canonical_node(v, depth + 1, openapi=openapi, memo=memo) for v in value]
        elif name in _SUBMAP and isinstance(value, dict):
            out[name] = {
                k: canonical_node(v, depth + 1, openapi=openapi, memo=memo)
                for k, v in value.items()
            }
    for name in _NO_CONTRACT:
        out.pop(name, None)
    if openapi:
        _openapi(out)
    result = _settle(out)
    memo[key] = (node, result)  # the node is held: its id is not reused while it is a key
    return result


def canonical(schema: JSON, *, openapi: bool = False) -> JSON:
    """``$ref``s inlined, then every fold of ``TRANSITIONS`` applied. ``openapi``: the schema
    is an OpenAPI 3.0 Schema object (the Gemini ``parameters`` shape), not JSON Schema."""
    return canonical_node(inline_refs(schema), openapi=openapi)
