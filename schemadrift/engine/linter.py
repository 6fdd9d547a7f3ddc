"""The ``Linter``: runs the catalogue on tools, each distinct schema walked once.

For one tool, the schema rules of every dialect judging it run in one pass over each of its
schemas (``plan.SchemaPass``), then each dialect's tool rules. Work is shared within a run:
each distinct schema text gets one ``SchemaFacts`` and its hits are kept, and each tool's
findings are kept by its content and judged dialects, so ``check``, which lints the baseline
after the current tools, judges only the tools that changed. The results cache carries a
tool's findings from one run to the next (``cache.py``), and ``jobs`` above 1 judges a large
lint's tools in worker processes (``parallel.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from schemadrift import registry
from schemadrift.cache import Cache
from schemadrift.engine import gate, records
from schemadrift.engine.cached import CachedRuns, Prepared
from schemadrift.engine.keys import dump, tool_key, try_dump
from schemadrift.engine.plan import (
    DEPTH_SAFE,
    DialectRules,
    SchemaPass,
    dialects_for,
    schema_pass,
)
from schemadrift.engine.toolsets import toolset_findings
from schemadrift.engine.workers import judge_in_workers
from schemadrift.model import JSON, Finding, Location, Tool
from schemadrift.registry import Context, Hit, Rule
from schemadrift.schema.facts import SchemaFacts, facts_of

SchemaHit = tuple[Rule, Hit, int]
"""A schema rule's hit with the index of its dialect in the pass that found it."""


@dataclass(frozen=True, slots=True)
class LintResult:
    """What one ``Linter.lint_each`` call found: ``per_tool[i]`` are the findings of the
    ``i``-th tool (schema and tool rules), ``toolset`` those of the toolset rules, and
    ``keys[i]`` the text of everything the ``i``-th tool holds but its line (two tools with
    the same non-empty key are the same tool as far as any rule or the diff can tell)."""

    per_tool: Sequence[Sequence[Finding]]
    toolset: Sequence[Finding]
    keys: Sequence[str] = ()  # each tool's content key ("" when it has none): equal, same tool

    def sorted(self) -> list[Finding]:
        """Every finding, in report order (what ``Linter.lint`` returns)."""
        found = [finding for findings in self.per_tool for finding in findings]
        found += self.toolset
        return sorted(found, key=Finding.sort_key)


