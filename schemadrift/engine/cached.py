"""The results cache as the linter reads and fills it.

A tool's findings depend on its content (its line aside), the dialects judging it and the set
of rules that run; the entry key is made of the three (the rule set names the cache's table).
A toolset's findings depend on the contents of every tool of one request, in order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence

from schemadrift import registry
from schemadrift.cache import Cache, digest
from schemadrift.engine import records
from schemadrift.model import Finding, Tool
from schemadrift.registry import Rule

Prepared = tuple[tuple[str, ...], str | None, str]
"""``(judged dialects, input schema text, tool key)`` of one tool (``Linter._prepare``)."""


class CachedRuns:
    """The cache's table for one set of running rules, with the digests a run makes once."""

    def __init__(self, cache: Cache, enabled: Callable[[Rule], bool]) -> None:
        self.cache = cache
        self.enabled = cache.enabled
        self.table = ""
        if cache.enabled:
            # Every finding depends on which rules run: that set names the cache table.
            running = ",".join(rule.id for rule in registry.all_rules() if enabled(rule))
            self.table = "lint/" + digest(running)
        self._digests: dict[str, str] = {}

    def digest_of(self, tool_key: str) -> str:
        """The digest of a tool's content key, made once per run (a key is a whole tool)."""
        found = self._digests.get(tool_key)
        if found is None:
            found = self._digests[tool_key] = digest(tool_key)
        return found

    def entry(self, tool_key: str, judged: tuple[str, ...]) -> str:
        """The cache key of a tool's findings: its content and the dialects judging it."""
        return digest(self.digest_of(tool_key) + ":" + ",".join(judged))

    def recall(
        self,
        tools: Sequence[Tool],
        prepared: Sequence[Prepared],
        acks: Sequence[bool],
        into: dict[tuple[str, tuple[str, ...]], list[Finding]],
    ) -> None:
        """Put into ``into`` (the linter's findings by tool key and dialects) the findings the
        cache holds for these tools and ``into`` does not."""
        if not self.enabled:
            return
        for tool, (judged, _, tool_key), ack in zip(tools, prepared, acks, strict=True):
            if not tool_key or (tool_key, judged) in into:
                continue
            read = functools.partial(
                records.from_rows, tool=tool.name, location=records.location_of(tool), ack=ack
            )
            found = self.cache.recall(self.table, self.entry(tool_key, judged), read)
            if found is not None:
                into[(tool_key, judged)] = found

    def remember(self, prepared: Sequence[Prepared], per_tool: Sequence[Sequence[Finding]]) -> None:
        """Hand the cache the findings of every tool it did not hold."""
        if not self.enabled:
            return
        for (judged, _, tool_key), findings in zip(prepared, per_tool, strict=True):
            if tool_key:
                entry = self.entry(tool_key, judged)
                if not self.cache.has(self.table, entry):
                    self.cache.put(self.table, entry, [records.to_row(f) for f in findings])

    def recall_toolset(self, entry: str, by_name: Mapping[str, Tool]) -> list[Finding] | None:
        read = functools.partial(records.from_toolset_rows, by_name=by_name)
        return self.cache.recall(self.table, entry, read)

    def remember_toolset(self, entry: str, findings: Sequence[Finding]) -> None:
        self.cache.put(self.table, entry, records.toolset_rows(findings))
