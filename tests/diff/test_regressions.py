"""Dialect regressions in ``check``: one cause, one finding, and only where a dialect accepted.

A regression means "a provider that took this tool (or this request) now rejects it". A
dialect that already rejected the tool at the baseline cannot regress (those calls never
worked); its new error is reported as a lint error. Where a regression is reported, the lint
error under it is its evidence, not a second finding. Baseline findings are matched by rule,
tool and the place in the contract, so one that only moved inside an ``allOf`` wrapper is the
same finding.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import Run

CONFIG = """[tool.schemadrift]
dialects = ["{dialect}"]
sources = [{{ files = "tools.json" }}]
"""


def obj(properties: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, **more}


def openai(name: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "function", "function": {"name": name, "parameters": obj(properties)}}


def gemini(*declarations: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    """A Gemini request: function declarations with legacy ``parameters``."""
    return {
        "functionDeclarations": [
            {"name": name, "description": name, "parameters": schema}
            for name, schema in declarations
        ]
    }


def check(run_cli: Callable[..., Run], root: Path, before: Any, after: Any) -> list[dict[str, Any]]:
    """The live (unacknowledged) findings of ``check`` after ``before`` → ``after``, judged by
    the dialect the input's shape implies."""
    root.mkdir(parents=True, exist_ok=True)
    dialect = "gemini" if "functionDeclarations" in before else "openai"
    (root / "pyproject.toml").write_text(CONFIG.format(dialect=dialect))
    (root / "tools.json").write_text(json.dumps(before))
    assert run_cli("snapshot", cwd=root).code == 0
    (root / "tools.json").write_text(json.dumps(after))
    done = run_cli("check", "--format", "json", "--no-cache", "--fail-on", "never", cwd=root)
    assert done.code == 0, done.err
    findings: list[dict[str, Any]] = json.loads(done.out)["findings"]
    return [f for f in findings if not f["acknowledged"]]


def rows(findings: list[dict[str, Any]]) -> set[tuple[str, str | None, str | None]]:
    return {(f["rule"], f["tool"], f["dialect"]) for f in findings if f["severity"] == "error"}


def test_a_new_error_under_an_accepting_dialect_is_one_regression(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    """openai accepted the tool; an array without items is rejected now: one finding."""
    before = [openai("f", {"a": {"type": "string"}})]
    after = [openai("f", {"a": {"type": "string"}, "b": {"type": "array"}})]
    live = check(run_cli, tmp_path, before, after)
    assert rows(live) == {("diff/dialect-regression", "f", "openai")}
    (regression,) = [f for f in live if f["rule"] == "diff/dialect-regression"]
    assert "openai/array-items" in regression["message"]
    assert regression["pointer"] == "/input_schema/properties/b"


def test_a_dialect_that_already_rejected_the_tool_does_not_regress(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    """gemini rejected the tool at the baseline (a type array): a second gemini error is a new
    lint error, not a regression that "breaks every call"."""
    before = gemini(("f", obj({"a": {"type": ["string", "null"]}})))
    after = gemini(("f", obj({"a": {"type": ["string", "null"]}, "b": {"const": 1}})))
    live = check(run_cli, tmp_path, before, after)
    assert ("diff/dialect-regression", "f", "gemini") not in rows(live)
    assert ("gemini/unsupported-keyword", "f", "gemini") in rows(live)


def test_an_added_tool_regresses_only_a_request_that_passed(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    """An added tool gemini rejects: a regression for a request gemini took, none for one it
    already rejected (another tool had a gemini error)."""
    good = ("good", obj({"a": {"type": "string"}}))
    bad = ("bad", obj({"b": {"type": ["string", "null"]}}))
    added = ("added", obj({"c": {"const": 1}}))
    accepted = check(run_cli, tmp_path / "a", gemini(good), gemini(good, added))
    assert ("diff/dialect-regression", "added", "gemini") in rows(accepted)
    assert ("gemini/unsupported-keyword", "added", "gemini") not in rows(accepted)
    rejected = check(run_cli, tmp_path / "b", gemini(good, bad), gemini(good, bad, added))
    assert ("diff/dialect-regression", "added", "gemini") not in rows(rejected)
    assert ("gemini/unsupported-keyword", "added", "gemini") in rows(rejected)


def test_a_finding_that_only_moved_out_of_an_allof_wrapper_is_known(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    """pydantic 2.9 writes ``$ref`` with siblings where 2.8 wrapped it in ``allOf``: gemini's
    ``$ref`` error moves from ``/allOf/0/$ref`` to ``/$ref`` and is the same finding."""
    defs = {"R": {"type": "string", "enum": ["a", "b"]}}
    old = obj({"r": {"allOf": [{"$ref": "#/$defs/R"}], "description": "Sort."}}, **{"$defs": defs})
    new = obj({"r": {"$ref": "#/$defs/R", "description": "Sort."}}, **{"$defs": defs})
    live = check(run_cli, tmp_path, gemini(("f", old)), gemini(("f", new)))
    assert [f for f in live if f["dialect"] == "gemini"] == []
