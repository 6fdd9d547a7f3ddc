"""Meta-tests on the rule catalogue (after check-jsonschema's catalogue tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemadrift import catalog, registry
from schemadrift.model import Evidence, Severity
from schemadrift.registry import RETIRED_IDS, RULE_ID_PATTERN, SCOPES, STATUSES

registry.load()
RULES = registry.all_rules()
ENTRIES = catalog.entries()  # the lint rules and the change kinds
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("rule", ENTRIES, ids=lambda r: r.id)
def test_rule_is_complete(rule: registry.Entry) -> None:
    """Every rule and change kind has a well-formed ID, a doc with every heading, examples and dated evidence."""
    assert RULE_ID_PATTERN.match(rule.id)
    assert rule.status in STATUSES
    assert rule.scope in SCOPES
    assert rule.doc.summary.strip() and rule.doc.why.strip() and rule.doc.fix.strip()
    assert rule.fails, "needs at least one failing example"
    assert rule.passes, "needs at least one passing example"
    assert rule.evidence, "needs at least one evidence record"
    for evidence in rule.evidence:
        assert evidence.url.startswith("https://")
        assert evidence.kind in {"documented", "observed", "adapter", "inference"}
        assert len(evidence.date) == 10 and evidence.date[4] == "-"
    assert rule.hint.strip()
    if isinstance(rule, registry.Rule) and rule.inference:
        assert rule.severity.label != "error", "rules built on inference default to warning"


def test_retired_ids_are_not_reused() -> None:
    """A retired rule ID never comes back (DESIGN: IDs are never reused)."""
    assert not set(RETIRED_IDS) & {item.id for item in ENTRIES}


def test_every_rule_belongs_to_a_dialect() -> None:
    """A lint rule's ID names a dialect, and so does each entry of its ``also_in``; every
    dialect's ``extends`` and ``strict`` name dialects too."""
    listed = set()
    for dialect in registry.all_dialects():
        listed.update(registry.members(dialect.id))
        if dialect.extends:
            assert dialect.extends in registry.DIALECTS
        if dialect.strict:
            assert dialect.strict in registry.DIALECTS
    lint_rules = {r.id for r in RULES}
    assert lint_rules <= listed, f"rules in no dialect: {sorted(lint_rules - listed)}"
    for rule in RULES:
        assert set(rule.also_in) <= set(registry.DIALECTS), rule.id
        assert rule.pack not in rule.also_in, rule.id


def test_docs_are_current() -> None:
    """docs/rules/ is exactly what scripts/gen_rule_docs.py writes (run it after changing rules)."""
    expected = catalog.all_pages()
    docs = REPO / "docs" / "rules"
    actual = {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in docs.rglob("*.md")}
    assert sorted(actual) == sorted(expected), "run: python scripts/gen_rule_docs.py"
    for name, text in expected.items():
        assert actual[name] == text, (
            f"docs/rules/{name} is stale; run: python scripts/gen_rule_docs.py"
        )


def test_catalogue_snapshot(snapshot: object) -> None:
    """The whole catalogue, as `schemadrift rules --format json` prints it, is reviewed as a diff."""
    assert json.dumps(catalog.catalogue(), indent=2) == snapshot


ROOT_ONLY = [r for r in RULES if r.root_only]


@pytest.mark.parametrize("rule", ROOT_ONLY, ids=lambda r: r.id)
def test_root_only_rules_never_fire_below_the_root(rule: registry.Rule) -> None:
    """A rule the engine calls only at the root really has nothing to say about other nodes."""
    from schemadrift.registry import Context
    from schemadrift.schema.walk import walk
    from tests.helpers.tools import tools_of

    assert rule.scope == "schema"
    for example in (*rule.fails, *rule.passes):
        for tool in tools_of(example.value):
            for dialect in sorted(
                d.id for d in registry.all_dialects() if rule.id in registry.members(d.id)
            ):
                _, schema = tool.schema_for(dialect)
                ctx = Context(dialect=dialect, root=schema)
                for node in walk(schema):
                    if node.pointer:
                        assert not list(rule.check(node, ctx)), f"fired at {node.pointer}"


