"""Semantic diff of two tool sets: pairing, raw changes, classification into findings.

``diff_tools(before, after)`` is the entry point; it pairs tools (by name, a single pair
whatever the names, renames by equal normalised schemas) and classifies what changed.
"""

from __future__ import annotations

from schemadrift.diff.pairing import pair_tools

__all__ = ["pair_tools"]
