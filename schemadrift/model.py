"""The shared vocabulary of the pipeline: tools, snapshots, findings and changes.

Everything here is a frozen record of plain JSON values. Sources produce ``Tool``s, the engine
and the diff produce ``Finding``s, policy turns them into a ``RunResult`` and reporters read only
that. No module in the core passes framework or library objects across these boundaries.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NewType

JSON = Any
"""A JSON value as parsed by ``json.loads``: dict, list, str, int, float, bool or None."""

Pointer = NewType("Pointer", str)
"""An RFC 6901 JSON pointer from the root of a tool record, e.g. ``/input_schema/properties/x``."""

RuleId = NewType("RuleId", str)
"""A stable rule identifier, ``pack/kebab-name``."""

DialectId = NewType("DialectId", str)
"""A provider dialect identifier such as ``openai-strict``."""

FORMAT_VERSION = 1
"""The snapshot format this schemadrift writes and the newest one it reads."""

REPORT_FORMAT_VERSION = 1
"""The version of the JSON report contract (``schemadrift report-schema``)."""


class Severity(enum.IntEnum):
    """How bad a finding is; ordered so that ``max()`` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a tool came from.

    ``location`` is a repo-relative POSIX path, ``module:attr`` or a command line; never an
    absolute path, so snapshots match across machines. ``line`` is the 1-based line of the tool
    in ``location`` when the source is a file and the line could be found.
    """

    kind: str  # "file", "python", "command", "mcp"
    shape: str  # "openai", "openai-responses", "anthropic", "gemini", "bedrock", "mcp", "bare", ...
    location: str | None = None
    line: int | None = None
    generator: str | None = None

    def to_json(self) -> dict[str, JSON]:
        return {
            "kind": self.kind,
            "shape": self.shape,
            "location": self.location,
            "line": self.line,
            "generator": self.generator,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, JSON]) -> Origin:
        return cls(
            kind=str(data.get("kind") or "file"),
            shape=str(data.get("shape") or "bare"),
            location=data.get("location"),
            line=data.get("line"),
            generator=data.get("generator"),
        )


@dataclass(frozen=True, slots=True)
class Tool:
    """One tool as a provider would receive it.

    ``input_schema`` and ``output_schema`` are kept exactly as emitted (key order reaches the
    model). ``variants`` maps a dialect id to the schema a framework renders for that provider
    before sending. ``envelope`` is the tool object as found, minus its schema values, so that
    envelope rules can see which keys the provider will receive. ``name_from_file`` is true when
    the name was made up from a file name (a bare schema), so name rules skip it.

    ``builtin`` names a tool the provider implements itself (an Anthropic server tool such as
    ``web_search_20250305``, OpenAI's hosted ``file_search``, Gemini's ``googleSearch``): its
    ``type`` or Gemini ``Tool`` field. Such a tool has no schema of the user's to judge
    (``input_schema`` is ``None``), yet it is part of the request: it counts toward tool limits
    and duplicate names, and only the rules that judge the envelope run on it.
    """

    name: str
    input_schema: JSON
    origin: Origin
    description: str | None = None
    output_schema: JSON = None
    strict: bool | None = None
    variants: Mapping[str, JSON] = field(default_factory=dict)
    envelope: Mapping[str, JSON] = field(default_factory=dict)
    name_from_file: bool = False
    builtin: str | None = None

    @property
    def envelope_written(self) -> bool:
        """Whether the user wrote the envelope the provider receives (files, command output,
        MCP listings, plain dicts in a Python source), so that envelope rules may judge it.

        A tool an adapter extracted from a framework object (a LangChain ``@tool``, a
        LlamaIndex ``FunctionTool``, an Agents SDK ``FunctionTool``...) is sent in whatever
        envelope the framework builds for each provider: ``ChatAnthropic`` turns the same tool
        into an Anthropic tool, ``ChatGoogleGenerativeAI`` into a declaration. Its recorded
        ``envelope`` is one rendering, not something the user can fix. Adapters, and only
        adapters, record ``Origin.generator`` (the distribution that generated the tool), which
        is what this reads: snapshots already carry it, so every lock file and pytest golden
        written before keeps its bytes and reads the same.
        """
        return self.origin.generator is None

    def schema_for(self, dialect: str) -> tuple[str, JSON]:
        """The pointer prefix and schema that ``dialect`` judges: its variant, else the raw one."""
        if dialect in self.variants:
            return f"/variants/{escape_token(dialect)}", self.variants[dialect]
        return "/input_schema", self.input_schema

    def sort_key(self) -> tuple[str, str, str]:
        return (self.name, self.origin.location or "", self.origin.shape)

    def to_json(self) -> dict[str, JSON]:
        data: dict[str, JSON] = {
            "name": self.name,
            "description": self.description,
            "input_schema": self.input_schema,
            "output_schema": self.output_schema,
            "strict": self.strict,
            "origin": self.origin.to_json(),
        }
        if self.variants:
            data["variants"] = {key: self.variants[key] for key in sorted(self.variants)}
        if self.envelope:
            data["envelope"] = dict(self.envelope)
        if self.name_from_file:
            data["name_from_file"] = True
        if self.builtin is not None:
            data["builtin"] = self.builtin
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, JSON]) -> Tool:
        return cls(
            name=str(data["name"]),
            description=data.get("description"),
            input_schema=data.get("input_schema"),
            output_schema=data.get("output_schema"),
            strict=data.get("strict"),
            origin=Origin.from_json(data.get("origin") or {}),
            variants=dict(data.get("variants") or {}),
            envelope=dict(data.get("envelope") or {}),
            name_from_file=bool(data.get("name_from_file", False)),
            builtin=builtin if isinstance(builtin := data.get("builtin"), str) else None,
        )


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A set of tools plus the package versions that produced them."""

    tools: tuple[Tool, ...]
    packages: Mapping[str, str] = field(default_factory=dict)
    generator: Mapping[str, JSON] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION


