"""The acks file writer: ``toml_string`` writes TOML basic strings that ``tomllib`` reads back
exactly, and ``dump_acks`` writes a deterministic file that ``parse_acks`` reads back."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemadrift.errors import ConfigError
from schemadrift.policy import ACKS_HEADER, Ack, dump_acks, parse_acks, toml_string

FP = "0123456789abcdef"

AWKWARD = [
    'say "hi"',
    "back\\slash and \\n literally",
    "line one\nline two",
    "tab\there",
    "carriage\r\nreturn",
    "nul \x00 bell \x07 escape \x1b unit \x1f delete \x7f",
    "C1 control \x85 and \x9f",
    "non-ASCII: café, Straße, 日本語, \u202e bidi override",
    "emoji: 🚀 👩\u200d👩\u200d👧 🇫🇷",
    'triple """ quotes """',
    "single ''' quotes",
    "ends with a backslash \\",
    "\\u0041 is not an escape here",
    '[[ack]]\nfingerprint = "ffffffffffffffff"',
    " leading and trailing space ",
    "line separator \u2028 paragraph \u2029 BOM \ufeff",
]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("plain", '"plain"'),
        ("", '""'),
        ('a"b', '"a\\"b"'),
        ("a\\b", '"a\\\\b"'),
        ("a\nb", '"a\\nb"'),
        ("a\tb", '"a\\tb"'),
        ("a\rb", '"a\\rb"'),
        ("\x00", '"\\u0000"'),
        ("\x08", '"\\u0008"'),
        ("\x0c", '"\\u000C"'),
        ("\x1f", '"\\u001F"'),
        ("\x7f", '"\\u007F"'),
        ("\x85", '"\x85"'),  # C1 controls need no escape in TOML
        ("é", '"é"'),
        ("🚀", '"🚀"'),
        ('"""', '"\\"\\"\\""'),
        ("'''", "\"'''\""),
    ],
)
def test_toml_string_exact(text: str, written: str) -> None:
    assert toml_string(text) == written


@pytest.mark.parametrize("text", AWKWARD)
def test_toml_string_reads_back(text: str) -> None:
    assert tomllib.loads(f"k = {toml_string(text)}\n") == {"k": text}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_toml_string_reads_back_any_text(text: str) -> None:
    assert tomllib.loads(f"k = {toml_string(text)}\n") == {"k": text}


def test_dump_acks_exact_text() -> None:
    acks = [
        Ack(
            FP,
            'say "hi"\n',
            rule="diff/type-narrowed",
            tool="t",
            pointer="/properties/a",
            dialect="openai",
            expires=date(2030, 1, 2),
        ),
        Ack("fedcba9876543210", "r"),
    ]
    assert dump_acks(acks) == (
        ACKS_HEADER
        + "version = 1\n"
        + "\n[[ack]]\n"
        + 'fingerprint = "fedcba9876543210"\n'
        + 'reason = "r"\n'
        + "\n[[ack]]\n"
        + 'fingerprint = "0123456789abcdef"\n'
        + 'rule = "diff/type-narrowed"\n'
        + 'tool = "t"\n'
        + 'pointer = "/properties/a"\n'
        + 'dialect = "openai"\n'
        + 'reason = "say \\"hi\\"\\n"\n'
        + "expires = 2030-01-02\n"
    )


def test_an_empty_file_is_the_header_and_version() -> None:
    text = dump_acks([])
    assert text == ACKS_HEADER + "version = 1\n"
    assert tomllib.loads(text) == {"version": 1}
    assert parse_acks(text, "acks.toml") == []


@pytest.mark.parametrize("reason", AWKWARD)
def test_round_trip_awkward_reasons(reason: str) -> None:
    ack = Ack(FP, reason, rule=reason, tool=reason, pointer=reason, dialect=reason)
    text = dump_acks([ack])
    assert parse_acks(text, "acks.toml") == [ack]
    entry = tomllib.loads(text)["ack"][0]
    assert entry["reason"] == reason
    assert entry["tool"] == reason


@pytest.mark.parametrize(
    "expires", [date(2030, 1, 2), date(1999, 12, 31), date(2024, 2, 29), date(1, 1, 1)]
)
def test_round_trip_expiry_dates(expires: date) -> None:
    ack = Ack(FP, "temporary", expires=expires)
    text = dump_acks([ack])
    assert f"expires = {expires.isoformat()}\n" in text
    assert tomllib.loads(text)["ack"][0]["expires"] == expires  # a TOML date, not a string
    assert parse_acks(text, "acks.toml") == [ack]


def test_output_is_sorted_and_deterministic() -> None:
    acks = [
        Ack("000000000000000c", "c", tool="b", pointer="/p"),
        Ack("000000000000000a", "a", tool="a", pointer="/z"),
        Ack("000000000000000b", "b", tool="a", pointer="/a"),
        Ack("000000000000000d", "d"),  # no tool sorts first
    ]
    text = dump_acks(acks)
    assert dump_acks(reversed(acks)) == text
    assert dump_acks(acks[2:] + acks[:2]) == text
    assert [ack.fingerprint for ack in parse_acks(text, "acks.toml")] == [
        "000000000000000d",
        "000000000000000b",
        "000000000000000a",
        "000000000000000c",
    ]
    # re-writing what was read changes nothing
    assert dump_acks(parse_acks(text, "acks.toml")) == text


def test_empty_tool_and_dialect_read_back_as_absent() -> None:
    """``parse_acks`` reads an empty ``tool``/``dialect`` as absent (``rule``/``pointer`` stay
    empty strings): the writer writes them, the reader normalises them."""
    text = dump_acks([Ack(FP, "r", rule="", tool="", pointer="", dialect="")])
    assert 'tool = ""\n' in text
    assert parse_acks(text, "acks.toml") == [Ack(FP, "r", rule="", pointer="")]


def test_a_blank_reason_is_written_but_refused_on_reading() -> None:
    text = dump_acks([Ack(FP, " \t\n")])
    assert tomllib.loads(text)["ack"][0]["reason"] == " \t\n"
    with pytest.raises(ConfigError, match="non-empty reason"):
        parse_acks(text, "acks.toml")


optional_text = st.none() | st.text(min_size=1, max_size=12)
acks_strategy = st.builds(
    Ack,
    fingerprint=st.text(alphabet="0123456789abcdef", min_size=16, max_size=16),
    reason=st.text(min_size=1, max_size=30).filter(str.strip),
    rule=st.none() | st.text(max_size=12),
    tool=optional_text,
    pointer=st.none() | st.text(max_size=12),
    dialect=optional_text,
    expires=st.none() | st.dates(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(acks_strategy, max_size=4))
def test_round_trip_any_acks(acks: list[Ack]) -> None:
    """Any acks the reader accepts come back equal, in the file's (sorted) order, from text
    that ``tomllib`` reads; writing the result again gives the same text."""
    text = dump_acks(acks)
    data = tomllib.loads(text)
    assert data["version"] == 1
    assert len(data.get("ack", [])) == len(acks)
    back = parse_acks(text, "acks.toml")
    assert back == sorted(acks, key=Ack.sort_key)
    assert dump_acks(back) == text
