"""Lint tools against dialects: the one place that decides which rule runs on what.

Pure: takes ``Tool``s and dialect ids, returns sorted ``Finding``s. Each distinct schema is
walked once and each (schema, dialect) pair is judged once, whatever the number of tools
sharing it or the number of times it is linted (the diff lints both sides through one
``Linter``, so unchanged tools cost nothing the second time).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from schemadrift import registry
from schemadrift.cache import Cache, digest
from schemadrift.model import JSON, Finding, Location, Severity, Tool
from schemadrift.registry import Context, Hit, Rule
from schemadrift.schema.walk import MAX_NESTING, Node, nesting_depth, sharing, walk

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
    # ``tool_rules`` split by what they judge: the envelope as the user wrote it, or the rest.
    # A framework-made tool has no envelope of the user's; a built-in tool has nothing else.
    envelope_rules: tuple[Rule, ...] = ()
    content_rules: tuple[Rule, ...] = ()

    def tool_rules_for(self, tool: Tool) -> tuple[Rule, ...]:
        """The tool rules that judge ``tool`` (see ``Rule.envelope``)."""
        if tool.builtin is not None:
            return self.envelope_rules if tool.envelope_written else ()
        return self.tool_rules if tool.envelope_written else self.content_rules


_NO_KEYS: frozenset[str] = frozenset()

_Prepared = tuple[tuple[str, ...], str | None, str]
"""``(judged dialects, input schema text, tool key)`` of one tool (``Linter._prepare``)."""


class _Selection:
    """The rules of one plan and side that run on a node, per set of node keys.

    Holds each rule with its bound check function, so the per-node loop does no attribute
    look-ups; plans are cached by the ``Linter``, so keying selections by the plan's rule
    tuple ``id`` is stable for the ``Linter``'s lifetime.
    """

    __slots__ = ("chosen", "root", "rules")

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules
        # Below the root, ``root_only`` rules are left out (they would return at once).
        self.chosen: dict[frozenset[str], tuple[tuple[Rule, Callable[..., Iterable[Hit]]], ...]]
        self.chosen = {}
        self.root: dict[frozenset[str], tuple[tuple[Rule, Callable[..., Iterable[Hit]]], ...]]
        self.root = {}

    def choose(
        self, keys: frozenset[str], *, root: bool = False
    ) -> tuple[tuple[Rule, Callable[..., Iterable[Hit]]], ...]:
        chosen = tuple(
            (r, r.check)
            for r in self.rules
            if (root or not r.root_only) and (r.triggers is None or not r.triggers.isdisjoint(keys))
        )
        (self.root if root else self.chosen)[keys] = chosen
        return chosen


# One encoder for every schema text a run makes (keys of memos and of the results cache):
# built once, and without the circular-reference check, which costs ~20% of each dump and is
# not needed: a cyclic value still fails, with the RecursionError ``_try_dump`` expects.
_dump = json.JSONEncoder(
    separators=(",", ":"), ensure_ascii=False, allow_nan=True, check_circular=False
).encode


class Linter:
    """Runs the catalogue with a cache shared across calls.

    ``enabled`` decides whether a rule runs at all (policy: ``off`` rules, ``--preview``,
    the single-rule test harness). ``jobs`` above 1 judges the tools of a large lint in that
    many processes (``parallel.py``); the findings are the same. ``cache`` keeps each tool's
    findings between runs (``cache.py``); the CLI passes one, library calls default to none.
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
        self._table = ""
        if self.cache.enabled:
            # Every finding depends on which rules run: that set names the cache table.
            running = ",".join(rule.id for rule in registry.all_rules() if self._enabled(rule))
            self._table = "lint/" + digest(running)
        self._plans: dict[str, _Plan] = {}
        self._nodes: dict[str, list[tuple[Node, frozenset[str]]]] = {}
        self._schema_hits: dict[tuple[str, str, str, int], list[tuple[Rule, Hit]]] = {}
        self._tool_hits: dict[tuple[str, str, int], list[tuple[Rule, Hit]]] = {}
        self._selected: dict[tuple[int, str], _Selection] = {}
        self._findings: dict[tuple[str, tuple[str, ...]], list[Finding]] = {}
        self._deep: dict[str, bool] = {}  # by tool key: nested past MAX_NESTING
        self._keysets: dict[frozenset[str], frozenset[str]] = {}
        self._reads_openapi: dict[str, bool] = {}
        self._judged_plans: dict[tuple[str, ...], tuple[tuple[str, _Plan], ...]] = {}
        self._digests: dict[str, str] = {}
        self._dialects: dict[tuple[bool, tuple[str, ...]], tuple[str, ...]] = {}

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
            tool_rules = tuple(r for r in rules if r.scope == "tool")
            plan = _Plan(
                tuple(r for r in rules if r.scope == "schema"),
                tool_rules,
                tuple(r for r in rules if r.scope == "toolset"),
                tuple(r for r in tool_rules if r.envelope),
                tuple(r for r in tool_rules if not r.envelope),
            )
            self._plans[key] = plan
        return plan

    def _plans_for(self, judged: tuple[str, ...]) -> tuple[tuple[str, _Plan], ...]:
        """Each judged dialect with its plan; cached per dialect list, which a run repeats
        for nearly every tool (saves a plan look-up per tool and dialect)."""
        plans = self._judged_plans.get(judged)
        if plans is None:
            plans = self._judged_plans[judged] = tuple(
                (d, self.plan(d, parent_judged=registry.DIALECTS[d].extends in judged))
                for d in judged
            )
        return plans

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
            # Each node with its key set, computed once per schema text for every dialect;
            # equal key sets are one object (a large run holds a few hundred, not one a node).
            keysets = self._keysets
            nodes = []
            for node in walk(schema):
                keys = frozenset(node.schema) if isinstance(node.schema, dict) else _NO_KEYS
                nodes.append((node, keysets.setdefault(keys, keys)))
            self._nodes[text] = nodes
        ctx = Context(dialect=dialect_id, root=schema)
        hits: list[tuple[Rule, Hit]] = []
        # Which rules a node triggers depends only on its set of keys, and real schemas
        # repeat a handful of key sets ({"type", "description"}...): select once per key set
        # instead of testing every rule's triggers on every node.
        selection = self._selected.get((id(rules), side))
        if selection is None:
            selection = self._selected[(id(rules), side)] = _Selection(
                tuple(r for r in rules if side in r.schemas)
            )
        chosen_for = selection.chosen
        append = hits.append
        for index, (node, keys) in enumerate(nodes):
            # The walk yields the root first, and only the root (no keyword above it).
            if index:
                chosen = chosen_for.get(keys)
                if chosen is None:
                    chosen = selection.choose(keys)
            else:
                chosen = selection.root.get(keys) or selection.choose(keys, root=True)
            for rule, check in chosen:
                for hit in check(node, ctx):
                    append((rule, hit))
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
        rather than built and then copied (~85,000 findings at 10,000 tools).
        """
        before = self._prepared(baseline, dialects, baseline_dialects)
        known = {(key, judged) for judged, _, key in before if key}
        now = self._prepared(current, dialects, current_dialects)
        acks = [(key, judged) in known for judged, _, key in now]
        found = self._lint_prepared(current, now, located=True, toolsets=True, acks=acks)
        return found, self._lint_prepared(baseline, before, located=False, toolsets=True)

    def _prepared(
        self,
        tools: Sequence[Tool],
        dialects: Sequence[str],
        tool_dialects: Mapping[int, Sequence[str]] | None,
    ) -> list[_Prepared]:
        per_tool = tool_dialects or {}
        return [
            self._prepare(tool, per_tool.get(index, dialects)) for index, tool in enumerate(tools)
        ]

    def _lint_prepared(
        self,
        tools: Sequence[Tool],
        prepared: Sequence[_Prepared],
        *,
        located: bool,
        toolsets: bool,
        acks: Sequence[bool] | None = None,
        groups: Sequence[str] | None = None,
    ) -> LintResult:
        """Lint ``tools`` as ``_prepare`` describes them. ``acks[i]``: build the ``i``-th tool's
        findings acknowledged (``None``: none is; a memoised list is returned as it is)."""
        wanted = acks or [False] * len(tools)
        self._recall(tools, prepared, wanted)
        if self.jobs > 1:
            self._fan_out(tools, prepared, wanted)
        per_tool: list[list[Finding]] = []
        members: dict[tuple[str, str], list[int]] = {}
        for index, (tool, (judged, input_text, tool_key)) in enumerate(
            zip(tools, prepared, strict=True)
        ):
            ack = wanted[index] if acks is not None else None
            per_tool.append(self._tool_findings(tool, tool_key, judged, input_text, located, ack))
            group = groups[index] if groups is not None else ""
            for dialect_id in judged:
                members.setdefault((group, dialect_id), []).append(index)
        self._remember(prepared, per_tool)
        keys = tuple(key for _, _, key in prepared)
        if not toolsets:
            return LintResult(per_tool, [], keys)
        return LintResult(per_tool, self._toolsets(tools, members, keys), keys)

    def _toolsets(
        self,
        tools: Sequence[Tool],
        members: Mapping[tuple[str, str], list[int]],
        keys: Sequence[str],
    ) -> list[Finding]:
        """Each request's toolset findings per dialect, from the cache when it holds them.

        The toolset rules see the whole list of a dialect's tools in one request (``members``
        is keyed by request and dialect): a cache entry is keyed by all of their contents, in
        order. Most dialects judge every tool: one digest serves."""
        toolset: list[Finding] = []
        lists: dict[tuple[int, ...], str] = {}
        every = all(keys)
        names: dict[str, dict[str, Tool]] = {}  # per request: a finding names a tool of it
        for (group, _), indices in members.items():
            known = names.setdefault(group, {})
            for i in indices:
                known.setdefault(tools[i].name, tools[i])
        for (group, dialect_id), indices in sorted(members.items()):
            by_name = names[group]
            entry = ""
            if self.cache.enabled and (every or all(keys[i] for i in indices)):
                listed = lists.get(tuple(indices))
                if listed is None:
                    text = ",".join(self._digest(keys[i]) for i in indices)
                    listed = lists[tuple(indices)] = digest(text)
                entry = digest(f"toolset:{dialect_id}:{listed}")
                found = self.cache.recall(
                    self._table, entry, functools.partial(_unpacked_toolset, by_name=by_name)
                )
                if found is not None:
                    toolset += found
                    continue
            found = self._toolset_findings(dialect_id, [tools[i] for i in indices], by_name)
            if entry:
                self.cache.put(self._table, entry, [[f.tool, *_packed([f])[0]] for f in found])
            toolset += found
        return toolset

    def _toolset_findings(
        self, dialect_id: str, members: Sequence[Tool], by_name: Mapping[str, Tool]
    ) -> list[Finding]:
        """The toolset rules' findings of one dialect, located at the tool a hit names."""
        found = []
        ctx = Context(dialect=dialect_id)
        for rule in self.plan(dialect_id).toolset_rules:
            for hit in rule.check(members, ctx):
                found.append(
                    _finding(rule, hit, hit.tool, "", dialect_id, _located(by_name, hit.tool))
                )
        return found

    def _prepare(self, tool: Tool, requested: Sequence[str]) -> _Prepared:
        """``(judged dialects, input schema text, tool key)`` of one tool: what its findings
        depend on, and so the key they are memoised under."""
        # What a tool is judged by depends on its ``strict`` flag and the request only.
        plan_key = (bool(tool.strict), tuple(requested))
        judged = self._dialects.get(plan_key)
        if judged is None:
            judged = self._dialects[plan_key] = tuple(dialects_for(tool, requested))
        # The input schema's text is both part of the tool's key and the key of its judged
        # schema: dumped once here rather than once for each.
        input_text = _try_dump(tool.input_schema)
        tool_key = _tool_key(tool, input_text)
        deep = self._deep.get(tool_key) if tool_key else None
        if deep is None:
            deep = _too_deep(tool, input_text)
            if tool_key:
                self._deep[tool_key] = deep
        if deep:
            # Only the json-schema pack (whose too-deep rule reports it) judges a schema
            # nested past MAX_NESTING: other rules may recurse once per level.
            judged = tuple(d for d in judged if d == DEPTH_SAFE)
        return judged, input_text, tool_key

    def _recall(
        self, tools: Sequence[Tool], prepared: Sequence[_Prepared], acks: Sequence[bool]
    ) -> None:
        """Memoise the findings the cache holds for these tools, which ``_tool_findings`` then
        returns as it does for a tool it has judged before in this run."""
        if not self.cache.enabled:
            return
        for tool, (judged, _, tool_key), ack in zip(tools, prepared, acks, strict=True):
            if not tool_key or (tool_key, judged) in self._findings:
                continue
            location = Location(tool.origin.location, tool.origin.line)
            found = self.cache.recall(
                self._table,
                self._entry(tool_key, judged),
                functools.partial(_unpacked_all, tool=tool.name, location=location, ack=ack),
            )
            if found is not None:
                self._findings[(tool_key, judged)] = found

    def _digest(self, tool_key: str) -> str:
        """The digest of a tool's content key, made once per run (a key is a whole tool)."""
        found = self._digests.get(tool_key)
        if found is None:
            found = self._digests[tool_key] = digest(tool_key)
        return found

    def _entry(self, tool_key: str, judged: tuple[str, ...]) -> str:
        """The cache key of a tool's findings: its content and the dialects judging it."""
        return digest(self._digest(tool_key) + ":" + ",".join(judged))

    def _remember(
        self,
        prepared: Sequence[_Prepared],
        per_tool: Sequence[Sequence[Finding]],
    ) -> None:
        """Hand the cache the findings of every tool it did not hold."""
        if not self.cache.enabled:
            return
        for (judged, _, tool_key), findings in zip(prepared, per_tool, strict=True):
            if tool_key:
                entry = self._entry(tool_key, judged)
                if not self.cache.has(self._table, entry):
                    self.cache.put(self._table, entry, _packed(findings))

    def _fan_out(
        self, tools: Sequence[Tool], prepared: Sequence[_Prepared], acks: Sequence[bool]
    ) -> None:
        """Judge the tools not memoised yet in worker processes (``parallel.fan_out``) and
        memoise their findings, which ``_tool_findings`` then returns as it does for a tool
        it has judged before. Each distinct tool is judged once."""
        from schemadrift.parallel import fan_out

        wanted: dict[tuple[str, tuple[str, ...]], int] = {}
        for index, (judged, _, tool_key) in enumerate(prepared):
            if tool_key and (tool_key, judged) not in self._findings:
                wanted.setdefault((tool_key, judged), index)
        indices = list(wanted.values())

        parent = os.getpid()

        def work(chunk: Sequence[int]) -> list[list[_Packed] | None]:
            # The share this process judges itself is memoised by ``_tool_findings``: sending
            # it through the pack and rebuilding it would build each finding twice.
            here = os.getpid() == parent
            out: list[list[_Packed] | None] = []
            for i in chunk:
                judged, input_text, tool_key = prepared[i]
                found = self._tool_findings(tools[i], tool_key, judged, input_text, ack=acks[i])
                out.append(None if here else _packed(found))
            return out

        for index, packed in zip(indices, fan_out(work, indices, self.jobs), strict=True):
            if packed is None:
                continue
            tool = tools[index]
            judged, _, tool_key = prepared[index]
            location = Location(tool.origin.location, tool.origin.line)
            self._findings[(tool_key, judged)] = [
                _unpacked(item, tool.name, location, acks[index]) for item in packed
            ]

    def _tool_findings(
        self,
        tool: Tool,
        tool_key: str,
        judged: Sequence[str],
        input_text: str | None = None,
        located: bool = True,
        ack: bool | None = None,
    ) -> list[Finding]:
        """One tool's schema- and tool-rule findings under the ``judged`` dialects, built
        acknowledged when ``ack`` (``None``: a memoised list as it is, else not).

        Memoised by the tool's content (its line aside) and the dialects: ``check`` lints the
        baseline after the current tools, and an unchanged tool then reuses its findings
        (with its own location when it sits on another line).
        """
        location = Location(tool.origin.location, tool.origin.line)
        memo_key = (tool_key, tuple(judged))
        if tool_key:
            cached = self._findings.get(memo_key)
            if cached is not None:
                if not cached:
                    return cached
                moved = located and cached[0].location != location
                if moved or (ack is not None and cached[0].acknowledged != ack):
                    place = location if located else None
                    return [_relocated(finding, place, ack) for finding in cached]
                return cached
        if input_text is not None:
            from schemadrift.schema.validity import remember_text

            remember_text(tool.input_schema, input_text)  # for json-schema's tool rules
        # Rules judging this tool walk its schemas and measure their depth again and again:
        # within the block each is done once.
        with sharing((tool.input_schema, tool.output_schema, *tool.variants.values())):
            findings = self._judged_findings(
                tool, tool_key, judged, input_text, location, bool(ack)
            )
        if tool_key:
            self._findings[memo_key] = findings
        return findings

    def _judged_findings(
        self,
        tool: Tool,
        tool_key: str,
        judged: Sequence[str],
        input_text: str | None,
        location: Location,
        ack: bool,
    ) -> list[Finding]:
        findings: list[Finding] = []
        texts: dict[int, str] = {}
        if input_text is not None:
            texts[id(tool.input_schema)] = input_text
        # The gate's answer depends on the schema, its pointer and the dialect's shapes only:
        # asked once per tool schema rather than once per dialect (about ten per tool).
        gates: dict[tuple[int, str, bool], bool] = {}
        for dialect_id, plan in self._plans_for(tuple(judged)):
            for side, (base, schema) in _sides(tool, dialect_id):
                if not plan.schema_rules or tool.builtin is not None:
                    break  # a provider built-in tool has no schema of the user's to judge
                text = texts.get(id(schema))
                if text is None:
                    text = texts[id(schema)] = _dump(schema)
                if dialect_id not in ALWAYS_ON:
                    reads = self._reads_openapi.get(dialect_id)
                    if reads is None:
                        reads = self._reads_openapi[dialect_id] = _reads_openapi(dialect_id)
                    gate_key = (id(schema), base, reads)
                    gate = gates.get(gate_key)
                    if gate is None:
                        gate = gates[gate_key] = _judgeable(tool, base, schema, text, dialect_id)
                    if not gate:
                        continue
                for rule, hit in self._judge_schema(
                    schema, text, dialect_id, side, plan.schema_rules
                ):
                    findings.append(_finding(rule, hit, tool.name, base, dialect_id, location, ack))
            tool_rules = plan.tool_rules_for(tool)
            if not tool_rules:
                continue
            for rule, hit in self._judge_tool(tool, tool_key, dialect_id, tool_rules):
                findings.append(_finding(rule, hit, tool.name, "", dialect_id, location, ack))
        return findings


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


