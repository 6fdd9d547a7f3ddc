"""Run the change catalogue over paired tools and return findings."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from schemadrift import registry
from schemadrift.diff.pairing import pair_tools
from schemadrift.model import Finding, Location, Tool
from schemadrift.registry import Context, Rule


def diff_tools(
    before: Sequence[Tool],
    after: Sequence[Tool],
    *,
    enabled: Callable[[Rule], bool] | None = None,
) -> list[Finding]:
    """Findings for every change between ``before`` and ``after``."""
    rules = [r for r in registry.all_rules() if r.scope == "pair"]
    if enabled is not None:
        rules = [r for r in rules if enabled(r)]
    pairing = pair_tools(before, after)
    triples: list[tuple[Tool | None, Tool | None]] = [
        *pairing.pairs,
        *pairing.renamed,
        *((old, None) for old in pairing.removed),
        *((None, new) for new in pairing.added),
    ]
    findings = []
    ctx = Context(dialect="")
    for old, new in triples:
        anchor = new if new is not None else old
        assert anchor is not None
        location = Location(anchor.origin.location, anchor.origin.line)
        for rule in rules:
            for hit in rule.check(old, new, ctx):
                findings.append(
                    Finding(
                        rule_id=rule.id,
                        severity=hit.severity or rule.severity,
                        tool=anchor.name,
                        pointer=hit.pointer,
                        message=hit.message,
                        hint=hit.hint or rule.hint or None,
                        kind=rule.id,
                        location=location,
                        discriminator=hit.discriminator,
                    )
                )
    return sorted(findings, key=Finding.sort_key)
