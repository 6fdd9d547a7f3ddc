"""Offline ``$ref`` handling: classify, resolve locally, inline with cycle detection.

Nothing here ever fetches: a remote or file ``$ref`` is reported, never retrieved (as
``referencing``'s default retriever refuses). Resolution supports JSON-pointer fragments
(``#/$defs/X``), the whole document (``#``) and plain-name ``$anchor`` fragments.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from schemadrift.model import JSON
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


CYCLE_MARKER = "$schemadrift-cycle"


def inline_refs(root: JSON, *, max_expansions: int = 10_000) -> JSON:
    """A copy of ``root`` with every resolvable local ``$ref`` replaced by its target.

    Sibling keywords of a ``$ref`` are merged over the target (2020-12 applies both). A
    reference that would recurse into itself becomes ``{"$schemadrift-cycle": <ref>}``, so
    recursive schemas terminate and two recursive schemas compare equal when their shapes
    are. ``$defs``/``definitions`` are dropped from the result: after inlining they carry no
    contract, and renaming them is representation only. Unresolvable and remote refs are
    kept as they are.
    """
    anchors = _anchors(root)
    budget = [max_expansions]

    def expand(node: JSON, active: tuple[str, ...]) -> JSON:
        if isinstance(node, list):
            return [expand(item, active) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        out: dict[str, JSON]
        if isinstance(ref, str) and ref_kind(ref) == LOCAL:
            target = resolve_local(root, ref, anchors)
            if target is not None and budget[0] > 0:
                if ref in active:
                    out = {CYCLE_MARKER: ref}
                else:
                    budget[0] -= 1
                    expanded = expand(target, (*active, ref))
                    out = dict(expanded) if isinstance(expanded, dict) else {"allOf": [expanded]}
                for key, value in node.items():
                    if key not in ("$ref", "$defs", "definitions"):
                        out[key] = expand(value, active)
                return out
        return {
            key: expand(value, active)
            for key, value in node.items()
            if key not in ("$defs", "definitions")
        }

    # A chain of refs nests one call per level: a long one raises ``RecursionError``, which
    # the CLI answers by running again on a deep stack (``schema.stack``). Returning ``root``
    # un-inlined instead would hide every change behind the chain.
    return expand(copy.deepcopy(root), ())
