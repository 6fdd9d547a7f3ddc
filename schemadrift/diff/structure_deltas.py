"""Deltas of a node's subschemas: properties and required, items, composition branches.

These descend: each is handed the walk (``compare._walk``, as ``walk``) to compare the
subschemas it pairs, so the walk and its structure deltas need not import each other.
"""

from __future__ import annotations

from schemadrift.diff.delta import (
    ANNOTATE,
    CHANGE,
    NARROW,
    WIDEN,
    Delta,
    Walk,
    as_node,
    delta_at,
    literal,
    same,
)
from schemadrift.diff.transitions import FALSE_SCHEMA
from schemadrift.model import JSON
from schemadrift.schema.pointer import join


def _explicit_map(node: dict[str, JSON]) -> bool:
    """Whether an object declares arbitrary names (closed world): explicit extra properties."""
    extra = node.get("additionalProperties")
    return (isinstance(extra, dict) and extra != FALSE_SCHEMA) or "patternProperties" in node


def object_delta(
    old: dict[str, JSON],
    new: dict[str, JSON],
    p: str,
    q: str,
    out: list[Delta],
    depth: int,
    walk: Walk,
) -> None:
    a_props: dict[str, JSON] = old["properties"] if isinstance(old.get("properties"), dict) else {}
    b_props: dict[str, JSON] = new["properties"] if isinstance(new.get("properties"), dict) else {}
    a_req = set(old.get("required") or []) if isinstance(old.get("required"), list) else set()
    b_req = set(new.get("required") or []) if isinstance(new.get("required"), list) else set()
    for name, sub in a_props.items():
        if name in b_props:
            walk(
                as_node(sub),
                as_node(b_props[name]),
                join(p, "properties", name),
                join(q, "properties", name),
                out,
                depth + 1,
            )
        else:
            out.append(
                delta_at(
                    p,
                    "diff/property-removed",
                    join(q, "properties", name),
                    q,
                    CHANGE,
                    sub,
                    None,
                    discriminator=name,
                    removed=True,
                )
            )
    for name, sub in b_props.items():
        if name in a_props:
            continue
        where = join(p, "properties", name)
        if name in b_req and name not in a_req:
            out.append(
                delta_at(
                    p,
                    "diff/required-property-added",
                    where,
                    q,
                    NARROW,
                    None,
                    sub,
                    discriminator=name,
                )
            )
        else:
            # Closed world: a name the old schema never declared is no part of its contract,
            # unless it explicitly accepted extra properties (a map) — then check for real.
            action = CHANGE if _explicit_map(old) else WIDEN
            out.append(
                delta_at(
                    p,
                    "diff/optional-property-added",
                    where,
                    q,
                    action,
                    None,
                    sub,
                    discriminator=name,
                )
            )
    common = [n for n in a_props if n in b_props]
    order = [n for n in b_props if n in a_props]
    if common != order:
        out.append(
            delta_at(
                p, "diff/property-order-changed", join(p, "properties"), q, ANNOTATE, common, order
            )
        )
    for name in sorted(b_req - a_req):
        if name in b_props and name not in a_props:
            continue  # reported as diff/required-property-added
        where = join(p, "properties", name) if name in b_props else join(p, "required")
        out.append(
            delta_at(
                p, "diff/property-became-required", where, q, NARROW, None, name, discriminator=name
            )
        )
    for name in sorted(a_req - b_req):
        if name in a_props and name not in b_props:
            continue  # reported as diff/property-removed
        where = join(p, "properties", name) if name in b_props else join(q, "required")
        out.append(
            delta_at(
                p,
                "diff/property-became-optional",
                where,
                q,
                WIDEN,
                name,
                None,
                discriminator=name,
                removed=name not in b_props,
            )
        )
    a_extra, b_extra = old.get("additionalProperties"), new.get("additionalProperties")
    if not same(a_extra, b_extra):
        a_node, b_node = as_node(a_extra), as_node(b_extra)
        if (
            isinstance(a_extra, dict)
            and isinstance(b_extra, dict)
            and FALSE_SCHEMA not in (a_extra, b_extra)
        ):
            walk(
                a_node,
                b_node,
                join(p, "additionalProperties"),
                join(q, "additionalProperties"),
                out,
                depth + 1,
            )
        elif b_node == FALSE_SCHEMA or (a_extra is None and b_extra is not None):
            out.append(
                delta_at(
                    p,
                    "diff/additional-properties-narrowed",
                    join(p, "additionalProperties"),
                    q,
                    NARROW,
                    a_extra,
                    b_extra,
                )
            )
        else:
            where = join(p if b_extra is not None else q, "additionalProperties")
            out.append(
                delta_at(
                    p,
                    "diff/additional-properties-widened",
                    where,
                    q,
                    WIDEN,
                    a_extra,
                    b_extra,
                    removed=b_extra is None,
                )
            )
    for key in ("dependentRequired", "patternProperties", "dependentSchemas", "propertyNames"):
        a, b = old.get(key), new.get(key)
        if not same(a, b):
            where = join(p if b is not None else q, key)
            out.append(
                delta_at(
                    p,
                    "diff/schema-changed",
                    where,
                    q,
                    CHANGE,
                    a,
                    b,
                    discriminator=key,
                    removed=b is None,
                )
            )


