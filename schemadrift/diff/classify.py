"""Turn raw differences into judged changes: direction, consumers, witnesses, regressions, bumps.

``analyse(old, new)`` compares one tool pair (canonical forms, parallel walk, witness search)
and returns ``Judged`` items; ``verdicts``/``severity`` read the kind's consumer table for the
consumers a run selects. Direction: on ``input_schema`` a change breaks callers when an
argument valid before is rejected now (a forward witness); on ``output_schema`` it is
reversed, callers break when the tool may now return values the old schema excluded, and the
implementation breaks when values it returned before are now rejected.

``dialect_regressions`` lints both sides through one ``Linter`` (its cache means unchanged
tools are judged once) and reports what fires only on the new side. ``bumps`` compares the two
snapshots' ``packages`` with ``packaging``.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace

from schemadrift import memo
from schemadrift.dialects.json_schema import OPENAPI_SHAPES, well_typed
from schemadrift.diff import compare as cmp
from schemadrift.diff.kinds import BREAKS, CONSUMERS, CONTRACT, KINDS, RISK, SAFE
from schemadrift.diff.transitions import canonical
from schemadrift.diff.witness import Validators, WitnessSearch, reverted
from schemadrift.diff.witness import node_at as _at
from schemadrift.model import JSON, Bump, Finding, Severity, Tool
from schemadrift.schema.pointer import from_tokens, join, split

LEVEL = {BREAKS: Severity.ERROR, RISK: Severity.WARNING, SAFE: Severity.INFO}
_MISSING = object()


@dataclass(frozen=True, slots=True)
class Judged:
    """One change of a tool pair, with the evidence its verdicts rest on."""

    kind: str
    pointer: str  # from the tool record: /input_schema/..., /output_schema/..., /name
    message: str
    side: str  # "input" | "output" | "tool"
    action: str
    discriminator: str | None = None
    before: JSON = None
    after: JSON = None
    forward: bool = False  # a value the old side accepts and the new side rejects was found
    forward_witness: JSON = None
    reverse: bool = False  # a value the new side accepts and the old side rejects was found
    reverse_witness: JSON = None

    def to_json(self) -> list[JSON]:
        """The fields in order, as the results cache stores them (``from_json`` reverses)."""
        return [getattr(self, name) for name in _JUDGED_FIELDS]

    @classmethod
    def from_json(cls, data: JSON) -> Judged | None:
        """A ``Judged`` from ``to_json``'s list, or ``None`` if ``data`` is not one."""
        if not (isinstance(data, list) and len(data) == len(_JUDGED_FIELDS)):
            return None
        kind, pointer, message, side, action, discriminator = data[:6]
        texts_ok = all(isinstance(value, str) for value in (pointer, message, side, action))
        if not (
            kind in KINDS
            and texts_ok
            and (discriminator is None or isinstance(discriminator, str))
            and isinstance(data[8], bool)
            and isinstance(data[10], bool)
        ):
            return None
        return cls(*data)


_JUDGED_FIELDS = tuple(item.name for item in fields(Judged))

# Kinds that can repeat at one pointer carry the changed value in their fingerprint.
REPEATS = frozenset(
    {
        "diff/enum-value-removed",
        "diff/enum-value-added",
        "diff/composition-branch-added",
        "diff/composition-branch-removed",
        "diff/schema-changed",
        "diff/property-became-required",
        "diff/property-became-optional",
        "diff/dialect-regression",
    }
)


def consumer_verdicts(item: Judged) -> dict[str, str]:
    """``{consumer: breaks | risk | safe}`` for one judged change."""
    kind = KINDS[item.kind]
    out = {}
    for consumer in CONSUMERS:
        fixed = getattr(kind, consumer)
        out[consumer] = fixed if fixed != CONTRACT else _contract(item, consumer)
    return out


def _contract(item: Judged, consumer: str) -> str:
    kind = KINDS[item.kind]
    if item.side == "output":
        if consumer == "callers":
            return BREAKS if item.reverse else SAFE
        if consumer == "implementation":
            if item.forward:
                return BREAKS
            return RISK if item.action == cmp.NARROW else SAFE
        return SAFE
    if consumer == "callers":
        if item.forward:
            return BREAKS
        return SAFE if item.action == cmp.WIDEN else kind.unproven
    return SAFE