_Packed = tuple[str, Severity, str, str, str | None, str | None, str | None]


def _packed(findings: Sequence[Finding]) -> list[_Packed]:
    """A tool's findings as plain tuples, for the trip back from a worker (a dataclass pickles
    several times slower) and for the cache; the tool's name and location are known on the
    other side. A hint that is its rule's (nearly all are) travels as ``None``, and no hint
    where the rule has one as ``""``: ``_unpacked`` restores both."""
    rules = registry.RULES
    out = []
    for f in findings:
        usual = rules[f.rule_id].hint or None
        hint = None if f.hint == usual else (f.hint or "")
        out.append((f.rule_id, f.severity, f.pointer, f.message, f.dialect, hint, f.discriminator))
    return out


def _unpacked(
    item: Sequence[Any], tool: str | None, location: Location, ack: bool = False
) -> Finding:
    """The finding ``_packed`` made ``item`` of (its severity a ``Severity`` from a worker, its
    number from the cache: ``Severity`` is an ``IntEnum``, so one look-up serves both)."""
    rule_id, severity, pointer, message, dialect, hint, discriminator = item
    if hint is None:
        hint = registry.RULES[rule_id].hint
    return Finding(
        rule_id,
        _SEVERITIES[severity],
        tool,
        pointer,
        message,
        dialect,
        hint or None,
        None,
        (),
        None,
        False,
        (),
        location,
        ack,
        discriminator,
        None,
    )


