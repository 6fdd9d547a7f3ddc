"""Shared checks for adapter tests: a framework-made tool has no envelope of the user's.

LangChain, LlamaIndex, the Agents SDK, pydantic-ai and google-genai build the envelope each
provider receives; what the snapshot records is one rendering of it. So linting such tools for
any provider must never report an ``*/envelope-shape`` finding (the framework converts the tool,
the user cannot "send it as an Anthropic tool"), while the schema is still judged.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from schemadrift.engine import lint
from schemadrift.model import Finding, Tool
from tests.adapters.conftest import PROJECTS
from tests.conftest import run_subprocess

PROVIDERS = ("openai", "anthropic", "gemini")
"""The dialects the newcomer report targeted (2026-12-newcomer.md, §3 item 2)."""


def lint_snapshot(data: dict[str, Any], dialects: tuple[str, ...] = PROVIDERS) -> list[Finding]:
    """What ``schemadrift lint schemadrift.lock.json --dialect ...`` finds in a snapshot."""
    tools = [Tool.from_json(item) for item in data["tools"]]
    return lint(tools, dialects)


def envelope_findings(findings: list[Finding]) -> list[tuple[str, str | None, str]]:
    return [
        (f.rule_id, f.tool, f.message) for f in findings if f.rule_id.endswith("/envelope-shape")
    ]


def check_after_adding_a_tool(
    tmp_path: Path, project: str, module: str, addition: str
) -> dict[str, Any]:
    """The newcomer's reproduction: ``snapshot`` a fixture project targeting openai, anthropic
    and gemini, add one plain tool to its code, run ``check``; returns the JSON report."""
    root = tmp_path / project
    shutil.copytree(PROJECTS / project, root)
    config = root / "pyproject.toml"
    config.write_text(
        config.read_text("utf-8") + 'dialects = ["openai", "anthropic", "gemini"]\n', "utf-8"
    )
    wrote = run_subprocess("snapshot", cwd=root)
    assert wrote.code == 0, wrote.err
    source = root / module
    source.write_text(source.read_text("utf-8") + addition, "utf-8")
    done = run_subprocess("check", "--format", "json", "--no-cache", cwd=root)
    assert done.code in (0, 1), done.err
    report: dict[str, Any] = json.loads(done.out)
    report["exit_code"] = done.code
    return report
