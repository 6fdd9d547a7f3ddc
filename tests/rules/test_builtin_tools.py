"""Provider built-in tools (Anthropic server tools, OpenAI hosted tools, Gemini `googleSearch`,
Bedrock system tools) in a request next to function tools.

They have no schema of the user's to judge, yet they are part of the request: they count toward
tool limits and duplicate names, a provider's built-in sent to another provider is an envelope
error, the report lists them, and snapshots and diffs carry them like any tool. A file mixing
them with function tools used to stop the whole run with exit 2, even with `--skip-unknown`.
The files are in ``fixtures/builtin-tools/`` (sources in its README).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from schemadrift.engine import Linter, lint
from schemadrift.model import Severity
from tests.conftest import FIXTURES
from tests.helpers.tools import tools_of

BUILTIN = FIXTURES / "builtin-tools"
FILES = {
    "anthropic.json": "anthropic",
    "openai-responses.json": "openai",
    "gemini.json": "gemini",
    "bedrock.json": "bedrock",
}
WEATHER = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}


def load(name: str) -> list:
    return tools_of(json.loads((BUILTIN / name).read_text("utf-8")))


@pytest.mark.parametrize(("name", "dialect"), sorted(FILES.items()))
def test_builtin_tools_pass_their_own_provider(name: str, dialect: str) -> None:
    """No rule judges a schema a built-in tool does not have: the provider's own dialect and
    the always-on packs find nothing in these valid requests."""
    tools = load(name)
    assert any(tool.builtin for tool in tools)
    found = lint(tools, [dialect])
    assert [(f.rule_id, f.tool, f.message) for f in found] == []


def test_function_tools_next_to_builtins_are_still_judged() -> None:
    """A broken function tool in a file with server tools is reported as usual."""
    doc = json.loads((BUILTIN / "anthropic.json").read_text("utf-8"))
    doc["tools"][0]["input_schema"] = {"type": "array", "items": {"type": "string"}}
    found = lint(tools_of(doc), ["anthropic"])
    assert [(f.rule_id, f.tool) for f in found] == [("anthropic/root-type-object", "get_weather")]


def test_a_builtin_tool_of_another_provider_is_an_envelope_error() -> None:
    """OpenAI does not implement Anthropic's `web_search_20250305`: the request fails on it."""
    tools = tools_of({"type": "web_search_20250305", "name": "web_search", "max_uses": 5})
    found = [f for f in lint(tools, ["openai", "gemini"]) if f.severity is Severity.ERROR]
    assert [(f.rule_id, f.tool, f.pointer) for f in found] == [
        ("gemini/envelope-shape", "web_search", ""),
        ("openai/envelope-shape", "web_search", ""),
    ]
    assert "Anthropic built-in tool (`web_search_20250305`)" in found[0].message


def test_builtin_tools_count_toward_the_tool_limit() -> None:
    """OpenAI caps the `tools` array at 128, hosted tools included."""
    functions = [
        {"type": "function", "name": f"t{i}", "strict": False, "parameters": WEATHER}
        for i in range(127)
    ]
    tools = tools_of([*functions, {"type": "web_search"}])
    linter = Linter(enabled=lambda rule: rule.id == "openai/too-many-tools")
    assert linter.lint(tools, ["openai"]) == []
    tools = tools_of([*functions, {"type": "web_search"}, {"type": "file_search"}])
    (finding,) = linter.lint(tools, ["openai"])
    assert finding.message.startswith("129 tools in one request")


def test_gemini_counts_declarations_not_builtin_tools() -> None:
    """Gemini's cap is on function declarations; `googleSearch` is another kind of `Tool`."""
    declarations = [{"name": f"f{i}", "parameters": WEATHER} for i in range(512)]
    doc = {"tools": [{"functionDeclarations": declarations}, {"googleSearch": {}}]}
    linter = Linter(enabled=lambda rule: rule.id == "gemini/too-many-tools")
    assert linter.lint(tools_of(doc), ["gemini"]) == []


def test_builtin_tools_take_part_in_duplicate_names() -> None:
    """A user tool named like a server tool collides with it (`Tool names must be unique.`)."""
    doc = {
        "tools": [
            {"name": "web_search", "input_schema": WEATHER},
            {"type": "web_search_20250305", "name": "web_search"},
        ]
    }
    found = lint(tools_of(doc), ["anthropic"])
    assert [(f.rule_id, f.tool) for f in found] == [("anthropic/duplicate-tool-name", "web_search")]


