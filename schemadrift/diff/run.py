"""Run the change catalogue over two tool sets and return findings.

Pairing (``pairing.py``) → per pair ``classify.analyse`` (canonical forms, parallel walk,
witnesses) → severity per selected consumer → dialect regressions (both sides linted through
one ``Linter``) → attribution (``Bump``s on every finding). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from schemadrift.cache import Cache, digest
from schemadrift.diff.classify import analyse, bumps, dialect_regressions
from schemadrift.diff.kinds import CONSUMERS, CONTRACT, KINDS, ChangeKind
from schemadrift.diff.pairing import pair_tools
from schemadrift.diff.verdicts import Judged, consumer_verdicts, judge
from schemadrift.diff.witness import Validators
from schemadrift.model import JSON, Change, Finding, Location, Severity, Tool
from schemadrift.registry import Rule

if TYPE_CHECKING:
    from schemadrift.engine import Linter, LintResult

REGRESSION = "diff/dialect-regression"


def diff_tools(
    before: Sequence[Tool],
    after: Sequence[Tool],
    *,
    enabled: Callable[[ChangeKind], bool] | None = None,
    consumers: Sequence[str] = CONSUMERS,
    dialects: Sequence[str] = (),
    linter: Linter | None = None,
    before_dialects: Mapping[int, Sequence[str]] | None = None,
    after_dialects: Mapping[int, Sequence[str]] | None = None,
    packages_before: Mapping[str, str] | None = None,
    packages_after: Mapping[str, str] | None = None,
    lint_enabled: Callable[[Rule], bool] | None = None,
    linted: tuple[LintResult, LintResult] | None = None,
    jobs: int = 1,
    cache: Cache | None = None,
) -> list[Finding]:
    """Findings for every change between ``before`` and ``after``.

    ``dialects`` (and the per-tool maps, as ``Linter.lint`` takes them) are the targeted
    dialects both sides are linted under for ``diff/dialect-regression``; the always-on packs
    are added by the engine. ``consumers`` selects whose verdicts set the severity.
    ``lint_enabled`` decides which lint rules run for that (policy: ``off`` rules, preview);
    ``enabled`` decides which change kinds are reported. ``linted`` is ``(before, after)``
    as ``linter.lint_each`` already linted them under those dialects (``check`` has); the
    regressions then read it instead of linting again. ``jobs`` above 1 analyses a large
    number of changed pairs in that many processes (``parallel.py``). ``cache`` keeps each
    pair's analysis between runs (``cache.py``).
    """
    active = {
        value.id
        for value in KINDS.values()
        if (enabled(value) if enabled is not None else value.status != "preview")
    }
    pairing = pair_tools(before, after)
    pairs: list[tuple[Tool | None, Tool | None]] = [
        *pairing.pairs,
        *pairing.renamed,
        *((old, None) for old in pairing.removed),
        *((None, new) for new in pairing.added),
    ]
    attribution = bumps(packages_before or {}, packages_after or {})
    same = _same_content(before, after, linted)
    # An unchanged pair has nothing to classify, whatever the catalogue.
    changed = [(old, new) for old, new in pairs if old is None or new is None or not same(old, new)]
    findings: list[Finding] = []
    analysed = _analysed(changed, jobs, cache or Cache(None))
    for (old, new), items in zip(changed, analysed, strict=True):
        anchor = new if new is not None else old
        assert anchor is not None
        location = Location(anchor.origin.location, anchor.origin.line)
        for item in items:
            if item.kind not in active:
                continue
            findings.append(_finding(item, anchor.name, location, consumers, attribution))
    if REGRESSION in active:
        findings += _regressions(
            before,
            after,
            pairing,
            linter,
            dialects,
            before_dialects,
            after_dialects,
            consumers,
            attribution,
            lint_enabled,
            linted,
        )
    return sorted(findings, key=Finding.sort_key)


PAIRS = "pairs"  # the cache table of analysed pairs (they do not depend on the rules that run)


def _analysed(
    pairs: Sequence[tuple[Tool | None, Tool | None]], jobs: int, cache: Cache
) -> list[list[Judged]]:
    """``analyse`` of each pair, in order, in up to ``jobs`` processes; a pair the cache
    holds is not analysed again."""
    entries = [_pair_entry(old, new) if cache.enabled else "" for old, new in pairs]
    results: list[list[Judged] | None] = [_recalled(cache, entry) for entry in entries]
    missing = [index for index, items in enumerate(results) if items is None]

    def work(chunk: Sequence[int]) -> list[list[Judged]]:
        validators = Validators()
        return [analyse(*pairs[index], validators) for index in chunk]

    if jobs <= 1:
        computed = work(missing)
    else:
        from schemadrift.parallel import fan_out

        computed = fan_out(work, missing, jobs)
    for index, items in zip(missing, computed, strict=True):
        results[index] = items
        packed = [item.to_json() for item in items]
        if entries[index] and _round_trips(packed):
            cache.put(PAIRS, entries[index], packed)
    return [items or [] for items in results]


def _pair_entry(old: Tool | None, new: Tool | None) -> str:
    """The cache key of a pair: both tools' content (their lines aside), or ``""`` when one
    cannot be dumped (such a pair is not cached)."""
    from schemadrift.engine import content_key

    keys = [content_key(tool) if tool is not None else "-" for tool in (old, new)]
    return digest(keys[0] + "\0\1" + keys[1]) if all(keys) else ""


def _recalled(cache: Cache, entry: str) -> list[Judged] | None:
    return cache.recall(PAIRS, entry, _judged_list) if entry else None


def _judged_list(stored: JSON) -> list[Judged] | None:
    """A pair's cache entry read back, or ``None`` if any item is not a ``Judged``."""
    if not isinstance(stored, list):
        return None
    items = [Judged.from_json(item) for item in stored]
    return None if any(item is None for item in items) else items  # type: ignore[return-value]


