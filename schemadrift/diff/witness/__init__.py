"""Witnesses: a concrete argument object the old schema accepts and the new one rejects.

A breaking verdict is only as good as its proof, so every breaking change carries one. The
search is directed: starting from a change's old-side node it builds candidate values there
(literals and bounds of both schemas, format and pattern samples, objects over the names the
old schema declares) inside a base argument object that satisfies the old schema and, where it
can, the new one. Candidates are screened with a small validator over the canonical forms and
the survivor is confirmed with ``jsonschema_rs`` against the real schemas, both sides, with a
retriever that refuses every remote reference (no network, ever). A side with a reference that
does not resolve is checked in its two opaque forms (``checked_forms``), so a witness never
depends on what that reference holds.

Closed world (DESIGN): objects only use property names the old schema declares, plus, where the
old schema explicitly accepted extra properties, the new schema's names; an argument that needs
a name nobody declared is not part of the contract and never becomes a witness.

The package, in the order a witness is made: ``candidates`` builds values (with ``samples``),
``screen`` sorts them quickly, ``validators`` confirms a survivor, ``revert`` makes one change
alone, and ``search`` drives them.
"""

from __future__ import annotations

from schemadrift.diff.witness.revert import node_at, reverted
from schemadrift.diff.witness.search import WitnessSearch
from schemadrift.diff.witness.validators import Validators

__all__ = ["Validators", "WitnessSearch", "node_at", "reverted"]