def _unpacked_all(
    packed: Any, tool: str, location: Location, ack: bool = False
) -> list[Finding] | None:
    """``_unpacked`` for each item of a cache entry, or ``None`` if any is not what
    ``_packed`` makes (a file edited by hand, or written by another build)."""
    if type(packed) is not list:
        return None
    out: list[Finding] = []
    for item in packed:
        if not _is_packed(item):
            return None
        out.append(_unpacked(item, tool, location, ack))
    return out


def _unpacked_toolset(packed: Any, by_name: Mapping[str, Tool]) -> list[Finding] | None:
    """The toolset findings of a cache entry (each ``[tool name, *packed]``), or ``None``."""
    if type(packed) is not list:
        return None
    out = []
    for item in packed:
        if not (isinstance(item, list) and item and _is_packed(item[1:])):
            return None
        tool = item[0]
        if not (tool is None or isinstance(tool, str)):
            return None
        out.append(_unpacked(item[1:], tool, _located(by_name, tool)))
    return out


def _is_packed(item: Any) -> bool:
    """Whether ``item`` (read back from the cache) is what ``_packed`` makes of a finding.
    Exact types: a cache file holds what ``json`` reads, and ``True`` is no severity."""
    if type(item) is not list or len(item) != 7:
        return False
    rule_id, severity, pointer, message, dialect, hint, discriminator = item
    return (
        rule_id in registry.RULES
        and type(severity) is int
        and severity in _SEVERITIES
        and type(pointer) is str
        and type(message) is str
        and type(dialect) in _OPTIONAL_TEXT
        and type(hint) in _OPTIONAL_TEXT
        and type(discriminator) in _OPTIONAL_TEXT
    )


