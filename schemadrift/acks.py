"""The acks file (``schemadrift.acks.toml``): findings a team accepted, with a reason.

Reading is strict (``parse_acks``): unknown keys, a ``version`` other than 1, a fingerprint
that is not 16 hex characters or an empty reason are errors naming the file and the entry.

Writing (``record``) keeps what people wrote: the file is a reviewed document, so comments
("reviewed by security, SEC-123"), blank lines and the order of entries survive, and an ack
given again updates its entry in place (``tomlkit`` edits the document rather than dumping a
new one). Concurrent ``ack`` runs (two terminals, a script) take a file lock (``filelock``)
around the read-modify-write, so none loses another's entries; the write itself is atomic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from schemadrift.errors import ConfigError, InputError
from schemadrift.model import Finding
from schemadrift.result import StaleAck

ACKS_VERSION = 1
ACKS_HEADER = (
    "# Findings this project accepts, each with a reason (and optionally an expiry date).\n"
    "# Written by `schemadrift ack`; edit freely: comments and order are kept.\n"
)
LOCK_TIMEOUT = 60.0
"""Seconds an ``ack`` waits for another one to finish writing the file."""

_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")
_ACK_KEYS = ("fingerprint", "rule", "tool", "pointer", "dialect", "reason", "expires")


@dataclass(frozen=True, slots=True)
class Ack:
    """One acknowledged finding."""

    fingerprint: str
    reason: str
    rule: str | None = None
    tool: str | None = None
    pointer: str | None = None
    dialect: str | None = None
    expires: date | None = None

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (
            self.tool or "",
            self.pointer or "",
            self.rule or "",
            self.dialect or "",
            self.fingerprint,
        )

    def stale(self) -> StaleAck:
        return StaleAck(
            self.fingerprint,
            self.rule,
            self.tool,
            self.reason,
            self.expires.isoformat() if self.expires else None,
        )


def parse_date(text: str, where: str) -> date:
    """A ``YYYY-MM-DD`` date; anything else is a ``ConfigError`` naming ``where``."""
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ConfigError(where, f"expected a date as YYYY-MM-DD, got {text!r}") from error


def parse_acks(text: str, label: str) -> list[Ack]:
    """The acks of a ``schemadrift.acks.toml`` text; errors name the file and the entry."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(label, f"invalid TOML: {error}") from error
    unknown = sorted(set(data) - {"version", "ack"})
    if unknown:
        raise ConfigError(label, f"unknown key {unknown[0]!r} (expected version and [[ack]])")
    version = data.get("version", ACKS_VERSION)
    if type(version) is not int or version != ACKS_VERSION:
        raise ConfigError(
            label,
            f"version must be {ACKS_VERSION} (the format this schemadrift reads), got {version!r}",
            pointer="version",
        )
    entries = data.get("ack", [])
    if not isinstance(entries, list):
        raise ConfigError(label, "`ack` must be an array of tables ([[ack]])")
    return [_ack(entry, label, f"ack[{index}]") for index, entry in enumerate(entries)]


def _ack(entry: Any, label: str, where: str) -> Ack:
    if not isinstance(entry, dict):
        raise ConfigError(label, "each ack must be a table", pointer=where)
    extra = sorted(set(entry) - set(_ACK_KEYS))
    if extra:
        raise ConfigError(label, f"unknown key {extra[0]!r}", pointer=where)
    fingerprint = entry.get("fingerprint")
    if not isinstance(fingerprint, str) or not _FINGERPRINT.match(fingerprint):
        raise ConfigError(
            label, "fingerprint must be 16 lowercase hex characters", pointer=f"{where}.fingerprint"
        )
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(label, "every ack needs a non-empty reason", pointer=f"{where}.reason")
    for key in ("rule", "tool", "pointer", "dialect"):
        if key in entry and not isinstance(entry[key], str):
            raise ConfigError(label, f"{key} must be a string", pointer=f"{where}.{key}")
    expires = entry.get("expires")
    if isinstance(expires, str):
        expires = parse_date(expires, f"{label} {where}.expires")
    elif isinstance(expires, datetime):
        expires = expires.date()
    elif expires is not None and not isinstance(expires, date):
        raise ConfigError(label, "expires must be a date (YYYY-MM-DD)", pointer=f"{where}.expires")
    return Ack(
        fingerprint=fingerprint,
        reason=reason,
        rule=entry.get("rule"),
        tool=entry.get("tool") or None,
        pointer=entry.get("pointer"),
        dialect=entry.get("dialect") or None,
        expires=expires,
    )


def ack_for(finding: Finding, reason: str, expires: date | None) -> Ack:
    return Ack(
        fingerprint=finding.fingerprint,
        reason=reason,
        rule=finding.rule_id,
        tool=finding.tool,
        pointer=finding.pointer,
        dialect=finding.dialect,
        expires=expires,
    )


def record(path: Path, label: str, new: Sequence[Ack]) -> None:
    """Add ``new`` to the acks file at ``path`` (created if missing), under a lock: an ack of
    a fingerprint already listed updates that entry's reason and expiry in place; others are
    appended. Comments, blank lines and the order of what is there are kept."""
    from filelock import FileLock, Timeout

    from schemadrift.writing import write_atomic

    lock = FileLock(str(path.parent / f".{path.name}.lock"), timeout=LOCK_TIMEOUT)
    try:
        with lock:
            text = _read(path, label)
            parse_acks(text, label)  # refuse to edit a file we would not read
            write_atomic(path, edited(text, new), label=label)
    except Timeout as error:
        raise InputError(
            label, f"another `schemadrift ack` held the file for {LOCK_TIMEOUT:.0f} s"
        ) from error


def _read(path: Path, label: str) -> str:
    from schemadrift.writing import read_regular

    try:
        return read_regular(path, label).decode("utf-8")
    except FileNotFoundError:
        return ACKS_HEADER + f"version = {ACKS_VERSION}\n"
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(label, f"cannot read the acks file: {error}") from error


def edited(text: str, new: Iterable[Ack]) -> str:
    """``text`` (a valid acks file) with ``new`` recorded, as ``record`` writes it."""
    import tomlkit

    document = tomlkit.parse(text)
    if "version" not in document:
        document["version"] = ACKS_VERSION
    if "ack" not in document:
        document["ack"] = tomlkit.aot()
    entries = document["ack"]
    by_print = {str(entry["fingerprint"]): entry for entry in entries}
    for ack in new:
        entry = by_print.get(ack.fingerprint)
        if entry is None:
            entry = tomlkit.table()
            entry["fingerprint"] = ack.fingerprint
            for key in ("rule", "tool", "pointer", "dialect"):
                value = getattr(ack, key)
                if value is not None:
                    entry[key] = value
            entries.append(entry)
            entry = entries[-1]
            by_print[ack.fingerprint] = entry
        entry["reason"] = ack.reason
        if ack.expires is not None:
            entry["expires"] = ack.expires
        elif "expires" in entry:
            del entry["expires"]
    return tomlkit.dumps(document)
