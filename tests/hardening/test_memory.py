"""A process that runs schemadrift many times keeps nothing of the earlier runs.

Test suites call the CLI in-process and the pytest plugin lints in the user's test process:
the memo tables that make one run fast must be emptied when it ends, or a long session grows
without bound (a 100,000-example fuzzing run once grew by about 8 MB a second).
"""

from __future__ import annotations

import json
from pathlib import Path

from schemadrift import memo

TOOLS = {
    "tools": [
        {
            "name": f"tool_{index}",
            "description": "A tool.",
            "input_schema": {
                "type": "object",
                "properties": {"q": {"type": "string"}, "opt": {"anyOf": [{"type": "integer"}]}},
                "$defs": {"A": {"$ref": "#/$defs/A"}},
            },
        }
        for index in range(5)
    ]
}


def _entries() -> int:
    return sum(len(table) for table in memo._TABLES)


def test_the_cli_run_in_process_leaves_its_memo_tables_empty(tmp_path: Path, run_cli) -> None:
    (tmp_path / "tools.json").write_text(json.dumps(TOOLS))
    before = json.loads(json.dumps(TOOLS))
    before["tools"][0]["input_schema"]["properties"]["q"]["type"] = "integer"
    (tmp_path / "before.json").write_text(json.dumps(before))
    seen = []
    original = memo.clear

    def clear() -> None:
        seen.append(_entries())  # what the run had memoised when it ended
        original()

    memo.clear = clear  # type: ignore[assignment]
    try:
        run_cli("lint", "--dialect", "anthropic-strict", "tools.json", cwd=tmp_path)
        run_cli("diff", "--dialect", "openai", "before.json", "tools.json", cwd=tmp_path)
    finally:
        memo.clear = original  # type: ignore[assignment]
    assert len(seen) == 2 and all(count > 0 for count in seen)  # the runs did memoise
    assert _entries() == 0


def test_the_pytest_plugin_leaves_its_memo_tables_empty() -> None:
    from schemadrift.pytest_plugin import lint_report
    from schemadrift.sources.shapes import DocumentSource, detect

    found = detect(TOOLS, DocumentSource(label="tools.json", name_hint="tools"))
    assert found is not None
    report = lint_report(found[1], ["anthropic-strict"], "error")
    assert report is not None  # the lint ran and found the open objects
    assert _entries() == 0