_OPTIONAL_TEXT = frozenset({str, type(None)})


def _located(by_name: Mapping[str, Tool], name: str | None) -> Location:
    """Where the tool a toolset finding names sits (nowhere when it names none)."""
    owner = by_name.get(name) if name is not None else None
    return Location(owner.origin.location, owner.origin.line) if owner else Location()


_SEVERITIES = {int(severity): severity for severity in Severity}


def _try_dump(schema: JSON) -> str | None:
    """``_dump(schema)``, or ``None`` when it cannot be dumped."""
    try:
        return _dump(schema)
    except (RecursionError, TypeError, ValueError):
        return None


def content_key(tool: Tool) -> str:
    """``_tool_key`` of a tool whose input schema is not dumped yet."""
    return _tool_key(tool, _try_dump(tool.input_schema))


def _tool_key(tool: Tool, input_text: str | None) -> str:
    """Everything a tool rule may read, as text; ``""`` (not cached) when it cannot be dumped.

    The line is left out: findings take their location from the tool, not from the rule, and
    a baseline's tools sit on other lines as soon as one tool above them changed. The input
    schema comes as its text ``input_text`` (already made by the caller), after the rest of the
    tool and a NUL, which JSON text never holds unescaped: distinct tools keep distinct keys.
    """
    if input_text is None:
        return ""
    data = tool.to_json()
    data["input_schema"] = None
    data["origin"] = {**tool.origin.to_json(), "line": None}
    try:
        return _dump(data) + "\0" + input_text
    except (RecursionError, TypeError, ValueError):
        return ""


