"""The rule catalogue: ``Rule`` and ``Dialect`` records, the ``@rule`` decorator, look-ups.

A rule is declared once, at its definition site: the decorator holds its ID, severity,
evidence and executable examples, and the check function's docstring holds its documentation
under fixed headings (``parse_doc``), as ruff keeps its rule docs. A rule belongs to the
dialect its ID names (``openai-strict/format`` to ``openai-strict``), plus any it lists in
``also_in``: no separate table to keep in step. Dialect modules only declare; the engine
decides what runs. ``load()`` imports the dialect modules when the catalogue is first needed.
Change kinds are not rules (``diff.kinds``); ``catalog.py`` lists both (``Entry``).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from schemadrift.model import JSON, Evidence, Severity
from schemadrift.ruledoc import RuleDoc, parse_doc

if TYPE_CHECKING:
    from schemadrift.model import Tool
    from schemadrift.schema.facts import SchemaFacts
    from schemadrift.schema.walk import Node

RULE_ID_PATTERN = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")

RULESET_VERSION = 1
"""The ruleset version. A change that re-levels or re-defines existing rules bumps it; a project
that pins ``version`` in its config keeps the levels of the version it pinned (see
``Rule.since`` and ``Rule.levels``)."""

RETIRED_IDS: tuple[str, ...] = ()
"""Rule IDs that existed once. They are never reused (DESIGN: IDs are never reused)."""

STATUSES = ("stable", "preview", "deprecated")
SCOPES = ("schema", "tool", "toolset", "pair")  # "pair": a change kind (diff/kinds), no rule


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule check yields: where the problem is and what to say.

    For ``schema`` rules the pointer is relative to the judged schema's root; for ``tool`` and
    ``toolset`` rules it is relative to the tool record (``/name``, ``/input_schema/...``).
    Toolset rules set ``tool`` (``None`` for a finding about the whole set).
    """

    pointer: str
    message: str
    hint: str | None = None
    severity: Severity | None = None
    tool: str | None = None
    discriminator: str | None = None


@dataclass(frozen=True, slots=True)
class Context:
    """What a check may know besides the node or tool in front of it."""

    dialect: str
    root: JSON = None  # the judged schema (schema rules)
    tool: Tool | None = None
    facts: SchemaFacts | None = None  # what is known about the judged (or the tool's) schema
    member_facts: Sequence[SchemaFacts | None] = ()  # toolset rules: each tool's input facts


