"""Inlining: a schema's offline references replaced by their targets, as the diff compares
schemas (``diff.transitions.canonical`` runs it before its folds).

It follows the draft the schema is read under (``refs.specification``): from 2019-09 on a
``$ref`` applies *beside* its sibling keywords, so ``{"$ref": X, "maxLength": 20}`` becomes
``{"maxLength": 20, "allOf": [X']}`` (an intersection, which the canonical forms merge where
they can); up to draft-07 a ``$ref`` replaces its node and its siblings are ignored.
Resolution is ``refs.Resolver``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schemadrift.model import JSON
from schemadrift.schema.keywords import DEFINITION_KEYWORDS, IN_SUBARRAY, IN_VALUE
from schemadrift.schema.refs import CYCLE_MARKER, IN_MAP, REF_KEYWORDS, Resolver, has_refs

_ANNOTATIONS = frozenset(
    {"title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly"}
)
"""What a model reads beside a draft-07 `$ref` though validators ignore it."""

_DESCENDS = frozenset(
    {
        "additionalItems",
        "additionalProperties",
        "contains",
        "contentSchema",
        "items",
        "prefixItems",
        "propertyNames",
        "properties",
        "patternProperties",
        "unevaluatedItems",
        "unevaluatedProperties",
    }
)
"""Keywords whose subschemas apply one instance level down (cycle markers count levels)."""

_FAR = 1 << 62  # no cycle marker reaches back yet
_KEEP = object()  # a reference ``_follow`` leaves as it is


def inline_refs(root: JSON, *, max_expansions: int = 10_000) -> JSON:
    """A copy of ``root`` with every reference that resolves offline replaced by its target.

    From 2019-09 on, a ``$ref`` beside other keywords becomes ``{...siblings, "allOf":
    [target]}`` (both apply; the siblings stay the node's own keywords, so their annotations
    are what the model reads); up to draft-07 the target replaces the node. A reference back
    into a schema being inlined becomes ``{"$schemadrift-cycle": levels}``, so recursive
    schemas terminate. After ``max_expansions`` references, or where a reference does not
    resolve (remote, another file, a dangling pointer), the ``$ref`` is kept as it is.
    ``$defs``/``definitions`` are dropped: once inlined they carry no contract, and renaming
    them is representation only. Values that are not subschemas (``enum``, ``default``,
    vendor keywords) are copied as they are, references inside them included.
    """
    resolver = Resolver(root) if has_refs(root) else None
    return _Inliner(resolver, max_expansions).expand(root, None, 0, {}, entered=False)


@dataclass
class _Inliner:
    """One inlining of one document: the references it may still expand and the expansions
    it can reuse."""

    resolver: Resolver | None
    budget: int
    # The shallowest schema on the path a cycle marker made so far points back to: an
    # expansion whose markers all point inside it is the same wherever it is met.
    reach: int = _FAR
    # Closed expansions by target: (target, inlined, references it expanded). A definition
    # referenced from many places is inlined once (and shares its value: nothing downstream
    # mutates it); each reuse still spends its references from the budget.
    done: dict[int, tuple[JSON, JSON, int]] = field(default_factory=dict)

    def expand(
        self,
        node: JSON,
        resolver: Any,
        depth: int,
        path: dict[int, int],
        *,
        entered: bool,
    ) -> JSON:
        """``node`` inlined. ``path`` maps each schema being inlined around this one to its
        instance depth; ``entered`` says ``resolver`` is already ``node``'s own."""
        if not isinstance(node, dict):
            return node
        key = id(node)
        if key in path:
            self.reach = min(self.reach, path[key])
            return {CYCLE_MARKER: depth - path[key]}
        if self.resolver is not None:
            if resolver is None:
                resolver = self.resolver.start
            elif not entered:
                resolver = self.resolver.enter(resolver, node)
        path[key] = depth
        try:
            return self._node(node, resolver, depth, path)
        finally:
            del path[key]

    def _node(self, node: dict[str, JSON], resolver: Any, depth: int, path: dict[int, int]) -> JSON:
        out: dict[str, JSON] = {}
        targets: list[JSON] = []
        ignores_siblings = False
        legacy_ref = self.resolver is not None and self.resolver.legacy
        for keyword, value in node.items():
            if keyword in DEFINITION_KEYWORDS:
                continue
            if keyword in REF_KEYWORDS and isinstance(value, str) and self.resolver is not None:
                target = self._follow(keyword, value, resolver, depth, path, node)
                if target is _KEEP:
                    out[keyword] = value
                else:
                    targets.append(target)
                    ignores_siblings |= keyword == "$ref" and legacy_ref
                continue
            out[keyword] = self._child(keyword, value, resolver, depth, path)
        if not targets:
            if legacy_ref and "$ref" in out:  # draft-07 and older ignore a `$ref`'s siblings
                return {k: v for k, v in out.items() if k == "$ref" or k in _ANNOTATIONS}
            return out
        if ignores_siblings:
            # draft-07 and older: `$ref` replaces its node for validation; its annotations
            # still reach the model that reads the schema, so they stay beside the target
            notes = {k: v for k, v in out.items() if k in _ANNOTATIONS}
            return {**notes, "allOf": [targets[0]]} if notes else targets[0]
        if not out and len(targets) == 1:
            return targets[0]
        existing = out.pop("allOf", None)
        out["allOf"] = [*targets, *(existing if isinstance(existing, list) else [])]
        if existing is not None and not isinstance(existing, list):
            out["allOf"].append({"allOf": existing})  # an invalid `allOf` stays visible
        return out

    def _follow(
        self,
        keyword: str,
        ref: str,
        resolver: Any,
        depth: int,
        path: dict[int, int],
        node: dict[str, JSON],
    ) -> Any:
        """The inlined target of one reference, or ``_KEEP`` to keep the reference."""
        assert self.resolver is not None
        if self.budget <= 0:
            return _KEEP
        found = self.resolver.lookup(resolver, keyword, ref, node)
        if found is None:
            return _KEEP
        target, target_resolver = found
        if not isinstance(target, dict) or id(target) in path:
            return self.expand(target, target_resolver, depth, path, entered=True)
        known = self.done.get(id(target))
        if known is not None and known[0] is target and known[2] <= self.budget:
            self.budget -= known[2]
            return known[1]
        self.budget -= 1
        outer, start = self.reach, self.budget + 1
        self.reach = _FAR
        inlined = self.expand(target, target_resolver, depth, path, entered=True)
        if self.reach >= depth and self.resolver.static and self.budget > 0:
            self.done[id(target)] = (target, inlined, start - self.budget)
        self.reach = min(outer, self.reach)
        return inlined

    def _child(
        self, keyword: str, value: JSON, resolver: Any, depth: int, path: dict[int, int]
    ) -> JSON:
        below = depth + 1 if keyword in _DESCENDS else depth
        if keyword in IN_VALUE and isinstance(value, (dict, bool)):
            return self.expand(value, resolver, below, path, entered=False)
        if keyword in IN_SUBARRAY and isinstance(value, list):
            return [
                self.expand(item, resolver, below, path, entered=False)
                if isinstance(item, dict)
                else item
                for item in value
            ]
        if keyword in IN_MAP and isinstance(value, dict):
            return {
                name: self.expand(item, resolver, below, path, entered=False)
                if isinstance(item, dict)
                else item
                for name, item in value.items()
            }
        return value