class Linter:
    """Runs the catalogue with what a run shares kept across calls.

    ``enabled`` decides whether a rule runs at all (policy: ``off`` rules, ``--preview``,
    the single-rule test harness). ``jobs`` above 1 judges the tools of a large lint in that
    many processes; the findings are the same. ``cache`` keeps each tool's findings between
    runs; the CLI passes one, library calls default to none.
    """

    def __init__(
        self,
        *,
        enabled: Callable[[Rule], bool] | None = None,
        jobs: int = 1,
        cache: Cache | None = None,
    ) -> None:
        registry.load()
        self.jobs = jobs
        self._enabled = enabled or (lambda rule: rule.status != "preview")
        self.cache = cache if cache is not None else Cache(None)
        self._cached = CachedRuns(self.cache, self._enabled)
        self._rules: dict[tuple[str, bool], DialectRules] = {}
        self._passes: dict[tuple[tuple[str, ...], tuple[str, ...], str], SchemaPass] = {}
        self._facts: dict[str, SchemaFacts] = {}
        self._keysets: dict[frozenset[str], frozenset[str]] = {}
        self._schema_hits: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], list[SchemaHit]]
        self._schema_hits = {}
        self._tool_hits: dict[tuple[str, str, tuple[str, ...]], list[tuple[Rule, Hit]]] = {}
        self._findings: dict[tuple[str, tuple[str, ...]], list[Finding]] = {}
        self._judged: dict[tuple[bool, tuple[str, ...]], tuple[str, ...]] = {}
        self._deep: dict[str, bool] = {}  # by tool key: nested past MAX_NESTING

    # --- what runs -----------------------------------------------------------------------

    def rules(self, dialect_id: str, *, parent_judged: bool = False) -> DialectRules:
        """The enabled rules ``dialect_id`` runs (see ``DialectRules``)."""
        key = (dialect_id, parent_judged)
        found = self._rules.get(key)
        if found is None:
            found = self._rules[key] = DialectRules.of(
                dialect_id, self._enabled, parent_judged=parent_judged
            )
        return found

    def _rules_among(self, dialect_id: str, judged: tuple[str, ...]) -> DialectRules:
        """The rules ``dialect_id`` runs on a tool that all of ``judged`` judge."""
        extends = registry.DIALECTS[dialect_id].extends
        return self.rules(dialect_id, parent_judged=extends in judged)

    def _pass(self, judged: tuple[str, ...], running: tuple[str, ...], side: str) -> SchemaPass:
        key = (judged, running, side)
        found = self._passes.get(key)
        if found is None:
            found = self._passes[key] = schema_pass(
                running, lambda d: self._rules_among(d, judged), side
            )
        return found

    # --- the public calls ----------------------------------------------------------------

    def lint(
        self,
        tools: Sequence[Tool],
        dialects: Sequence[str],
        *,
        tool_dialects: Mapping[int, Sequence[str]] | None = None,
        groups: Sequence[str] | None = None,
    ) -> list[Finding]:
        """Findings for every tool under its dialects, then toolset findings per dialect."""
        return self.lint_each(tools, dialects, tool_dialects=tool_dialects, groups=groups).sorted()

    def lint_each(
        self,
        tools: Sequence[Tool],
        dialects: Sequence[str],
        *,
        tool_dialects: Mapping[int, Sequence[str]] | None = None,
        located: bool = True,
        toolsets: bool = True,
        groups: Sequence[str] | None = None,
    ) -> LintResult:
        """``lint``, with each tool's own findings kept apart from the toolset findings.

        ``located=False`` lets a tool judged before on another line keep the findings of that
        line rather than copies of them at its own (for findings never shown).
        ``toolsets=False`` leaves the toolset rules out (the diff lints subsets of a list).
        ``groups[i]`` names the request the ``i``-th tool is sent in (``lint`` sends each file
        on its own): toolset rules (duplicate names, tool counts) judge each group apart.
        ``None``: all the tools are one request.
        """
        prepared = self._prepared(tools, dialects, tool_dialects)
        return self._lint_prepared(
            tools, prepared, located=located, toolsets=toolsets, groups=groups
        )

    def lint_check(
        self,
        current: Sequence[Tool],
        baseline: Sequence[Tool],
        dialects: Sequence[str],
        *,
        current_dialects: Mapping[int, Sequence[str]],
        baseline_dialects: Mapping[int, Sequence[str]],
    ) -> tuple[LintResult, LintResult]:
        """``check``'s two lints, ``(current, baseline)``; each side is linted once and read
        twice (findings the baseline already had, and the dialect regressions of changed tools).

        The baseline's findings are never shown (``located=False``). A current tool the baseline
        holds unchanged (same content, same dialects) shares its findings list with it, and
        ``check`` acknowledges every finding of it: those findings are built acknowledged, once,
        rather than built and then copied.
        """
        before = self._prepared(baseline, dialects, baseline_dialects)
        known = {(key, judged) for judged, _, key in before if key}
        now = self._prepared(current, dialects, current_dialects)
        acks = [(key, judged) in known for judged, _, key in now]
        found = self._lint_prepared(current, now, located=True, toolsets=True, acks=acks)
        return found, self._lint_prepared(baseline, before, located=False, toolsets=True)

    # --- one call ------------------------------------------------------------------------

    def _prepared(
        self,
        tools: Sequence[Tool],
        dialects: Sequence[str],
        tool_dialects: Mapping[int, Sequence[str]] | None,
    ) -> list[Prepared]:
        per_tool = tool_dialects or {}
        return [
            self._prepare(tool, per_tool.get(index, dialects)) for index, tool in enumerate(tools)
        ]

    def _prepare(self, tool: Tool, requested: Sequence[str]) -> Prepared:
        """``(judged dialects, input schema text, tool key)`` of one tool: what its findings
        depend on, and so the key they are kept under."""
        # What a tool is judged by depends on its ``strict`` flag and the request only.
        plan_key = (bool(tool.strict), tuple(requested))
        judged = self._judged.get(plan_key)
        if judged is None:
            judged = self._judged[plan_key] = tuple(dialects_for(tool, requested))
        # The input schema's text is both part of the tool's key and the key of its facts:
        # dumped once here rather than once for each.
        input_text = try_dump(tool.input_schema)
        key = tool_key(tool, input_text)
        deep = self._deep.get(key) if key else None
        if deep is None:
            deep = gate.too_deep(tool, input_text)
            if key:
                self._deep[key] = deep
        if deep:
            judged = tuple(d for d in judged if d == DEPTH_SAFE)
        return judged, input_text, key

    def _lint_prepared(
        self,
        tools: Sequence[Tool],
        prepared: Sequence[Prepared],
        *,
        located: bool,
        toolsets: bool,
        acks: Sequence[bool] | None = None,
        groups: Sequence[str] | None = None,
    ) -> LintResult:
        """Lint ``tools`` as ``_prepare`` describes them. ``acks[i]``: build the ``i``-th tool's
        findings acknowledged (``None``: none is; a kept list is returned as it is)."""
        wanted = acks or [False] * len(tools)
        self._cached.recall(tools, prepared, wanted, into=self._findings)
        if self.jobs > 1:
            judge_in_workers(
                tools,
                prepared,
                wanted,
                self.jobs,
                lambda tool, key, judged, text, ack: self._tool_findings(
                    tool, key, judged, text, ack=ack
                ),
                into=self._findings,
            )
        per_tool: list[list[Finding]] = []
        members: dict[tuple[str, str], list[int]] = {}
        for index, (tool, (judged, input_text, key)) in enumerate(
            zip(tools, prepared, strict=True)
        ):
            ack = wanted[index] if acks is not None else None
            per_tool.append(self._tool_findings(tool, key, judged, input_text, located, ack))
            group = groups[index] if groups is not None else ""
            for dialect_id in judged:
                members.setdefault((group, dialect_id), []).append(index)
        self._cached.remember(prepared, per_tool)
        keys = tuple(key for _, _, key in prepared)
        if not toolsets:
            return LintResult(per_tool, [], keys)
        facts = [self._facts.get(text) if text is not None else None for _, text, _ in prepared]
        found = toolset_findings(tools, members, keys, self._cached, self._toolset_findings, facts)
        return LintResult(per_tool, found, keys)

    def _toolset_findings(
        self,
        dialect_id: str,
        members: Sequence[Tool],
        by_name: Mapping[str, Tool],
        member_facts: Sequence[SchemaFacts | None] = (),
    ) -> list[Finding]:
        """The toolset rules' findings of one dialect, located at the tool a hit names."""
        ctx = Context(dialect=dialect_id, member_facts=member_facts)
        return [
            records.finding_of(
                rule, hit, hit.tool, "", dialect_id, records.located(by_name, hit.tool)
            )
            for rule in self.rules(dialect_id).toolset_rules
            for hit in rule.check(members, ctx)
        ]

    # --- one tool ------------------------------------------------------------------------

    def _tool_findings(
        self,
        tool: Tool,
        key: str,
        judged: tuple[str, ...],
        input_text: str | None = None,
        located: bool = True,
        ack: bool | None = None,
    ) -> list[Finding]:
        """One tool's schema- and tool-rule findings under the ``judged`` dialects, built
        acknowledged when ``ack`` (``None``: a kept list as it is, else not).

        Kept by the tool's content (its line aside) and the dialects: ``check`` lints the
        baseline after the current tools, and an unchanged tool then reuses its findings
        (with its own location when it sits on another line).
        """
        location = records.location_of(tool)
        if key:
            kept = self._findings.get((key, judged))
            if kept is not None:
                if not kept:
                    return kept
                here = located and kept[0].location != location
                if here or (ack is not None and kept[0].acknowledged != ack):
                    place = location if located else None
                    return [records.moved(finding, place, ack) for finding in kept]
                return kept
        findings = self._judged_findings(tool, key, judged, input_text, location, bool(ack))
        if key:
            self._findings[(key, judged)] = findings
        return findings

    def _judged_findings(
        self,
        tool: Tool,
        key: str,
        judged: tuple[str, ...],
        input_text: str | None,
        location: Location,
        ack: bool,
    ) -> list[Finding]:
        findings: list[Finding] = []
        texts: dict[int, str] = {}  # by schema identity, for this tool's schemas
        if input_text is not None:
            texts[id(tool.input_schema)] = input_text

        def facts_of(schema: JSON) -> SchemaFacts:
            text = texts.get(id(schema))
            if text is None:
                text = texts[id(schema)] = dump(schema)
            return self._facts_of(schema, text)

        if tool.builtin is None:  # a provider built-in tool has no schema of the user's
            judging = [d for d in judged if self._rules_among(d, judged).schema_rules]
            for side, base, facts, running in gate.judged_schemas(tool, judging, facts_of):
                for rule, hit, index in self._judge_schema(facts, side, judged, running):
                    dialect_id = running[index]
                    findings.append(
                        records.finding_of(rule, hit, tool.name, base, dialect_id, location, ack)
                    )
        # Tool rules see the input schema's facts when its schema rules made them.
        input_facts = self._facts.get(input_text) if input_text is not None else None
        for dialect_id in judged:
            rules = self._rules_among(dialect_id, judged).tool_rules_for(tool)
            if rules:
                hits = self._judge_tool(tool, key, dialect_id, judged, rules, input_facts)
                for rule, hit in hits:
                    findings.append(
                        records.finding_of(rule, hit, tool.name, "", dialect_id, location, ack)
                    )
        return findings

    def _facts_of(self, schema: JSON, text: str) -> SchemaFacts:
        found = self._facts.get(text)
        if found is None:
            found = self._facts[text] = facts_of(schema, text, self._keysets)
        return found

    def _judge_schema(
        self, facts: SchemaFacts, side: str, judged: tuple[str, ...], running: tuple[str, ...]
    ) -> list[SchemaHit]:
        """The hits of one pass over a schema, kept by its text: equal schemas (the two sides
        of a diff, tools sharing a schema) are judged once."""
        key = (facts.text, side, judged, running)
        kept = self._schema_hits.get(key)
        if kept is not None:
            return kept
        hits = self._pass(judged, running, side).run(facts, running)
        self._schema_hits[key] = hits
        return hits

    def _judge_tool(
        self,
        tool: Tool,
        key: str,
        dialect_id: str,
        judged: tuple[str, ...],
        rules: Sequence[Rule],
        facts: SchemaFacts | None,
    ) -> list[tuple[Rule, Hit]]:
        """Tool-rule hits, kept by the tool's whole content: ``check`` lints the baseline's
        tools after the current ones, and unchanged tools then cost nothing."""
        # The tool's content decides which of the dialect's tool rules run (``tool_rules_for``),
        # and the judged list which of them it shares with the dialect it extends.
        kept_key = (key, dialect_id, judged)
        kept = self._tool_hits.get(kept_key) if key else None
        if kept is not None:
            return kept
        ctx = Context(dialect=dialect_id, tool=tool, facts=facts)
        hits = [(rule, hit) for rule in rules for hit in rule.check(tool, ctx)]
        if key:
            self._tool_hits[kept_key] = hits
        return hits