def judge(item: Judged, consumers: Sequence[str]) -> tuple[Severity, tuple[str, ...], JSON, bool]:
    """Severity (worst over ``consumers``), the consumers affected at that level, the witness."""
    verdicts = consumer_verdicts(item)
    selected = [c for c in CONSUMERS if c in consumers]
    worst = max((LEVEL[verdicts[c]] for c in selected), default=Severity.INFO)
    affected = tuple(c for c in selected if LEVEL[verdicts[c]] == worst and worst > Severity.INFO)
    witness: JSON = None
    has = False
    if worst == Severity.ERROR:
        output_callers = item.side == "output" and "callers" in affected and item.reverse
        if output_callers:
            witness, has = item.reverse_witness, True
        elif item.forward:
            witness, has = item.forward_witness, True
    return worst, affected, witness, has


# --- one tool pair --------------------------------------------------------------------------

_CACHE: dict[tuple[int, int], tuple[Tool | None, Tool | None, list[Judged]]] = memo.run_table()


def analyse(
    old: Tool | None, new: Tool | None, validators: Validators | None = None
) -> list[Judged]:
    """Every judged change between two forms of one tool (memoised per pair)."""
    key = (id(old), id(new))
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is old and cached[1] is new:
        return cached[2]
    items = _analyse(old, new, validators or Validators())
    if len(_CACHE) > 4096:
        _CACHE.clear()
    _CACHE[key] = (old, new, items)
    return items


def _analyse(old: Tool | None, new: Tool | None, validators: Validators) -> list[Judged]:
    if old is None and new is not None:
        return [Judged("diff/tool-added", "", f"tool {new.name!r} was added", "tool", cmp.WIDEN)]
    if new is None and old is not None:
        return [
            Judged("diff/tool-removed", "", f"tool {old.name!r} was removed", "tool", cmp.NARROW)
        ]
    assert old is not None
    assert new is not None
    out: list[Judged] = []
    if old.name != new.name and not (old.name_from_file or new.name_from_file):
        out.append(
            Judged(
                "diff/tool-renamed",
                "/name",
                f"tool {old.name!r} was renamed to {new.name!r}",
                "tool",
                cmp.CHANGE,
                before=old.name,
                after=new.name,
            )
        )
    if cmp.prose(old.description or "") != cmp.prose(new.description or ""):
        out.append(
            Judged(
                "diff/description-changed",
                "/description",
                "the tool description changed: " + word_diff(old.description, new.description),
                "tool",
                cmp.ANNOTATE,
                before=old.description,
                after=new.description,
            )
        )
    if bool(old.strict) != bool(new.strict):
        out.append(
            Judged(
                "diff/strict-changed",
                "/strict",
                f"strict changed from {bool(old.strict)} to {bool(new.strict)}",
                "tool",
                cmp.CHANGE,
                before=old.strict,
                after=new.strict,
            )
        )
    openapi = (old.origin.shape in OPENAPI_SHAPES, new.origin.shape in OPENAPI_SHAPES)
    out += _schema_side("input", old.input_schema, new.input_schema, validators, openapi)
    if old.output_schema is None and new.output_schema is not None:
        out.append(
            Judged(
                OUTPUT_ADDED,
                "/output_schema",
                "an output schema was added: structured results are now promised to match it"
                + _generated(new.output_schema),
                "output",
                cmp.NARROW,
                after=cmp.shallow(new.output_schema),
            )
        )
    elif old.output_schema is not None and new.output_schema is None:
        out.append(
            Judged(
                OUTPUT_REMOVED,
                "/output_schema",
                "the output schema was removed: structured results are no longer promised",
                "output",
                cmp.WIDEN,
                before=cmp.shallow(old.output_schema),
            )
        )
    elif old.output_schema is not None and new.output_schema is not None:
        out += _schema_side("output", old.output_schema, new.output_schema, validators, openapi)
    return out


OUTPUT_ADDED = "diff/output-schema-added"
OUTPUT_REMOVED = "diff/output-schema-removed"


def _generated(schema: JSON) -> str:
    """A note on where an added output schema likely came from (FastMCP wraps a return
    annotation that is not an object as ``{"result": ...}`` and marks it)."""
    if isinstance(schema, dict) and schema.get("x-fastmcp-wrap-result") is True:
        return " (generated from the return annotation, wrapped as `result`)"
    return ""


