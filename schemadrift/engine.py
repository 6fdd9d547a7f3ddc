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
from schemadrift.schema.walk import MAX_NESTING, Node, nesting_depth, walk

ALWAYS_ON = ("json-schema", "security")
DEPTH_SAFE = "json-schema"


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
        self._schema_hits: dict[tuple[str, str, str, int], list[tuple[Rule, Hit]]] = {}
        self._tool_hits: dict[tuple[str, str, int], list[tuple[Rule, Hit]]] = {}
        self._selected: dict[tuple[str, ...], dict[frozenset[str], tuple[Rule, ...]]] = {}

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
        # The rule tuple is part of the key: one dialect runs a smaller plan when the dialect
        # it extends judges the same tool (plans are cached, so their ids are stable).
        key = (text, dialect_id, side, id(rules))
        cached = self._schema_hits.get(key)
        if cached is not None:
            return cached
        nodes = self._nodes.get(text)
        if nodes is None:
            nodes = list(walk(schema))
            self._nodes[text] = nodes
        ctx = Context(dialect=dialect_id, root=schema)
        hits: list[tuple[Rule, Hit]] = []
        side_rules = tuple(r for r in rules if side in r.schemas)
        # Which rules a node triggers depends only on its set of keys, and real schemas
        # repeat a handful of key sets ({"type", "description"}...): select once per key set
        # instead of testing every rule's triggers on every node.
        selected = self._selected.setdefault(tuple(r.id for r in side_rules), {})
        for node in nodes:
            keys = frozenset(node.schema) if isinstance(node.schema, dict) else frozenset()
            chosen = selected.get(keys)
            if chosen is None:
                chosen = selected[keys] = tuple(
                    r for r in side_rules if r.triggers is None or not r.triggers.isdisjoint(keys)
                )
            for rule in chosen:
                for hit in rule.check(node, ctx):
                    hits.append((rule, hit))
        self._schema_hits[key] = hits
        return hits

    def _judge_tool(
        self, tool: Tool, tool_key: str, dialect_id: str, rules: Sequence[Rule]
    ) -> list[tuple[Rule, Hit]]:
        """Tool-rule hits, cached by the tool's whole content: ``check`` lints the baseline's
        tools after the current ones, and unchanged tools then cost nothing."""
        key = (tool_key, dialect_id, id(rules))
        cached = self._tool_hits.get(key) if tool_key else None
        if cached is not None:
            return cached
        ctx = Context(dialect=dialect_id, tool=tool)
        hits = [(rule, hit) for rule in rules for hit in rule.check(tool, ctx)]
        if tool_key:
            self._tool_hits[key] = hits
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
            tool_key: str | None = None
            judged = dialects_for(tool, requested)
            if _too_deep(tool):
                # Only the json-schema pack (whose too-deep rule reports it) judges a schema
                # nested past MAX_NESTING: other rules may recurse once per level.
                judged = [d for d in judged if d == DEPTH_SAFE]
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
                if not plan.tool_rules:
                    continue
                if tool_key is None:
                    tool_key = _tool_key(tool)
                for rule, hit in self._judge_tool(tool, tool_key, dialect_id, plan.tool_rules):
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


def _tool_key(tool: Tool) -> str:
    """Everything a tool rule may read, as text; ``""`` (not cached) when it cannot be dumped.

    The line is left out: findings take their location from the tool, not from the rule, and
    a baseline's tools sit on other lines as soon as one tool above them changed.
    """
    data = tool.to_json()
    data["origin"] = {**tool.origin.to_json(), "line": None}
    try:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    except (RecursionError, TypeError, ValueError):
        return ""


def _too_deep(tool: Tool) -> bool:
    schemas = [tool.input_schema, tool.output_schema, *tool.variants.values()]
    return any(nesting_depth(schema) > MAX_NESTING for schema in schemas)


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
