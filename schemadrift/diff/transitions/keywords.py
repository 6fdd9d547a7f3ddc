"""The folds of one node's own keywords: each rewrites a spelling into the canonical one.

Each fold here is one entry of ``TRANSITIONS`` (``table.py``), and reads a node whose
subschemas are already canonical (except ``draft7_forms``, which runs before them). A fold
never changes its input: it returns the node itself when it does not apply, or a new node.
"""

from __future__ import annotations

import math

from schemadrift.diff.transitions.merge import APPLICATORS
from schemadrift.diff.transitions.values import (
    ALL_TYPES,
    FALSE_SCHEMA,
    dedupe,
    is_num,
    json_key,
    literal,
    number,
    strings,
    type_list,
)
from schemadrift.model import JSON
from schemadrift.schema.inline import inline_refs

Node = dict[str, JSON]

_NUMERIC = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
_BOUNDS = frozenset(_NUMERIC[:4])
_EXCLUSIVE = frozenset({"exclusiveMinimum", "exclusiveMaximum"})
_VACUOUS = frozenset(
    {
        "required",
        "uniqueItems",
        "properties",
        "patternProperties",
        "dependentSchemas",
        "dependentRequired",
        "items",
        "minLength",
        "minItems",
        "minProperties",
    }
)
_NO_CONTRACT = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "$anchor",
        "$dynamicAnchor",
        "$recursiveAnchor",
        "$defs",
        "definitions",
        "examples",
    }
)


def inlined(node: Node) -> Node:
    """Every reference that resolves offline replaced by its target (``schema.refs``); a
    schema that inlines to ``true``/``false`` as its canonical object."""
    out = inline_refs(node)
    if isinstance(out, dict):
        return out
    return dict(FALSE_SCHEMA) if out is False else {}


def draft7_forms(node: Node) -> Node:
    """Array-form ``items`` + ``additionalItems`` as ``prefixItems`` + ``items``, and
    ``dependencies`` as ``dependentRequired`` + ``dependentSchemas``."""
    if "items" not in node and "additionalItems" not in node and "dependencies" not in node:
        return node
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


def no_contract(node: Node) -> Node:
    """Keywords that hold no contract once references are inlined (``$schema``, ``$id``,
    ``$defs``, ``examples``...) dropped."""
    if _NO_CONTRACT.isdisjoint(node):
        return node
    return {k: v for k, v in node.items() if k not in _NO_CONTRACT}


def openapi_forms(node: Node) -> Node:
    """OpenAPI 3.0 spellings (Gemini ``parameters``) as JSON Schema: upper-case type names,
    and ``nullable: true`` as ``null`` in the type set."""
    out = dict(node)
    types = out.get("type")
    if isinstance(types, str):
        out["type"] = types = types.lower()
    elif strings(types):
        out["type"] = types = [t.lower() for t in types]
    if out.get("nullable") is True and (isinstance(types, str) or strings(types)):
        out["type"] = [*([types] if isinstance(types, str) else types), "null"]
    out.pop("nullable", None)
    return out


def unevaluated(node: Node) -> Node:
    """``unevaluated*`` on a node whose keywords are all adjacent: the plain keyword."""
    if "unevaluatedProperties" not in node and "unevaluatedItems" not in node:
        return node
    if not APPLICATORS.isdisjoint(node):
        return node
    out = node
    if "unevaluatedProperties" in out and "additionalProperties" not in out:
        out = {
            ("additionalProperties" if k == "unevaluatedProperties" else k): v
            for k, v in out.items()
        }
    if "unevaluatedItems" in out and "items" not in out and "contains" not in out:
        out = {("items" if k == "unevaluatedItems" else k): v for k, v in out.items()}
    return out


def type_array(node: Node) -> Node:
    """``type`` as a sorted list (``integer`` within ``number`` dropped); every type named is
    no ``type`` at all."""
    types = type_list(node["type"]) if "type" in node else None
    if types is None:
        return node
    out = dict(node)
    out["type"] = types
    if set(types) >= ALL_TYPES:
        del out["type"]
    return out