def _schema_side(
    side: str,
    old_raw: JSON,
    new_raw: JSON,
    validators: Validators,
    openapi: tuple[bool, bool] = (False, False),
) -> list[Judged]:
    base = "/input_schema" if side == "input" else "/output_schema"
    old_raw = {} if old_raw is None else old_raw
    new_raw = {} if new_raw is None else new_raw
    if _unchanged(old_raw, new_raw):
        return []
    # The semantic gate: canonical forms, the parallel walk and witnesses read keywords as
    # JSON Schema defines them, which only a meta-valid schema guarantees. Otherwise the pair
    # is compared as plain JSON (design.md: "The meta-validity gate").
    if not (_comparable(old_raw, openapi[0]) and _comparable(new_raw, openapi[1])):
        return _structural(side, base, old_raw, new_raw, openapi)
    old_c = canonical(old_raw, openapi=openapi[0])
    new_c = canonical(new_raw, openapi=openapi[1])
    deltas = cmp.compare(old_c, new_c)
    if not deltas:
        return []
    # The validators that confirm witnesses read JSON Schema: an OpenAPI side (Gemini
    # `parameters`) is given to them in JSON Schema's spelling, as its canonical form reads it.
    old_v = json_schema_of_openapi(old_raw) if openapi[0] else old_raw
    new_v = json_schema_of_openapi(new_raw) if openapi[1] else new_raw
    forward = WitnessSearch(old_v, new_v, old_c, new_c, validators)
    reverse = WitnessSearch(new_v, old_v, new_c, old_c, validators)
    # A side that provably accepts all the other accepts has no witness against it: the
    # search, which would try every candidate to learn that, is skipped (implication.py).
    from schemadrift.diff.implication import accepts_all

    forward.impossible = accepts_all(new_c, old_c)
    reverse.impossible = accepts_all(old_c, new_c)
    out: list[Judged] = []
    pending: list[int] = []
    for delta in deltas:
        kind = KINDS[delta.kind]
        fwd = rev = False
        fwd_w: JSON = None
        rev_w: JSON = None
        contract = CONTRACT in (kind.callers, kind.implementation)
        name = delta.discriminator
        if contract and delta.action in (cmp.NARROW, cmp.CHANGE):
            # the old schema with only this change made: a witness must fail it too
            new_node = _at(new_c, split(delta.node))
            applied = reverted(old_c, split(delta.target), new_node, delta.kind, name)
            fwd, fwd_w = forward.find(split(delta.target), applied)
        if contract and side == "output" and delta.action in (cmp.WIDEN, cmp.CHANGE):
            old_node = _at(old_c, split(delta.target))
            applied = reverted(new_c, split(delta.node), old_node, delta.kind, name)
            rev, rev_w = reverse.find(split(delta.node), applied)
        if contract and not fwd and delta.action in (cmp.NARROW, cmp.CHANGE):
            pending.append(len(out))
        shown = anchor(delta.pointer, old_raw if delta.removed else new_raw)
        out.append(
            Judged(
                delta.kind,
                base + shown,
                describe(delta, side, shown),
                side,
                delta.action,
                _text(delta.discriminator) if delta.kind in REPEATS else None,
                delta.before,
                delta.after,
                fwd,
                fwd_w,
                rev,
                rev_w,
            )
        )
    if pending and not any(item.forward for item in out):
        # No single change rejects anything on its own, but together they may (a property
        # dropped while the object is closed): credit the first one a whole-schema witness hits.
        for index in pending:
            found, value = forward.find(split(deltas[index].target))
            if found:
                out[index] = replace(out[index], forward=True, forward_witness=value)
                break
    return out