def _judgeable(tool: Tool, base: str, schema: JSON, text: str, dialect_id: str) -> bool:
    """The meta-validity gate: provider schema rules judge only a schema whose keywords hold
    the JSON types its meta-schema gives them, so they never meet ``required: [{}]`` or
    ``properties: []``. An invalid JSON Schema is reported by ``json-schema/valid-under-draft``
    (an error in the verdict of every provider that validates the draft), so provider rules
    would add nothing to it. The ``gemini`` and ``vertex`` packs judge every schema
    themselves, whatever its shape: their provider parses ``parameters`` into a protobuf
    Schema, not against a meta-schema, so their own rules (wrong types, unknown fields) are
    what decides their verdict. Other packs judge the OpenAPI format once its type names read
    as JSON Schema ones. A root that is not an object (absent, a string) is judged: root rules
    report it."""
    from schemadrift.schema.validity import OPENAPI_SHAPES, well_formed

    if not isinstance(schema, dict) or _reads_openapi(dialect_id):
        return True
    openapi = tool.origin.shape in OPENAPI_SHAPES and not base.startswith("/variants/")
    return well_formed(schema, openapi=openapi, text=text)


def _reads_openapi(dialect_id: str) -> bool:
    """Whether ``dialect_id`` judges the OpenAPI ``parameters`` format itself (the one fact
    about the dialect ``_judgeable`` reads)."""
    from schemadrift.schema.validity import OPENAPI_SHAPES

    return bool(OPENAPI_SHAPES.intersection(registry.DIALECTS[dialect_id].shapes))