@dataclass(frozen=True, slots=True)
class Change:
    """One semantic difference between a baseline and the current tools."""

    kind: str
    pointer: str
    before: JSON = None
    after: JSON = None
    side: str = "input"  # "input" | "output" | "tool"


VERDICTS = ("rejected", "accepted", "ignored")
"""What a piece of evidence says a provider did with the construct a rule judges: ``rejected``
(the request failed), ``accepted`` (it went through and the construct is honoured) or
``ignored`` (it went through and the construct is not enforced). Evidence with no verdict
(``""``) is background: a schemadrift design note, an adapter that rewrites without saying
why."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a rule's claim about a provider comes from, and what it says the provider did.

    Providers change what they accept, so a verdict is only as good as its date: ``date`` is
    when the verdict held (an error's date, the day a document was read), and of several
    dated verdicts about one construct the newest wins (``registry.Claim``). An old rejection
    followed by a newer acceptance is a dated conflict, never an error.
    """

    url: str
    kind: str  # "documented" | "observed" | "adapter" | "inference"
    date: str  # ISO date the evidence was read or dated
    note: str = ""
    verdict: str = ""  # one of VERDICTS, or "" for background

    def rejects(self, note: str | None = None) -> Evidence:
        """This evidence, as a rejection (a shared record is read as a verdict per use)."""
        return Evidence(
            self.url, self.kind, self.date, self.note if note is None else note, "rejected"
        )

    def accepts(self, note: str | None = None) -> Evidence:
        """This evidence, as an acceptance."""
        return Evidence(
            self.url, self.kind, self.date, self.note if note is None else note, "accepted"
        )

    def ignores(self, note: str | None = None) -> Evidence:
        """This evidence, as "accepted and not enforced"."""
        return Evidence(
            self.url, self.kind, self.date, self.note if note is None else note, "ignored"
        )

    @property
    def source(self) -> str:
        """A short citation for messages: ``openai-agents-python #4390`` for a GitHub issue or
        pull request, else the host and path."""
        return cite(self.url)