def json_schema_of_openapi(schema: JSON) -> JSON:
    """An OpenAPI 3.0 Schema object (Gemini `parameters`) in JSON Schema's spelling, for the
    validators: type names in lower case, `nullable: true` as `null` in the type set, and
    draft-04 boolean exclusive bounds as numbers (``transitions`` reads it the same way).
    Iterative: schemas may nest deeply."""
    root: dict[str, JSON] = {"": schema}
    stack: list[tuple[dict[str, JSON] | list[JSON], str | int]] = [(root, "")]
    while stack:
        parent, key = stack.pop()
        node = parent[key]  # type: ignore[index]
        if not isinstance(node, dict):
            continue
        out = dict(node)
        types = out.get("type")
        if isinstance(types, str):
            types = out["type"] = types.lower()
        elif isinstance(types, list) and all(isinstance(t, str) for t in types):
            types = out["type"] = [t.lower() for t in types]
        if out.pop("nullable", None) is True and isinstance(types, (str, list)):
            out["type"] = [*([types] if isinstance(types, str) else types), "null"]
        for exclusive, inclusive in (
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ):
            flag = out.get(exclusive)
            if isinstance(flag, bool):
                del out[exclusive]
                if flag and inclusive in out:
                    out[exclusive] = out.pop(inclusive)
        parent[key] = out  # type: ignore[index]
        for name, value in list(out.items()):
            if name in ("properties", "patternProperties") and isinstance(value, dict):
                out[name] = copy = dict(value)
                stack.extend((copy, sub) for sub in copy)
            elif name in ("anyOf", "allOf", "oneOf") and isinstance(value, list):
                out[name] = items = list(value)
                stack.extend((items, index) for index in range(len(items)))
            elif name in ("items", "additionalProperties", "not") and isinstance(value, dict):
                stack.append((out, name))
    return root[""]


def _comparable(schema: JSON, openapi: bool) -> bool:
    """Whether the semantic comparison may read ``schema``: every keyword it reads holds the
    JSON type 2020-12 gives it (older drafts' spellings are folded by the canonical forms)."""
    return well_typed(schema, openapi=openapi)


def _text(discriminator: JSON) -> str | None:
    """A discriminator as the text a fingerprint takes (non-strings as their JSON)."""
    if discriminator is None or isinstance(discriminator, str):
        return discriminator
    return cmp.literal(discriminator)


def _unchanged(old_raw: JSON, new_raw: JSON) -> bool:
    try:
        return bool(old_raw == new_raw and json.dumps(old_raw) == json.dumps(new_raw))
    except (RecursionError, TypeError, ValueError):
        return False


UNCHECKED = "diff/invalid-schema-changed"
_STRUCTURAL_DEPTH = 64


def _structural(
    side: str, base: str, old_raw: JSON, new_raw: JSON, openapi: tuple[bool, bool]
) -> list[Judged]:
    """``diff/invalid-schema-changed`` at each changed pointer, for a pair that is not judged
    semantically because one side is not a valid schema.

    Iterative and depth-bounded: past ``_STRUCTURAL_DEPTH`` levels a differing subtree is one
    change. Values nested deeper than ``compare.SHOWN_DEPTH`` are not carried into the finding.
    """
    which = [
        name
        for name, value, flag in (("old", old_raw, openapi[0]), ("new", new_raw, openapi[1]))
        if not _comparable(value, flag)
    ]
    invalid = " and ".join(which)
    out: list[Judged] = []
    stack: list[tuple[str, JSON, JSON, int]] = [("", old_raw, new_raw, 0)]
    while stack:
        pointer, a, b, depth = stack.pop()
        if depth < _STRUCTURAL_DEPTH and isinstance(a, dict) and isinstance(b, dict):
            keys = [*a, *(key for key in b if key not in a)]
            for key in reversed(keys):
                stack.append(
                    (join(pointer, key), a.get(key, _MISSING), b.get(key, _MISSING), depth + 1)
                )
            continue
        if (
            depth < _STRUCTURAL_DEPTH
            and isinstance(a, list)
            and isinstance(b, list)
            and len(a) == len(b)
        ):
            for index in reversed(range(len(a))):
                stack.append((join(pointer, index), a[index], b[index], depth + 1))
            continue
        if a is not _MISSING and b is not _MISSING and _same(a, b):
            continue
        before = None if a is _MISSING else a
        after = None if b is _MISSING else b
        shown_before, shown_after = cmp.shallow(before), cmp.shallow(after)
        where = f"{side} schema" + (f" at {pointer}" if pointer else "")
        verb = "added" if a is _MISSING else "removed" if b is _MISSING else "changed"
        detail = (
            f"{_show(shown_before)} → {_show(shown_after)}"
            if verb == "changed"
            else _show(shown_after if verb == "added" else shown_before)
        )
        out.append(
            Judged(
                UNCHECKED,
                base + pointer,
                f"{where}: {verb} {detail} (not judged: the {invalid} schema is not valid "
                "JSON Schema)",
                side,
                cmp.CHANGE,
                before=shown_before,
                after=shown_after,
            )
        )
    return out


