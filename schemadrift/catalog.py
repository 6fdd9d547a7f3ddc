"""The catalogue users read: lint rules and change kinds, listed and rendered together.

``schemadrift rules``, ``schemadrift explain``, ``docs/rules/`` and SARIF rule metadata all
read ``entries()``/``entry()``, one look-up over both registries (``registry.RULES`` and
``diff.kinds.KINDS``), and one renderer serves the terminal and the generated Markdown pages,
so the docs cannot say something the CLI does not.
"""

from __future__ import annotations

import json
from typing import Any

from schemadrift import registry
from schemadrift.errors import UsageError
from schemadrift.model import JSON, Evidence
from schemadrift.registry import Entry, Example, Rule

DOCS_BASE = "https://github.com/schemadrift/schemadrift/blob/main/docs/rules"


def entries() -> list[Entry]:
    """Every lint rule and change kind, sorted by ID."""
    from schemadrift.diff.kinds import KINDS

    found: list[Entry] = [*registry.all_rules(), *KINDS.values()]
    return sorted(found, key=lambda item: item.id)


def entry(entry_id: str) -> Entry | None:
    """The lint rule or change kind ``entry_id`` (``None``: neither registry knows it)."""
    from schemadrift.diff.kinds import KINDS

    registry.load()
    return registry.RULES.get(entry_id) or KINDS.get(entry_id)


def doc_path(rule: Entry) -> str:
    return f"{rule.pack}/{rule.name}.md"


def help_uri(rule: Entry) -> str:
    return f"{DOCS_BASE}/{doc_path(rule)}"


def render_rules(fmt: str) -> str:
    if fmt == "json":
        return json.dumps(catalogue_json(), indent=2, ensure_ascii=False) + "\n"
    rules = entries()
    width = max(len(r.id) for r in rules)
    lines = []
    for item in rules:
        status = "" if item.status == "stable" else f" [{item.status}]"
        lines.append(
            f"{item.id.ljust(width)}  {item.severity.label:<7}  {item.doc.summary}{status}"
        )
    lines.append("")
    lines.append(
        f"{len(rules)} rules; `schemadrift explain RULE_ID` prints one rule's documentation."
    )
    return "\n".join(lines) + "\n"


def _example_json(example: Example) -> str:
    if example.display:
        return example.display
    return json.dumps(example.value, indent=2, ensure_ascii=False)


def _dialects_of(rule: Entry) -> list[str]:
    return sorted(d.id for d in registry.all_dialects() if rule.id in registry.members(d.id))


def render_markdown(rule: Entry) -> str:
    """The documentation page of a rule, with fixed headings (as ruff's rule docs)."""
    parts = [f"# {rule.id}", "", rule.doc.summary, ""]
    meta = [
        f"- Default severity: **{rule.severity.label}**",
        f"- Status: {rule.status}",
        f"- Scope: {rule.scope}",
        f"- Since ruleset version: {rule.since}",
    ]
    dialects = _dialects_of(rule)
    if dialects:
        meta.append(f"- Dialects: {', '.join(dialects)}")
    if rule.replaced_by:
        meta.append(f"- Replaced by: {', '.join(rule.replaced_by)}")
    if isinstance(rule, Rule) and rule.inference:
        meta.append(
            "- Built on an inference ([I] in dialects.md), not a documented or observed "
            f"rejection: it defaults to {rule.severity.label}, not error."
        )
    parts += [*meta, "", "## Why it matters", "", rule.doc.why.strip(), ""]
    parts += ["## Example", ""]
    for example in rule.fails:
        if example.note:
            parts += [example.note, ""]
        parts += ["```json", _example_json(example), "```", ""]
    parts += ["## Use instead", ""]
    for example in rule.passes:
        if example.note:
            parts += [example.note, ""]
        parts += ["```json", _example_json(example), "```", ""]
    parts += ["## How to fix", "", rule.doc.fix.strip(), ""]
    if rule.doc.known_problems:
        parts += ["## Known problems", "", rule.doc.known_problems.strip(), ""]
    parts += ["## Evidence", ""]
    for evidence in rule.evidence:
        parts.append(f"- {_evidence_line(evidence)}")
    if isinstance(rule, Rule) and rule.claims:
        parts += ["", "## Dated evidence per keyword or limit", ""]
        parts += [
            "What the provider does with each keyword or limit this rule covers: the newest "
            "dated verdict wins, and an acceptance that followed a rejection is at most a "
            "warning naming the dated conflict.",
            "",
        ]
        for claim in rule.claims:
            level = claim.severity.label if claim.severity is not None else "not reported"
            verdict = f"{claim.verdict} ({claim.newest.date})" if claim.newest else "no verdict"
            head = f"- **{claim.subject}**: {level}; newest verdict: {verdict}"
            if claim.conflict:
                head += f"; dated conflict: {claim.conflict}"
            elif claim.caveat:
                head += f"; {claim.caveat}"
            parts.append(head)
            for evidence in sorted(claim.evidence, key=lambda e: e.date):
                parts.append(f"  - {_evidence_line(evidence)}")
    return "\n".join(parts) + "\n"


