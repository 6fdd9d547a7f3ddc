"""The acks file: strict to read, kind to what people wrote, safe under concurrent writers.

Attack report rows 9 and 23: eight parallel ``ack`` runs kept only five or six of their
entries (a read-modify-write with no lock), every ``ack`` dropped the file's comments, and a
``version = "banana"`` was accepted.
"""

from __future__ import annotations

import multiprocessing
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemadrift.acks import ACKS_HEADER, Ack, edited, parse_acks, record
from schemadrift.errors import ConfigError

AWKWARD = [
    'say "hi"',
    "back\\slash and \\n literally",
    "line one\nline two",
    "tab\there",
    "nul \x00 bell \x07 escape \x1b unit \x1f delete \x7f",
    "C1 control \x85 and \x9f",
    "non-ASCII: café, 日本語, \u202e bidi override",
    "emoji: 🚀 👩\u200d👩\u200d👧",
    'triple """ quotes """',
    "single ''' quotes",
    "ends with a backslash \\",
    '[[ack]]\nfingerprint = "ffffffffffffffff"',
    "line separator \u2028 paragraph \u2029",
]
REVIEWED = (
    "# Findings this project accepts.\n"
    "version = 1\n"
    "\n"
    "# reviewed by security, ticket SEC-123\n"
    "[[ack]]\n"
    'fingerprint = "00000000000000aa"\n'
    'rule = "openai-strict/additional-properties-false"\n'
    'reason = "the tool is never sent in strict mode"  # until Q3\n'
)


def fp(number: int) -> str:
    return f"{number:016x}"


@pytest.mark.parametrize("reason", AWKWARD)
def test_awkward_reasons_round_trip(reason: str) -> None:
    ack = Ack(fp(1), reason, rule="r/x", tool="t", pointer="/input_schema", dialect="openai")
    text = edited(ACKS_HEADER + "version = 1\n", [ack])
    tomllib.loads(text)
    assert parse_acks(text, "acks.toml") == [ack]


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1).filter(str.strip), st.dates())
def test_any_reason_and_date_round_trip(reason: str, expires: date) -> None:
    ack = Ack(fp(2), reason, expires=expires)
    assert parse_acks(edited("version = 1\n", [ack]), "acks.toml") == [ack]


def test_comments_layout_and_order_are_kept() -> None:
    """A new ack is appended; the reviewed entry, its comments and its place stay as written."""
    text = edited(REVIEWED, [Ack(fp(3), "new one", rule="r/y")])
    assert text.startswith(REVIEWED)
    assert [a.fingerprint for a in parse_acks(text, "acks.toml")] == ["00000000000000aa", fp(3)]


def test_acking_again_updates_the_entry_in_place() -> None:
    text = edited(REVIEWED, [Ack("00000000000000aa", "still true", expires=date(2027, 1, 31))])
    (ack,) = parse_acks(text, "acks.toml")
    assert (ack.reason, ack.expires, ack.rule) == (
        "still true",
        date(2027, 1, 31),
        "openai-strict/additional-properties-false",
    )
    assert "# reviewed by security, ticket SEC-123" in text


@pytest.mark.parametrize("version", ['"banana"', "99", "1.0", "true"])
def test_a_version_other_than_1_is_refused(version: str) -> None:
    with pytest.raises(ConfigError, match="version must be 1"):
        parse_acks(f"version = {version}\n", "acks.toml")


def test_record_refuses_to_edit_a_file_it_would_not_read(tmp_path: Path) -> None:
    path = tmp_path / "schemadrift.acks.toml"
    path.write_text('version = "banana"\n')
    with pytest.raises(ConfigError):
        record(path, "schemadrift.acks.toml", [Ack(fp(4), "r")])
    assert path.read_text() == 'version = "banana"\n'


def _ack_one(path: str, number: int) -> None:
    record(Path(path), "schemadrift.acks.toml", [Ack(fp(number), f"reason {number}")])


def test_concurrent_writers_keep_every_entry(tmp_path: Path) -> None:
    """Eight processes record one ack each at the same moment: all eight are in the file,
    and the comments written before them too."""
    path = tmp_path / "schemadrift.acks.toml"
    path.write_text(REVIEWED)
    context = multiprocessing.get_context("fork")
    processes = [
        context.Process(target=_ack_one, args=(str(path), number)) for number in range(10, 18)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    acks = parse_acks(path.read_text("utf-8"), "acks.toml")
    assert {a.fingerprint for a in acks} == {"00000000000000aa", *(fp(n) for n in range(10, 18))}
    assert "# reviewed by security, ticket SEC-123" in path.read_text("utf-8")
