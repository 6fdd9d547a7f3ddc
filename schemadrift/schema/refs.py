"""Offline ``$ref`` handling: classify references, resolve them as the spec says, inline them.

Resolution uses ``referencing`` (the library ``jsonschema`` resolves with), so ``$id`` base
URIs, ``$anchor``, relative references, embedded resources, ``$dynamicRef`` and
``$recursiveRef`` mean what they mean to a validator. Its registry is given a retrieve function
that always refuses: nothing here ever fetches, a remote or file reference only fails to
resolve. ``ref_sites``/``resolve_local`` are the lint rules' quick local view (JSON-pointer and
plain-name fragments of the document itself); the diff inlines with the full resolver.

Inlining follows the draft the schema is read under (``specification``): from 2019-09 on a
``$ref`` applies *beside* its sibling keywords, so ``{"$ref": X, "maxLength": 20}`` becomes
``{"maxLength": 20, "allOf": [X']}`` (an intersection, which the canonical forms merge where
they can); up to draft-07 a ``$ref`` replaces its node and its siblings are ignored.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote

from schemadrift.model import JSON, escape_token
from schemadrift.schema.pointer import resolve
from schemadrift.schema.walk import IN_SUBARRAY, IN_VALUE, walk

LOCAL = "local"
REMOTE = "remote"  # http(s), urn, or any absolute URI: never fetched
RELATIVE = "relative"  # another file ("defs.json#/X"): never read


def ref_kind(ref: str) -> str:
    if ref.startswith("#"):
        return LOCAL
    if "://" in ref or ref.startswith("urn:"):
        return REMOTE
    return RELATIVE


@dataclass(frozen=True, slots=True)
class RefSite:
    """A ``$ref`` found in a schema: where it is, what it says, and whether it resolves."""

    pointer: str  # pointer of the node holding the $ref, relative to the schema root
    ref: str
    kind: str
    resolved: bool


def _anchors(root: JSON) -> dict[str, JSON]:
    found: dict[str, JSON] = {}
    for node in walk(root):
        if isinstance(node.schema, dict):
            anchor = node.schema.get("$anchor")
            if isinstance(anchor, str):
                found.setdefault(anchor, node.schema)
    return found


_MISSING = object()


def resolve_local(root: JSON, ref: str, anchors: dict[str, JSON] | None = None) -> JSON:
    """The schema a local ``$ref`` points to, or ``None`` when it does not resolve."""
    fragment = unquote(ref[1:])
    if fragment == "":
        return root
    if fragment.startswith("/"):
        value = resolve(root, fragment, _MISSING)
        return None if value is _MISSING else value
    table = anchors if anchors is not None else _anchors(root)
    return table.get(fragment)


def ref_sites(root: JSON) -> Iterator[RefSite]:
    """Every ``$ref`` in ``root`` with its kind and whether it resolves offline."""
    anchors: dict[str, JSON] | None = None
    for node in walk(root):
        if not isinstance(node.schema, dict):
            continue
        ref = node.schema.get("$ref")
        if not isinstance(ref, str):
            continue
        kind = ref_kind(ref)
        resolved = False
        if kind == LOCAL:
            if anchors is None:
                anchors = _anchors(root)
            resolved = resolve_local(root, ref, anchors) is not None
        yield RefSite(node.pointer, ref, kind, resolved)


# --- drafts -----------------------------------------------------------------------------------

_DRAFT7_HINTS = ("definitions", "dependencies", "additionalItems")


def uses_draft7(schema: JSON) -> bool:
    """Whether a schema without ``$schema`` is written in draft-07's forms (array ``items``,
    ``definitions``, ``dependencies``, ``additionalItems``): the generators that still emit
    them target draft-07, and the witness validators judge such a schema by it."""
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("items"), list) or any(k in node for k in _DRAFT7_HINTS):
                return True
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))
    return False


@functools.cache
def _library() -> SimpleNamespace:
    """``referencing``, imported on first use: most tool schemas hold no reference, and the
    import (with attrs) costs ~40 ms of every run's start-up."""
    from referencing import Registry
    from referencing import jsonschema as drafts
    from referencing.exceptions import NoSuchResource, Unresolvable

    def refuse(uri: str) -> Any:
        """The registry's retrieve function: schemadrift never fetches a reference."""
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # an attrs class

    return SimpleNamespace(
        drafts=drafts,
        offline=Registry(retrieve=refuse),  # type: ignore[call-arg]
        # drafts in which `$ref` replaces its node: sibling keywords are ignored
        legacy=(drafts.DRAFT3, drafts.DRAFT4, drafts.DRAFT6, drafts.DRAFT7),
        # failures a malformed schema can raise inside `referencing` (a non-string `$id`, a
        # pointer through a string): the reference then does not resolve, never a crash
        broken=(Unresolvable, LookupError, TypeError, ValueError, AttributeError),
    )