def array_delta(
    old: dict[str, JSON],
    new: dict[str, JSON],
    p: str,
    q: str,
    out: list[Delta],
    depth: int,
    walk: Walk,
) -> None:
    a_items, b_items = old.get("items"), new.get("items")
    a_prefix = old.get("prefixItems") if isinstance(old.get("prefixItems"), list) else None
    b_prefix = new.get("prefixItems") if isinstance(new.get("prefixItems"), list) else None
    if a_prefix is None and b_prefix is None:
        if not same(a_items, b_items):
            walk(
                as_node(a_items),
                as_node(b_items),
                join(p, "items"),
                join(q, "items"),
                out,
                depth + 1,
            )
        return
    if same(a_prefix, b_prefix) and not same(a_items, b_items):
        walk(as_node(a_items), as_node(b_items), join(p, "items"), join(q, "items"), out, depth + 1)
        return
    if (
        a_prefix is not None
        and b_prefix is not None
        and len(a_prefix) == len(b_prefix)
        and same(a_items, b_items)
    ):
        for index, (x, y) in enumerate(zip(a_prefix, b_prefix, strict=True)):
            walk(
                as_node(x),
                as_node(y),
                join(p, "prefixItems", index),
                join(q, "prefixItems", index),
                out,
                depth + 1,
            )
        return
    where = join(p, "prefixItems") if b_prefix is not None else join(q, "prefixItems")
    out.append(
        delta_at(
            p,
            "diff/items-changed",
            where,
            q,
            CHANGE,
            {"prefixItems": a_prefix, "items": a_items},
            {"prefixItems": b_prefix, "items": b_items},
            removed=b_prefix is None,
        )
    )


def _signature(node: JSON) -> str:
    if isinstance(node, dict):
        return literal(sorted(node.get("type") or [])) + literal(
            sorted(node.get("properties") or {})
        )
    return literal(node)


def composition_delta(
    keyword: str,
    old: dict[str, JSON],
    new: dict[str, JSON],
    p: str,
    q: str,
    out: list[Delta],
    depth: int,
    walk: Walk,
) -> None:
    a = old.get(keyword) if isinstance(old.get(keyword), list) else None
    b = new.get(keyword) if isinstance(new.get(keyword), list) else None
    if a is None and b is None:
        return
    a_list: list[JSON] = list(a or [])
    b_list: list[JSON] = list(b or [])
    if same(a_list, b_list):
        return
    left = list(range(len(a_list)))
    right = list(range(len(b_list)))
    for i in list(left):
        for j in right:
            if same(a_list[i], b_list[j]):
                left.remove(i)
                right.remove(j)
                break
    # Pair leftovers one-to-one by shape (same types and property names) and walk into them,
    # so a constraint changed inside a branch is reported as that constraint.
    paired = []
    if len(left) == 1 and len(right) == 1:
        paired.append((left[0], right[0]))
    else:
        for i in list(left):
            matches = [j for j in right if _signature(b_list[j]) == _signature(a_list[i])]
            if len(matches) == 1:
                paired.append((i, matches[0]))
                right.remove(matches[0])
        left = [i for i in left if i not in {x for x, _ in paired}]
    for i, j in paired:
        if i in left:
            left.remove(i)
        if j in right:
            right.remove(j)
        walk(
            as_node(a_list[i]),
            as_node(b_list[j]),
            join(p, keyword, j),
            join(q, keyword, i),
            out,
            depth + 1,
        )
    if a is None and len(right) > 1 and not paired:
        # The keyword itself is new: one change (every value must now match its branches),
        # not one "branch added" per branch, each claiming the same witness.
        out.append(
            delta_at(
                p,
                "diff/composition-branch-added",
                join(p, keyword),
                q,
                CHANGE,
                None,
                b_list,
                discriminator=f"{keyword}/{literal(b_list)}",
            )
        )
        return
    if b is None and len(left) > 1 and not paired:
        # The keyword is gone as a whole: one change.
        out.append(
            delta_at(
                p,
                "diff/composition-branch-removed",
                join(q, keyword),
                q,
                CHANGE,
                a_list,
                None,
                discriminator=f"{keyword}/{literal(a_list)}",
                removed=True,
            )
        )
        return
    for i in left:
        out.append(
            delta_at(
                p,
                "diff/composition-branch-removed",
                join(q, keyword, i),
                q,
                CHANGE,
                a_list[i],
                None,
                discriminator=f"{keyword}/{literal(a_list[i])}",
                removed=True,
            )
        )
    for j in right:
        # An anyOf branch can only widen; a oneOf branch can also make an instance match twice.
        action = WIDEN if keyword == "anyOf" and a is not None else CHANGE
        out.append(
            delta_at(
                p,
                "diff/composition-branch-added",
                join(p, keyword, j),
                q,
                action,
                None,
                b_list[j],
                discriminator=f"{keyword}/{literal(b_list[j])}",
            )
        )
