"""`schemadrift ack`: acknowledgements written to schemadrift.acks.toml and honoured by `check`."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from schemadrift.acks import Ack, edited, parse_acks
from tests.conftest import Run

BEFORE = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "units": {"enum": ["c", "f"]}},
    "required": ["city"],
}
AFTER = {
    "type": "object",
    "properties": {"city": {"type": "string"}, "units": {"enum": ["c"]}},
    "required": ["city"],
}


def write_tool(root: Path, schema: object) -> None:
    tool = {"name": "get_weather", "description": "Weather.", "input_schema": schema}
    (root / "tools" / "w.json").write_text(json.dumps(tool), "utf-8")


@pytest.fixture
def project(tmp_path: Path, run_cli: Callable[..., Run]) -> Path:
    """A project whose baseline accepts `units: "f"` and whose current tool does not."""
    (tmp_path / "tools").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.schemadrift]\nsources = [{ files = "tools/*.json" }]\n', "utf-8"
    )
    write_tool(tmp_path, BEFORE)
    assert run_cli("snapshot", cwd=tmp_path).code == 0
    write_tool(tmp_path, AFTER)
    return tmp_path


def findings(run: Run) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads(run.out)["findings"]
    return data


def test_ack_all_turns_the_run_green(project: Path, run_cli: Callable[..., Run]) -> None:
    """`ack --all` adopts every current finding; `check` then passes and lists them as acknowledged."""
    assert run_cli("check", cwd=project).code == 1
    done = run_cli("ack", "--all", "--reason", "adopting schemadrift", cwd=project)
    assert done.code == 0, done.err
    acks = parse_acks((project / "schemadrift.acks.toml").read_text("utf-8"), "acks")
    assert [a.rule for a in acks] == ["diff/enum-value-removed"]
    checked = run_cli("check", "--format", "json", cwd=project)
    assert checked.code == 0
    report = json.loads(checked.out)
    assert report["summary"]["acknowledged"] == 1 and report["summary"]["error"] == 0
    assert [f["acknowledged"] for f in report["findings"]] == [True]


def test_ack_one_fingerprint(project: Path, run_cli: Callable[..., Run]) -> None:
    """Acking one fingerprint records rule, tool, pointer, reason and expiry."""
    found = findings(run_cli("check", "--format", "json", cwd=project))
    fingerprint = str(found[0]["fingerprint"])
    done = run_cli("ack", fingerprint, "--reason", "known", "--expires", "2999-01-31", cwd=project)
    assert done.code == 0, done.err
    (ack,) = parse_acks((project / "schemadrift.acks.toml").read_text("utf-8"), "acks")
    assert (ack.fingerprint, ack.tool, ack.pointer, ack.expires) == (
        fingerprint,
        "get_weather",
        "/input_schema/properties/units/enum",
        date(2999, 1, 31),
    )
    assert run_cli("check", cwd=project).code == 0


def test_expired_ack_fails_again(project: Path, run_cli: Callable[..., Run]) -> None:
    """An ack past its expiry date no longer acknowledges its finding."""
    fingerprint = str(findings(run_cli("check", "--format", "json", cwd=project))[0]["fingerprint"])
    assert (
        run_cli("ack", fingerprint, "--reason", "old", "--expires", "2000-01-01", cwd=project).code
        == 0
    )
    again = run_cli("check", "--format", "json", cwd=project)
    assert again.code == 1
    assert "expired" in str(findings(again)[0]["message"])


def test_unmatched_ack_is_stale(project: Path, run_cli: Callable[..., Run]) -> None:
    """An ack whose fingerprint matches no finding is reported under stale_acks."""
    text = edited(
        "version = 1\n", [Ack("0123456789abcdef", "gone", rule="diff/tool-removed", tool="x")]
    )
    (project / "schemadrift.acks.toml").write_text(text, "utf-8")
    report = json.loads(run_cli("check", "--format", "json", cwd=project).out)
    assert [a["fingerprint"] for a in report["stale_acks"]] == ["0123456789abcdef"]


def test_unknown_fingerprint_is_exit_2(project: Path, run_cli: Callable[..., Run]) -> None:
    """Acking a fingerprint no current finding has is a usage error (exit 2), nothing written."""
    done = run_cli("ack", "ffffffffffffffff", "--reason", "x", cwd=project)
    assert done.code == 2 and "no current finding" in done.err
    assert not (project / "schemadrift.acks.toml").exists()


def test_reason_is_quoted_and_round_trips() -> None:
    """Reasons with quotes, backslashes, newlines and control characters survive the TOML file."""
    reason = 'he said "ok"\\ then\nleft\ttab \x01 ünïcode'
    ack = Ack(
        "0123456789abcdef",
        reason,
        rule="r/x",
        tool='t"1',
        pointer="/a~1b",
        expires=date(2030, 5, 1),
    )
    (back,) = parse_acks(edited("version = 1\n", [ack]), "acks")
    assert back == ack


def test_bad_acks_file_is_exit_2(project: Path, run_cli: Callable[..., Run]) -> None:
    """A malformed acks file is a configuration error naming the file and the entry."""
    (project / "schemadrift.acks.toml").write_text(
        'version = 1\n[[ack]]\nfingerprint = "xyz"\nreason = "r"\n', "utf-8"
    )
    done = run_cli("check", cwd=project)
    assert done.code == 2 and "schemadrift.acks.toml" in done.err and "ack[0]" in done.err


def test_ack_keeps_the_files_comments(project: Path, run_cli: Callable[..., Run]) -> None:
    """Attack row 23: `ack` edits the file; what the team wrote in it stays."""
    path = project / "schemadrift.acks.toml"
    path.write_text("# reviewed by security, ticket SEC-123\nversion = 1\n", "utf-8")
    fingerprint = str(findings(run_cli("check", "--format", "json", cwd=project))[0]["fingerprint"])
    assert run_cli("ack", fingerprint, "--reason", "known", cwd=project).code == 0
    text = path.read_text("utf-8")
    assert text.startswith("# reviewed by security, ticket SEC-123\nversion = 1\n")
    assert [a.fingerprint for a in parse_acks(text, "acks")] == [fingerprint]
