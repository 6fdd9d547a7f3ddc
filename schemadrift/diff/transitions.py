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

import math
from dataclasses import dataclass
from typing import TypeGuard

from schemadrift.model import JSON
from schemadrift.schema.refs import CYCLE_MARKER, inline_refs

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
        "`$ref` to a local `$defs`/`definitions` entry, `allOf: [{$ref}]` and a renamed "
        "definition are the same schema once references are inlined (schema/refs.py).",
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
        "OpenAPI `nullable: true` is `null` added to the type set (Gemini, OpenAPI 3.0 output).",
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
        "`oneOf` whose object branches each require one property with a different constant "
        "(a discriminated union) can never match twice: it is `anyOf`. The OpenAPI "
        "`discriminator` keyword beside it is an annotation.",
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
        "`anyOf`/`oneOf`/`allOf` with one branch is that branch; `allOf` branches with "
        "disjoint keywords are one schema (pydantic's `allOf: [{$ref}]` with siblings).",
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
        "`unevaluatedProperties`/`unevaluatedItems` on a node without composition act as "
        "`additionalProperties`/`items`.",
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
    import json

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


def _merge(base: dict[str, JSON], extra: dict[str, JSON]) -> dict[str, JSON] | None:
    """``allOf`` of two canonical nodes as one node, or ``None`` when they overlap."""
    out = dict(base)
    for key, value in extra.items():
        if key not in out:
            out[key] = value
        elif key in ANNOTATIONS:
            continue  # the outer node's annotation wins: it is what the model reads
        elif key == "type" and _strings(out["type"]) and _strings(value):
            out["type"] = sorted(set(out["type"]) & set(value) | _integer_meet(out["type"], value))
        elif key == "required" and _strings(out["required"]) and _strings(value):
            out["required"] = list(dict.fromkeys([*out["required"], *value]))
        elif _key(out[key]) != _key(value):
            return None
    return out


