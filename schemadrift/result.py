"""``RunResult``: everything a reporter may read about a finished run.

Reporters are pure functions of this record (STYLE §9.7); they never see sources, rules
objects or third-party types.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from schemadrift.model import JSON, Finding, Location, Severity


@dataclass(frozen=True, slots=True)
class ToolSummary:
    """One tool of the run with its verdict per targeted dialect (pass / warn / fail)."""

    name: str
    location: Location
    verdicts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StaleAck:
    fingerprint: str
    rule: str | None = None
    tool: str | None = None
    reason: str | None = None
    expires: str | None = None

    def to_json(self) -> dict[str, JSON]:
        return {
            "fingerprint": self.fingerprint,
            "rule": self.rule,
            "tool": self.tool,
            "reason": self.reason,
            "expires": self.expires,
        }


@dataclass(frozen=True, slots=True)
class RunResult:
    command: str  # "check", "lint", "diff"
    findings: tuple[Finding, ...]
    tools: tuple[ToolSummary, ...]
    dialects: tuple[str, ...]
    fail_on: str
    exit_code: int
    stale_acks: tuple[StaleAck, ...] = ()
    baseline: str | None = None
    verbosity: int = 1
    # Where the run started, relative to the repository root ("" at the root): the formats
    # that annotate files (github, sarif) name them from the repository root.
    repository_prefix: str = ""

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity and not f.acknowledged)

    @property
    def acknowledged(self) -> int:
        return sum(1 for f in self.findings if f.acknowledged)