def _same(a: JSON, b: JSON) -> bool:
    try:
        return cmp.same(a, b)
    except RecursionError:
        return False


def anchor(pointer: str, document: JSON) -> str:
    """The longest prefix of a canonical pointer that exists in the real schema it points
    into: the new side, or the old one for a removal (design.md).

    Canonical forms inline references and fold representations, so a pointer into them may
    name a node the emitted schema spells differently; findings must point at real nodes,
    and on the side they describe (a null newly accepted through `anyOf` points at the new
    property, not at the old `type` it replaced).
    """
    # One descent, token by token (a prefix resolved from the root each time was quadratic in
    # the pointer's length): the first step that is missing ends the longest real prefix.
    node = document
    tokens = split(pointer)
    for size, token in enumerate(tokens):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return from_tokens(tokens[:size])
    return pointer


def _show(value: JSON) -> str:
    if value is None:
        return "(absent)"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # bounds are compared as floats; show 20, not 20.0
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def describe(delta: cmp.Delta, side: str, shown: str | None = None) -> str:
    """The finding message for one raw change, at ``shown`` (the pointer the finding has;
    the canonical pointer when not given)."""
    shown = delta.pointer if shown is None else shown
    where = f"{side} schema" + (f" at {shown}" if shown else "")
    kind = delta.kind
    if delta.pointer.startswith(shown + "/"):
        # what the change names sits where the emitted schema has no pointer (inside an
        # inlined reference, a folded `anyOf`): the rest of the path says what it is
        where += f" ({delta.pointer[len(shown) + 1 :]})"
    if kind == "diff/description-changed":
        return f"{where}: text changed: {word_diff(delta.before, delta.after)}"
    if kind in ("diff/enum-value-removed", "diff/enum-value-added"):
        verb = "no longer accepts" if kind.endswith("removed") else "now also accepts"
        value = delta.before if kind.endswith("removed") else delta.after
        return f"{where}: {verb} the value {_show(value)}"
    if kind == "diff/property-removed":
        return f"{where}: property {delta.discriminator!r} was removed"
    if kind in ("diff/optional-property-added", "diff/required-property-added"):
        which = "required" if "required" in kind else "optional"
        return f"{where}: {which} property {delta.discriminator!r} was added"
    if kind == "diff/property-became-required":
        return f"{where}: property {delta.discriminator!r} is now required"
    if kind == "diff/property-became-optional":
        return f"{where}: property {delta.discriminator!r} is no longer required"
    if kind in ("diff/composition-branch-added", "diff/composition-branch-removed"):
        whole = delta.after if kind.endswith("added") else delta.before
        keyword = delta.pointer.rsplit("/", 1)[-1]
        if isinstance(whole, list) and keyword in ("anyOf", "oneOf", "allOf"):
            how = {"anyOf": "at least one", "oneOf": "exactly one", "allOf": "every one"}[keyword]
            if kind.endswith("added"):
                return (
                    f"{where}: `{keyword}` added with {len(whole)} branches (a value must now "
                    f"match {how} of them): {_show(whole)}"
                )
            return f"{where}: `{keyword}` and its {len(whole)} branches removed: {_show(whole)}"
    if kind == "diff/property-order-changed":
        return f"{where}: property order changed from {_show(delta.before)} to {_show(delta.after)}"
    label = kind.split("/", 1)[1].replace("-", " ")
    return f"{where}: {label}: {_show(delta.before)} → {_show(delta.after)}"