def _strings(value: JSON) -> TypeGuard[list[str]]:
    """A list of strings (a canonical `type` or `required`); anything else is left alone."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _integer_meet(a: list[str], b: list[str]) -> set[str]:
    """``integer`` survives ``number`` ∩ ``integer`` (integer is a subset of number)."""
    if ("integer" in a and "number" in b) or ("number" in a and "integer" in b):
        return {"integer"}
    return set()


def _only(node: JSON, keys: set[str]) -> bool:
    return isinstance(node, dict) and bool(node) and set(node) <= keys


def _discriminated(branches: list[JSON]) -> bool:
    """Branches that each require a property whose single allowed value differs per branch."""
    if len(branches) < 2 or not all(isinstance(b, dict) for b in branches):
        return False
    names = None
    for branch in branches:
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


def _fold_union(node: dict[str, JSON], keyword: str) -> dict[str, JSON]:
    """Fold an ``anyOf``/``oneOf`` list whose branches are types, enums or null."""
    branches = node[keyword]
    if not isinstance(branches, list) or not branches:
        return node
    if keyword == "oneOf" and "anyOf" not in node and _discriminated(branches):
        node = {("anyOf" if k == "oneOf" else k): v for k, v in node.items()}
        keyword = "anyOf"
    rest = {k: v for k, v in node.items() if k != keyword}
    branches = [b for b in branches if not _is_false(b)]
    if not branches:
        return _merge(rest, dict(FALSE_SCHEMA)) or node
    if len(branches) == 1:
        branch = branches[0]
        if isinstance(branch, dict):
            merged = _merge(rest, branch)
            if merged is not None:
                return merged
        return node
    # anyOf of type-only branches (oneOf too when the types are disjoint) → a type array.
    if all(_only(b, {"type"}) and _strings(b["type"]) for b in branches):
        sets = [set(b["type"]) for b in branches]
        total = sum(len(s) for s in sets)
        union = set().union(*sets)
        integer_in_number = "number" in union and "integer" in union
        if keyword == "anyOf" or (total == len(union) and not integer_in_number):
            merged = _merge(rest, {"type": _types(sorted(union)) or []})
            if merged is not None:
                return merged
    if all(_only(b, {"enum"}) and isinstance(b["enum"], list) for b in branches) and (
        keyword == "anyOf"
    ):
        values = _dedupe([v for b in branches for v in b["enum"]])
        merged = _merge(rest, {"enum": values})
        if merged is not None:
            return merged
    # anyOf: [X, {type: null}] → X accepting null (pydantic 2 Optional).
    nulls = [b for b in branches if _only(b, {"type"}) and b["type"] == ["null"]]
    others = [b for b in branches if not (_only(b, {"type"}) and b["type"] == ["null"])]
    if len(nulls) == 1 and len(others) == 1 and isinstance(others[0], dict):
        other = others[0]
        if _strings(other.get("type")) and not {"anyOf", "oneOf", "allOf", "not"} & set(other):
            widened = dict(other)
            widened["type"] = sorted({*other["type"], "null"})
            if isinstance(widened.get("enum"), list):
                widened["enum"] = _dedupe([*widened["enum"], None])
            merged = _merge(rest, widened)
            if merged is not None:
                return merged
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
    composed = {"allOf", "anyOf", "oneOf", "if", "not", "$ref", "dependentSchemas"} & set(out)
    if not composed:
        if "unevaluatedProperties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = out.pop("unevaluatedProperties")
        if "unevaluatedItems" in out and "items" not in out:
            out["items"] = out.pop("unevaluatedItems")
    return out


def _bounds(node: dict[str, JSON]) -> dict[str, JSON]:
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
    # Keep only the tighter of an inclusive and an exclusive bound on the same side.
    for exclusive, inclusive, lower in (
        ("exclusiveMinimum", "minimum", True),
        ("exclusiveMaximum", "maximum", False),
    ):
        e, i = out.get(exclusive), out.get(inclusive)
        if _is_num(e) and _is_num(i):
            tighter = float(e) >= float(i) if lower else float(e) <= float(i)
            del out[inclusive if tighter else exclusive]
    return out


def _is_num(value: JSON) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


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


def canonical_node(node: JSON, depth: int = 0) -> JSON:
    """The canonical form of one (inlined) schema node and everything below it."""
    if node is True:
        return {}
    if node is False:
        return dict(FALSE_SCHEMA)
    if not isinstance(node, dict) or depth > 200:
        return node
    if CYCLE_MARKER in node:
        return {CYCLE_MARKER: node[CYCLE_MARKER]}
    out = _draft7_forms(node)
    for key in list(out):
        value = out[key]
        if key in _SUBSCHEMA and isinstance(value, (dict, bool)):
            out[key] = canonical_node(value, depth + 1)
        elif key in _SUBLIST and isinstance(value, list):
            out[key] = [canonical_node(v, depth + 1) for v in value]
        elif key in _SUBMAP and isinstance(value, dict):
            out[key] = {k: canonical_node(v, depth + 1) for k, v in value.items()}
    for key in ("$schema", "$id", "$comment", "$anchor", "$defs", "definitions", "examples"):
        out.pop(key, None)
    if out.get("nullable") is True and (
        isinstance(out.get("type"), str) or _strings(out.get("type"))
    ):
        out["type"] = [*([out["type"]] if isinstance(out["type"], str) else out["type"]), "null"]
    out.pop("nullable", None)
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
    if out.get("additionalProperties") == {}:
        out["additionalProperties"] = {}  # explicit `true`: a declared map, kept (closed world)
    if out.get("items") == {} and "prefixItems" not in out:
        del out["items"]
    if out.get("minLength") == 0 or out.get("minItems") == 0 or out.get("minProperties") == 0:
        for key in ("minLength", "minItems", "minProperties"):
            if out.get(key) == 0:
                del out[key]
    for keyword in ("anyOf", "oneOf"):
        if keyword in out:
            out = _fold_union(out, keyword)
    if isinstance(out.get("allOf"), list):
        branches = out.pop("allOf")
        kept = []
        for branch in branches:
            merged = _merge(out, branch) if isinstance(branch, dict) else None
            if merged is None:
                kept.append(branch)
            else:
                out = merged
        if kept:
            out["allOf"] = kept
        for keyword in ("anyOf", "oneOf"):
            if keyword in out:
                out = _fold_union(out, keyword)
    return out


def canonical(schema: JSON) -> JSON:
    """``$ref``s inlined, then every fold of ``TRANSITIONS`` applied."""
    return canonical_node(inline_refs(schema))