SchemaCheck = Callable[["Node", Context], Iterable[Hit]]
ToolCheck = Callable[["Tool", Context], Iterable[Hit]]
ToolsetCheck = Callable[[Sequence["Tool"], Context], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Example:
    """A tool definition (any input shape) or a bare schema; a list of them for toolset rules."""

    value: JSON
    note: str = ""
    display: str = ""  # shown in docs instead of the value, when the value is too big to print


@dataclass(frozen=True, slots=True)
class Claim:
    """One keyword or limit a rule judges, with the dated evidence of what the provider does.

    A rule that covers many keywords (``openai-strict/unsupported-keyword``) or limits
    (``openai-strict/size-limits``) makes one claim per keyword or limit, because each has its
    own history: OpenAI rejected ``default`` in strict mode in 2024 and accepted it in 2026-08.
    The newest evidence with a verdict decides (``verdict``). ``severity`` is what the rule
    reports for the subject and reads from the claim (``None``: not reported); a registry-wide
    test holds every error to a newest verdict of ``rejected``, so adding a dated acceptance to
    a claim without re-levelling it fails the build. ``caveat`` says what the newest verdict
    does not cover (another host, older API versions).
    """

    subject: str
    severity: Severity | None
    evidence: tuple[Evidence, ...]
    caveat: str = ""

    @property
    def newest(self) -> Evidence | None:
        """The newest evidence that states a verdict (``None`` when none does)."""
        dated = [e for e in self.evidence if e.verdict]
        return max(dated, key=lambda e: e.date) if dated else None

    @property
    def verdict(self) -> str:
        """What the provider does today, as the newest verdict says (``""``: no verdict)."""
        newest = self.newest
        return newest.verdict if newest is not None else ""

    @property
    def conflict(self) -> str | None:
        """The dated conflict, when an older rejection was followed by a newer acceptance:
        ``rejected 2024-09 (zenn.dev/...), accepted 2026-08 (openai-agents-python #4390)``
        plus the caveat. ``None`` when the newest verdict is a rejection or nothing was
        ever rejected."""
        newest = self.newest
        if newest is None or newest.verdict == "rejected":
            return None
        rejections = [e for e in self.evidence if e.verdict == "rejected"]
        if not rejections:
            return None
        last = max(rejections, key=lambda e: e.date)
        text = (
            f"rejected {last.date[:7]} ({last.source}), {newest.verdict} {newest.date[:7]} "
            f"({newest.source})"
        )
        return f"{text}; {self.caveat}" if self.caveat else text

    def history(self) -> str:
        """Every dated verdict, oldest first (``schemadrift explain`` prints it)."""
        dated = sorted((e for e in self.evidence if e.verdict), key=lambda e: e.date)
        return ", ".join(f"{e.verdict} {e.date} ({e.source})" for e in dated)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    scope: str
    doc: RuleDoc
    evidence: tuple[Evidence, ...]
    fails: tuple[Example, ...]
    passes: tuple[Example, ...]
    check: Callable[..., Iterable[Hit]]
    status: str = "stable"
    since: int = 1  # ruleset version that introduced the rule
    levels: tuple[tuple[int, Severity], ...] = ()  # (ruleset version, default severity) history
    replaced_by: tuple[str, ...] = ()
    triggers: frozenset[str] | None = None  # schema rules: only nodes holding one of these keys
    schemas: tuple[str, ...] = ("input",)  # schema rules: "input" and/or "output"
    root_only: bool = False  # schema rules: hit the root node only (never run on the others)
    inference: bool = False  # built on an [I] point of dialects.md; says so in its doc
    example_dialect: str | None = None
    hint: str = ""  # the default fix-it shown with each finding
    claims: tuple[Claim, ...] = ()  # per keyword or limit, each with its dated verdicts
    envelope: bool = False  # tool rules: judges the envelope the user wrote (Tool.envelope_written)
    also_in: tuple[str, ...] = ()  # dialects besides the one its ID names that run the rule

    def claim(self, subject: str) -> Claim | None:
        """The claim this rule makes about ``subject`` (a keyword or limit), if any."""
        for item in self.claims:
            if item.subject == subject:
                return item
        return None

    @property
    def pack(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.id.split("/", 1)[1]

    def severity_for(self, version: int | None) -> Severity:
        """The default severity under a pinned ruleset ``version`` (``None``: the newest)."""
        if version is None or not self.levels:
            return self.severity
        current = self.severity
        for since, level in sorted(self.levels, reverse=True):
            if version >= since:
                return level
            current = level
        return current


class Entry(Protocol):
    """What the catalogue shows and policy reads of an entry: a lint ``Rule`` or a change kind
    (``diff.kinds.ChangeKind``). ``catalog.entries()`` lists both, read-only."""

    @property
    def id(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def status(self) -> str: ...
    @property
    def since(self) -> int: ...
    @property
    def scope(self) -> str: ...
    @property
    def doc(self) -> RuleDoc: ...
    @property
    def evidence(self) -> tuple[Evidence, ...]: ...
    @property
    def fails(self) -> tuple[Example, ...]: ...
    @property
    def passes(self) -> tuple[Example, ...]: ...
    @property
    def hint(self) -> str: ...
    @property
    def replaced_by(self) -> tuple[str, ...]: ...
    @property
    def pack(self) -> str: ...
    @property
    def name(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Dialect:
    """A provider surface as a value: what it extends and how it is reached.

    Its rules are those whose ID it names, and those that list it in ``also_in``
    (``members``). ``strict`` names the dialect a tool marked ``strict: true`` is also judged
    by. ``shapes`` are the input shapes (envelopes) this provider receives.
    """

    id: str
    title: str
    extends: str | None = None
    strict: str | None = None
    shapes: tuple[str, ...] = ()
    notes: str = ""
    always: bool = False  # json-schema and security: on whatever the user targets
    reads_openapi: bool = False  # parses OpenAPI `parameters` itself: judges any shape of it
    draft_validation: Evidence | None = None


RULES: dict[str, Rule] = {}
DIALECTS: dict[str, Dialect] = {}


def rule(
    rule_id: str,
    *,
    severity: Severity,
    evidence: Sequence[Evidence],
    fails: Sequence[JSON | Example],
    passes: Sequence[JSON | Example],
    scope: str = "schema",
    status: str = "stable",
    since: int = 1,
    levels: Sequence[tuple[int, Severity]] = (),
    replaced_by: Sequence[str] = (),
    triggers: Iterable[str] | None = None,
    schemas: Sequence[str] = ("input",),
    root_only: bool = False,
    inference: bool = False,
    example_dialect: str | None = None,
    hint: str | None = None,
    claims: Sequence[Claim] = (),
    envelope: bool = False,
    also_in: Sequence[str] = (),
    doc_values: Mapping[str, object] | None = None,
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register the decorated check function as rule ``rule_id``; its docstring is the rule's
    documentation (``parse_doc``).

    ``doc_values`` fills ``${name}`` places in the docstring with the module's constants, so a
    documented limit cannot drift from the one the check applies.

    ``envelope=True`` marks a tool rule that judges the envelope as the user wrote it (its
    shape, its keys): the engine runs it only on tools whose envelope the user wrote
    (``Tool.envelope_written``), and it is the only kind of tool rule that runs on a provider
    built-in tool (``Tool.builtin``), which has no schema to judge.
    """

    def register(check: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id!r}")
        text = check.__doc__ or ""
        if doc_values:
            import string

            text = string.Template(text).safe_substitute(doc_values)
        doc = parse_doc(text, rule_id)
        RULES[rule_id] = Rule(
            id=rule_id,
            severity=severity,
            scope=scope,
            doc=doc,
            evidence=tuple(evidence),
            fails=tuple(e if isinstance(e, Example) else Example(e) for e in fails),
            passes=tuple(e if isinstance(e, Example) else Example(e) for e in passes),
            check=check,
            status=status,
            since=since,
            levels=tuple(levels),
            replaced_by=tuple(replaced_by),
            triggers=frozenset(triggers) if triggers is not None else None,
            schemas=tuple(schemas),
            root_only=root_only,
            inference=inference,
            example_dialect=example_dialect,
            hint=hint if hint is not None else doc.fix.split("\n\n", 1)[0],
            claims=tuple(claims),
            envelope=envelope,
            also_in=tuple(also_in),
        )
        return check

    return register


def dialect(value: Dialect) -> Dialect:
    """Register a dialect value."""
    if value.id in DIALECTS:
        raise ValueError(f"duplicate dialect id {value.id!r}")
    DIALECTS[value.id] = value
    return value


_loaded = False


def load() -> None:
    """Import every dialect module once, which registers their rules and dialects."""
    global _loaded  # noqa: PLW0603 - a process-wide, import-once catalogue
    if _loaded:
        return
    from schemadrift.dialects import MODULES

    for module in MODULES:
        importlib.import_module(f"schemadrift.dialects.{module}")
    _loaded = True


def all_rules() -> list[Rule]:
    load()
    return [RULES[key] for key in sorted(RULES)]


def get_rule(rule_id: str) -> Rule:
    load()
    return RULES[rule_id]


def all_dialects() -> list[Dialect]:
    load()
    return [DIALECTS[key] for key in sorted(DIALECTS)]


def provider_dialects() -> tuple[str, ...]:
    """The ids of every dialect a user can target (the ``always`` packs run whatever is)."""
    return tuple(dialect.id for dialect in all_dialects() if not dialect.always)


def dialect_rules(dialect_id: str) -> tuple[str, ...]:
    """The flat, de-duplicated, ordered rule list of a dialect, ``extends`` resolved."""
    load()
    chain: list[Dialect] = []
    current: str | None = dialect_id
    while current is not None:
        value = DIALECTS[current]
        chain.append(value)
        current = value.extends
    seen: dict[str, None] = {}
    for value in reversed(chain):
        for rule_id in members(value.id):
            seen.setdefault(rule_id, None)
    return tuple(seen)


def members(dialect_id: str) -> tuple[str, ...]:
    """The IDs of the rules a dialect declares itself (``extends`` not followed), sorted: those
    its ID names and those that list it in ``also_in``."""
    load()
    return tuple(
        sorted(
            rule_id
            for rule_id, item in RULES.items()
            if item.pack == dialect_id or dialect_id in item.also_in
        )
    )


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The closest known name to a misspelt one, for "did you mean" messages."""
    import difflib

    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.5)
    return found[0] if found else None
