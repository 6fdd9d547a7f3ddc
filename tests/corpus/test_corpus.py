"""The corpus of real provider cases: each asserted verdict, read from the report users see.

Cases live in ``fixtures/corpus/cases`` (facts from public issues, each with its source URL;
``fixtures/corpus/README.md`` lists them). ``tests/helpers/corpus.py`` lints each side through
the command line and reads the report's per-dialect verdict for the tool.

A reject that rests only on ``json-schema/valid-under-draft`` (the always-on meta-schema
check) is only as good as the evidence that this provider validates schemas against the
draft at all: the dialect must say so (``Dialect.draft_validation``) with dated evidence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schemadrift import registry
from tests.helpers.corpus import Expectation, agrees, case_ids, expectations, judge, load

EXPECTATIONS = expectations()
DRAFT_RULE = "json-schema/valid-under-draft"


def test_corpus_is_not_empty() -> None:
    """The corpus is found and yields verdicts for every dialect it names."""
    assert len(case_ids()) >= 21
    assert len(EXPECTATIONS) >= 60
    assert {e.dialect for e in EXPECTATIONS} >= {
        "openai",
        "openai-strict",
        "anthropic",
        "anthropic-strict",
        "gemini",
        "vertex",
        "bedrock",
        "mcp",
    }


def test_every_case_names_its_source() -> None:
    """Each case links the public issue it comes from."""
    for case in case_ids():
        assert load(case)["source"].startswith("https://github.com/"), case


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda e: e.id)
def test_verdict(tmp_path: Path, expectation: Expectation) -> None:
    """The report's verdict for this case, dialect and side is the corpus verdict."""
    registry.load()
    assert expectation.dialect in registry.DIALECTS, f"dialect {expectation.dialect} unknown"
    judgement = judge(expectation, tmp_path)
    assert agrees(expectation, judgement), (judgement.verdict, judgement.findings)
    if expectation.verdict == "reject" and judgement.causes == {DRAFT_RULE}:
        assert registry.DIALECTS[expectation.dialect].draft_validation, (
            f"{expectation.dialect} rejects only through the meta-schema, "
            "but there is no evidence that it validates schemas against the draft"
        )