def _prose(value: JSON) -> str:
    """Text to diff word by word; a baseline may hold any JSON where a description belongs."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    try:
        return cmp.literal(value)
    except (RecursionError, TypeError, ValueError):
        return type(value).__name__


def word_diff(before: JSON, after: JSON, limit: int = 240) -> str:
    """A compact word-level diff: ``[-removed-]`` and ``{+added+}`` around unchanged words."""
    a, b = _prose(before).split(), _prose(after).split()
    parts: list[str] = []
    for op, i1, i2, j1, j2 in _word_opcodes(a, b):
        if op == "equal":
            words = a[i1:i2]
            parts.append(
                " ".join(words)
                if len(words) <= 6
                else " ".join(words[:3]) + " … " + " ".join(words[-3:])
            )
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    text = " ".join(p for p in parts if p)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MATCHED_PAIRS = 250_000
"""Word pairs (words before × words after) the matcher compares at most: its time grows with
their product, and a description of 100 KB would take seconds for a diff cut to 240 chars."""


def _word_opcodes(a: list[str], b: list[str]) -> Sequence[tuple[str, int, int, int, int]]:
    """``difflib`` opcodes turning the words ``a`` into ``b``. Long texts are matched between
    their common first and last words only, and past ``_MATCHED_PAIRS`` what lies between is
    one replacement."""
    if len(a) * len(b) <= _MATCHED_PAIRS:
        return difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    a_end, b_end = len(a) - tail, len(b) - tail
    out: list[tuple[str, int, int, int, int]] = [("equal", 0, head, 0, head)] if head else []
    middle_a, middle_b = a[head:a_end], b[head:b_end]
    if len(middle_a) * len(middle_b) <= _MATCHED_PAIRS:
        matcher = difflib.SequenceMatcher(a=middle_a, b=middle_b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            out.append((op, i1 + head, i2 + head, j1 + head, j2 + head))
    elif a_end > head or b_end > head:
        out.append(("replace", head, a_end, head, b_end))
    if tail:
        out.append(("equal", a_end, len(a), b_end, len(b)))
    return out


# --- attribution ----------------------------------------------------------------------------


def bumps(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[Bump, ...]:
    """Packages whose version differs between the baseline and now (equal versions skipped)."""
    from packaging.version import InvalidVersion, Version

    out = []
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a is not None and b is not None:
            try:
                if Version(a) == Version(b):
                    continue
            except InvalidVersion:
                if a == b:
                    continue
        out.append(Bump(name, a, b))
    return tuple(out)


# --- dialect regressions --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Regression:
    finding: Finding  # the new-side lint finding
    added_tool: bool


def dialect_regressions(
    old_findings: Iterable[Finding],
    new_findings: Iterable[Finding],
    renamed: Mapping[str, str],
    added: Iterable[str],
    rejected_before: Callable[[], set[str | None]],
) -> list[Regression]:
    """New-side lint findings by which a dialect that accepted the tool now rejects it.

    A dialect accepted a changed tool when it had no error under it at the baseline: an error
    there now is a regression, whichever rule gives it (a tool already rejected cannot "break
    every call": those calls never worked). Providers validate the whole tool list, so an
    added tool (or the toolset itself) regresses a dialect only if the baseline request had
    no error under it at all (``rejected_before`` names the dialects that had one; it is
    asked only when needed, since it may need the whole baseline linted). A warning is a
    regression when its (tool, dialect, rule) never fired on the old side: keyed by rule
    rather than pointer, so a problem that only moved (a property renamed) is not one.
    """
    warned = set()
    rejected = set()
    for finding in old_findings:
        tool = renamed.get(finding.tool, finding.tool) if finding.tool else None
        if finding.severity >= Severity.WARNING:
            warned.add((tool, finding.dialect, finding.rule_id))
        if finding.severity == Severity.ERROR:
            rejected.add((tool, finding.dialect))
    # The old findings at hand (changed tools, the toolset) may already show the request
    # rejected; only otherwise is the whole baseline asked about.
    request: set[str | None] = {dialect for _, dialect in rejected}
    asked = False
    new_tools = set(added)
    out = []
    for finding in new_findings:
        if finding.severity < Severity.WARNING:
            continue
        whole = finding.tool is None or finding.tool in new_tools
        if finding.severity == Severity.ERROR:
            if whole:
                if finding.dialect not in request and not asked:
                    request |= rejected_before()
                    asked = True
                if finding.dialect not in request:
                    out.append(Regression(finding, finding.tool is not None))
            elif (finding.tool, finding.dialect) not in rejected:
                out.append(Regression(finding, False))
        elif finding.tool not in new_tools and (
            (finding.tool, finding.dialect, finding.rule_id) not in warned
        ):
            out.append(Regression(finding, False))
    return out
