"""Lint tools against dialects: the one place that decides which rule runs on what.

Pure: takes ``Tool``s and dialect ids, returns sorted ``Finding``s. Each distinct schema is
walked once and each (schema, dialect) pair is judged once, whatever the number of tools
sharing it or the number of times it is linted (the diff lints both sides through one
``Linter``, so unchanged tools cost nothing the second time).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from schemadrift import registry
from schemadrift.model import JSON, Finding, Location, Severity, Tool
from schemadrift.registry import Context, Hit, Rule
from schemadrift.schema.walk import Node, walk

ALWAYS_ON = ("json-schema", "security")


def dialects_for(tool: Tool, requested: Sequence[str]) -> list[str]:
    """The dialects that judge ``tool``: the requested ones, their strict variant when the tool
    is marked ``strict``, and the always-on packs."""
    out: dict[str, None] = {}
    for dialect_id in (*ALWAYS_ON, *requested):
        if dialect_id not in registry.DIALECTS:
            continue
        out.setdefault(dialect_id, None)
        strict = registry.DIALECTS[dialect_id].strict
        if tool.strict and strict:
            out.setdefault(strict, None)
    return list(out)


@dataclass(frozen=True, slots=True)
class _Plan:
    schema_rules: tuple[Rule, ...]
    tool_rules: tuple[Rule, ...]
    toolset_rules: tuple[Rule, ...]


def _dump(schema: JSON) -> str:
    return json.dumps(schema, separators=(",", ":"), ensure_ascii=False, allow_nan=True)


class Linter:
    """Runs the catalogue with a cache shared across calls.

    ``enabled`` decides whether a rule runs at all (policy: ``off`` rules, ``--preview``,
    the single-rule test harness).
    """

    def __init__(self, *, enabled: Callable[[Rule], bool] | None = None) -> None:
        registry.load()
        self._enabled = enabled or (lambda rule: rule.status != "preview")
        self._plans: dict[str, _Plan] = {}
        self._nodes: dict[str, list[Node]] = {}
        self._schema_hits: dict[tuple[str, str, str], list[tuple[Rule, Hit]]] = {}

    def plan(self, dialect_id: str, *, parent_judged: bool = False) -> _Plan:
        """The rules ``dialect_id`` runs; without those of the dialect it extends when that
        dialect judges the same tool anyway (a strict tool's ``openai`` rules run once)."""
        key = f"{dialect_id}\0{parent_judged}"
        plan = self._plans.get(key)
        if plan is None:
            rule_ids = registry.dialect_rules(dialect_id)
            parent = registry.DIALECTS[dialect_id].extends
            if parent_judged and parent is not None:
                inherited = set(registry.dialect_rules(parent))
                rule_ids = tuple(r for r in rule_ids if r not in inherited)
            rules = [registry.RULES[r] for r in rule_ids]
            rules = [r for r in rules if self._enabled(r)]
            plan = _Plan(
                tuple(r for r in rules if r.scope == "schema"),
                tuple(r for r in rules if r.scope == "tool"),
                tuple(r for r in rules if r.scope == "toolset"),
            )
            self._plans[key] = plan
        return plan

    def _judge_schema(
        self, schema: JSON, text: str, dialect_id: str, side: str, rules: Sequence[Rule]
    ) -> list[tuple[Rule, Hit]]:
        key = (text, dialect_id, side)
        cached = self._schema_hits.get(key)
        if cached is not None:
            return cached
        nodes = self._nodes.get(text)
        if nodes is None:
            nodes = list(walk(schema))
            self._nodes[text] = nodes
        ctx = Context(dialect=dialect_id, root=schema)
        hits: list[tuple[Rule, Hit]] = []
        side_rules = [r for r in rules if side in r.schemas]
        for node in nodes:
            keys = node.schema.keys() if isinstance(node.schema, dict) else ()
            for rule in side_rules:
                if rule.triggers is not None and rule.triggers.isdisjoint(keys):
                    continue
                hits.extend((rule, hit) for hit in rule.check(node, ctx))
        self._schema_hits[key] = hits
        return hits

    def lint(
        self,
        tools: Sequence[Tool],
        dialects: Sequence[str],
        *,
        tool_dialects: Mapping[int, Sequence[str]] | None = None,
    ) -> list[Finding]:
        """Findings for every tool under its dialects, then toolset findings per dialect."""
        findings: list[Finding] = []
        members: dict[str, list[Tool]] = {}
        for index, tool in enumerate(tools):
            requested = (tool_dialects or {}).get(index, dialects)
            location = Location(tool.origin.location, tool.origin.line)
            texts: dict[int, str] = {}
            judged = dialects_for(tool, requested)
            for dialect_id in judged:
                members.setdefault(dialect_id, []).append(tool)
                parent = registry.DIALECTS[dialect_id].extends
                plan = self.plan(dialect_id, parent_judged=parent in judged)
                for side, (base, schema) in _sides(tool, dialect_id):
                    if not plan.schema_rules:
                        break
                    text = texts.get(id(schema))
                    if text is None:
                        text = texts[id(schema)] = _dump(schema)
                    for rule, hit in self._judge_schema(
                        schema, text, dialect_id, side, plan.schema_rules
                    ):
                        findings.append(_finding(rule, hit, tool.name, base, dialect_id, location))
                ctx = Context(dialect=dialect_id, tool=tool)
                for rule in plan.tool_rules:
                    for hit in rule.check(tool, ctx):
                        findings.append(_finding(rule, hit, tool.name, "", dialect_id, location))
        by_name = {tool.name: tool for tool in tools}
        for dialect_id in sorted(members):
            ctx = Context(dialect=dialect_id)
            for rule in self.plan(dialect_id).toolset_rules:
                for hit in rule.check(members[dialect_id], ctx):
                    owner = by_name.get(hit.tool) if hit.tool is not None else None
                    location = (
                        Location(owner.origin.location, owner.origin.line) if owner else Location()
                    )
                    findings.append(_finding(rule, hit, hit.tool, "", dialect_id, location))
        return sorted(findings, key=Finding.sort_key)


def _sides(tool: Tool, dialect_id: str) -> Iterable[tuple[str, tuple[str, JSON]]]:
    yield "input", tool.schema_for(dialect_id)
    if tool.output_schema is not None:
        yield "output", ("/output_schema", tool.output_schema)


def _finding(
    rule: Rule, hit: Hit, tool: str | None, base: str, dialect_id: str, location: Location
) -> Finding:
    severity: Severity = hit.severity or rule.severity
    return Finding(
        rule_id=rule.id,
        severity=severity,
        tool=tool,
        pointer=base + hit.pointer,
        message=hit.message,
        dialect=dialect_id,
        hint=hit.hint or rule.hint or None,
        location=location,
        discriminator=hit.discriminator,
    )


def lint(tools: Sequence[Tool], dialects: Sequence[str]) -> list[Finding]:
    """Lint with the default catalogue (stable rules); see ``Linter`` for options."""
    return Linter().lint(tools, dialects)
