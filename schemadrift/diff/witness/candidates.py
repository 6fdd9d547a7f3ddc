"""Candidate values: what the search tries at a node pair of the old and new schemas.

Literals and bounds of both sides come first, then each type's variations; objects only use
the property names the old schema declares (the closed world of DESIGN), and a base value the
old side accepts (and the new one too, where it can) fills the rest of the argument object.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from schemadrift.diff.transitions import FALSE_SCHEMA
from schemadrift.diff.witness.samples import numbers, sample_regex, strings
from schemadrift.diff.witness.screen import accepts
from schemadrift.model import JSON

MAX_DEPTH = 12
_FRESH = "extra_property"

_ANY: dict[str, JSON] = {}
"""The schema that accepts everything, as one object (see ``Generator.base``); never mutated."""


def as_node(value: JSON) -> dict[str, Any]:
    """A subschema as a dict to read keywords from: ``false`` as its canonical form, anything
    that is not an object as the schema that accepts everything."""
    if value is False:
        return dict(FALSE_SCHEMA)
    return value if isinstance(value, dict) else {}


def _branches(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The node, and the node merged with each of its anyOf/oneOf/allOf branches."""
    out = [node]
    for keyword in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(keyword) or []:
            if isinstance(branch, dict):
                merged = {k: v for k, v in node.items() if k != keyword}
                merged.update(branch)
                out.append(merged)
    return out


V = TypeVar("V")


def _remembered(
    table: dict[Any, tuple[JSON, JSON, V]], key: Any, old: JSON, new: JSON, make: Callable[[], V]
) -> V:
    """``table``'s value for the node pair ``old``, ``new`` (``key`` holds their ids), made by
    ``make`` the first time. The entry holds both nodes, so their ids are not reused."""
    cached = table.get(key)
    if cached is not None and cached[0] is old and cached[1] is new:
        return cached[2]
    value = make()
    table[key] = (old, new, value)
    return value


