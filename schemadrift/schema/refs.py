"""Offline ``$ref`` handling: classify references and resolve them as the spec says.

Resolution uses ``referencing`` (the library ``jsonschema`` resolves with), so ``$id`` base
URIs, ``$anchor``, relative references, embedded resources, ``$dynamicRef`` and
``$recursiveRef`` mean what they mean to a validator. Its registry is given a retrieve function
that always refuses: nothing here ever fetches, a remote or file reference only fails to
resolve. ``ref_sites``/``resolve_local`` are the lint rules' quick local view (JSON-pointer and
plain-name fragments of the document itself); the diff inlines with the full resolver
(``inline.py``) and reads unresolvable references as opaque (``opaque_forms``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote

from schemadrift.model import JSON, escape_token
from schemadrift.schema.keywords import DEFINITION_KEYWORDS, IN_SUBARRAY, IN_VALUE
from schemadrift.schema.pointer import resolve
from schemadrift.schema.walk import walk

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
CYCLE_MARKER = "$schemadrift-cycle"
"""Stands for a reference back into a schema being inlined. Its value is how many instance
levels up that schema applies (``0``: the same instance), so the marker depends on the shape
of the recursion, not on the names of definitions: renaming one changes nothing."""

IN_MAP = frozenset({"properties", "patternProperties", "dependentSchemas", "dependencies"})
"""Keywords whose value maps names to subschemas (``$defs`` and ``definitions`` aside)."""


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
class Resolver:
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


# --- opaque references ------------------------------------------------------------------------


def unresolved_refs(root: JSON) -> list[str]:
    """Pointers (in ``root``) of the nodes holding a reference that does not resolve offline.

    Every subschema of the document is visited, definitions included, with the resolver a
    validator would have there; a ``$dynamicRef`` counts as resolved when its initial target
    is found (its dynamic target, if any, falls back to that one)."""
    return _unresolved(root, Resolver(root)) if has_refs(root) else []


def _unresolved(root: JSON, resolver: Resolver) -> list[str]:
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
        elif (keyword in IN_MAP or keyword in DEFINITION_KEYWORDS) and isinstance(value, dict):
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
    resolver = Resolver(root)
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
