"""Small builders shared by tests: make tools and lint with one rule enabled."""

from __future__ import annotations

from collections.abc import Sequence

from schemadrift.engine import Linter
from schemadrift.model import JSON, Finding, Origin, Tool
from schemadrift.sources.shapes import DocumentSource, detect


def tools_of(value: JSON, name: str = "example") -> list[Tool]:
    """Tools from any input shape (a bare schema becomes a tool named ``name``)."""
    found = detect(value, DocumentSource(label="example.json", name_hint=name))
    if found is None:
        raise AssertionError(f"no known tool shape: {value!r}")
    return found[1]


def make_tool(schema: JSON, name: str = "example", **fields: object) -> Tool:
    return Tool(
        name=name, input_schema=schema, origin=Origin("file", "bare", "example.json"), **fields
    )  # type: ignore[arg-type]


def lint_one(rule_id: str, tools: Sequence[Tool], dialect: str) -> list[Finding]:
    """Findings of ``rule_id`` alone, judging ``tools`` under ``dialect``."""
    linter = Linter(enabled=lambda rule: rule.id == rule_id)
    return [f for f in linter.lint(tools, [dialect]) if f.rule_id == rule_id]
