"""One change made alone: a schema with the keywords of one change taken from the other side.

A witness must be rejected because of *its* change, not because of another one elsewhere in the
same tool; the search checks it against the schema with only that change made (``reverted``).
"""

from __future__ import annotations

from collections.abc import Sequence

from schemadrift.diff.delta import literal
from schemadrift.model import JSON

_REVERT_KEYS: dict[str, tuple[str, ...]] = {
    "type": ("type",),
    "nullability": ("type",),
    "enum": ("enum",),
    "const": ("enum",),
    "format": ("format",),
    "pattern": ("pattern",),
    "numeric": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    "length": (
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
        "minContains",
        "maxContains",
        "uniqueItems",
    ),
    "additional": ("additionalProperties",),
    "items": ("prefixItems", "items"),
    "composition": ("anyOf", "oneOf", "allOf"),
}

_ONE_VALUE = frozenset({"diff/enum-value-removed", "diff/enum-value-added"})
"""Kinds about one enum value: reverting one restores that value alone."""


def node_at(root: JSON, tokens: Sequence[str]) -> JSON:
    """The node at ``tokens`` (a split JSON pointer) below ``root``; ``None`` when absent."""
    node = root
    for step in tokens:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return None
    return node


def _replaced(root: JSON, tokens: Sequence[str], node: JSON) -> JSON:
    """A copy of ``root`` with ``node`` at ``tokens`` (copied along the path only)."""
    if not tokens:
        return node
    step, rest = tokens[0], tokens[1:]
    if isinstance(root, dict) and (step in root or not rest):
        return {**root, step: _replaced(root.get(step, {}), rest, node)}
    if isinstance(root, list) and step.isdigit() and int(step) < len(root):
        copy = list(root)
        copy[int(step)] = _replaced(root[int(step)], rest, node)
        return copy
    return root


def reverted(
    rejecting: JSON, node: Sequence[str], accepting_node: JSON, kind: str, name: str | None
) -> JSON:
    """``rejecting`` with its keyword(s) at ``node`` taken from ``accepting_node``: one change
    made alone.

    The witness search applies a single change to the old schema this way: a witness must
    fail that schema, so it is rejected because of *this* change, not because of another one
    elsewhere in the same tool (a required property added beside a property removed from an
    open object would otherwise "prove" the removal too).
    """
    target = node_at(rejecting, node)
    if target is None:
        target = {}  # the keyword holding the node is absent on this side (no `items` yet)
    if not isinstance(target, dict) or not isinstance(accepting_node, dict):
        return _replaced(rejecting, node, accepting_node)
    out = dict(target)
    family = kind.split("/", 1)[1].split("-", 1)[0]
    if kind in _ONE_VALUE and name is not None and isinstance(out.get("enum"), list):
        # one enum value added or removed: only that value changes, so each removed value is
        # proven by a witness of its own (two removals made at once shared one witness)
        values = [v for v in out["enum"] if literal(v) != name]
        source = accepting_node.get("enum")
        if isinstance(source, list):
            values += [v for v in source if literal(v) == name]
        out["enum"] = values
    elif "property" in kind and name is not None:
        props = dict(out.get("properties") or {})
        source = accepting_node.get("properties") or {}
        if name in source:
            props[name] = source[name]
        else:
            props.pop(name, None)
        out["properties"] = props
        required = [n for n in out.get("required") or [] if n != name]
        if name in (accepting_node.get("required") or []):
            required.append(name)
        out["required"] = required
    elif family in _REVERT_KEYS:
        for key in _REVERT_KEYS[family]:
            if key in accepting_node:
                out[key] = accepting_node[key]
            else:
                out.pop(key, None)
    elif kind == "diff/schema-changed" and name is not None and not name.startswith("{"):
        if name in accepting_node:
            out[name] = accepting_node[name]
        else:
            out.pop(name, None)
    else:
        out = dict(accepting_node)
    return _replaced(rejecting, node, out)