def _evidence_line(evidence: Evidence) -> str:
    """One evidence record: where, what kind, when, and the verdict it states."""
    verdict = f", {evidence.verdict}" if evidence.verdict else ""
    note = f": {evidence.note}" if evidence.note else ""
    return f"<{evidence.url}> ({evidence.kind}, {evidence.date}{verdict}){note}"


def render_explain(rule_id: str) -> str:
    found = entry(rule_id)
    if found is None:
        guess = registry.nearest(rule_id, [item.id for item in entries()])
        hint = f" Did you mean {guess!r}?" if guess else ""
        raise UsageError(f"unknown rule {rule_id!r}.{hint} `schemadrift rules` lists them all.")
    return render_markdown(found)


def all_pages() -> dict[str, str]:
    """``docs/rules/`` as it should be: relative path -> content, plus an index."""
    listed = entries()
    pages = {doc_path(rule): render_markdown(rule) for rule in listed}
    index = [
        "# Rules",
        "",
        "Generated by `scripts/gen_rule_docs.py` from the registry; do not edit.",
        "",
    ]
    index += ["| rule | severity | status | summary |", "|---|---|---|---|"]
    for rule in listed:
        index.append(
            f"| [{rule.id}]({doc_path(rule)}) | {rule.severity.label} | {rule.status} | {rule.doc.summary} |"
        )
    pages["README.md"] = "\n".join(index) + "\n"
    return pages


def catalogue() -> JSON:
    return catalogue_json()


def catalogue_json() -> list[dict[str, Any]]:
    """The whole catalogue as JSON (``schemadrift rules --format json``)."""
    out = []
    dialect_map: dict[str, list[str]] = {}
    for value in registry.all_dialects():
        for rule_id in registry.members(value.id):
            dialect_map.setdefault(rule_id, []).append(value.id)
    for item in entries():
        rule = item if isinstance(item, Rule) else None
        out.append(
            {
                "id": item.id,
                "severity": item.severity.label,
                "status": item.status,
                "scope": item.scope,
                "since": item.since,
                "summary": item.doc.summary,
                "dialects": sorted(dialect_map.get(item.id, [])),
                "inference": rule.inference if rule else False,
                "replaced_by": list(item.replaced_by),
                "evidence": [_evidence_json(e) for e in item.evidence],
                "claims": [
                    {
                        "subject": claim.subject,
                        "severity": claim.severity.label if claim.severity else None,
                        "verdict": claim.verdict,
                        "caveat": claim.caveat,
                        "evidence": [_evidence_json(e) for e in claim.evidence],
                    }
                    for claim in (rule.claims if rule else ())
                ],
            }
        )
    return out


def _evidence_json(evidence: Evidence) -> dict[str, str]:
    return {
        "url": evidence.url,
        "kind": evidence.kind,
        "date": evidence.date,
        "verdict": evidence.verdict,
        "note": evidence.note,
    }
