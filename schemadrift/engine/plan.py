"""What runs on a tool: the dialects that judge it, and their rules compiled for one pass.

A tool is judged by the dialects the user targets, their strict variants when the tool is
``strict``, and the always-on packs. Their schema rules are compiled into one ``SchemaPass``
per list of dialects: walking a schema once runs every dialect's rules on each node, and on
each node only the rules whose trigger keywords it holds. Which rules a node triggers depends
only on its set of keys, and real schemas repeat a handful of them (``{"type",
"description"}``...), so the choice is made once per key set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from schemadrift import registry
from schemadrift.model import Tool
from schemadrift.registry import Context, Hit, Rule
from schemadrift.schema.facts import SchemaFacts

ALWAYS_ON = ("json-schema", "security")
DEPTH_SAFE = "json-schema"
"""The one pack that judges a schema nested past ``MAX_NESTING`` (its too-deep rule reports
it); other rules may recurse once per level."""


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
class DialectRules:
    """The enabled rules one dialect runs on a tool, by scope.

    A dialect leaves out the rules of the dialect it extends when that one judges the same
    tool anyway (a strict tool's ``openai`` rules run once). ``tool_rules`` are split by what
    they judge: the envelope as the user wrote it, or the rest; a framework-made tool has no
    envelope of the user's, a provider built-in tool nothing else.
    """

    schema_rules: tuple[Rule, ...]
    tool_rules: tuple[Rule, ...]
    toolset_rules: tuple[Rule, ...]
    envelope_rules: tuple[Rule, ...]
    content_rules: tuple[Rule, ...]

    @classmethod
    def of(
        cls, dialect_id: str, enabled: Callable[[Rule], bool], *, parent_judged: bool
    ) -> DialectRules:
        rule_ids = registry.dialect_rules(dialect_id)
        parent = registry.DIALECTS[dialect_id].extends
        if parent_judged and parent is not None:
            inherited = set(registry.dialect_rules(parent))
            rule_ids = tuple(r for r in rule_ids if r not in inherited)
        rules = [rule for rule in (registry.RULES[r] for r in rule_ids) if enabled(rule)]
        tool_rules = tuple(r for r in rules if r.scope == "tool")
        return cls(
            schema_rules=tuple(r for r in rules if r.scope == "schema"),
            tool_rules=tool_rules,
            toolset_rules=tuple(r for r in rules if r.scope == "toolset"),
            envelope_rules=tuple(r for r in tool_rules if r.envelope),
            content_rules=tuple(r for r in tool_rules if not r.envelope),
        )

    def tool_rules_for(self, tool: Tool) -> tuple[Rule, ...]:
        """The tool rules that judge ``tool`` (see ``Rule.envelope``)."""
        if tool.builtin is not None:
            return self.envelope_rules if tool.envelope_written else ()
        return self.tool_rules if tool.envelope_written else self.content_rules


Step = tuple[Rule, Callable[..., Iterable[Hit]], int]
"""One rule to run on a node: the rule, its check, and the index of its dialect in the pass."""


@dataclass(slots=True)
class SchemaPass:
    """The schema rules of several dialects on one side of a tool (``input``/``output``),
    dispatched by a node's set of keys.

    ``rules`` pairs each rule with the index of the dialect it runs for. ``steps`` gives the
    rules a node runs: below the root, ``root_only`` rules are left out (they would return at
    once). The choice per key set is made on first use and kept.
    """

    rules: tuple[tuple[Rule, int], ...]
    _below: dict[frozenset[str], tuple[Step, ...]] = field(default_factory=dict)
    _root: dict[frozenset[str], tuple[Step, ...]] = field(default_factory=dict)

    def steps(self, keys: frozenset[str], *, root: bool) -> tuple[Step, ...]:
        table = self._root if root else self._below
        chosen = table.get(keys)
        if chosen is None:
            chosen = table[keys] = tuple(
                (rule, rule.check, index)
                for rule, index in self.rules
                if (root or not rule.root_only)
                and (rule.triggers is None or not rule.triggers.isdisjoint(keys))
            )
        return chosen

    def run(self, facts: SchemaFacts, dialects: Sequence[str]) -> list[tuple[Rule, Hit, int]]:
        """The hits of every rule on every node of the schema ``facts`` describes, each with
        the index of its dialect in ``dialects`` (the dialects this pass was compiled for)."""
        contexts = [Context(dialect=d, root=facts.root, facts=facts) for d in dialects]
        hits: list[tuple[Rule, Hit, int]] = []
        append = hits.append
        root = True  # the walk yields the root first, and only the root has no keyword above
        for node, keys in facts.nodes:
            for rule, check, index in self.steps(keys, root=root):
                for hit in check(node, contexts[index]):
                    append((rule, hit, index))
            root = False
        return hits


def schema_pass(
    dialects: Sequence[str], rules_of: Callable[[str], DialectRules], side: str
) -> SchemaPass:
    """One pass running the schema rules of every dialect of ``dialects`` on ``side``."""
    return SchemaPass(
        tuple(
            (rule, index)
            for index, dialect_id in enumerate(dialects)
            for rule in rules_of(dialect_id).schema_rules
            if side in rule.schemas
        )
    )
