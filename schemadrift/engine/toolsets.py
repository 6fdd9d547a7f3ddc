"""Toolset rules: each request's list of tools judged per dialect, from the cache when it
holds them.

The toolset rules (duplicate names, tool counts) see the whole list of a dialect's tools in
one request; a cache entry is keyed by all of their contents, in order. Most dialects judge
every tool of a request, so one digest of the list serves them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from schemadrift.cache import digest
from schemadrift.engine.cached import CachedRuns
from schemadrift.model import Finding, Tool
from schemadrift.schema.facts import SchemaFacts

JudgeToolset = Callable[
    [str, Sequence[Tool], Mapping[str, Tool], Sequence[SchemaFacts | None]], list[Finding]
]


def toolset_findings(
    tools: Sequence[Tool],
    members: Mapping[tuple[str, str], list[int]],
    keys: Sequence[str],
    cached: CachedRuns,
    judge: JudgeToolset,
    facts: Sequence[SchemaFacts | None],
) -> list[Finding]:
    """The toolset findings of every ``(request, dialect)`` of ``members`` (the indices of
    its tools), judged by ``judge(dialect, tools, tools by name, their input facts)`` where
    the cache has none; ``facts[i]`` are the ``i``-th tool's (``None``: not made)."""
    found: list[Finding] = []
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
        if cached.enabled and (every or all(keys[i] for i in indices)):
            listed = lists.get(tuple(indices))
            if listed is None:
                text = ",".join(cached.digest_of(keys[i]) for i in indices)
                listed = lists[tuple(indices)] = digest(text)
            entry = digest(f"toolset:{dialect_id}:{listed}")
            recalled = cached.recall_toolset(entry, by_name)
            if recalled is not None:
                found += recalled
                continue
        chosen = [tools[i] for i in indices]
        judged = judge(dialect_id, chosen, by_name, [facts[i] for i in indices])
        if entry:
            cached.remember_toolset(entry, judged)
        found += judged
    return found