def _too_deep(tool: Tool, input_text: str | None = None) -> bool:
    """Whether a schema of the tool nests past ``MAX_NESTING``. A schema cannot nest deeper
    than the brackets its text opens: counting them (at C speed) spares most tools a walk."""
    if (
        input_text is not None
        and tool.output_schema is None
        and not tool.variants
        and input_text.count("{") + input_text.count("[") <= MAX_NESTING
    ):
        return False
    schemas = [tool.input_schema, tool.output_schema, *tool.variants.values()]
    return any(nesting_depth(schema) > MAX_NESTING for schema in schemas)


def _sides(tool: Tool, dialect_id: str) -> Iterable[tuple[str, tuple[str, JSON]]]:
    yield "input", tool.schema_for(dialect_id)
    if tool.output_schema is not None:
        yield "output", ("/output_schema", tool.output_schema)


def _relocated(finding: Finding, location: Location | None, ack: bool | None = None) -> Finding:
    """``finding`` at another ``location`` and acknowledged when ``ack`` (``None``: as it is,
    for both); ``dataclasses.replace`` is several times slower."""
    return Finding(
        finding.rule_id,
        finding.severity,
        finding.tool,
        finding.pointer,
        finding.message,
        finding.dialect,
        finding.hint,
        finding.kind,
        finding.consumers,
        finding.witness,
        finding.has_witness,
        finding.attribution,
        finding.location if location is None else location,
        finding.acknowledged if ack is None else ack,
        finding.discriminator,
        finding.change,
    )


def acknowledged(finding: Finding) -> Finding:
    """``finding`` marked acknowledged (``check`` marks thousands the baseline already had)."""
    return _relocated(finding, finding.location, True)


def _finding(
    rule: Rule,
    hit: Hit,
    tool: str | None,
    base: str,
    dialect_id: str,
    location: Location,
    ack: bool = False,
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
        acknowledged=ack,
        discriminator=hit.discriminator,
    )


def lint(tools: Sequence[Tool], dialects: Sequence[str]) -> list[Finding]:
    """Lint with the default catalogue (stable rules); see ``Linter`` for options."""
    return Linter().lint(tools, dialects)