def specification(root: JSON) -> Any:
    """The draft (a ``referencing`` specification) ``root`` is read under: its ``$schema``
    if it names a known draft (else 2020-12), otherwise draft-07 when it uses draft-07's
    forms, else 2020-12. The witness validators choose the same way, so inlining and
    confirmation agree."""
    drafts = _library().drafts
    declared = root.get("$schema") if isinstance(root, dict) else None
    if isinstance(declared, str):
        return drafts.specification_with(declared, default=drafts.DRAFT202012)
    return drafts.DRAFT7 if uses_draft7(root) else drafts.DRAFT202012


REF_KEYWORDS = ("$ref", "$dynamicRef", "$recursiveRef")
_DEFINITIONS = frozenset({"$defs", "definitions"})
_ANNOTATIONS = frozenset(
    {"title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly"}
)
"""What a model reads beside a draft-07 `$ref` though validators ignore it."""
_IN_MAP = frozenset({"properties", "patternProperties", "dependentSchemas", "dependencies"})
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


def has_refs(root: JSON) -> bool:
    """Whether any object in ``root`` holds a reference keyword (iterative)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if any(key in node for key in REF_KEYWORDS):
                return True
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))
    return False


@dataclass
class _Resolver:
    """One document's references, resolved with ``referencing`` as ``jsonschema`` does:
    a subschema with an ``$id`` moves the base URI, a reference is looked up from the
    resolver of the node holding it, and the resolver it returns (carrying the dynamic scope)
    is the one its target is read with."""

    root: JSON
    lib: Any = field(init=False)
    spec: Any = field(init=False)
    start: Any = field(init=False)
    # Lookups by the node holding the reference: without dynamic references a reference's
    # target depends only on the base URI, which the node's place in the document fixes (its
    # enclosing `$id`s), so a definition met again through another path resolves as before.
    # Off when the document has dynamic references, whose targets depend on the dynamic scope.
    _memo: dict[tuple[int, str], tuple[JSON, tuple[JSON, Any] | None]] | None = field(init=False)

    def __post_init__(self) -> None:
        self.lib = _library()
        self.spec = specification(self.root)
        try:
            self.start = self.lib.offline.resolver_with_root(self.spec.create_resource(self.root))
        except self.lib.broken:
            self.start = self.lib.offline.resolver()
        dynamic = _mentions_any(self.root, ("$dynamicRef", "$recursiveRef"))
        self._memo = None if dynamic else {}

    @property
    def static(self) -> bool:
        """Whether every reference resolves the same wherever it is met (no dynamic ones)."""
        return self._memo is not None

    @property
    def legacy(self) -> bool:
        return any(self.spec is spec for spec in self.lib.legacy)

    def enter(self, resolver: Any, node: dict[str, JSON]) -> Any:
        """The resolver for a subschema ``node`` reached by descent (its ``$id`` applied)."""
        if "$id" not in node and "id" not in node:
            return resolver
        try:
            return resolver.in_subresource(self.spec.create_resource(node))
        except self.lib.broken:
            return resolver

    def lookup(self, resolver: Any, keyword: str, ref: str, node: JSON) -> tuple[JSON, Any] | None:
        """``(target, its resolver)`` of ``node``'s reference, or ``None`` when it does not
        resolve."""
        key = (id(node), keyword)
        if self._memo is not None:
            known = self._memo.get(key)
            if known is not None and known[0] is node:
                return known[1]
        try:
            if keyword == "$recursiveRef":
                resolved = self.lib.drafts.lookup_recursive_ref(resolver)
            else:
                resolved = resolver.lookup(ref)
            found: tuple[JSON, Any] | None = (resolved.contents, resolved.resolver)
        except self.lib.broken:
            found = None
        if self._memo is not None:
            self._memo[key] = (node, found)  # the node is held: its id stays unique
        return found


def _mentions_any(root: JSON, keys: tuple[str, ...]) -> bool:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if any(key in node for key in keys):
                return True
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))
    return False


_FAR = 1 << 62
CYCLE_MARKER = "$schemadrift-cycle"
"""Stands for a reference back into a schema being inlined. Its value is how many instance
levels up that schema applies (``0``: the same instance), so the marker depends on the shape
of the recursion, not on the names of definitions: renaming one changes nothing."""


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
    resolver = _Resolver(root) if has_refs(root) else None
    return _Inliner(resolver, max_expansions).expand(root, None, 0, {}, entered=False)


@dataclass
class _Inliner:
    resolver: _Resolver | None
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
            if keyword in _DEFINITIONS:
                continue
            if keyword in REF_KEYWORDS and isinstance(value, str) and self.resolver is not None:
                target = self._follow(keyword, value, resolver, depth, path, node)
                if target is _MISSING:
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
        """The inlined target of one reference, or ``_MISSING`` to keep the reference."""
        assert self.resolver is not None
        if self.budget <= 0:
            return _MISSING
        found = self.resolver.lookup(resolver, keyword, ref, node)
        if found is None:
            return _MISSING
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
        if keyword in _IN_MAP and isinstance(value, dict):
            return {
                name: self.expand(item, resolver, below, path, entered=False)
                if isinstance(item, dict)
                else item
                for name, item in value.items()
            }
        return value


# --- opaque references ------------------------------------------------------------------------


def unresolved_refs(root: JSON) -> list[str]:
    """Pointers (in ``root``) of the nodes holding a reference that does not resolve offline.

    Every subschema of the document is visited, definitions included, with the resolver a
    validator would have there; a ``$dynamicRef`` counts as resolved when its initial target
    is found (its dynamic target, if any, falls back to that one)."""
    return _unresolved(root, _Resolver(root)) if has_refs(root) else []


def _unresolved(root: JSON, resolver: _Resolver) -> list[str]:
    found: list[str] = []
    stack: list[tuple[JSON, Any, str, bool]] = [(root, resolver.start, "", True)]
    while stack:
        node, current, pointer, entered = stack.pop()
        if not isinstance(node, dict):
            continue
        if not entered:
            current = resolver.enter(current, node)
        for keyword in REF_KEYWORDS:
            ref = node.get(keyword)
            if isinstance(ref, str) and resolver.lookup(current, keyword, ref, node) is None:
                found.append(pointer)
                break
        for rel, sub in _subschemas(node):
            stack.append((sub, current, pointer + rel, False))
    return sorted(found)


def _subschemas(node: dict[str, JSON]) -> Iterator[tuple[str, JSON]]:
    for keyword, value in node.items():
        token = "/" + escape_token(keyword)
        if keyword in IN_VALUE and isinstance(value, dict):
            yield token, value
        elif keyword in IN_SUBARRAY and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield f"{token}/{index}", item
        elif (keyword in _IN_MAP or keyword in _DEFINITIONS) and isinstance(value, dict):
            for name, item in value.items():
                if isinstance(item, dict):
                    yield f"{token}/{escape_token(str(name))}", item


def opaque_forms(root: JSON) -> tuple[JSON, JSON] | None:
    """``root`` with each reference that does not resolve read as accepting everything, and
    as accepting nothing; ``None`` when every reference resolves.

    A witness is checked against both forms of each side: a value the old schema accepts
    whatever the unresolvable parts say, and the new one rejects whatever they say, proves a
    break elsewhere in the schema without knowing what those parts hold (it never reaches
    them, or passes them either way). A change inside an unresolvable part has no such value,
    so it stays unproven."""
    if not has_refs(root):
        return None
    resolver = _Resolver(root)
    pointers = _unresolved(root, resolver)
    if not pointers:
        return None
    legacy = resolver.legacy
    accepting, rejecting = root, root
    for pointer in pointers:
        node = resolve(root, pointer)
        assert isinstance(node, dict)
        if legacy and "$ref" in node:
            opened: JSON = {}
        else:
            opened = {k: v for k, v in node.items() if k not in REF_KEYWORDS}
        accepting = _replaced(accepting, pointer, opened)
        rejecting = _replaced(rejecting, pointer, {"not": {}})
    return accepting, rejecting


def _replaced(document: JSON, pointer: str, value: JSON) -> JSON:
    """``document`` with the value at ``pointer`` replaced (the containers on the way copied)."""
    if pointer == "":
        return value
    head, _, rest = pointer[1:].partition("/")
    token = head.replace("~1", "/").replace("~0", "~")
    below = "/" + rest if rest else ""
    if isinstance(document, dict):
        return {**document, token: _replaced(document[token], below, value)}
    if isinstance(document, list):
        copy = list(document)
        copy[int(token)] = _replaced(document[int(token)], below, value)
        return copy
    return document
