"""Representation folds: one canonical form for schemas that accept the same values.

One edit often shows up as several raw differences. pydantic 1 → 2 turned ``Optional[str]``
from ``{"type": "string"}`` into ``{"anyOf": [{"type": "string"}, {"type": "null"}]}``:
compared naively that is "type removed, anyOf added, branch added", and some of those get the
wrong verdict. Here each such representation is folded into one canonical form before the
parallel walk (``compare.py``), so the walk sees "null is now accepted" and nothing else. The
walk never contains suppression logic; a reader who wonders why a finding vanished looks here.

``TRANSITIONS`` (``table.py``) is the list of folds, in the order they run: each entry names
the raw kinds it claims (the differences that no longer appear), the kind reported instead
(``None``: the change is representation only), its fold and an example. ``canonical.py`` runs
the table; ``keywords.py`` and ``branches.py`` hold the folds, ``merge.py`` the ``allOf`` of
two nodes they share, ``values.py`` the spellings of literals.
"""

from __future__ import annotations

from schemadrift.diff.transitions.canonical import canonical, canonical_node
from schemadrift.diff.transitions.table import TRANSITIONS, Stage, Transition
from schemadrift.diff.transitions.values import ALL_TYPES, ANNOTATIONS, FALSE_SCHEMA, type_set

__all__ = [
    "ALL_TYPES",
    "ANNOTATIONS",
    "FALSE_SCHEMA",
    "TRANSITIONS",
    "Stage",
    "Transition",
    "canonical",
    "canonical_node",
    "type_set",
]
