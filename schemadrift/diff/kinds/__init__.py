"""The change catalogue: one kind per way a tool can change between a baseline and now.

Each kind has a taxonomy (``side``: the input or output schema or the tool record; ``aspect``:
what part of the contract; ``action``: add, remove, widen, narrow, change) and a verdict per
consumer. ``callers`` (programmatic callers, recorded calls, eval fixtures) are bound by the
accepted values: on the input side a narrowing breaks them, on the output side a widening does
(they now receive values they were not written for). ``model`` re-reads the schema every call,
so only what it reads as prose changes its behaviour. ``implementation`` (the tool's own code)
receives inputs and produces outputs, the mirror image of callers.

Each kind is a ``ChangeKind`` record in ``KINDS`` (``record.py``) with an ID, docs and
executed examples like a lint rule's. The modules here declare them by what changes: the tool
record, the output schema, properties, types and values, bounds, structure, dialect
regressions. Importing this package registers them all. ``classify.py`` decides severities
and consumers.
"""

from __future__ import annotations

from schemadrift.diff.kinds import (  # noqa: F401 - importing a module registers its kinds
    bounds,
    output_schema,
    properties,
    regression,
    structure,
    tool_record,
    types_and_values,
)
from schemadrift.diff.kinds.record import (
    ACTIONS,
    ASPECTS,
    BREAKS,
    CONSUMERS,
    CONTRACT,
    KINDS,
    RISK,
    SAFE,
    SIDES,
    ChangeKind,
)

__all__ = [
    "ACTIONS",
    "ASPECTS",
    "BREAKS",
    "CONSUMERS",
    "CONTRACT",
    "KINDS",
    "RISK",
    "SAFE",
    "SIDES",
    "ChangeKind",
]