def const_to_enum(node: Node) -> Node:
    """``const`` as a one-value ``enum`` (beside an ``enum``: their common value), and every
    ``enum`` with each value once."""
    if "const" not in node and not isinstance(node.get("enum"), list):
        return node
    out = dict(node)
    if "const" in out:
        const = out.pop("const")
        if "enum" in out and isinstance(out["enum"], list):
            out["enum"] = [v for v in out["enum"] if json_key(v) == json_key(const)]
        else:
            out["enum"] = [const]
    if isinstance(out.get("enum"), list):
        out["enum"] = dedupe(out["enum"])
    return out


def default_null(node: Node) -> Node:
    """``default: null`` dropped: it says what omitting the argument already meant."""
    if "default" not in node or node["default"] is not None:
        return node
    return {k: v for k, v in node.items() if k != "default"}


def boolean_exclusive(node: Node) -> Node:
    """draft-04 ``exclusiveMinimum: true`` + ``minimum: m`` as ``exclusiveMinimum: m``."""
    if _EXCLUSIVE.isdisjoint(node):
        return node
    flags = [
        name
        for name in ("exclusiveMinimum", "exclusiveMaximum")
        if isinstance(node.get(name), bool)
    ]
    if not flags:
        return node
    out = dict(node)
    for exclusive, inclusive in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        flag = out.get(exclusive)
        if isinstance(flag, bool):
            del out[exclusive]
            if flag and inclusive in out:
                out[exclusive] = out.pop(inclusive)
    return out


def integral_float(node: Node) -> Node:
    """``1.0`` as ``1`` in bounds and defaults (enum members: ``const_to_enum``)."""
    if "default" not in node and _BOUNDS.isdisjoint(node) and "multipleOf" not in node:
        return node
    out = dict(node)
    if "default" in out:
        out["default"] = literal(out["default"])
    for name in _NUMERIC:
        if name in out:
            out[name] = number(out[name])
    return out


def integer_bounds(node: Node) -> Node:
    """Bounds as the inclusive integers they allow, on a node whose only numbers are integers
    (``exclusiveMaximum: 8`` and ``maximum: 7`` accept the same integers)."""
    types = node.get("type")
    if not (strings(types) and "integer" in types and "number" not in types):
        return node
    if _BOUNDS.isdisjoint(node):
        return node
    out = dict(node)
    for inclusive, exclusive, lower in (
        ("minimum", "exclusiveMinimum", True),
        ("maximum", "exclusiveMaximum", False),
    ):
        found: list[int] = []
        value = out.get(inclusive)
        if is_num(value):
            found.append(math.ceil(value) if lower else math.floor(value))
        value = out.get(exclusive)
        if is_num(value):
            found.append(math.floor(value) + 1 if lower else math.ceil(value) - 1)
        if found:
            out.pop(exclusive, None)
            out[inclusive] = max(found) if lower else min(found)
    return out


def tighter_bound(node: Node) -> Node:
    """Of an inclusive and an exclusive bound on one side, only the tighter kept."""
    if _EXCLUSIVE.isdisjoint(node):
        return node
    out = node
    for exclusive, inclusive, lower in (
        ("exclusiveMinimum", "minimum", True),
        ("exclusiveMaximum", "maximum", False),
    ):
        e, i = out.get(exclusive), out.get(inclusive)
        if is_num(e) and is_num(i):
            tighter = e >= i if lower else e <= i
            drop = inclusive if tighter else exclusive
            out = {k: v for k, v in out.items() if k != drop}
    return out


def vacuous(node: Node) -> Node:
    """Keywords that ask for nothing dropped: an empty ``required`` or ``properties``,
    ``uniqueItems: false``, ``items: {}``, a zero minimum length; and ``required`` with each
    name once."""
    if _VACUOUS.isdisjoint(node):
        return node
    out = dict(node)
    if strings(out.get("required")):
        out["required"] = list(dict.fromkeys(out["required"]))
        if not out["required"]:
            del out["required"]
    if out.get("uniqueItems") is False:
        del out["uniqueItems"]
    for name in ("properties", "patternProperties", "dependentSchemas", "dependentRequired"):
        if out.get(name) == {}:
            del out[name]
    if out.get("items") == {} and "prefixItems" not in out and "unevaluatedItems" not in out:
        del out["items"]  # (beside `unevaluatedItems` it marks every item evaluated)
    for name in ("minLength", "minItems", "minProperties"):
        if out.get(name) == 0:
            del out[name]
    return out if out != node else node