# --- Dated evidence: the newest verdict wins ------------------------------------------------

LINT_RULES = RULES
VERDICTS = {"rejected", "accepted", "ignored", ""}


def _newest(evidence: tuple[Evidence, ...]) -> list[Evidence]:
    """The evidence with a verdict that shares the newest date (more than one: a tie)."""
    dated = [e for e in evidence if e.verdict]
    if not dated:
        return []
    last = max(e.date for e in dated)
    return [e for e in dated if e.date == last]


@pytest.mark.parametrize("rule", LINT_RULES, ids=lambda r: r.id)
def test_an_error_rests_on_its_newest_evidence_being_a_rejection(rule: registry.Rule) -> None:
    """Providers change what they accept, so of several dated verdicts the newest wins: an
    error-severity rule, or an error-severity keyword or limit entry of a rule, must have a
    rejection as its newest dated evidence. A rule whose newest evidence is an acceptance is at
    most a warning that names the dated conflict (openai-strict `default`: rejected 2024,
    accepted 2026-08)."""
    for evidence in (*rule.evidence, *(e for c in rule.claims for e in c.evidence)):
        assert evidence.verdict in VERDICTS, evidence
    entries: list[tuple[str, Severity | None, tuple[Evidence, ...]]] = [
        ("the rule", rule.severity, rule.evidence)
    ]
    entries += [(claim.subject, claim.severity, claim.evidence) for claim in rule.claims]
    for subject, severity, evidence in entries:
        newest = _newest(evidence)
        assert len({e.verdict for e in newest}) <= 1, (
            f"{rule.id}: {subject}: conflicting verdicts share the newest date {newest}"
        )
        if severity is not Severity.ERROR:
            continue
        assert newest, f"{rule.id}: {subject} is an error with no dated verdict"
        assert newest[0].verdict == "rejected", (
            f"{rule.id}: {subject} is an error but its newest evidence is "
            f"{newest[0].verdict} ({newest[0].date}, {newest[0].url}): re-level it to a warning "
            "that names the dated conflict"
        )


@pytest.mark.parametrize("rule", [r for r in LINT_RULES if r.claims], ids=lambda r: r.id)
def test_claims_never_outrank_their_rule(rule: registry.Rule) -> None:
    """A keyword or limit entry reports at most at its rule's severity, and one whose newest
    verdict is an acceptance that followed a rejection names the conflict."""
    for claim in rule.claims:
        if claim.severity is not None:
            assert claim.severity <= rule.severity, (rule.id, claim.subject)
        if claim.verdict in ("accepted", "ignored") and claim.severity is not None:
            assert claim.severity < Severity.ERROR


def test_rule_docs_come_from_docstrings() -> None:
    """A docstring's paragraphs are unwrapped, its headings fill the doc's parts, and a list
    item keeps its own line."""
    doc = registry.parse_doc(
        """Summary that wraps
        onto a second line.

        ## Why

        First paragraph,
        wrapped.

        - one item
        - another
          continued

        ## Fix

        Do this.
        """,
        "pack/name",
    )
    assert doc.summary == "Summary that wraps onto a second line."
    assert doc.why == "First paragraph, wrapped.\n\n- one item\n- another continued"
    assert doc.fix == "Do this."
    assert doc.known_problems == ""


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Summary.\n\n## Fix\n\nDo this.", "no why"),
        ("Summary.\n\n## Why\n\nBecause.", "no fix"),
        ("Summary.\n\n## Why\n\nA.\n\n## Example\n\nB.\n\n## Fix\n\nC.", "unexpected"),
        ("Summary.\n\n## Why\n\nA.\n\n## Why\n\nB.\n\n## Fix\n\nC.", "unexpected"),
    ],
)
def test_rule_docstring_problems_are_refused(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        registry.parse_doc(text, "pack/name")