def _round_trips(packed: JSON) -> bool:
    """Whether ``packed`` comes back from JSON text as it is (no tuple, non-text key or NaN
    in a witness): only then may the cache hand it to a later run."""
    import json

    try:
        return bool(json.loads(json.dumps(packed)) == packed)
    except (TypeError, ValueError, RecursionError):
        return False


def _finding(
    item: Judged,
    tool: str,
    location: Location,
    consumers: Sequence[str],
    attribution: tuple[object, ...],
) -> Finding:
    severity, affected, witness, has_witness = judge(item, consumers)
    hint = KINDS[item.kind].hint
    message = item.message
    if has_witness:
        message += "; an argument valid before is rejected now" if item.side != "output" else ""
    elif severity < Severity.ERROR and _could_break(item):
        message += " (no rejected value found: compatible for the selected consumers)"
    return Finding(
        rule_id=item.kind,
        severity=severity,
        tool=tool,
        pointer=item.pointer,
        message=message,
        hint=hint or None,
        kind=item.kind,
        consumers=affected,
        witness=witness,
        has_witness=has_witness,
        attribution=attribution,  # type: ignore[arg-type]
        location=location,
        discriminator=item.discriminator,
        change=Change(item.kind, item.pointer, item.before, item.after, item.side),
    )


def _could_break(item: Judged) -> bool:
    # Only a kind judged by accepted values has looked for a rejected value (not the
    # unjudged changes of an invalid schema).
    return (
        KINDS[item.kind].callers == CONTRACT
        and "breaks" not in consumer_verdicts(item).values()
        and item.action in ("narrow", "change")
        and (item.side != "tool")
    )