@dataclass
class Generator:
    """Builds candidate values for an (old, new) pair of canonical nodes."""

    _base_cache: dict[tuple[int, int], tuple[JSON, JSON, JSON]] = field(default_factory=dict)
    # By node pair (``_remembered``): every change of a pair asks again about the same nodes on
    # its way to the changed one, and each answer costs the size of the object (n changed
    # properties: n² work).
    _declared: dict[tuple[int, int], tuple[JSON, JSON, tuple[str, ...]]] = field(
        default_factory=dict
    )
    _objects_memo: dict[tuple[int, int, int], tuple[JSON, JSON, dict[str, JSON]]] = field(
        default_factory=dict
    )

    def declared(self, old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
        """The property names a value of ``old`` may hold, as the candidates use them."""
        return _remembered(
            self._declared, (id(old), id(new)), old, new, lambda: self._declared_names(old, new)
        )

    def _declared_names(self, old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
        """``declared``, computed: the old side's names, and the new side's where the old one
        explicitly accepted extra properties."""
        names = list((old.get("properties") or {}).keys())
        names += [n for n in old.get("required") or [] if isinstance(n, str)]
        for key in ("dependentRequired", "dependentSchemas"):
            for name, needed in (old.get(key) or {}).items():
                names.append(name)
                if isinstance(needed, list):
                    names += [n for n in needed if isinstance(n, str)]
        for node in _branches(old):
            names += list((node.get("properties") or {}).keys())
            names += [n for n in node.get("required") or [] if isinstance(n, str)]
            for item in node.get("enum") or []:
                if isinstance(item, dict):
                    names += list(item)
        extra = old.get("additionalProperties")
        explicit = (isinstance(extra, dict) and extra != FALSE_SCHEMA) or bool(
            old.get("patternProperties")
        )
        if explicit:
            names += list((new.get("properties") or {}).keys())
            names += [n for n in new.get("required") or [] if isinstance(n, str)]
            for pattern in old.get("patternProperties") or {}:
                names += sample_regex(pattern, 2)
            if isinstance(extra, dict) and extra != FALSE_SCHEMA:
                names.append(_FRESH)
        return tuple(dict.fromkeys(names))

    def base(self, old: JSON, new: JSON, depth: int = 0) -> JSON:
        """One value ``old`` accepts, preferring one ``new`` accepts too; ``...`` if none."""
        # Memoised by the identity of ``old`` and ``new``: an absent side is ``_ANY``, never a
        # fresh ``{}`` (a new id each time, so never found again: a required property that
        # has no value within ``MAX_DEPTH`` levels was searched again from every level above,
        # and a 13-level chain of required objects took seconds).
        o, n = as_node(old), as_node(new)
        if depth > MAX_DEPTH:
            return ...
        key = (id(old), id(new))
        cached = self._base_cache.get(key)
        if cached is not None and cached[0] is old and cached[1] is new:
            return cached[2]
        # Entries keep their nodes alive, so an id is never reused while it is a key. A
        # recursive schema met again while its value is being built gets "none" (``...``).
        self._base_cache[key] = (old, new, ...)
        found: JSON = ...
        for count, value in enumerate(self.pool(o, n, depth, shallow=True)):
            if count > 200:
                break
            if accepts(o, value):
                if accepts(n, value):
                    found = value
                    break
                if found is ...:
                    found = value
        self._base_cache[key] = (old, new, found)
        return found

    def base_object(self, old: dict[str, Any], new: dict[str, Any], depth: int) -> dict[str, JSON]:
        """An object ``old`` accepts: its required properties (and enough others to meet
        ``minProperties``) with base values. Memoised like ``declared``; never mutated (every
        caller copies it before adding a property)."""
        return _remembered(
            self._objects_memo,
            (id(old), id(new), depth),
            old,
            new,
            lambda: self._base_object(old, new, depth),
        )

    def _base_object(self, old: dict[str, Any], new: dict[str, Any], depth: int) -> dict[str, JSON]:
        """``base_object``, computed."""
        props = old.get("properties") or {}
        new_props = new.get("properties") or {}
        allowed = set(self.declared(old, new))
        out: dict[str, JSON] = {}
        wanted = dict.fromkeys(old.get("required") or [])  # ordered, and a set to look in
        wanted.update(dict.fromkeys(n for n in new.get("required") or [] if n in allowed))
        for name in wanted:
            value = self.base(props.get(name, _ANY), new_props.get(name, _ANY), depth + 1)
            if value is ...:
                value = self.base(props.get(name, _ANY), _ANY, depth + 1)
            if value is not ...:
                out[name] = value
        low = old.get("minProperties")
        if isinstance(low, int):
            for name in self.declared(old, new):
                if len(out) >= low:
                    break
                if name not in out:
                    value = self.base(props.get(name, _ANY), new_props.get(name, _ANY), depth + 1)
                    if value is not ...:
                        out[name] = value
        return out

    def pool(
        self, old: dict[str, Any], new: dict[str, Any], depth: int, shallow: bool = False
    ) -> Iterator[JSON]:
        """Candidate values at a node pair: literals first, then each type's variations."""
        nodes = _branches(old) + _branches(new)
        for node in nodes:
            yield from node.get("enum") or []
            if "default" in node:
                yield node["default"]
        types: set[str] = set()
        for node in _branches(old):
            if isinstance(node.get("type"), list):
                types |= set(node["type"])
        if not types:
            types = {"null", "boolean", "integer", "number", "string", "array", "object"}
        order = ["object", "array", "string", "integer", "number", "boolean", "null"]
        for kind in [k for k in order if k in types]:
            if kind == "null":
                yield None
            elif kind == "boolean":
                yield from (True, False)
            elif kind in ("integer", "number"):
                for value in numbers(nodes):
                    if kind == "number" or isinstance(value, int):
                        yield value
            elif kind == "string":
                yield from strings(nodes)
            elif kind == "array":
                yield from self._arrays(old, new, depth, shallow)
            elif kind == "object":
                yield from self._objects(old, new, depth, shallow)

    def _arrays(
        self, old: dict[str, Any], new: dict[str, Any], depth: int, shallow: bool
    ) -> Iterator[JSON]:
        """Arrays at the lengths both sides name, then (unless ``shallow``) one item varied."""
        if depth > MAX_DEPTH:
            return
        prefix = [as_node(p) for p in old.get("prefixItems") or []]
        new_prefix = [as_node(p) for p in new.get("prefixItems") or []]
        rest, new_rest = as_node(old.get("items", {})), as_node(new.get("items", {}))
        head = []
        for index, item in enumerate(prefix):
            partner = new_prefix[index] if index < len(new_prefix) else new_rest
            value = self.base(item, partner, depth + 1)
            if value is ...:
                break
            head.append(value)
        filler = self.base(rest, new_rest, depth + 1)
        low = old.get("minItems", 0) if isinstance(old.get("minItems"), int) else 0
        arrays: list[list[JSON]] = [[], list(head)]
        if filler is not ...:
            edges = [n.get(k) for n in (old, new) for k in ("minItems", "maxItems")]
            sizes = {low, low + 1, 1, 2, *edges}
            sizes |= {e + 1 for e in edges if isinstance(e, int)}
            sizes |= {e - 1 for e in edges if isinstance(e, int)}
            for size in sorted(s for s in sizes if isinstance(s, int)):
                if isinstance(size, int) and 0 <= size <= 64:
                    body = head[:size] + [filler] * max(0, size - len(head))
                    arrays.append(body)
            arrays.append([*head, filler])
        yield from arrays
        if shallow:
            return
        for index in range(len(prefix)):
            partner = new_prefix[index] if index < len(new_prefix) else new_rest
            for value in itertools.islice(self.pool(prefix[index], partner, depth + 1, True), 40):
                yield [*head[:index], value, *head[index + 1 :]]
        for value in itertools.islice(self.pool(rest, new_rest, depth + 1, True), 60):
            body = [*head, value]
            if filler is not ...:
                body += [filler] * max(0, low - len(body))
            yield body

    def _objects(
        self, old: dict[str, Any], new: dict[str, Any], depth: int, shallow: bool
    ) -> Iterator[JSON]:
        """The base object, with each declared property added, then (unless ``shallow``) one
        property varied."""
        if depth > MAX_DEPTH:
            return
        base = self.base_object(old, new, depth)
        yield base
        props = old.get("properties") or {}
        new_props = new.get("properties") or {}
        extra = as_node(old.get("additionalProperties", {}))
        new_extra = as_node(new.get("additionalProperties", {}))
        required_old = {n: base[n] for n in old.get("required") or [] if n in base}
        yield required_old
        names = self.declared(old, new)
        full = dict(base)
        for name in names:
            schema = props.get(name, extra)
            partner = new_props.get(name, new_extra)
            value = self.base(schema, partner, depth + 1)
            if value is ...:
                continue
            if name not in base or base[name] is not value:  # else it is ``base`` again
                yield {**base, name: value}
            full.setdefault(name, value)
        yield full
        if shallow:
            return
        for name in names:
            schema = props.get(name, extra)
            partner = new_props.get(name, new_extra)
            for value in itertools.islice(
                self.pool(as_node(schema), as_node(partner), depth + 1, True), 40
            ):
                yield {**base, name: value}

    def navigate(
        self, old: dict[str, Any], new: dict[str, Any], tokens: Sequence[str], depth: int = 0
    ) -> Iterator[JSON]:
        """Whole argument objects varied at the node ``tokens`` points to (old side).

        The path is followed to its end, however deep (its pointer bounds it: the diff reports
        changes down to 64 levels); values off the path are built within ``MAX_DEPTH`` levels
        of the root, as everywhere."""
        if not tokens:
            yield from self.pool(old, new, depth)
            return
        step, rest = tokens[0], tokens[1:]
        if step == "properties" and rest:
            name, rest = rest[0], rest[1:]
            sub = as_node((old.get("properties") or {}).get(name, {}))
            new_sub = as_node((new.get("properties") or {}).get(name, {}))
            obj = self.base_object(old, new, depth)
            for value in self.navigate(sub, new_sub, rest, depth + 1):
                yield {**obj, name: value}
        elif step == "additionalProperties":
            names = [n for n in self.declared(old, new) if n not in (old.get("properties") or {})]
            obj = self.base_object(old, new, depth)
            for name in names[:3]:
                sub = as_node(old.get("additionalProperties"))
                new_sub = as_node(
                    (new.get("properties") or {}).get(name, new.get("additionalProperties"))
                )
                for value in self.navigate(sub, new_sub, rest, depth + 1):
                    yield {**obj, name: value}
        elif step == "items" and "prefixItems" not in old:
            sub, new_sub = as_node(old.get("items", {})), as_node(new.get("items", {}))
            filler = self.base(sub, new_sub, depth + 1)
            low = old.get("minItems", 1) if isinstance(old.get("minItems"), int) else 1
            for value in self.navigate(sub, new_sub, rest, depth + 1):
                body = [value]
                if filler is not ...:
                    body += [filler] * max(0, low - 1)
                yield body
        elif step in ("anyOf", "oneOf", "allOf") and rest and rest[0].isdigit():
            branches = old.get(step) or []
            index = int(rest[0])
            if index < len(branches):
                merged = {k: v for k, v in old.items() if k != step}
                merged.update(as_node(branches[index]))
                yield from self.navigate(merged, new, rest[1:], depth + 1)
            yield from self.pool(old, new, depth)
        else:
            yield from self.pool(old, new, depth)
