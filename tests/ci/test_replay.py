"""``schemadrift replay``: recorded calls in every shape, validated against the current tools
(by default), the baseline snapshot (``--baseline``) or a file (``--tools``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from schemadrift.errors import InputError
from schemadrift.replay import read_calls, replay
from tests.conftest import Run
from tests.helpers.tools import tools_of

WEATHER = {
    "name": "get_weather",
    "input_schema": {
        "type": "object",
        "properties": {"city": {"type": "string"}, "units": {"enum": ["c", "f"]}},
        "required": ["city"],
        "additionalProperties": False,
    },
}

RECORDED = [
    # OpenAI chat completion message: valid
    {
        "role": "assistant",
        "tool_calls": [
            {
                "id": "c1",
                "type": "function",
                "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'},
            }
        ],
    },
    # Anthropic tool_use: "kelvin" is no longer an allowed unit
    {
        "role": "assistant",
        "content": [
            {"type": "text", "text": "checking"},
            {
                "type": "tool_use",
                "id": "t1",
                "name": "get_weather",
                "input": {"city": "Rome", "units": "kelvin"},
            },
        ],
    },
    # a tool result message holds no call
    {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "20"}]},
    # MCP tools/call: city is missing
    {
        "jsonrpc": "2.0",
        "id": 4,
        "method": "tools/call",
        "params": {"name": "get_weather", "arguments": {"units": "c"}},
    },
    # OpenAI Responses function_call: valid
    {
        "type": "function_call",
        "call_id": "r1",
        "name": "get_weather",
        "arguments": '{"city": "Lima", "units": "f"}',
    },
    # a full chat completion response calling a tool that no longer exists
    {
        "choices": [
            {
                "message": {
                    "role": "assistant",
                    "tool_calls": [
                        {
                            "id": "c9",
                            "type": "function",
                            "function": {"name": "get_time", "arguments": "{}"},
                        }
                    ],
                }
            }
        ]
    },
]


def _write(tmp_path: Path, lines: list[Any]) -> Path:
    path = tmp_path / "calls.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    (tmp_path / "tools.json").write_text(json.dumps([WEATHER]), encoding="utf-8")
    return path


def test_every_shape_is_read() -> None:
    """OpenAI, Responses, Anthropic and MCP calls are found; other messages hold none."""
    text = "".join(json.dumps(line) + "\n" for line in RECORDED)
    calls = read_calls(text, "calls.jsonl")
    assert [(c.line, c.shape, c.tool) for c in calls] == [
        (1, "openai", "get_weather"),
        (2, "anthropic", "get_weather"),
        (4, "mcp", "get_weather"),
        (5, "openai-responses", "get_weather"),
        (6, "openai", "get_time"),
    ]
    assert calls[0].arguments == {"city": "Oslo"}


def test_rejections_carry_the_failing_pointer() -> None:
    """Each rejected call names the argument that fails, or the whole arguments object."""
    text = "".join(json.dumps(line) + "\n" for line in RECORDED)
    rejected = replay(read_calls(text, "calls.jsonl"), tools_of(WEATHER))
    assert [(r.call.line, r.pointer) for r in rejected] == [(2, "/units"), (4, ""), (6, "")]
    assert rejected[0].schema_pointer == "/input_schema/properties/units/enum"
    assert "city" in rejected[1].message
    assert "get_time" in rejected[2].message


def test_unparseable_arguments_are_rejected() -> None:
    """An OpenAI arguments string that is not JSON is reported, not crashed on."""
    line = {"type": "function", "function": {"name": "get_weather", "arguments": "{city: Oslo"}}
    rejected = replay(read_calls(json.dumps(line), "x.jsonl"), tools_of(WEATHER))
    assert len(rejected) == 1
    assert rejected[0].message.startswith("arguments are not valid JSON")


def test_remote_ref_is_never_fetched() -> None:
    """A schema with a remote $ref is an input error, not a network request."""
    tool = {"name": "t", "input_schema": {"$ref": "https://example.com/schema.json"}}
    line = {"type": "tool_use", "name": "t", "input": {}}
    with pytest.raises(InputError, match="never uses the network"):
        replay(read_calls(json.dumps(line), "x.jsonl"), tools_of(tool))


def test_line_of_no_known_shape_is_exit_2(tmp_path: Path, run_cli: Callable[..., Run]) -> None:
    """A line that is no recorded call names the file and line and exits 2."""
    path = _write(tmp_path, [{"hello": 1}])
    done = run_cli("replay", str(path), "--tools", str(tmp_path / "tools.json"), cwd=tmp_path)
    assert done.code == 2
    assert "calls.jsonl:1" in done.err and done.out == ""


def test_cli_reports_rejected_calls_and_exits_1(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    """The command lists each rejected call with file, line and pointer, and exits 1."""
    path = _write(tmp_path, RECORDED)
    done = run_cli("replay", "calls.jsonl", "--tools", "tools.json", cwd=tmp_path)
    assert done.code == 1, done.err
    assert "calls.jsonl:2 (content[1]): get_weather: rejected at /units:" in done.out
    assert "calls.jsonl:4 (params): get_weather: rejected at (arguments):" in done.out
    assert done.out.rstrip().endswith(
        "5 recorded calls replayed: 3 rejected by the tools in tools.json"
    )
    data = json.loads(run_cli("replay", str(path), "--tools", "tools.json", "--format", "json").out)
    assert [item["pointer"] for item in data["rejected"]] == ["/units", "", ""]


def test_cli_replays_against_the_current_tools_unless_told_otherwise(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    """Without --tools the calls meet the tools as the sources give them now (what a user asks
    before merging), not the baseline; --baseline uses the baseline. Each summary says which."""
    call = {"type": "tool_use", "name": "get_weather", "input": {"city": "Rome", "units": "k"}}
    _write(tmp_path, [RECORDED[0], call])
    (tmp_path / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ files = "tools.json" }]\n', encoding="utf-8"
    )
    widened = json.loads(json.dumps(WEATHER))
    widened["input_schema"]["properties"]["units"] = {"type": "string"}
    (tmp_path / "tools.json").write_text(json.dumps([widened]), encoding="utf-8")
    assert run_cli("snapshot", cwd=tmp_path).code == 0  # the baseline accepts any unit
    (tmp_path / "tools.json").write_text(json.dumps([WEATHER]), encoding="utf-8")  # now c or f

    current = run_cli("replay", "calls.jsonl", cwd=tmp_path)
    assert current.code == 1, current.err
    assert current.out.rstrip().splitlines()[-1] == (
        "2 recorded calls replayed: 1 rejected by the current tools "
        "(extracted from the configured sources)"
    )
    baseline = run_cli("replay", "calls.jsonl", "--baseline", cwd=tmp_path)
    assert baseline.code == 0, baseline.err
    assert baseline.out.rstrip() == (
        "2 recorded calls replayed: 0 rejected by the baseline snapshot schemadrift.lock.json"
    )
    data = json.loads(run_cli("replay", "calls.jsonl", "--format", "json", cwd=tmp_path).out)
    assert data["against"] == {"tools": "current", "label": "pyproject.toml"}
    assert [item["pointer"] for item in data["rejected"]] == ["/units"]


def test_cli_help_says_which_tools(run_cli: Callable[..., Run]) -> None:
    """The help names the default (the current tools) and both other choices."""
    text = " ".join(run_cli("replay", "--help").out.split())
    assert "against the current tools (extracted from the configured sources" in text
    assert "--baseline" in text and "--tools" in text
    assert "current schemas" not in text


def test_cli_without_sources_says_how_to_name_the_tools(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    """No sources and no --tools/--baseline is exit 2 naming both options, not a traceback."""
    _write(tmp_path, RECORDED[:1])
    done = run_cli("replay", "calls.jsonl", cwd=tmp_path)
    assert done.code == 2 and done.out == ""
    assert "--tools" in done.err and "--baseline" in done.err
    both = run_cli("replay", "calls.jsonl", "--tools", "tools.json", "--baseline", cwd=tmp_path)
    assert both.code == 2 and "pass one of them" in both.err