def _regressions(
    before: Sequence[Tool],
    after: Sequence[Tool],
    pairing: object,
    linter: Linter | None,
    dialects: Sequence[str],
    before_dialects: Mapping[int, Sequence[str]] | None,
    after_dialects: Mapping[int, Sequence[str]] | None,
    consumers: Sequence[str],
    attribution: tuple[object, ...],
    enabled: Callable[[Rule], bool] | None,
    linted: tuple[LintResult, LintResult] | None = None,
) -> list[Finding]:
    from schemadrift.diff.pairing import Pairing
    from schemadrift.engine import Linter

    assert isinstance(pairing, Pairing)
    engine = linter if linter is not None else Linter(enabled=enabled)
    base = enabled or (lambda r: r.status != "preview")
    # An unchanged tool gives the same findings on both sides, so it can never regress: only
    # changed, removed, renamed and added tools are linted per tool (through the shared,
    # cached linter). Toolset rules (counts, duplicate names) see both whole lists.
    old_ids = {id(t) for t in pairing.removed}
    new_ids = {id(t) for t in pairing.added}
    same = _same_content(before, after, linted)
    for old, new in (*pairing.pairs, *pairing.renamed):
        if not same(old, new):
            old_ids.add(id(old))
            new_ids.add(id(new))
    if linted is not None:
        old_findings = _linted_subset(linted[0], before, old_ids)
        new_findings = _linted_subset(linted[1], after, new_ids)
    else:
        toolset = Linter(enabled=lambda r: r.scope == "toolset" and base(r), cache=engine.cache)
        old_findings = _lint_subset(engine, before, old_ids, dialects, before_dialects)
        old_findings += toolset.lint(before, dialects, tool_dialects=before_dialects)
        new_findings = _lint_subset(engine, after, new_ids, dialects, after_dialects)
        new_findings += toolset.lint(after, dialects, tool_dialects=after_dialects)
    renamed = {old.name: new.name for old, new in pairing.renamed}
    if len(before) == 1 and len(after) == 1 and pairing.pairs:
        renamed[before[0].name] = after[0].name
    added = [tool.name for tool in pairing.added]
    selected = [c for c in CONSUMERS if c in consumers]
    breaks = tuple(c for c in ("callers", "model") if c in selected)
    out = []

    def rejected_before() -> set[str | None]:
        """The dialects under which the baseline request had an error (any tool's or the
        toolset's): read from ``check``'s whole-list lint, or linted here (cached)."""
        if linted is not None:
            whole = [f for findings in linted[0].per_tool for f in findings]
            whole += linted[0].toolset
        else:
            whole = engine.lint(before, dialects, tool_dialects=before_dialects)
        return {f.dialect for f in whole if f.severity == Severity.ERROR}

    for regression in dialect_regressions(
        old_findings, new_findings, renamed, added, rejected_before
    ):
        lint = regression.finding
        severity = lint.severity if breaks else Severity.INFO
        if regression.added_tool:
            text = (
                f"the new tool is rejected by {lint.dialect} ({lint.rule_id}), and providers "
                f"validate the whole tool list, so every call breaks: {lint.message}"
            )
        else:
            text = (
                f"{lint.dialect} regression: {lint.rule_id} fires on the new schema and did "
                f"not on the baseline: {lint.message}"
            )
        out.append(
            Finding(
                rule_id=REGRESSION,
                severity=severity,
                tool=lint.tool,
                pointer=lint.pointer,
                message=text,
                dialect=lint.dialect,
                hint=lint.hint,
                kind=REGRESSION,
                consumers=breaks if severity > Severity.INFO else (),
                attribution=attribution,  # type: ignore[arg-type]
                location=lint.location,
                discriminator=lint.rule_id,
            )
        )
    return out


def _same_content(
    before: Sequence[Tool], after: Sequence[Tool], linted: tuple[LintResult, LintResult] | None
) -> Callable[[Tool, Tool], bool]:
    """Whether two tools hold the same content, their lines aside (same findings, no change).

    With ``linted``, the content keys the linter made for both sides answer (``check`` has
    them: one string comparison per pair); otherwise each tool is dumped once.
    """
    if (
        linted is not None
        and len(linted[0].keys) == len(before)
        and len(linted[1].keys) == len(after)
    ):
        keys = {id(tool): key for tool, key in zip(before, linted[0].keys, strict=True)}
        keys.update((id(tool), key) for tool, key in zip(after, linted[1].keys, strict=True))

        def by_key(old: Tool, new: Tool) -> bool:
            old_key = keys.get(id(old), "")
            return bool(old_key) and old_key == keys.get(id(new))

        return by_key
    return lambda old, new: _content_key(old) == _content_key(new)


def _content_key(tool: Tool) -> str:
    import json

    data = tool.to_json()
    data["origin"] = tool.origin.shape  # where it lives does not change what providers say
    # Key order kept: a reordering is a change to classify (diff/property-order-changed).
    return json.dumps(data, default=str)


def _linted_subset(linted: LintResult, tools: Sequence[Tool], wanted: set[int]) -> list[Finding]:
    """What ``_lint_subset`` plus the toolset lint give, read from a whole-list lint: a tool's
    own findings do not depend on the other tools, the toolset findings are the whole list's."""
    chosen = [
        finding
        for index, tool in enumerate(tools)
        if id(tool) in wanted
        for finding in linted.per_tool[index]
    ]
    return sorted(chosen, key=Finding.sort_key) + sorted(linted.toolset, key=Finding.sort_key)


def _lint_subset(
    engine: Linter,
    tools: Sequence[Tool],
    wanted: set[int],
    dialects: Sequence[str],
    tool_dialects: Mapping[int, Sequence[str]] | None,
) -> list[Finding]:
    """Per-tool findings of the ``wanted`` tools (the toolset rules judge whole lists)."""
    chosen = [(index, tool) for index, tool in enumerate(tools) if id(tool) in wanted]
    if not chosen:
        return []
    subset = [tool for _, tool in chosen]
    mapping = None
    if tool_dialects is not None:
        mapping = {
            new: tool_dialects[old] for new, (old, _) in enumerate(chosen) if old in tool_dialects
        }
    return engine.lint_each(subset, dialects, tool_dialects=mapping, toolsets=False).sorted()
