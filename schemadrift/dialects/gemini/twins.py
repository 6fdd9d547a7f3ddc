"""One check, one rule per surface: how the gemini, vertex and gemini-json twins are declared.

Where the surfaces judge the same thing the same way, the check is written once, taking the
``Surface`` as its third argument, and a ``Twins`` row registers it under each surface's ID
with that surface bound. The check's docstring documents every surface's rule, under the
usual headings (``registry.parse_doc``): a line starting with a tag such as ``[vertex]`` or
``[gemini, gemini-json]`` begins text that only those surfaces' rules say, up to the next
tag, blank line or heading; untagged text is every surface's. The surfaces' records differ
(the Developer API has the longer history of observed errors, Vertex the newer `Schema`), so
their prose often does, while the check does not.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from schemadrift.dialects.gemini.surface import Surface
from schemadrift.model import JSON, Evidence, Severity
from schemadrift.registry import Claim, Context, Example, Hit, rule

SurfaceCheck = Callable[[Any, Context, Surface], Iterator[Hit]]
"""A check over a node, a tool or a toolset, for the surface it is given."""


@dataclass(frozen=True, slots=True)
class Side:
    """What one surface's rule says beside the shared check: level, evidence, examples.

    ``fails``/``passes`` left empty take the row's.
    """

    severity: Severity
    evidence: Sequence[Evidence]
    fails: Sequence[JSON | Example] = ()
    passes: Sequence[JSON | Example] = ()
    claims: Sequence[Claim] = ()
    inference: bool = False


@dataclass(frozen=True, slots=True)
class Twins:
    """A rule several surfaces run with one check: its name (the part after the surface's
    ``dialect/``), the check, what the rules share, and each surface's ``Side``.

    ``fails``/``passes`` are the examples of a side that gives none; ``doc`` fills the
    ``${name}`` places of the docstring with constants, as ``rule(doc_values=...)`` does.
    """

    name: str
    check: SurfaceCheck
    sides: Mapping[Surface, Side]
    scope: str = "schema"
    triggers: Iterable[str] | None = None
    envelope: bool = False
    fails: Sequence[JSON | Example] = ()
    passes: Sequence[JSON | Example] = ()
    doc: Mapping[str, object] = field(default_factory=dict)


def register(rows: Iterable[Twins]) -> None:
    """Register every row's rule once per surface, under ``<surface>/<name>``."""
    for row in rows:
        for surface, side in row.sides.items():
            rule(
                f"{surface.dialect}/{row.name}",
                severity=side.severity,
                scope=row.scope,
                envelope=row.envelope,
                triggers=row.triggers,
                inference=side.inference,
                evidence=side.evidence,
                claims=side.claims,
                fails=side.fails or row.fails,
                passes=side.passes or row.passes,
                doc_values=row.doc,
            )(_bound(row.check, surface, surface_doc(row, surface.dialect)))


_TAG = re.compile(r"\[([a-z, -]+)\] ")


def surface_doc(row: Twins, dialect: str) -> str:
    """The part of the row's check docstring that ``dialect``'s rule says (see the module)."""
    dialects = {surface.dialect for surface in row.sides}
    kept: list[str] = []
    owners: set[str] | None = None
    for line in inspect.cleandoc(row.check.__doc__ or "").splitlines():
        text = line
        if not line.strip() or line.startswith("## "):
            owners = None
        elif tag := _TAG.match(line):
            owners = {name.strip() for name in tag.group(1).split(",")}
            if not owners <= dialects:
                raise ValueError(f"{row.name}: a docstring tag names {sorted(owners - dialects)}")
            text = line[tag.end() :]
        if owners is None or dialect in owners:
            kept.append(text)
    return "\n".join(kept)


def _bound(
    check: SurfaceCheck, surface: Surface, doc: str
) -> Callable[[Any, Context], Iterator[Hit]]:
    """``check`` with ``surface`` bound, documented by ``doc`` (that surface's text)."""

    def bound(subject: Any, ctx: Context) -> Iterator[Hit]:
        # The documentation is set below: it is this surface's part of the template.
        return check(subject, ctx, surface)

    bound.__doc__ = doc
    bound.__name__ = bound.__qualname__ = f"{check.__name__}[{surface.dialect}]"
    return bound