def cite(url: str) -> str:
    """A short citation of an evidence URL for one-line messages: ``repo #n`` for a GitHub issue
    or pull request, ``repo file`` for a file in a repository, else the host and last path
    segment."""
    text = url.split("://", 1)[-1].split("#", 1)[0].rstrip("/")
    parts = text.split("/")
    if parts[0] == "github.com" and len(parts) >= 3:
        repo = parts[2]
        kind = parts[3] if len(parts) > 3 else ""
        if kind in ("issues", "pull") and len(parts) > 4:
            return f"{repo} #{parts[4]}"
        if kind == "commit" and len(parts) > 4:
            return f"{repo} {parts[4][:8]}"
        if kind in ("blob", "tree") and len(parts) > 5:
            return f"{repo} {parts[-1]}"
        return repo
    if len(parts) > 2:
        return f"{parts[0]} …/{parts[-1]}"
    return text


@dataclass(frozen=True, slots=True)
class Bump:
    """A package whose version changed between the baseline and the current run."""

    package: str
    before: str | None
    after: str | None

    def to_json(self) -> dict[str, JSON]:
        return {"package": self.package, "before": self.before, "after": self.after}

    def __str__(self) -> str:
        return f"{self.package} {self.before or '(absent)'} → {self.after or '(absent)'}"


FINGERPRINT_SEPARATOR = "\u241f"


@functools.cache
def _sha256() -> Callable[[bytes], Any]:
    """``hashlib.sha256``, imported on first use: loading OpenSSL costs ~4 ms at start-up, and a
    text ``lint`` computes no fingerprint (``check`` computes thousands, hence the cache)."""
    import hashlib

    return hashlib.sha256


def fingerprint(
    rule: str, tool: str | None, pointer: str, dialect: str | None, extra: str | None = None
) -> str:
    """The stable identity of a finding: 16 hex chars of sha256 over its identity fields.

    Acks and SARIF baselines store this value; never change the fields or their order.
    Message text is deliberately not part of it, so rewording a message un-acks nothing.
    """
    parts = [rule, tool or "", pointer, dialect or ""]
    if extra is not None:
        parts.append(extra)
    # ``surrogatepass``: a lone surrogate (a JSON string may hold one) hashes instead of
    # failing; every other string encodes exactly as strict UTF-8, so no fingerprint moves.
    digest = _sha256()(FINGERPRINT_SEPARATOR.join(parts).encode("utf-8", "surrogatepass"))
    return str(digest.hexdigest()[:16])


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding can be shown in the user's files."""

    file: str | None = None
    line: int | None = None

    def to_json(self) -> dict[str, JSON]:
        return {"file": self.file, "line": self.line}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem (lint) or one classified change (diff)."""

    rule_id: str
    severity: Severity
    tool: str | None
    pointer: str
    message: str
    dialect: str | None = None
    hint: str | None = None
    kind: str | None = None
    consumers: tuple[str, ...] = ()
    witness: JSON = None
    has_witness: bool = False
    attribution: tuple[Bump, ...] = ()
    location: Location = Location()
    acknowledged: bool = False
    discriminator: str | None = None  # the changed value, for diff kinds that repeat at a pointer
    change: Change | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(*self.identity)

    @property
    def identity(self) -> tuple[str, str | None, str, str | None, str | None]:
        """The fields ``fingerprint`` hashes: equal identities, equal fingerprints. Comparing
        these is what a run does with thousands of findings (no sha256 each)."""
        return (self.rule_id, self.tool, self.pointer, self.dialect, self.discriminator)

    @property
    def semantic_identity(self) -> tuple[str, str | None, str, str | None, str | None]:
        """``identity`` with the pointer read as the schema node it judges
        (``schema.pointer.schema_node``): the same rule at the same place of the contract,
        when a generator only rewrote the schema around it. ``check`` matches baseline
        findings by it."""
        from schemadrift.schema.keywords import schema_node

        return (
            self.rule_id,
            self.tool,
            schema_node(self.pointer),
            self.dialect,
            self.discriminator,
        )

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (
            self.tool or "",
            self.pointer,
            self.rule_id,
            self.dialect or "",
            self.discriminator or "",
        )


def escape_token(token: str) -> str:
    """Escape one reference token for a JSON pointer (RFC 6901 §3)."""
    return token.replace("~", "~0").replace("/", "~1")
