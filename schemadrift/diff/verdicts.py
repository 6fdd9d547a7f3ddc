"""Judged changes and their verdicts: ``Judged``, and how each consumer takes one.

A ``Judged`` item is one change of a tool pair with the evidence its verdicts rest on (the
witnesses found); ``consumer_verdicts`` reads the kind's consumer table (``diff.kinds``), and
``judge`` picks the severity for the consumers a run selects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from schemadrift.diff.delta import NARROW, WIDEN
from schemadrift.diff.kinds import BREAKS, CONSUMERS, CONTRACT, KINDS, RISK, SAFE
from schemadrift.model import JSON, Severity

LEVEL = {BREAKS: Severity.ERROR, RISK: Severity.WARNING, SAFE: Severity.INFO}


@dataclass(frozen=True, slots=True)
class Judged:
    """One change of a tool pair, with the evidence its verdicts rest on."""

    kind: str
    pointer: str  # from the tool record: /input_schema/..., /output_schema/..., /name
    message: str
    side: str  # "input" | "output" | "tool"
    action: str
    discriminator: str | None = None
    before: JSON = None
    after: JSON = None
    forward: bool = False  # a value the old side accepts and the new side rejects was found
    forward_witness: JSON = None
    reverse: bool = False  # a value the new side accepts and the old side rejects was found
    reverse_witness: JSON = None

    def to_json(self) -> list[JSON]:
        """The fields in order, as the results cache stores them (``from_json`` reverses)."""
        return [getattr(self, name) for name in _JUDGED_FIELDS]

    @classmethod
    def from_json(cls, data: JSON) -> Judged | None:
        """A ``Judged`` from ``to_json``'s list, or ``None`` if ``data`` is not one."""
        if not (isinstance(data, list) and len(data) == len(_JUDGED_FIELDS)):
            return None
        kind, pointer, message, side, action, discriminator = data[:6]
        texts_ok = all(isinstance(value, str) for value in (pointer, message, side, action))
        if not (
            kind in KINDS
            and texts_ok
            and (discriminator is None or isinstance(discriminator, str))
            and isinstance(data[8], bool)
            and isinstance(data[10], bool)
        ):
            return None
        return cls(*data)


_JUDGED_FIELDS = tuple(item.name for item in fields(Judged))

# Kinds that can repeat at one pointer carry the changed value in their fingerprint.
REPEATS = frozenset(
    {
        "diff/enum-value-removed",
        "diff/enum-value-added",
        "diff/composition-branch-added",
        "diff/composition-branch-removed",
        "diff/schema-changed",
        "diff/property-became-required",
        "diff/property-became-optional",
        "diff/dialect-regression",
    }
)


def consumer_verdicts(item: Judged) -> dict[str, str]:
    """``{consumer: breaks | risk | safe}`` for one judged change."""
    kind = KINDS[item.kind]
    out = {}
    for consumer in CONSUMERS:
        fixed = getattr(kind, consumer)
        out[consumer] = fixed if fixed != CONTRACT else _contract(item, consumer)
    return out


def _contract(item: Judged, consumer: str) -> str:
    kind = KINDS[item.kind]
    if item.side == "output":
        if consumer == "callers":
            return BREAKS if item.reverse else SAFE
        if consumer == "implementation":
            if item.forward:
                return BREAKS
            return RISK if item.action == NARROW else SAFE
        return SAFE
    if consumer == "callers":
        if item.forward:
            return BREAKS
        return SAFE if item.action == WIDEN else kind.unproven
    return SAFE


def judge(item: Judged, consumers: Sequence[str]) -> tuple[Severity, tuple[str, ...], JSON, bool]:
    """Severity (worst over ``consumers``), the consumers affected at that level, the witness."""
    verdicts = consumer_verdicts(item)
    selected = [c for c in CONSUMERS if c in consumers]
    worst = max((LEVEL[verdicts[c]] for c in selected), default=Severity.INFO)
    affected = tuple(c for c in selected if LEVEL[verdicts[c]] == worst and worst > Severity.INFO)
    witness: JSON = None
    has = False
    if worst == Severity.ERROR:
        output_callers = item.side == "output" and "callers" in affected and item.reverse
        if output_callers:
            witness, has = item.reverse_witness, True
        elif item.forward:
            witness, has = item.forward_witness, True
    return worst, affected, witness, has
