"""The change-kind record and its registry: ``ChangeKind``, ``KINDS`` and ``kind()``.

A change kind is the diff's counterpart of a lint rule: an ID, a severity, documentation with
the rules' fixed headings, dated evidence and executed examples. It is no lint rule (nothing
checks a node with it: ``classify.analyse`` finds every kind in one walk of a tool pair), so it
has its own registry; ``catalog.py`` lists rules and kinds side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from schemadrift.model import Evidence, Severity
from schemadrift.registry import Example
from schemadrift.ruledoc import RuleDoc, parse_doc

DESIGN = Evidence(
    "https://github.com/schemadrift/schemadrift/blob/main/docs/design.md#diff-semantics",
    "documented",
    "2026-12-01",
    "schemadrift's own contract semantics (closed world, direction per side)",
)
JSON_SCHEMA = Evidence(
    "https://json-schema.org/draft/2020-12/json-schema-validation",
    "documented",
    "2026-12-01",
    "validation keywords: which values a schema accepts",
)

BREAKS = "breaks"
RISK = "risk"
SAFE = "safe"
CONTRACT = "contract"  # decided by the accepted values and the side's direction (witnessed)

CONSUMERS = ("callers", "model", "implementation")
SIDES = ("input", "output", "tool")
ASPECTS = (
    "existence",
    "requiredness",
    "type",
    "constraints",
    "values",
    "structure",
    "description",
    "dialect",
)
ACTIONS = ("add", "remove", "widen", "narrow", "change")


@dataclass(frozen=True, slots=True)
class ChangeKind:
    """One kind of change: its taxonomy, how each consumer takes it, and its documentation.

    ``callers``/``implementation``/``model`` are ``contract`` (judged by accepted values and the
    side's direction, proven by a witness), or a fixed ``breaks``/``risk``/``safe``.
    ``unproven`` is the callers' verdict when the accepted values may shrink but no witness
    was found (``risk`` for a plain narrowing, ``safe`` where the change is usually harmless).
    ``severity``, ``doc``, ``evidence``, the examples, ``hint``, ``status`` and ``since`` are
    what the catalogue shows of it, as of a lint rule (``registry.Entry``).
    """

    id: str
    sides: tuple[str, ...]
    aspect: str
    action: str
    callers: str
    model: str
    implementation: str
    unproven: str
    severity: Severity
    doc: RuleDoc
    evidence: tuple[Evidence, ...]
    fails: tuple[Example, ...]
    passes: tuple[Example, ...]
    hint: str
    status: str = "stable"
    since: int = 1  # ruleset version that introduced the kind
    replaced_by: tuple[str, ...] = ()

    @property
    def scope(self) -> str:
        """Where the catalogue files it: a change kind judges a pair of tools."""
        return "pair"

    @property
    def pack(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split("/", 1)[1]


KINDS: dict[str, ChangeKind] = {}


def kind(
    kind_id: str,
    sides: tuple[str, ...],
    aspect: str,
    action: str,
    *,
    callers: str = CONTRACT,
    model: str = SAFE,
    implementation: str = CONTRACT,
    unproven: str = RISK,
    severity: Severity,
    summary: str,
    why: str,
    fix: str,
    fails: Sequence[Example],
    passes: Sequence[Example],
    evidence: Sequence[Evidence] = (DESIGN,),
) -> None:
    """Register change kind ``kind_id`` in ``KINDS`` with its docs and examples.

    ``summary``, ``why`` and ``fix`` are read as a rule's docstring is (``parse_doc``), so a
    kind's page is rendered as a rule's; its hint is the first paragraph of ``fix``, as a
    rule's default hint. Each of ``passes`` is a real change close to the kind that is not it
    (the other direction, a neighbouring kind, another spelling of the same schema), never an
    unchanged pair: the docs show it under "Use instead" and tests/rules/test_examples.py runs
    it.
    """
    if kind_id in KINDS:
        raise ValueError(f"duplicate change kind {kind_id!r}")
    doc = parse_doc(f"{summary}\n\n## Why\n\n{why}\n\n## Fix\n\n{fix}", kind_id)
    KINDS[kind_id] = ChangeKind(
        id=kind_id,
        sides=sides,
        aspect=aspect,
        action=action,
        callers=callers,
        model=model,
        implementation=implementation,
        unproven=unproven,
        severity=severity,
        doc=doc,
        evidence=tuple(evidence),
        fails=tuple(fails),
        passes=tuple(passes),
        hint=doc.fix.split("\n\n", 1)[0],
    )