# --- The command line: lint, snapshot, diff -------------------------------------------------


def copy_fixtures(tmp_path: Path) -> Path:
    target = tmp_path / "tools"
    shutil.copytree(BUILTIN, target)
    (target / "README.md").unlink()
    return target


def test_lint_with_skip_unknown_reads_builtin_tools_and_lists_them(tmp_path, run_cli) -> None:
    """`lint --skip-unknown` (what the pre-commit hook runs) lints every file instead of exiting
    2; `-v` says the file holds built-in tools, and the JSON report lists them as tools."""
    folder = copy_fixtures(tmp_path)
    done = run_cli("lint", "--skip-unknown", "-v", "--no-cache", "--format", "json", str(folder))
    assert done.code == 0, done.err
    assert "anthropic.json: read as tool list with 9 built-in tools" in done.err
    report = json.loads(done.out)
    names = {tool["name"] for tool in report["tools"]}
    assert {"web_search", "deepwiki", "file_search", "googleSearch", "nova_grounding"} <= names
    assert report["summary"]["error"] == 0


def _write_tools(path: Path, tools: list) -> Path:
    path.write_text(json.dumps({"tools": tools}), "utf-8")
    return path


def test_diff_reports_a_builtin_tool_added_or_removed(tmp_path, run_cli) -> None:
    """A built-in tool added is reported like any tool (info), one removed too (error)."""
    doc = json.loads((BUILTIN / "anthropic.json").read_text("utf-8"))
    weather, web_search = doc["tools"][0], doc["tools"][1]
    without = _write_tools(tmp_path / "without.json", [weather])
    with_it = _write_tools(tmp_path / "with.json", [weather, web_search])
    for old, new, kind, severity in (
        (without, with_it, "diff/tool-added", "info"),
        (with_it, without, "diff/tool-removed", "error"),
    ):
        done = run_cli("diff", "--format", "json", "--no-cache", str(old), str(new))
        assert done.code in (0, 1), done.err
        findings = json.loads(done.out)["findings"]
        assert [(f["rule"], f["tool"], f["severity"]) for f in findings] == [
            (kind, "web_search", severity)
        ]


def test_two_different_builtin_tools_are_not_a_rename(tmp_path, run_cli) -> None:
    """Swapping `web_search` for `bash` removes one tool and adds another."""
    doc = json.loads((BUILTIN / "anthropic.json").read_text("utf-8"))
    weather, web_search, bash = doc["tools"][0], doc["tools"][1], doc["tools"][3]
    before = _write_tools(tmp_path / "before.json", [weather, web_search])
    after = _write_tools(tmp_path / "after.json", [weather, bash])
    done = run_cli("diff", "--format", "json", "--no-cache", str(before), str(after))
    changes = {(f["rule"], f["tool"]) for f in json.loads(done.out)["findings"]}
    assert changes == {("diff/tool-removed", "web_search"), ("diff/tool-added", "bash")}


def test_snapshot_then_check_carries_builtin_tools(tmp_path, run_cli) -> None:
    """`snapshot` records a built-in tool (with its type); `check` after removing it reports
    the removal against that baseline."""
    doc = json.loads((BUILTIN / "anthropic.json").read_text("utf-8"))
    project = tmp_path / "project"
    project.mkdir()
    tools = _write_tools(project / "tools.json", doc["tools"][:2])
    (project / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ files = "tools.json" }]\n', "utf-8"
    )
    assert run_cli("snapshot", cwd=project).code == 0
    lock = json.loads((project / "schemadrift.lock.json").read_text("utf-8"))
    assert [(t["name"], t.get("builtin")) for t in lock["tools"]] == [
        ("get_weather", None),
        ("web_search", "web_search_20250305"),
    ]
    done = run_cli("check", "--format", "json", "--no-cache", cwd=project)
    assert (done.code, json.loads(done.out)["findings"]) == (0, [])
    _write_tools(tools, doc["tools"][:1])
    done = run_cli("check", "--format", "json", "--no-cache", cwd=project)
    findings = json.loads(done.out)["findings"]
    assert [(f["rule"], f["tool"]) for f in findings] == [("diff/tool-removed", "web_search")]
    assert done.code == 1
