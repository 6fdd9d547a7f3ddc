"""Render the rule catalogue: ``schemadrift rules``, ``schemadrift explain`` and ``docs/rules/``.

One renderer serves the terminal and the generated Markdown pages, so the docs cannot say
something the CLI does not.
"""

from __future__ import annotations

import json

from schemadrift import registry
from schemadrift.errors import UsageError
from schemadrift.model import JSON, Evidence
from schemadrift.registry import Example, Rule

DOCS_BASE = "https://github.com/schemadrift/schemadrift/blob/main/docs/rules"


def doc_path(rule: Rule) -> str:
    return f"{rule.pack}/{rule.name}.md"


def help_uri(rule: Rule) -> str:
    return f"{DOCS_BASE}/{doc_path(rule)}"


def render_rules(fmt: str) -> str:
    if fmt == "json":
        return json.dumps(registry.catalogue_json(), indent=2, ensure_ascii=False) + "\n"
    rules = registry.all_rules()
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


def _dialects_of(rule: Rule) -> list[str]:
    return sorted(d.id for d in registry.all_dialects() if rule.id in registry.members(d.id))


def render_markdown(rule: Rule) -> str:
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
    if rule.inference:
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
    if rule.claims:
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
    registry.load()
    if rule_id not in registry.RULES:
        guess = registry.nearest(rule_id, registry.RULES)
        hint = f" Did you mean {guess!r}?" if guess else ""
        raise UsageError(f"unknown rule {rule_id!r}.{hint} `schemadrift rules` lists them all.")
    return render_markdown(registry.RULES[rule_id])


def all_pages() -> dict[str, str]:
    """``docs/rules/`` as it should be: relative path -> content, plus an index."""
    pages = {doc_path(rule): render_markdown(rule) for rule in registry.all_rules()}
    index = [
        "# Rules",
        "",
        "Generated by `scripts/gen_rule_docs.py` from the registry; do not edit.",
        "",
    ]
    index += ["| rule | severity | status | summary |", "|---|---|---|---|"]
    for rule in registry.all_rules():
        index.append(
            f"| [{rule.id}]({doc_path(rule)}) | {rule.severity.label} | {rule.status} | {rule.doc.summary} |"
        )
    pages["README.md"] = "\n".join(index) + "\n"
    return pages


def catalogue() -> JSON:
    return registry.catalogue_json()
